#include "api/trafficevent.h"

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

// A QHostAddress keeps its value in a shared private block of about this size.
constexpr qsizetype HOST_ADDRESS_PRIVATE_BYTES = 48;

// What a byte array's allocation holds (a slice kept from a bigger buffer
// pins all of it). A buffer shared by several events is counted by each:
// an overestimate, never an underestimate.
qsizetype heapBytes(const QByteArray &bytes)
{
    return qMax(bytes.capacity(), bytes.size());
}

} // namespace

namespace Net {

qsizetype TrafficEvent::footprint() const
{
    return qsizetype(sizeof(TrafficEvent)) + heapBytes(payload) + heapBytes(requestHead) + heapBytes(responseHead)
        + qMax(note.capacity(), note.size()) * qsizetype(sizeof(QChar))
        + (peerAddress.isNull() ? 0 : HOST_ADDRESS_PRIVATE_BYTES);
}

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
