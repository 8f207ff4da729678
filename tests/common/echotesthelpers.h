#pragma once

#include "server/socketaddress.h"

// Helpers shared by the echo server, traffic monitor and façade suites.

#include "tracking/trafficmonitor.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QHostAddress>
#include <QRandomGenerator>
#include <QSocketNotifier>
#include <QTcpSocket>
#include <QTcpServer>
#include <QTimer>
#include <QUdpSocket>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <functional>
#include <memory>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

namespace EchoTest {

constexpr int TimeoutMs = 10000;

// Whether ::1 can be used here (containers often switch IPv6 off).
inline bool ipv6LoopbackAvailable()
{
    QTcpServer probe;
    return probe.listen(QHostAddress(QHostAddress::LocalHostIPv6), 0);
}

// Runs the event loop until `done` holds or the time is up. The loop blocks in
// the dispatcher between checks (never in a sleep), so a server on this thread
// runs at full speed while we wait.
inline bool waitUntil(const std::function<bool()> &done, int timeoutMs = TimeoutMs)
{
    if (done())
        return true;
    QEventLoop loop;
    QTimer check;
    check.setInterval(1);
    QObject::connect(&check, &QTimer::timeout, &loop, [&] {
        if (done())
            loop.quit();
    });
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
    check.start();
    deadline.start(timeoutMs);
    loop.exec();
    return done();
}

// The resident set of this process in KiB, from /proc/self/status.
inline qint64 vmRssKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

// A seed printed with the test, overridable with WIREBENCH_SEED to replay a failure.
inline quint32 testSeed()
{
    bool ok = false;
    quint32 seed = qEnvironmentVariable("WIREBENCH_SEED").toUInt(&ok);
    if (!ok)
        seed = QRandomGenerator::global()->generate();
    qInfo("random seed %u (set WIREBENCH_SEED=%u to replay)", seed, seed);
    return seed;
}

inline QByteArray randomBytes(QRandomGenerator &rng, qsizetype size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        bytes[i] = char(rng.bounded(256));
    return bytes;
}

// A QTcpSocket client that keeps everything it receives.
struct Client
{
    Client(const QHostAddress &address, quint16 port)
    {
        QObject::connect(&socket, &QTcpSocket::readyRead, &socket, [this] { received.append(socket.readAll()); });
        socket.connectToHost(address, port);
    }
    bool connected() const { return socket.state() == QAbstractSocket::ConnectedState; }
    bool gone() const { return socket.state() == QAbstractSocket::UnconnectedState; }

    QTcpSocket socket;
    QByteArray received;
};

// Collects the batches a monitor on this thread delivers, and (unless told
// otherwise) acknowledges each one at once so the next can follow.
class BatchLog
{
    Q_DISABLE_COPY_MOVE(BatchLog)

public:
    explicit BatchLog(Net::TrafficMonitor &monitor)
        : m_monitor(monitor)
    {
        QObject::connect(&monitor, &Net::TrafficMonitor::batchReady, &m_context, [this](const Net::TrafficBatch &batch) {
            ++deliveries;
            eventTotal += batch.events.size();
            droppedTotal += batch.eventsDropped;
            if (keep)
                batches.append(batch);
            if (acknowledge)
                m_monitor.inFlight()->fetch_sub(1);
        });
    }

    // Flushes now and waits until the batch arrived.
    bool flush()
    {
        const int before = deliveries;
        m_monitor.flushNow();
        return waitUntil([&] { return deliveries > before; });
    }

    QList<Net::ConnectionRecord> records(quint64 id) const
    {
        QList<Net::ConnectionRecord> found;
        for (const Net::TrafficBatch &batch : batches) {
            for (const Net::ConnectionRecord &record : batch.changedConnections) {
                if (record.id == id)
                    found.append(record);
            }
        }
        return found;
    }

    // The latest record of the connection whose peer (client) port is `peerPort`.
    const Net::ConnectionRecord *byPeerPort(quint16 peerPort) const
    {
        for (auto batch = batches.crbegin(); batch != batches.crend(); ++batch) {
            for (const Net::ConnectionRecord &record : batch->changedConnections) {
                if (record.peerPort == peerPort)
                    return &record;
            }
        }
        return nullptr;
    }

