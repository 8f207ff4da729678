#pragma once

#include <QHostAddress>
#include <QString>

#include <functional>

class QSocketNotifier;
struct iovec;

namespace Net {

// A connected, non-blocking TCP socket on a raw descriptor, with Qt socket
// notifiers for readiness. We use this instead of QTcpSocket on the server
// side because QTcpSocket closes the whole socket when the peer half-closes
// (dropping whatever still waits in its write buffer), cannot shut down only
// its write side for a lingering close, and copies every byte through two
// ring buffers. Here reads land in the caller's buffer and writes go out of
// the caller's (shared) QByteArrays.
class StreamSocket
{
    Q_DISABLE_COPY_MOVE(StreamSocket)

public:
    // Result codes of read() and write() besides a byte count.
    static constexpr qint64 WouldBlock = -1;
    static constexpr qint64 Failed = -2;

    // Takes over a connected descriptor that is already non-blocking
    // (TcpListener accepts with SOCK_NONBLOCK).
    explicit StreamSocket(qintptr descriptor);
    ~StreamSocket();

    qintptr descriptor() const { return m_fd; }
    bool isOpen() const { return m_fd >= 0; }

    void onReadable(std::function<void()> handler);
    void onWritable(std::function<void()> handler);
    void setReadEnabled(bool enabled);
    void setWriteEnabled(bool enabled);

    // > 0 bytes read, 0 end of stream (the peer shut down its write side),
    // WouldBlock, or Failed (see errorString()).
    qint64 read(char *data, qint64 maxSize);
    // Bytes written (possibly fewer than asked), WouldBlock, or Failed.
    // Never raises SIGPIPE.
    qint64 write(const char *data, qint64 size);
    qint64 writev(const iovec *vectors, int count);
    // Sends [*offset, *offset + count) of an open file; advances *offset.
    qint64 sendFile(int fileDescriptor, qint64 *offset, qint64 count);

    // Bytes the kernel holds for us that we have not read yet.
    qint64 pendingInput() const;
    void shutdownWrite();
    void close();

    QHostAddress peerAddress() const { return m_peerAddress; }
    quint16 peerPort() const { return m_peerPort; }
    QHostAddress localAddress() const { return m_localAddress; }
    quint16 localPort() const { return m_localPort; }

    // The last failure as a sentence ("Connection reset by peer").
    QString errorString() const;
    bool wasReset() const;
    // Why the connection ended, for its record: "reset by peer" or the error.
    QString failureReason() const;

private:
    qint64 finish(qint64 result);

    int m_fd = -1;
    int m_errno = 0;
    QSocketNotifier *m_readNotifier = nullptr;
    QSocketNotifier *m_writeNotifier = nullptr;
    std::function<void()> m_onWritable;
    QHostAddress m_peerAddress;
    QHostAddress m_localAddress;
    quint16 m_peerPort = 0;
    quint16 m_localPort = 0;
};

} // namespace Net
