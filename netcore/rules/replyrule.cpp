#include "api/replyrule.h"
#include "api/replytemplate.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Net {

namespace {
constexpr MatchKind ALL_KINDS[] = {MatchKind::Exact, MatchKind::StartsWith, MatchKind::Contains, MatchKind::Regex,
                                   MatchKind::HexPrefix};
} // namespace

QString matchKindName(MatchKind kind)
{
    switch (kind) {
    case MatchKind::Exact: return u"exact"_s;
    case MatchKind::StartsWith: return u"startsWith"_s;
    case MatchKind::Contains: return u"contains"_s;
    case MatchKind::Regex: return u"regex"_s;
    case MatchKind::HexPrefix: return u"hexPrefix"_s;
    }
    return {};
}

std::optional<MatchKind> matchKindFromName(const QString &name)
{
    for (MatchKind kind : ALL_KINDS) {
        if (name.compare(matchKindName(kind), Qt::CaseInsensitive) == 0)
            return kind;
    }
    return std::nullopt;
}

ReplyRule::Check ReplyRule::check() const
{
    if (match == MatchKind::Regex) {
        const QRegularExpression regex(pattern);
        if (!regex.isValid())
            return {Fault::BadRegex, regex.errorString(), int(regex.patternErrorOffset()) + 1};
    }
    QByteArray bytes;
    if (match == MatchKind::HexPrefix && (!parseHexDigits(pattern, &bytes) || bytes.isEmpty()))
        return {Fault::BadHexPattern, pattern.trimmed(), -1};
    QString error;
    ReplyTemplate::parse(reply, replyHex, &error);
    if (!error.isEmpty())
        return {Fault::BadHexReply, reply.trimmed(), -1};
    if (delayMs < 0 || delayMs > MAX_DELAY_MS)
        return {Fault::BadDelay, QString::number(delayMs), -1};
    return {};
}

QString ReplyRule::problem() const
{
    const Check c = check();
    switch (c.fault) {
    case Fault::None: return {};
    case Fault::BadRegex:
        return u"the regular expression is not valid: %1 at character %2."_s.arg(c.detail).arg(c.offset);
    case Fault::BadHexPattern:
        return u"the hex prefix \"%1\" is not hex digits in pairs (e.g. \"02 ff\")."_s.arg(c.detail);
    case Fault::BadHexReply:
        return u"the hex reply \"%1\" is not hex digits in pairs (e.g. \"48 69 0d 0a\")."_s.arg(c.detail);
    case Fault::BadDelay: return u"the delay must be from 0 to %1 ms."_s.arg(MAX_DELAY_MS);
    }
    return {};
}

QStringList RuleSet::validate() const
{
    QStringList problems;
    for (qsizetype i = 0; i < rules.size(); ++i) {
        const QString problem = rules[i].problem();
        if (problem.isEmpty())
            continue;
        const QString name = rules[i].name.isEmpty() ? QString() : u" (%1)"_s.arg(rules[i].name);
        problems.append(u"Rule %1%2: %3"_s.arg(i + 1).arg(name, problem));
    }
    return problems;
}

} // namespace Net
