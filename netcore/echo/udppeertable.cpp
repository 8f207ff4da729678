#include "udppeertable.h"
#include "tracking/trafficmonitor.h"

using namespace Qt::StringLiterals;

namespace Net {

UdpPeerTable::UdpPeerTable(TrafficMonitor &monitor, ServerId server)
    : m_monitor(monitor)
    , m_server(server)
{
}

UdpPeerTable::~UdpPeerTable() = default;

void UdpPeerTable::setLocal(const QHostAddress &address, quint16 port)
{
    m_localAddress = address;
    m_localPort = port;
}

void UdpPeerTable::setNow(qint64 monotonicMs, qint64 wallMs)
{
    m_nowMs = monotonicMs;
    m_wallMs = wallMs;
}

UdpPeer &UdpPeerTable::touch(const SocketAddress &from)
{
    if (m_last && m_last->address == from) {
        // Already the most recent: no move, no lookup.
        m_last->lastSeenMs = m_nowMs;
        m_last->tracked->record.lastSeenMs = m_wallMs;
        return *m_last;
    }
    auto found = m_index.constFind(from);
    Iterator peer;
    if (found != m_index.cend()) {
        peer = *found;
        m_byAge.splice(m_byAge.end(), m_byAge, peer); // iterators stay valid
    } else {
        UdpPeer fresh;
        fresh.address = from;
        fresh.tracked = m_monitor.openUdpPeer(m_server, from.address(), from.port(), m_localAddress, m_localPort);
        peer = m_byAge.insert(m_byAge.end(), std::move(fresh));
        m_index.insert(from, peer);
    }
    peer->lastSeenMs = m_nowMs;
    peer->tracked->record.lastSeenMs = m_wallMs;
    m_last = &*peer;
    return *peer;
}

UdpPeer *UdpPeerTable::find(const SocketAddress &address)
{
    const auto found = m_index.constFind(address);
    return found == m_index.cend() ? nullptr : &**found;
}

UdpPeer *UdpPeerTable::findById(quint64 id)
{
    // Only for what the user asks ("send to", "forget"): a walk is fine.
    for (UdpPeer &peer : m_byAge) {
        if (peer.tracked->record.id == id)
            return &peer;
    }
    return nullptr;
}

QList<quint64> UdpPeerTable::ids() const
{
    QList<quint64> ids;
    ids.reserve(qsizetype(m_byAge.size()));
    for (const UdpPeer &peer : m_byAge)
        ids.append(peer.tracked->record.id);
    return ids;
}

int UdpPeerTable::trim()
{
    int dropped = 0;
    while (m_index.size() > m_maxPeers) {
        drop(m_byAge.begin(), u"forgotten: the peer table is full"_s);
        ++dropped;
    }
    return dropped;
}

int UdpPeerTable::expire(qint64 cutoffMs)
{
    int dropped = 0;
    while (!m_byAge.empty() && m_byAge.front().lastSeenMs < cutoffMs) {
        drop(m_byAge.begin(), u"idle"_s);
        ++dropped;
    }
    return dropped;
}

bool UdpPeerTable::forget(quint64 id, const QString &reason)
{
    for (auto peer = m_byAge.begin(); peer != m_byAge.end(); ++peer) {
        if (peer->tracked->record.id == id) {
            drop(peer, reason);
            return true;
        }
    }
    return false;
}

void UdpPeerTable::clear(const QString &reason)
{
    while (!m_byAge.empty())
        drop(m_byAge.begin(), reason);
}

void UdpPeerTable::drop(Iterator peer, const QString &reason)
{
    if (m_last == &*peer)
        m_last = nullptr;
    m_monitor.closeConnection(peer->tracked, reason);
    m_index.remove(peer->address);
    m_byAge.erase(peer);
}

} // namespace Net
