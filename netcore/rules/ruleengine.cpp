#include "api/ruleengine.h"

#include <QDateTime>
#include <QRandomGenerator>

#include <optional>

namespace Net {

namespace {

// A line typed into nc or telnet ends in "\n" or "\r\n": Exact ignores one.
QByteArrayView withoutLineEnding(QByteArrayView bytes)
{
    if (bytes.endsWith("\r\n"))
        return bytes.chopped(2);
    if (bytes.endsWith('\n'))
        return bytes.chopped(1);
    return bytes;
}

} // namespace

RuleEngine::RuleEngine(const RuleSet &rules)
{
    m_rules.reserve(rules.rules.size());
    for (const ReplyRule &rule : rules.rules) {
        Compiled compiled;
        compiled.usable = rule.enabled && rule.problem().isEmpty();
        compiled.match = rule.match;
        compiled.delayMs = rule.delayMs;
        compiled.closeAfter = rule.closeAfter;
        if (compiled.usable) {
            QString error;
            compiled.reply = ReplyTemplate::parse(rule.reply, rule.replyHex, &error);
            if (rule.match == MatchKind::HexPrefix)
                parseHexDigits(rule.pattern, &compiled.pattern);
            else if (rule.match == MatchKind::Regex)
                compiled.regex = QRegularExpression(rule.pattern);
            else
                compiled.pattern = rule.pattern.toUtf8();
        }
        m_rules.append(compiled);
    }
    m_hits.fill(0, m_rules.size());
}

int RuleEngine::match(QByteArrayView received) const
{
    std::optional<QString> text; // decoded once, and only when a regex asks
    for (qsizetype i = 0; i < m_rules.size(); ++i) {
        const Compiled &rule = m_rules[i];
        if (!rule.usable)
            continue;
        bool hit = false;
        switch (rule.match) {
        case MatchKind::Exact: hit = withoutLineEnding(received) == rule.pattern; break;
        case MatchKind::StartsWith:
        case MatchKind::HexPrefix: hit = received.startsWith(rule.pattern); break;
        case MatchKind::Contains: hit = rule.pattern.isEmpty() || received.contains(rule.pattern); break;
        case MatchKind::Regex:
            if (!text)
                text = QString::fromUtf8(received);
            hit = rule.regex.match(*text).hasMatch();
            break;
        }
        if (hit)
            return int(i);
    }
    return -1;
}

RuleAction RuleEngine::respond(QByteArrayView received, ReplyContext context)
{
    RuleAction action;
    action.rule = match(received);
    if (!action.matched())
        return action;
    const Compiled &rule = m_rules[action.rule];
    ++m_hits[action.rule];
    context.counter = ++m_counter;
    if (context.received.isEmpty())
        context.received = received.toByteArray();
    action.reply = rule.reply.expand(context);
    action.delayMs = rule.delayMs;
    action.closeAfter = rule.closeAfter;
    return action;
}

ReplyContext RuleEngine::liveContext(const QHostAddress &peer, quint16 peerPort)
{
    ReplyContext context;
    context.peerAddress = peer;
    context.peerPort = peerPort;
    context.nowMs = QDateTime::currentMSecsSinceEpoch();
    context.random = quint16(QRandomGenerator::global()->bounded(65536));
    return context;
}

} // namespace Net
