#pragma once

#include "server/socketaddress.h"

#include "rawclient.h"

#include <QHostAddress>
#include <QSocketNotifier>

#include <cerrno>
#include <cstring>
#include <memory>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace HttpTest {

// A client on a plain POSIX socket, for what QTcpSocket cannot do: shut down
// only its write side, reset the connection (SO_LINGER 0), shrink its
// receive buffer, or not read at all. Connecting blocks, which is safe
// against a same-thread server: the kernel completes the handshake from the
// listen backlog without the server's help. Reading is driven by a socket
// notifier, so waits spin the event loop as RawClient's do.
class PosixClient
{
    Q_DISABLE_COPY_MOVE(PosixClient)

public:
    PosixClient() = default;
    ~PosixClient() { closeSocket(); }

    // `receiveBufferBytes` > 0 sets SO_RCVBUF before connecting, so a client
    // that stops reading stalls the sender quickly.
    bool connectTo(const QHostAddress &address, quint16 port, int receiveBufferBytes = 0)
    {
        const Net::SocketAddress peer = Net::SocketAddress::from(address, port);
        const sockaddr_storage &storage = peer.storage;
        const socklen_t length = peer.length;
        m_fd = ::socket(storage.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (m_fd < 0)
            return false;
        if (receiveBufferBytes > 0)
            ::setsockopt(m_fd, SOL_SOCKET, SO_RCVBUF, &receiveBufferBytes, sizeof receiveBufferBytes);
        if (::connect(m_fd, reinterpret_cast<const sockaddr *>(&storage), length) != 0)
            return false;
        m_notifier = std::make_unique<QSocketNotifier>(m_fd, QSocketNotifier::Read);
        m_notifier->setEnabled(false);
        QObject::connect(m_notifier.get(), &QSocketNotifier::activated, m_notifier.get(), [this] { take(); });
        return true;
    }

    // Writes all of `bytes` (requests are small: the socket buffer takes them at once).
    bool send(QByteArrayView bytes)
    {
        qsizetype done = 0;
        while (done < bytes.size()) {
            const ssize_t n = ::send(m_fd, bytes.data() + done, size_t(bytes.size() - done), MSG_NOSIGNAL);
            if (n <= 0)
                return false;
            done += n;
        }
        return true;
    }

    // Sends all of `bytes` as the socket takes them, from the event loop, so
    // a same-thread server can read meanwhile; no reading happens here. False
    // when a send fails (errno in sendError()) or time runs out.
    bool sendFromEventLoop(QByteArrayView bytes, int timeoutMs = DefaultTimeoutMs)
    {
        qsizetype done = 0;
        QSocketNotifier writable(m_fd, QSocketNotifier::Write);
        const auto push = [&] {
            while (done < bytes.size()) {
                const ssize_t n = ::send(m_fd, bytes.data() + done, size_t(bytes.size() - done),
                                         MSG_NOSIGNAL | MSG_DONTWAIT);
                if (n > 0) {
                    done += n;
                    continue;
                }
                if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
                    return;
                m_sendError = n < 0 ? errno : EPIPE;
                break;
            }
            writable.setEnabled(false);
            if (m_poke)
                m_poke();
        };
        QObject::connect(&writable, &QSocketNotifier::activated, &writable, push);
        push();
        return wait([&] { return done == bytes.size() || m_sendError != 0; }, timeoutMs) && done == bytes.size();
    }
    int sendError() const { return m_sendError; }

    void shutdownWrite() { ::shutdown(m_fd, SHUT_WR); }

    // Closes with SO_LINGER 0, so the kernel sends RST instead of FIN.
    void reset()
    {
        const linger abort{1, 0};
        ::setsockopt(m_fd, SOL_SOCKET, SO_LINGER, &abort, sizeof abort);
        closeSocket();
    }

    void startReading()
    {
        if (m_notifier)
            m_notifier->setEnabled(true);
        take(); // whatever is already buffered: the notifier fires only on news
    }

    std::optional<ParsedResponse> next(bool headRequest = false, int timeoutMs = DefaultTimeoutMs)
    {
        ParsedResponse response;
        ReadStatus status = ReadStatus::Incomplete;
        wait([&] {
            status = readResponse(m_buffer, headRequest, m_atEnd, response);
            return status != ReadStatus::Incomplete || m_atEnd || m_error != 0;
        }, timeoutMs);
        if (status != ReadStatus::Complete)
            return std::nullopt;
        m_buffer.remove(0, response.wireSize);
        return response;
    }

    bool waitForEnd(int timeoutMs = DefaultTimeoutMs)
    {
        return wait([this] { return m_atEnd || m_error != 0; }, timeoutMs) && m_atEnd;
    }
    bool waitForReceived(qint64 total, int timeoutMs = DefaultTimeoutMs)
    {
        return wait([this, total] { return m_received >= total || m_atEnd || m_error != 0; }, timeoutMs)
            && m_received >= total;
    }
    bool wait(const std::function<bool()> &done, int timeoutMs) { return waitUntil(m_poke, done, timeoutMs); }

    const QByteArray &pending() const { return m_buffer; }
    qint64 bytesReceived() const { return m_received; }
    // This end's port, as the server's connection records show it.
    quint16 localPort() const
    {
        Net::SocketAddress local;
        local.length = sizeof local.storage;
        if (::getsockname(m_fd, reinterpret_cast<sockaddr *>(&local.storage), &local.length) != 0)
            return 0;
        return local.port();
    }
    bool atEnd() const { return m_atEnd; }   // the server closed (or shut down) its side
    int error() const { return m_error; }    // errno of a failed read, 0 when none

private:
    void take()
    {
        char chunk[64 * 1024];
        for (;;) {
            const ssize_t n = ::recv(m_fd, chunk, sizeof chunk, MSG_DONTWAIT);
            if (n > 0) {
                m_buffer.append(chunk, n);
                m_received += n;
                continue;
            }
            if (n == 0)
                m_atEnd = true;
            else if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
                m_error = errno;
            else
                break;
            m_notifier->setEnabled(false);
            break;
        }
        if (m_poke)
            m_poke();
    }

    void closeSocket()
    {
        m_notifier.reset();
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = -1;
    }

    int m_fd = -1;
    std::unique_ptr<QSocketNotifier> m_notifier;
    QByteArray m_buffer;
    qint64 m_received = 0;
    bool m_atEnd = false;
    int m_error = 0;
    int m_sendError = 0;
    std::function<void()> m_poke;
};

} // namespace HttpTest
