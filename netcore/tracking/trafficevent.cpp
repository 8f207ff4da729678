#include "trafficevent.h"

namespace {

// The n-th space-separated part of the request line (0: method, 1: target,
// 2: version), or "-" when the head is missing or cut short.
QByteArrayView requestLinePart(const QByteArray &head, int index)
{
    qsizetype lineEnd = head.indexOf('\n');
    if (lineEnd < 0)
        lineEnd = head.size();
    QByteArrayView line(head.constData(), lineEnd);
    if (line.endsWith('\r'))
        line.chop(1);
    for (int part = 0; part < index; ++part) {
        const qsizetype space = line.indexOf(' ');
        if (space < 0)
            return "-";
        line = line.sliced(space + 1);
    }
    const qsizetype space = line.indexOf(' ');
    if (space >= 0)
        line.truncate(space);
    return line.isEmpty() ? QByteArrayView("-") : line;
}

} // namespace

namespace Net {

QByteArrayView TrafficEvent::method() const
{
    return requestLinePart(requestHead, 0);
}

QByteArrayView TrafficEvent::target() const
{
    return requestLinePart(requestHead, 1);
}

QByteArrayView TrafficEvent::httpVersion() const
{
    return requestLinePart(requestHead, 2);
}

} // namespace Net
