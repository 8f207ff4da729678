#include "udpechoserver.h"
#include "tracking/trafficmonitor.h"

#include <QSocketNotifier>

#include <cerrno>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {
// Datagrams taken per recvmmsg call.
constexpr int BATCH = 32;
// The largest UDP payload over IPv4 and IPv6 without jumbograms.
constexpr qsizetype MAX_DATAGRAM = 65536;
constexpr int EXPIRY_INTERVAL_MS = 5000;
} // namespace

namespace Net {

UdpEchoServer::UdpEchoServer(TrafficMonitor &monitor, QObject *parent)
    : QObject(parent)
    , m_monitor(monitor)
    , m_expiryTimer(this) // a child, so it moves to the network thread with us
{
    m_expiryTimer.setInterval(EXPIRY_INTERVAL_MS);
    connect(&m_expiryTimer, &QTimer::timeout, this,
            [this] {
                m_lastPeer = nullptr;
                m_monitor.expireUdpPeers(ServerKind::UdpEcho, m_config.udpPeerIdleMs);
            });
}

UdpEchoServer::~UdpEchoServer()
{
    stop();
}

QString UdpEchoServer::start(const EchoServerConfig &config)
{
    stop();
    const BoundSocket bound = bindSocket(SOCK_DGRAM, config.address, config.port);
    if (bound.fd < 0)
        return bound.error;
    const int fd = bound.fd;
    m_localAddress = config.address;
    m_localPort = bound.port;
    m_config = config;
    m_fd = fd;
    m_buffers.resize(BATCH * MAX_DATAGRAM);
    m_readNotifier = new QSocketNotifier(fd, QSocketNotifier::Read, this);
    connect(m_readNotifier, &QSocketNotifier::activated, this, &UdpEchoServer::onReadable);
    m_writeNotifier = new QSocketNotifier(fd, QSocketNotifier::Write, this);
    m_writeNotifier->setEnabled(false);
    connect(m_writeNotifier, &QSocketNotifier::activated, this, &UdpEchoServer::onWritable);
    m_expiryTimer.start();
    return {};
}

void UdpEchoServer::stop()
{
    if (m_fd < 0)
        return;
    m_expiryTimer.stop();
    delete m_readNotifier;
    m_readNotifier = nullptr;
    delete m_writeNotifier;
    m_writeNotifier = nullptr;
    ::close(m_fd);
    m_fd = -1;
    m_pending.clear();
    m_buffers = QByteArray();
    m_lastPeer = nullptr;
    m_monitor.closeAllUdpPeers(ServerKind::UdpEcho);
}

ServerStatus UdpEchoServer::status() const
{
    ServerStatus status;
    status.kind = ServerKind::UdpEcho;
    status.running = isRunning();
    if (isRunning()) {
        status.address = m_localAddress;
        status.port = m_localPort;
    }
    return status;
}

TrackedConnection *UdpEchoServer::peerFor(const SocketAddress &from)
{
    if (m_lastPeer && from == m_lastPeerAddress) {
        m_lastPeer->record.lastSeenMs = m_monitor.nowMs();
        return m_lastPeer;
    }
    m_lastPeerAddress = from;
    m_lastPeer = m_monitor.udpPeer(ServerKind::UdpEcho, from.address(), from.port(), m_localAddress, m_localPort);
    return m_lastPeer;
}

void UdpEchoServer::onReadable()
{
    mmsghdr messages[BATCH] = {};
    iovec vectors[BATCH];
    SocketAddress from[BATCH];
    for (int i = 0; i < BATCH; ++i) {
        vectors[i] = {m_buffers.data() + i * MAX_DATAGRAM, size_t(MAX_DATAGRAM)};
        messages[i].msg_hdr.msg_iov = &vectors[i];
        messages[i].msg_hdr.msg_iovlen = 1;
        messages[i].msg_hdr.msg_name = &from[i].storage;
        messages[i].msg_hdr.msg_namelen = sizeof from[i].storage;
    }
    const int received = ::recvmmsg(m_fd, messages, BATCH, 0, nullptr);
    if (received <= 0)
        return; // EAGAIN, or an ICMP error reported for an earlier reply: nothing to echo

    for (int i = 0; i < received; ++i) {
        from[i].length = messages[i].msg_hdr.msg_namelen;
        const qint64 size = messages[i].msg_len;
        TrackedConnection *peer = peerFor(from[i]);
        m_monitor.addBytesIn(peer, size);
        if (m_monitor.capturing()) {
            const QByteArray sample(static_cast<const char *>(vectors[i].iov_base),
                                    qMin<qsizetype>(size, m_monitor.payloadSampleBytes()));
            postData(peer, Direction::In, sample, size);
            postData(peer, Direction::Out, sample, size);
        }
        // The reply goes out of the receive slot itself: point it at the sender.
        vectors[i].iov_len = size_t(size);
        messages[i].msg_hdr.msg_namelen = from[i].length;
    }

    int sent = 0;
    while (sent < received) {
        const int n = ::sendmmsg(m_fd, messages + sent, unsigned(received - sent), 0);
        if (n <= 0)
            break;
        for (int i = sent; i < sent + n; ++i)
            m_monitor.addBytesOut(peerFor(from[i]), messages[i].msg_len);
        sent += n;
    }
    // Whatever the kernel would not take now is copied out of the slots and
    // sent when the socket is writable again.
    for (int i = sent; i < received; ++i)
        m_pending.push_back({from[i], QByteArray(static_cast<const char *>(vectors[i].iov_base), qsizetype(vectors[i].iov_len))});
    updateInterest();
}

bool UdpEchoServer::sendPending()
{
    while (!m_pending.empty()) {
        const Pending &next = m_pending.front();
        const ssize_t n = ::sendto(m_fd, next.bytes.constData(), size_t(next.bytes.size()), 0,
                                   reinterpret_cast<const sockaddr *>(&next.to.storage), next.to.length);
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return false;
        if (n >= 0)
            m_monitor.addBytesOut(peerFor(next.to), n);
        else
            m_monitor.addError(ServerKind::UdpEcho); // e.g. the peer's port closed: drop this reply
        m_pending.pop_front();
    }
    return true;
}

void UdpEchoServer::onWritable()
{
    sendPending();
    updateInterest();
}

void UdpEchoServer::updateInterest()
{
    if (m_fd < 0)
        return;
    m_writeNotifier->setEnabled(!m_pending.empty());
    // New datagrams are read only once every waiting reply is out, so replies
    // to one peer keep their order and the queue stays one batch long.
    m_readNotifier->setEnabled(m_pending.empty());
}

bool UdpEchoServer::sendTo(quint64 peerId, const QByteArray &bytes)
{
    const TrackedConnection *peer = m_monitor.find(peerId);
    if (!isRunning() || !peer || peer->record.server != ServerKind::UdpEcho)
        return false;
    const SocketAddress to = SocketAddress::from(peer->record.peerAddress, peer->record.peerPort);
    TrackedConnection *tracked = peerFor(to);
    if (m_monitor.capturing())
        postData(tracked, Direction::Out, bytes.first(qMin<qsizetype>(bytes.size(), m_monitor.payloadSampleBytes())),
                 bytes.size());
    m_pending.push_back({to, bytes});
    sendPending();
    updateInterest();
    return true;
}

int UdpEchoServer::sendToAll(const QByteArray &bytes)
{
    int count = 0;
    for (quint64 id : m_monitor.udpPeerIds(ServerKind::UdpEcho))
        count += sendTo(id, bytes) ? 1 : 0;
    return count;
}

bool UdpEchoServer::forgetPeer(quint64 peerId)
{
    m_lastPeer = nullptr;
    return m_monitor.forgetUdpPeer(peerId);
}

void UdpEchoServer::postData(TrackedConnection *peer, Direction direction, const QByteArray &sample, qint64 size)
{
    TrafficEvent event;
    event.kind = TrafficEvent::Kind::Data;
    event.server = ServerKind::UdpEcho;
    event.direction = direction;
    event.connectionId = peer->record.id;
    event.peerAddress = peer->record.peerAddress;
    event.peerPort = peer->record.peerPort;
    event.timeMs = m_monitor.nowMs();
    event.size = size;
    event.payload = sample;
    m_monitor.post(std::move(event));
}

} // namespace Net
