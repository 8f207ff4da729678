#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Net {

// How a rule's pattern is compared with the bytes received.
enum class MatchKind : quint8 {
    Exact,      // the bytes are the pattern (UTF-8); one trailing "\n" or "\r\n" is ignored
    StartsWith, // the bytes begin with the pattern (UTF-8)
    Contains,   // the pattern (UTF-8) occurs anywhere; an empty pattern matches everything
    Regex,      // QRegularExpression over the bytes decoded as UTF-8 (unanchored: use ^ and $)
    HexPrefix,  // the bytes begin with the pattern's hex digits ("01 02 ff")
};

// "exact", "startsWith", "contains", "regex", "hexPrefix": the JSON names.
QString matchKindName(MatchKind kind);
std::optional<MatchKind> matchKindFromName(const QString &name);

// One auto-reply rule: when received bytes match, answer with `reply`.
struct ReplyRule
{
    // A delay longer than this is refused: a reply meant for minutes later is a mistake.
    static constexpr int MAX_DELAY_MS = 600000;

    QString name;
    bool enabled = true;
    MatchKind match = MatchKind::Contains;
    QString pattern;       // text, or hex digits for HexPrefix
    bool replyHex = false; // reply holds hex digits (macros still allowed)
    QString reply;         // text with {{macros}}, or hex digits with {{macros}}
    int delayMs = 0;       // wait this long before sending the reply
    bool closeAfter = false; // TCP: close once the reply is sent; UDP: forget the peer

    bool operator==(const ReplyRule &) const = default;

    // What makes a rule unusable, for callers that word it themselves.
    enum class Fault : quint8 { None, BadRegex, BadHexPattern, BadHexReply, BadDelay };
    struct Check
    {
        Fault fault = Fault::None;
        QString detail; // BadRegex: Qt's reason; BadHex*: the offending text
        int offset = -1; // BadRegex: the character (from 1) where it went wrong
    };
    Check check() const;
    // Why the rule cannot be used, as one sentence; empty when it can.
    QString problem() const;
};

// The rules of one server, in order: the first enabled rule that matches wins.
struct RuleSet
{
    // A bound on what an imported file can make a server hold.
    static constexpr int MAX_RULES = 1000;

    QList<ReplyRule> rules;

    bool operator==(const RuleSet &) const = default;

    // One sentence per unusable rule ("Rule 2 (ping): ..."); empty when all are fine.
    // An unusable rule never matches.
    QStringList validate() const;
};

} // namespace Net
