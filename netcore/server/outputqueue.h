#pragma once

#include <QByteArray>
#include <QList>

namespace Net {

class StreamSocket;

// Bytes waiting to be sent, as a queue of shared QByteArrays: a cached file
// body is queued without copying, and a flush sends several pieces (a
// response head and its body) in one writev.
class OutputQueue
{
public:
    void append(const QByteArray &bytes);
    // Queues `bytes` without its first `offset` bytes, sharing rather than
    // copying them when nothing else is queued.
    void appendFrom(const QByteArray &bytes, qsizetype offset);
    void clear();

    qint64 size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }

    // Sends as much as the socket takes now. Returns the bytes sent (0 when
    // it would block), or StreamSocket::Failed.
    qint64 flushTo(StreamSocket &socket);

private:
    // A QList, not a std::deque: an empty deque still allocates its map, and
    // most connections are idle with nothing queued. QList's removeFirst()
    // only moves its start, so the queue stays O(1) at the front.
    QList<QByteArray> m_chunks;
    qsizetype m_firstOffset = 0; // bytes of m_chunks.front() already sent
    qint64 m_size = 0;
};

} // namespace Net
