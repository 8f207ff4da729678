#include "udpserver.h"
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
// While datagrams keep being dropped, one notice this often at most.
constexpr int DROP_REPORT_INTERVAL_MS = 5000;
} // namespace

namespace Net {

UdpServer::UdpServer(TrafficMonitor &monitor, ServerId id, QObject *parent)
    : Server(monitor, id, ServerKind::Udp, parent)
    , m_peers(monitor, id)
    , m_expiryTimer(this) // children, so they move to the network thread with us
    , m_dropReportTimer(this)
{
    m_expiryTimer.setInterval(EXPIRY_INTERVAL_MS);
    connect(&m_expiryTimer, &QTimer::timeout, this, &UdpServer::expirePeers);
    m_dropReportTimer.setSingleShot(true);
    m_dropReportTimer.setInterval(DROP_REPORT_INTERVAL_MS);
    connect(&m_dropReportTimer, &QTimer::timeout, this, [this] {
        if (!m_drops.isEmpty())
            reportDrops(); // the spell goes on; else it is over and the next drop is news again
    });
}

UdpServer::~UdpServer()
{
    stop();
}

QString UdpServer::start(const EchoServerConfig &config)
{
    stop();
    const BoundSocket bound = bindSocket(SOCK_DGRAM, config.address, config.port);
    if (bound.fd < 0)
        return bound.error;
    const int fd = bound.fd;
    m_localAddress = config.address;
    m_localPort = bound.port;
    m_config = config;
    m_peers.setLocal(m_localAddress, m_localPort);
    m_peers.setMaxPeers(config.limits.maxUdpPeers);
    m_clock.start();
    m_fd = fd;
    m_buffers.resize(BATCH * MAX_DATAGRAM);
    m_readNotifier = new QSocketNotifier(fd, QSocketNotifier::Read, this);
    connect(m_readNotifier, &QSocketNotifier::activated, this, &UdpServer::onReadable);
    m_writeNotifier = new QSocketNotifier(fd, QSocketNotifier::Write, this);
    m_writeNotifier->setEnabled(false);
    connect(m_writeNotifier, &QSocketNotifier::activated, this, &UdpServer::onWritable);
    m_expiryTimer.start();
    return {};
}

void UdpServer::stop()
{
    if (m_fd < 0)
        return;
    m_expiryTimer.stop();
    if (!m_drops.isEmpty())
        reportDrops();
    m_dropReportTimer.stop();
    m_droppedTotal = 0;
    m_tableFullReported = false;
    delete m_readNotifier;
    m_readNotifier = nullptr;
    delete m_writeNotifier;
    m_writeNotifier = nullptr;
    ::close(m_fd);
    m_fd = -1;
    m_pending.clear();
    m_buffers = QByteArray();
    m_peers.clear(u"server stopped"_s);
}

ServerStatus UdpServer::status() const
{
    ServerStatus status = baseStatus();
    if (isRunning()) {
        status.address = m_localAddress;
        status.port = m_localPort;
    }
    return status;
}

UdpPeer *UdpServer::admit(const SocketAddress &from, qint64 nowMs)
{
    UdpRefusal why = refusalForSource(from.port(), m_localPort);
    UdpPeer *peer = nullptr;
    if (why == UdpRefusal::None) {
        // Refused senders get no record: a forged flood from service ports
        // must not fill the peer table either.
        peer = &m_peers.touch(from);
        if (!peer->bucket.take(nowMs, m_config.limits.udpPeerRate))
            why = UdpRefusal::RateLimited;
    }
    if (why == UdpRefusal::None)
        return peer;
    m_drops.add(why, from);
    ++m_droppedTotal;
    m_monitor.addDropped(id(), 1);
    return nullptr;
}

void UdpServer::onReadable()
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

    const qint64 now = m_clock.elapsed();
    m_peers.setNow(now, m_monitor.nowMs());
    UdpPeer *peers[BATCH];
    int replies = 0; // the datagrams to echo move to the front, in order
    for (int i = 0; i < received; ++i) {
        from[i].length = messages[i].msg_hdr.msg_namelen;
        const qint64 size = messages[i].msg_len;
        UdpPeer *peer = admit(from[i], now);
        if (!peer)
            continue;
        m_monitor.addBytesIn(peer->tracked, size);
        if (m_monitor.capturing()) {
            const QByteArray sample(static_cast<const char *>(vectors[i].iov_base),
                                    qMin<qsizetype>(size, m_monitor.payloadSampleBytes()));
            postData(*peer, Direction::In, sample, size);
            postData(*peer, Direction::Out, sample, size);
        }
        // The reply goes out of the receive slot itself: point it at the sender.
        vectors[i].iov_len = size_t(size);
        mmsghdr &reply = messages[replies];
        reply.msg_hdr.msg_iov = &vectors[i];
        reply.msg_hdr.msg_name = &from[i].storage;
        reply.msg_hdr.msg_namelen = from[i].length;
        peers[replies++] = peer;
    }
    sendReplies(messages, peers, replies);
    trimPeers(); // after the replies: their peers stay valid until then
    if (!m_drops.isEmpty() && !m_dropReportTimer.isActive())
        reportDrops(); // the first of a spell is said at once
    updateInterest();
}

