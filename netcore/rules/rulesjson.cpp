#include "api/rulesjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Net {

namespace {

constexpr auto FORMAT_NAME = "wirebench-rules"_L1;

QJsonObject ruleToJson(const ReplyRule &rule)
{
    return QJsonObject{{u"name"_s, rule.name},
                       {u"enabled"_s, rule.enabled},
                       {u"match"_s, matchKindName(rule.match)},
                       {u"pattern"_s, rule.pattern},
                       {u"replyHex"_s, rule.replyHex},
                       {u"reply"_s, rule.reply},
                       {u"delayMs"_s, rule.delayMs},
                       {u"closeAfter"_s, rule.closeAfter}};
}

// Reads one rule; an empty string when it worked, else what is wrong with it.
QString ruleFromJson(const QJsonObject &object, ReplyRule *rule)
{
    const auto wrongType = [](const char *field, const char *type) {
        return u"\"%1\" must be %2."_s.arg(QLatin1StringView(field), QLatin1StringView(type));
    };
    for (const char *field : {"name", "pattern", "reply"}) {
        const QJsonValue value = object.value(QLatin1StringView(field));
        if (!value.isUndefined() && !value.isString())
            return wrongType(field, "text");
    }
    for (const char *field : {"enabled", "replyHex", "closeAfter"}) {
        const QJsonValue value = object.value(QLatin1StringView(field));
        if (!value.isUndefined() && !value.isBool())
            return wrongType(field, "true or false");
    }
    const QJsonValue match = object.value(u"match"_s);
    const auto kind = matchKindFromName(match.toString());
    if (!kind)
        return u"\"match\" must be one of exact, startsWith, contains, regex, hexPrefix."_s;
    const QJsonValue delay = object.value(u"delayMs"_s);
    const double delayMs = delay.toDouble(0);
    if (!delay.isUndefined() && (!delay.isDouble() || delayMs != qint64(delayMs) || delayMs < 0
                                 || delayMs > ReplyRule::MAX_DELAY_MS))
        return u"\"delayMs\" must be a whole number from 0 to %1."_s.arg(ReplyRule::MAX_DELAY_MS);

    rule->name = object.value(u"name"_s).toString();
    rule->enabled = object.value(u"enabled"_s).toBool(true);
    rule->match = *kind;
    rule->pattern = object.value(u"pattern"_s).toString();
    rule->replyHex = object.value(u"replyHex"_s).toBool(false);
    rule->reply = object.value(u"reply"_s).toString();
    rule->delayMs = int(delayMs);
    rule->closeAfter = object.value(u"closeAfter"_s).toBool(false);
    return {};
}

RulesJsonResult failure(const QString &sentence)
{
    RulesJsonResult result;
    result.error = sentence;
    return result;
}

} // namespace

QByteArray rulesToJson(const RuleSet &rules)
{
    QJsonArray list;
    for (const ReplyRule &rule : rules.rules)
        list.append(ruleToJson(rule));
    const QJsonObject root{{u"format"_s, QString(FORMAT_NAME)}, {u"version"_s, RULES_JSON_VERSION}, {u"rules"_s, list}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

RulesJsonResult rulesFromJson(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return failure(u"The rules file is not valid JSON: %1 at byte %2."_s.arg(parseError.errorString())
                           .arg(parseError.offset + 1));
    }
    const QJsonObject root = document.object();
    const QJsonValue format = root.value(u"format"_s);
    if (!document.isObject() || !root.value(u"rules"_s).isArray()
        || (!format.isUndefined() && format.toString() != FORMAT_NAME)) {
        return failure(u"This is not a Wirebench rules file: it needs an object with a \"rules\" list."_s);
    }
    const QJsonValue version = root.value(u"version"_s);
    if (!version.isUndefined() && (!version.isDouble() || version.toInt(-1) < 1))
        return failure(u"The rules file's \"version\" must be a whole number from 1."_s);
    if (version.toInt(RULES_JSON_VERSION) > RULES_JSON_VERSION) {
        return failure(u"The rules file has version %1; this Wirebench reads version %2 and older."_s
                           .arg(version.toInt())
                           .arg(RULES_JSON_VERSION));
    }
    const QJsonArray list = root.value(u"rules"_s).toArray();
    if (list.size() > RuleSet::MAX_RULES)
        return failure(u"The rules file holds %1 rules; at most %2 are allowed."_s.arg(list.size()).arg(RuleSet::MAX_RULES));
    RulesJsonResult result;
    for (qsizetype i = 0; i < list.size(); ++i) {
        ReplyRule rule;
        const QString problem = list[i].isObject() ? ruleFromJson(list[i].toObject(), &rule)
                                                   : u"it is not an object."_s;
        if (!problem.isEmpty())
            return failure(u"Rule %1 in the rules file: %2"_s.arg(i + 1).arg(problem));
        result.rules.rules.append(rule);
    }
    return result;
}

} // namespace Net
