#include "api/replytemplate.h"
#include "server/socketaddress.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace Net {

namespace {

int hexValue(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= '0' && u <= '9')
        return u - '0';
    if (u >= 'a' && u <= 'f')
        return u - 'a' + 10;
    if (u >= 'A' && u <= 'F')
        return u - 'A' + 10;
    return -1;
}

} // namespace

bool parseHexDigits(QStringView text, QByteArray *bytes)
{
    QByteArray out;
    out.reserve(text.size() / 2);
    int high = -1;
    for (QChar c : text) {
        if (c.isSpace()) {
            if (high >= 0)
                return false; // "4 8": a byte's two digits belong together
            continue;
        }
        const int value = hexValue(c);
        if (value < 0)
            return false;
        if (high < 0) {
            high = value;
        } else {
            out.append(char(high << 4 | value));
            high = -1;
        }
    }
    if (high >= 0)
        return false;
    *bytes = out;
    return true;
}

ReplyTemplate ReplyTemplate::parse(const QString &reply, bool hex, QString *error)
{
    static const std::pair<QStringView, Part> macros[] = {
        {u"counter", Part::Counter}, {u"time", Part::Time}, {u"unixtime", Part::UnixTime},
        {u"random", Part::Random},   {u"peer", Part::Peer}, {u"rx", Part::Rx}};

    ReplyTemplate result;
    QString literal; // text waiting to become a literal segment
    const auto flushLiteral = [&]() -> bool {
        if (literal.isEmpty())
            return true;
        Segment segment;
        if (hex && !parseHexDigits(literal, &segment.literal)) {
            *error = u"\"%1\" is not hex digits in pairs."_s.arg(literal.trimmed());
            return false;
        }
        if (!hex)
            segment.literal = literal.toUtf8();
        if (!segment.literal.isEmpty())
            result.m_segments.append(segment);
        literal.clear();
        return true;
    };

    error->clear();
    qsizetype at = 0;
    while (at < reply.size()) {
        const qsizetype open = reply.indexOf(u"{{"_s, at);
        const qsizetype close = open < 0 ? -1 : reply.indexOf(u"}}"_s, open + 2);
        if (close < 0) {
            literal += QStringView(reply).mid(at);
            break;
        }
        literal += QStringView(reply).mid(at, open - at);
        const QStringView name = QStringView(reply).mid(open + 2, close - open - 2);
        const auto known = std::find_if(std::begin(macros), std::end(macros),
                                        [&](const auto &macro) { return macro.first == name; });
        if (known == std::end(macros)) {
            literal += QStringView(reply).mid(open, close + 2 - open); // not ours: stays literal
        } else {
            if (!flushLiteral())
                return {};
            result.m_segments.append({known->second, {}});
        }
        at = close + 2;
    }
    if (!flushLiteral())
        return {};
    return result;
}

QByteArray ReplyTemplate::expand(const ReplyContext &context) const
{
    QByteArray out;
    for (const Segment &segment : m_segments) {
        switch (segment.part) {
        case Part::Literal: out += segment.literal; break;
        case Part::Counter: out += QByteArray::number(context.counter); break;
        case Part::Time:
            out += QDateTime::fromMSecsSinceEpoch(context.nowMs).toString(u"HH:mm:ss.zzz"_s).toLatin1();
            break;
        case Part::UnixTime: out += QByteArray::number(context.nowMs / 1000); break;
        case Part::Random: out += QByteArray::number(context.random); break;
        case Part::Peer: out += hostPort(context.peerAddress, context.peerPort).toUtf8(); break;
        case Part::Rx: out += context.received; break;
        }
    }
    return out;
}

} // namespace Net