void UdpServer::sendReplies(mmsghdr *replies, UdpPeer *const *peers, int count)
{
    int sent = 0;
    while (sent < count) {
        const int n = ::sendmmsg(m_fd, replies + sent, unsigned(count - sent), 0);
        if (n <= 0)
            break;
        for (int i = sent; i < sent + n; ++i)
            m_monitor.addBytesOut(peers[i]->tracked, replies[i].msg_len);
        sent += n;
    }
    // Whatever the kernel would not take now is copied out of the slots and
    // sent when the socket is writable again.
    for (int i = sent; i < count; ++i) {
        const iovec &slot = *replies[i].msg_hdr.msg_iov;
        m_pending.push_back({peers[i]->address, QByteArray(static_cast<const char *>(slot.iov_base),
                                                           qsizetype(slot.iov_len))});
    }
}

void UdpServer::trimPeers()
{
    if (m_peers.trim() == 0 || m_tableFullReported)
        return;
    m_tableFullReported = true; // once, until the table has room again
    const QString sentence = u"The UDP echo server tracks %1 peers, its limit: the longest-idle peers are "
                             "forgotten to make room for new ones."_s.arg(m_peers.maxPeers());
    m_monitor.reportNote(id(), sentence);
    emit notice(sentence);
}

void UdpServer::expirePeers()
{
    m_peers.expire(m_clock.elapsed() - m_config.udpPeerIdleMs);
    if (m_peers.size() < m_peers.maxPeers())
        m_tableFullReported = false;
}

void UdpServer::reportDrops()
{
    const QString sentence = m_drops.sentence(m_config.limits.udpPeerRate, m_droppedTotal);
    m_drops = {};
    m_monitor.reportNote(id(), sentence);
    emit notice(sentence);
    m_dropReportTimer.start();
}

bool UdpServer::sendPending()
{
    while (!m_pending.empty()) {
        const Pending &next = m_pending.front();
        const ssize_t n = ::sendto(m_fd, next.bytes.constData(), size_t(next.bytes.size()), 0,
                                   reinterpret_cast<const sockaddr *>(&next.to.storage), next.to.length);
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return false;
        if (n >= 0) {
            // The peer may have been forgotten (table full) while its reply waited.
            if (UdpPeer *peer = m_peers.find(next.to))
                m_monitor.addBytesOut(peer->tracked, n);
            else
                m_monitor.addBytesOut(id(), n);
        } else
            m_monitor.addError(id()); // e.g. the peer's port closed: drop this reply
        m_pending.pop_front();
    }
    return true;
}

void UdpServer::onWritable()
{
    sendPending();
    updateInterest();
}

void UdpServer::updateInterest()
{
    if (m_fd < 0)
        return;
    m_writeNotifier->setEnabled(!m_pending.empty());
    // New datagrams are read only once every waiting reply is out, so replies
    // to one peer keep their order and the queue stays one batch long.
    m_readNotifier->setEnabled(m_pending.empty());
}

bool UdpServer::sendTo(quint64 peerId, const QByteArray &bytes)
{
    const UdpPeer *peer = isRunning() ? m_peers.findById(peerId) : nullptr;
    if (!peer)
        return false;
    if (m_monitor.capturing())
        postData(*peer, Direction::Out, bytes.first(qMin<qsizetype>(bytes.size(), m_monitor.payloadSampleBytes())),
                 bytes.size());
    m_pending.push_back({peer->address, bytes});
    sendPending();
    updateInterest();
    return true;
}

int UdpServer::sendToAll(const QByteArray &bytes)
{
    int count = 0;
    for (quint64 id : m_peers.ids())
        count += sendTo(id, bytes) ? 1 : 0;
    return count;
}

bool UdpServer::forgetPeer(quint64 peerId)
{
    return m_peers.forget(peerId, u"closed by the user"_s);
}

void UdpServer::postData(const UdpPeer &peer, Direction direction, const QByteArray &sample, qint64 size)
{
    const ConnectionRecord &record = peer.tracked->record;
    TrafficEvent event;
    event.kind = TrafficEvent::Kind::Data;
    event.server = id();
    event.serverKind = ServerKind::Udp;
    event.direction = direction;
    event.connectionId = record.id;
    event.peerAddress = record.peerAddress;
    event.peerPort = record.peerPort;
    event.timeMs = m_monitor.nowMs();
    event.size = size;
    event.payload = sample;
    m_monitor.post(std::move(event));
}

} // namespace Net