    QList<Net::TrafficEvent> events(Net::TrafficEvent::Kind kind, quint64 id = 0) const
    {
        QList<Net::TrafficEvent> found;
        for (const Net::TrafficBatch &batch : batches) {
            for (const Net::TrafficEvent &event : batch.events) {
                if (event.kind == kind && (id == 0 || event.connectionId == id))
                    found.append(event);
            }
        }
        return found;
    }

    qsizetype eventCount() const
    {
        qsizetype count = 0;
        for (const Net::TrafficBatch &batch : batches)
            count += batch.events.size();
        return count;
    }

    void clear() { batches.clear(); }

    QList<Net::TrafficBatch> batches;
    int deliveries = 0;
    qint64 eventTotal = 0;   // events delivered, kept or not
    qint64 droppedTotal = 0; // eventsDropped, summed over the batches
    bool keep = true;        // false: count and acknowledge only (memory-sensitive tests)
    bool acknowledge = true; // false: the test plays a stalled consumer

private:
    Net::TrafficMonitor &m_monitor;
    QObject m_context;
};

// A TCP client on a plain non-blocking POSIX socket, for what QTcpSocket
// cannot do: shut down only its write side, or never read. Connecting blocks,
// which is safe against a same-thread server (the kernel completes the
// handshake from the listen backlog). Reads and writes are driven by socket
// notifiers, so every wait spins the event loop the server needs.
class RawPeer
{
    Q_DISABLE_COPY_MOVE(RawPeer)

public:
    RawPeer() = default;
    ~RawPeer() { close(); }

    // A non-zero `receiveBuffer` fixes SO_RCVBUF (no autotuning), so a client
    // that does not read pushes back on the server at once instead of after
    // the kernel has buffered tens of MiB.
    bool connectTo(const QHostAddress &address, quint16 port, int receiveBuffer = 0)
    {
        const Net::SocketAddress peer = Net::SocketAddress::from(address, port);
        const sockaddr_storage &storage = peer.storage;
        const socklen_t length = peer.length;
        m_fd = ::socket(storage.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (m_fd >= 0 && receiveBuffer > 0)
            ::setsockopt(m_fd, SOL_SOCKET, SO_RCVBUF, &receiveBuffer, sizeof receiveBuffer);
        if (m_fd < 0 || ::connect(m_fd, reinterpret_cast<const sockaddr *>(&storage), length) != 0)
            return false;
        const int on = 1;
        ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
        Net::SocketAddress local;
        local.length = sizeof local.storage;
        ::getsockname(m_fd, reinterpret_cast<sockaddr *>(&local.storage), &local.length);
        m_localPort = local.port();
        ::fcntl(m_fd, F_SETFL, ::fcntl(m_fd, F_GETFL) | O_NONBLOCK);
        m_readNotifier = std::make_unique<QSocketNotifier>(m_fd, QSocketNotifier::Read);
        QObject::connect(m_readNotifier.get(), &QSocketNotifier::activated, m_readNotifier.get(), [this] { onReadable(); });
        m_writeNotifier = std::make_unique<QSocketNotifier>(m_fd, QSocketNotifier::Write);
        m_writeNotifier->setEnabled(false);
        QObject::connect(m_writeNotifier.get(), &QSocketNotifier::activated, m_writeNotifier.get(), [this] { onWritable(); });
        return true;
    }

    // Queues bytes; they go out as the socket takes them.
    void send(const QByteArray &bytes)
    {
        m_out.append(bytes);
        onWritable();
    }
    // Sends `block` over and over, `total` bytes in all, without holding them.
    void sendRepeated(const QByteArray &block, qint64 total)
    {
        m_block = block;
        m_blockLeft = total;
        m_blockOffset = 0;
        onWritable();
    }
    // Shuts down the write side once everything queued is out.
    void shutdownWhenSent()
    {
        m_shutdownPending = true;
        onWritable();
    }
    void setReading(bool reading) { m_readNotifier->setEnabled(reading); }
    void setKeepReceived(bool keep) { m_keepReceived = keep; }
    // How many send() calls one writable notification may make (1: one piece per event-loop pass).
    void setSendsPerWake(int sends) { m_sendsPerWake = sends; }

    void close()
    {
        m_readNotifier.reset();
        m_writeNotifier.reset();
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = -1;
    }

    int descriptor() const { return m_fd; }
    quint16 localPort() const { return m_localPort; }
    qint64 bytesSent() const { return m_sent; }
    qint64 bytesReceived() const { return m_receivedCount; }
    bool allSent() const { return m_outOffset == m_out.size() && m_blockLeft == 0; }
    // The last send would have blocked, and the socket has not been writable since.
    bool isBlocked() const { return m_blocked; }
    const QByteArray &received() const { return m_received; }
    bool atEof() const { return m_eof; }
    int error() const { return m_error; }

private:
    void onWritable()
    {
        if (m_fd < 0)
            return;
        for (int round = 0; round < m_sendsPerWake && !allSent(); ++round) {
            const char *data = nullptr;
            qint64 size = 0;
            if (m_outOffset < m_out.size()) {
                data = m_out.constData() + m_outOffset;
                size = m_out.size() - m_outOffset;
            } else {
                data = m_block.constData() + m_blockOffset;
                size = qMin<qint64>(m_block.size() - m_blockOffset, m_blockLeft);
            }
            const ssize_t n = ::send(m_fd, data, size_t(size), MSG_NOSIGNAL);
            if (n < 0) {
                if (errno == EAGAIN || errno == EWOULDBLOCK)
                    m_blocked = true;
                else if (errno != EINTR)
                    m_error = errno;
                break;
            }
            m_blocked = false;
            m_sent += n;
            if (m_outOffset < m_out.size())
                m_outOffset += n;
            else {
                m_blockLeft -= n;
                m_blockOffset = (m_blockOffset + n) % m_block.size();
            }
        }
        if (allSent() && m_shutdownPending) {
            m_shutdownPending = false;
            ::shutdown(m_fd, SHUT_WR);
        }
        m_writeNotifier->setEnabled(!allSent() && m_error == 0);
    }

    void onReadable()
    {
        char buffer[64 * 1024];
        for (int round = 0; round < 64; ++round) {
            const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, 0);
            if (n > 0) {
                m_receivedCount += n;
                if (m_keepReceived)
                    m_received.append(buffer, n);
                continue;
            }
            if (n == 0) {
                m_eof = true;
                m_readNotifier->setEnabled(false);
            } else if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
                m_error = errno;
                m_readNotifier->setEnabled(false);
            }
            return;
        }
    }

