#include "streamsocket.h"
#include "socketaddress.h"

#include <QSocketNotifier>

#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/ioctl.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

namespace Net {

StreamSocket::StreamSocket(qintptr descriptor)
    : m_fd(int(descriptor))
{
    // Responses and echoes leave in one write each; waiting for more (Nagle)
    // would only add latency to request/response traffic.
    const int on = 1;
    ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);

    SocketAddress peer;
    peer.length = sizeof peer.storage;
    if (::getpeername(m_fd, reinterpret_cast<sockaddr *>(&peer.storage), &peer.length) == 0) {
        m_peerAddress = peer.address();
        m_peerPort = peer.port();
    }
    SocketAddress local;
    local.length = sizeof local.storage;
    if (::getsockname(m_fd, reinterpret_cast<sockaddr *>(&local.storage), &local.length) == 0) {
        m_localAddress = local.address();
        m_localPort = local.port();
    }

    m_readNotifier = new QSocketNotifier(m_fd, QSocketNotifier::Read);
}

StreamSocket::~StreamSocket()
{
    close();
}

void StreamSocket::close()
{
    // Notifiers go before the descriptor: a notifier on a closed descriptor
    // makes the event dispatcher poll a number the kernel may reuse.
    delete m_readNotifier;
    m_readNotifier = nullptr;
    delete m_writeNotifier;
    m_writeNotifier = nullptr;
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
}

void StreamSocket::onReadable(std::function<void()> handler)
{
    QObject::connect(m_readNotifier, &QSocketNotifier::activated, m_readNotifier,
                     [handler = std::move(handler)] { handler(); });
}

void StreamSocket::onWritable(std::function<void()> handler)
{
    m_onWritable = std::move(handler);
}

void StreamSocket::setReadEnabled(bool enabled)
{
    if (m_readNotifier && m_readNotifier->isEnabled() != enabled)
        m_readNotifier->setEnabled(enabled);
}

void StreamSocket::setWriteEnabled(bool enabled)
{
    if (m_fd < 0)
        return;
    if (!m_writeNotifier) {
        if (!enabled)
            return;
        // Created on first need: most connections never fill their send buffer.
        m_writeNotifier = new QSocketNotifier(m_fd, QSocketNotifier::Write);
        QObject::connect(m_writeNotifier, &QSocketNotifier::activated, m_writeNotifier, [this] {
            if (m_onWritable)
                m_onWritable();
        });
    }
    if (m_writeNotifier->isEnabled() != enabled)
        m_writeNotifier->setEnabled(enabled);
}

qint64 StreamSocket::finish(qint64 result)
{
    if (result >= 0)
        return result;
    if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)
        return WouldBlock;
    m_errno = errno;
    return Failed;
}

qint64 StreamSocket::read(char *data, qint64 maxSize)
{
    if (m_fd < 0)
        return Failed;
    return finish(::recv(m_fd, data, size_t(maxSize), 0));
}

qint64 StreamSocket::write(const char *data, qint64 size)
{
    if (m_fd < 0)
        return Failed;
    return finish(::send(m_fd, data, size_t(size), MSG_NOSIGNAL));
}

qint64 StreamSocket::writev(const iovec *vectors, int count)
{
    if (m_fd < 0)
        return Failed;
    msghdr message{};
    message.msg_iov = const_cast<iovec *>(vectors);
    message.msg_iovlen = size_t(count);
    return finish(::sendmsg(m_fd, &message, MSG_NOSIGNAL));
}

qint64 StreamSocket::sendFile(int fileDescriptor, qint64 *offset, qint64 count)
{
    if (m_fd < 0)
        return Failed;
    off_t position = off_t(*offset);
    const qint64 sent = finish(::sendfile(m_fd, fileDescriptor, &position, size_t(count)));
    *offset = position;
    return sent;
}

qint64 StreamSocket::pendingInput() const
{
    int pending = 0;
    if (m_fd < 0 || ::ioctl(m_fd, FIONREAD, &pending) != 0)
        return 0;
    return pending;
}

void StreamSocket::shutdownWrite()
{
    if (m_fd >= 0)
        ::shutdown(m_fd, SHUT_WR);
}

QString StreamSocket::errorString() const
{
    return QString::fromLocal8Bit(std::strerror(m_errno));
}

bool StreamSocket::wasReset() const
{
    return m_errno == ECONNRESET || m_errno == EPIPE;
}

QString StreamSocket::failureReason() const
{
    return wasReset() ? QStringLiteral("reset by peer") : errorString();
}

} // namespace Net
