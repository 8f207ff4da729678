#pragma once

#include "replyrule.h"

#include <QByteArray>
#include <QString>

namespace Net {

// Rule sets as JSON files:
//   {"format": "wirebench-rules", "version": 1,
//    "rules": [{"name": "ping", "enabled": true, "match": "exact", "pattern": "PING",
//               "replyHex": false, "reply": "PONG {{counter}}\n", "delayMs": 0, "closeAfter": false}]}
// Only "rules" is required, and in each rule only "match"; the other fields
// take their defaults. A file with a newer version is refused.
constexpr int RULES_JSON_VERSION = 1;

QByteArray rulesToJson(const RuleSet &rules);

struct RulesJsonResult
{
    RuleSet rules;
    QString error; // a sentence when the file could not be read as rules
    bool ok() const { return error.isEmpty(); }
};

RulesJsonResult rulesFromJson(const QByteArray &json);

} // namespace Net
