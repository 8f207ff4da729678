#pragma once

#include "replyrule.h"
#include "replytemplate.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QRegularExpression>

namespace Net {

// What to do about bytes received: nothing (no rule matched), or send
// `reply` after `delayMs` and maybe close.
struct RuleAction
{
    int rule = -1; // index in the rule set of the rule that matched
    QByteArray reply;
    int delayMs = 0;
    bool closeAfter = false;

    bool matched() const { return rule >= 0; }
};

// A rule set made ready to answer: patterns encoded, regular expressions and
// replies parsed once. One engine per running server, on the network thread.
// No I/O and no clock: the caller brings the context (time, random, peer).
//
// {{counter}} counts the replies this engine produced (per server, all rules
// together): the first reply sees 1.
class RuleEngine
{
public:
    RuleEngine() = default;
    explicit RuleEngine(const RuleSet &rules);

    qsizetype size() const { return m_rules.size(); }
    // The index of the first enabled, usable rule that matches, or -1.
    int match(QByteArrayView received) const;
    // Matches, counts the hit and expands the reply. `context.counter` is
    // filled in here, and `context.received` when it is empty.
    RuleAction respond(QByteArrayView received, ReplyContext context);
    // Replies produced per rule, in rule order.
    const QList<qint64> &hits() const { return m_hits; }

    // A context with the wall clock and a random number, for live servers.
    static ReplyContext liveContext(const QHostAddress &peer, quint16 peerPort);

private:
    struct Compiled
    {
        bool usable = false;
        MatchKind match = MatchKind::Contains;
        QByteArray pattern; // Exact/StartsWith/Contains: UTF-8; HexPrefix: the bytes
        QRegularExpression regex;
        ReplyTemplate reply;
        int delayMs = 0;
        bool closeAfter = false;
    };

    QList<Compiled> m_rules;
    QList<qint64> m_hits;
    quint64 m_counter = 0;
};

} // namespace Net
