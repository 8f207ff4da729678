#pragma once

// A reply rule in one line, for the server mode suites.

#include "api/replyrule.h"

namespace RuleTest {

inline Net::ReplyRule rule(Net::MatchKind kind, const QString &pattern, const QString &reply, int delayMs = 0,
                           bool closeAfter = false)
{
    Net::ReplyRule r;
    r.match = kind;
    r.pattern = pattern;
    r.reply = reply;
    r.delayMs = delayMs;
    r.closeAfter = closeAfter;
    return r;
}

} // namespace RuleTest
