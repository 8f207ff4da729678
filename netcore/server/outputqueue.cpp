#include "outputqueue.h"
#include "streamsocket.h"

#include <sys/uio.h>

namespace {
// Pieces handed to one writev; a response is two or three.
constexpr int MAX_VECTORS = 16;
} // namespace

namespace Net {

void OutputQueue::append(const QByteArray &bytes)
{
    if (bytes.isEmpty())
        return;
    m_chunks.append(bytes);
    m_size += bytes.size();
}

void OutputQueue::appendFrom(const QByteArray &bytes, qsizetype offset)
{
    if (offset >= bytes.size())
        return;
    if (!m_chunks.isEmpty()) {
        append(bytes.sliced(offset));
        return;
    }
    m_chunks.append(bytes);
    m_firstOffset = offset;
    m_size = bytes.size() - offset;
}

void OutputQueue::clear()
{
    m_chunks.clear();
    m_firstOffset = 0;
    m_size = 0;
}

qint64 OutputQueue::flushTo(StreamSocket &socket)
{
    qint64 total = 0;
    while (!m_chunks.isEmpty()) {
        iovec vectors[MAX_VECTORS];
        int count = 0;
        qint64 requested = 0;
        for (auto it = m_chunks.begin(); it != m_chunks.end() && count < MAX_VECTORS; ++it, ++count) {
            const qsizetype skip = count == 0 ? m_firstOffset : 0;
            vectors[count].iov_base = const_cast<char *>(it->constData() + skip);
            vectors[count].iov_len = size_t(it->size() - skip);
            requested += qint64(vectors[count].iov_len);
        }
        const qint64 sent = socket.writev(vectors, count);
        if (sent == StreamSocket::Failed)
            return StreamSocket::Failed;
        if (sent == StreamSocket::WouldBlock)
            break;
        total += sent;
        m_size -= sent;
        qint64 left = sent;
        while (left > 0) {
            const qsizetype inFirst = m_chunks.first().size() - m_firstOffset;
            if (left < inFirst) {
                m_firstOffset += left;
                break;
            }
            left -= inFirst;
            m_chunks.removeFirst();
            m_firstOffset = 0;
        }
        if (sent < requested)
            break; // the send buffer is full; the caller waits for writability
    }
    return total;
}

} // namespace Net