    int m_fd = -1;
    quint16 m_localPort = 0;
    std::unique_ptr<QSocketNotifier> m_readNotifier;
    std::unique_ptr<QSocketNotifier> m_writeNotifier;
    QByteArray m_out;
    qsizetype m_outOffset = 0;
    QByteArray m_block;
    qint64 m_blockLeft = 0;
    qsizetype m_blockOffset = 0;
    qint64 m_sent = 0;
    qint64 m_receivedCount = 0;
    QByteArray m_received;
    int m_sendsPerWake = 1024;
    bool m_keepReceived = true;
    bool m_shutdownPending = false;
    bool m_blocked = false;
    bool m_eof = false;
    int m_error = 0;
};

// Runs the event loop while a client that does not read keeps sending, until
// the server holds back (`serverHolding`: it has stopped reading) and, with
// `untilClientBlocks`, the client's last send would have blocked too, so the
// kernel buffers between them are full and neither end can move again. (A
// client sending in small pieces takes long to fill those buffers: its tests
// prove the hold with a round trip on another connection instead.) Gives up
// when the client has sent everything, fails, or after a generous deadline.
// Returns how much VmRSS grew since `rssBeforeKiB`, in KiB.
inline qint64 driveUntilHeldBack(RawPeer &hog, const std::function<bool()> &serverHolding, qint64 rssBeforeKiB,
                                 bool untilClientBlocks)
{
    QElapsedTimer clock;
    clock.start();
    waitUntil([&] {
        return (serverHolding() && (hog.isBlocked() || !untilClientBlocks)) || hog.allSent() || hog.error() != 0;
    }, 30000);
    const qint64 growth = vmRssKiB() - rssBeforeKiB;
    qInfo("the client sent %lld bytes in %lld ms; VmRSS grew by %lld KiB", hog.bytesSent(), qint64(clock.elapsed()),
          growth);
    return growth;
}

} // namespace EchoTest
