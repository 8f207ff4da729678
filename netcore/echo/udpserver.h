#pragma once

#include "echo/udpguard.h"
#include "echo/udppeertable.h"
#include "server/server.h"
#include "server/socketaddress.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QTimer>

#include <deque>

class QSocketNotifier;
struct mmsghdr;

namespace Net {

// The UDP echo server: each datagram goes back to its sender unchanged. It
// runs on a bare descriptor and moves datagrams in batches (recvmmsg and
// sendmmsg), a handful of system calls for dozens of datagrams. Replies the
// kernel cannot take at once wait in a queue, and the socket is not read
// until they are out, so replies keep their order and the queue holds at most
// one batch (plus what "send to client" adds). A reply the kernel refuses for
// good (the peer's port closed) is counted as an error and dropped.
//
// Datagrams from senders that could be echo services themselves (udpguard.h)
// and beyond a peer's rate are not echoed: they are counted as dropped and
// reported in one notice per spell.
class UdpServer final : public Server
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UdpServer)

public:
    explicit UdpServer(TrafficMonitor &monitor, ServerId id = 1, QObject *parent = nullptr);
    ~UdpServer() override;

    ServerKind kind() const override { return ServerKind::Udp; }
    QString start(const ServerSpec &spec) override { return start(spec.udp); }
    QString start(const EchoServerConfig &config);
    void stop() override;
    bool isRunning() const override { return m_fd >= 0; }
    ServerStatus status() const override;

    // "Server sends to client": a datagram to one known peer, or to all.
    bool sendTo(quint64 peerId, const QByteArray &bytes) override;
    int sendToAll(const QByteArray &bytes) override;
    // A UDP peer has no connection to close: it is forgotten.
    bool closeConnection(quint64 peerId) override { return forgetPeer(peerId); }
    bool forgetPeer(quint64 peerId);

private:
    struct Pending
    {
        SocketAddress to;
        QByteArray bytes;
    };

    void onReadable();
    void onWritable();
    bool sendPending();
    // The peer a datagram from `from` is echoed to, or nullptr (counted as dropped).
    UdpPeer *admit(const SocketAddress &from, qint64 nowMs);
    // Sends the replies of a batch, queueing what the kernel does not take now.
    void sendReplies(mmsghdr *replies, UdpPeer *const *peers, int count);
    void trimPeers();
    void expirePeers();
    void reportDrops();
    void postData(const UdpPeer &peer, Direction direction, const QByteArray &sample, qint64 size);
    void updateInterest();

    EchoServerConfig m_config;
    UdpPeerTable m_peers;
    int m_fd = -1;
    QSocketNotifier *m_readNotifier = nullptr;
    QSocketNotifier *m_writeNotifier = nullptr;
    QByteArray m_buffers;          // one receive slot per datagram of a batch
    std::deque<Pending> m_pending; // replies waiting for the kernel
    QHostAddress m_localAddress;
    quint16 m_localPort = 0;
    QElapsedTimer m_clock;         // monotonic: peer ages and rates
    QTimer m_expiryTimer;
    QTimer m_dropReportTimer;      // running while a spell of drops lasts
    UdpDropTally m_drops;          // since the last report
    qint64 m_droppedTotal = 0;
    bool m_tableFullReported = false;
};

} // namespace Net
