#pragma once

#include "echo/udpguard.h"
#include "server/socketaddress.h"
#include "api/trafficevent.h"

#include <QHash>
#include <QHostAddress>
#include <QList>

#include <list>

namespace Net {

class TrafficMonitor;
struct TrackedConnection;

// One sender the UDP echo server knows: its record in the monitor and its
// rate budget.
struct UdpPeer
{
    SocketAddress address;
    TrackedConnection *tracked = nullptr;
    TokenBucket bucket;
    qint64 lastSeenMs = 0; // the table's monotonic clock
};

// The UDP echo server's peers by address, oldest-seen first. The table is
// capped: UDP senders cost nothing to forge, so without a cap a stream of
// spoofed addresses grows it without end. Past the cap the peers seen least
// recently are forgotten (an active client is always recent), and peers that
// stay quiet for the idle time are forgotten too.
class UdpPeerTable
{
    Q_DISABLE_COPY_MOVE(UdpPeerTable)

public:
    UdpPeerTable(TrafficMonitor &monitor, ServerId server);
    ~UdpPeerTable();

    void setMaxPeers(int maxPeers) { m_maxPeers = qMax(1, maxPeers); }
    int maxPeers() const { return m_maxPeers; }
    void setLocal(const QHostAddress &address, quint16 port);
    // The clocks for what follows: monotonic for ages and rates, wall clock
    // for the records. Set once per batch of datagrams, not per datagram.
    void setNow(qint64 monotonicMs, qint64 wallMs);

    // The peer for `from`, created when new, and now the most recent. The
    // table may pass its cap here; trim() brings it back, so the peers of one
    // batch all stay valid until the batch is done.
    UdpPeer &touch(const SocketAddress &from);
    UdpPeer *find(const SocketAddress &address);
    UdpPeer *findById(quint64 id);
    QList<quint64> ids() const;
    qsizetype size() const { return m_index.size(); }

    // Forgets the least recently seen peers beyond the cap; returns how many.
    int trim();
    // Forgets peers not seen since `cutoffMs` (monotonic); returns how many.
    int expire(qint64 cutoffMs);
    bool forget(quint64 id, const QString &reason);
    void clear(const QString &reason);

private:
    using Iterator = std::list<UdpPeer>::iterator;
    void drop(Iterator peer, const QString &reason);

    TrafficMonitor &m_monitor;
    ServerId m_server;
    int m_maxPeers = 10000;
    QHostAddress m_localAddress;
    quint16 m_localPort = 0;
    qint64 m_nowMs = 0;
    qint64 m_wallMs = 0;
    std::list<UdpPeer> m_byAge; // least recently seen first
    QHash<SocketAddress, Iterator> m_index;
    UdpPeer *m_last = nullptr;  // the last peer touched: a busy peer skips the hash lookup
};

} // namespace Net
