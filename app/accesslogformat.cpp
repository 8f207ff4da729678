#include "accesslogformat.h"

#include "api/trafficevent.h"

#include <QDateTime>

namespace {

constexpr const char *MONTHS[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

QByteArray twoDigits(int value)
{
    return QByteArray::number(value).rightJustified(2, '0');
}

QByteArray peerText(const Net::TrafficEvent &event)
{
    return event.peerAddress.toString().toLatin1();
}

// CLF quotes the request line; a quote or control byte inside it would let a
// client forge log lines, so those are escaped.
void appendEscaped(QByteArray &out, QByteArrayView text)
{
    for (const char c : text) {
        const auto u = uchar(c);
        if (c == '"' || c == '\\' || u < 0x20 || u >= 0x7f) {
            out += "\\x";
            out += QByteArray::number(u, 16).rightJustified(2, '0');
        } else {
            out += c;
        }
    }
}

} // namespace

QByteArray AccessLogFormat::clfTime(qint64 msSinceEpoch)
{
    const qint64 second = msSinceEpoch / 1000;
    if (second == m_cachedSecond)
        return m_cachedTime;
    const QDateTime local = QDateTime::fromSecsSinceEpoch(second);
    const int offsetMinutes = local.offsetFromUtc() / 60;
    const QDate date = local.date();
    const QTime time = local.time();
    QByteArray text;
    text.reserve(28);
    text += '[' + twoDigits(date.day()) + '/' + MONTHS[date.month() - 1] + '/' + QByteArray::number(date.year())
        + ':' + twoDigits(time.hour()) + ':' + twoDigits(time.minute()) + ':' + twoDigits(time.second()) + ' '
        + (offsetMinutes < 0 ? '-' : '+') + twoDigits(qAbs(offsetMinutes) / 60) + twoDigits(qAbs(offsetMinutes) % 60)
        + ']';
    m_cachedSecond = second;
    m_cachedTime = text;
    return text;
}

QByteArray AccessLogFormat::serverName(const Net::TrafficEvent &event) const
{
    const auto it = m_names.constFind(event.server);
    return it != m_names.cend() ? *it : Net::serverKindName(event.serverKind).toLatin1();
}

bool AccessLogFormat::append(const Net::TrafficEvent &event, QByteArray &out)
{
    using Kind = Net::TrafficEvent::Kind;
    switch (event.kind) {
    case Kind::Http: {
        // host ident authuser [date] "request" status bytes
        out += peerText(event) + " - - " + clfTime(event.timeMs) + " \"";
        qsizetype lineEnd = event.requestHead.indexOf('\n');
        if (lineEnd < 0)
            lineEnd = event.requestHead.size();
        QByteArrayView line(event.requestHead.constData(), lineEnd);
        if (line.endsWith('\r'))
            line.chop(1);
        appendEscaped(out, line.isEmpty() ? QByteArrayView("-") : line);
        out += "\" " + QByteArray::number(event.status) + ' '
            + (event.bodySize > 0 ? QByteArray::number(event.bodySize) : QByteArray("-")) + '\n';
        return true;
    }
    case Kind::Data: {
        out += clfTime(event.timeMs) + ' ' + serverName(event) + " #"
            + QByteArray::number(event.connectionId) + ' ' + peerText(event) + ':'
            + QByteArray::number(event.peerPort) + (event.direction == Net::Direction::In ? " <- " : " -> ")
            + QByteArray::number(event.size) + " bytes \"";
        appendEscaped(out, QByteArrayView(event.payload).first(qMin<qsizetype>(event.payload.size(), 64)));
        out += event.payload.size() > 64 || event.size > event.payload.size() ? "\"...\n" : "\"\n";
        return true;
    }
    case Kind::Error:
        out += clfTime(event.timeMs) + ' ' + serverName(event) + " error: "
            + event.note.toUtf8() + '\n';
        return true;
    case Kind::Opened:
    case Kind::Closed:
    case Kind::ClientState:
    case Kind::ClientProgress:
        return false;
    }
    return false;
}
