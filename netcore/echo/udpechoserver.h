#pragma once

#include "server/serverconfig.h"
#include "server/socketaddress.h"

#include <QByteArray>
#include <QObject>
#include <QTimer>

#include <deque>
#include <vector>

class QSocketNotifier;

namespace Net {

class TrafficMonitor;
struct TrackedConnection;

// The UDP echo server: each datagram goes back to its sender unchanged. It
// runs on a bare descriptor and moves datagrams in batches (recvmmsg and
// sendmmsg), a handful of system calls for dozens of datagrams. Replies the
// kernel cannot take at once wait in a queue, and the socket is not read
// until they are out, so replies keep their order and the queue holds at most
// one batch (plus what "send to client" adds). A reply the kernel refuses for
// good (the peer's port closed) is counted as an error and dropped.
class UdpEchoServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UdpEchoServer)

public:
    explicit UdpEchoServer(TrafficMonitor &monitor, QObject *parent = nullptr);
    ~UdpEchoServer() override;

    QString start(const EchoServerConfig &config);
    void stop();
    bool isRunning() const { return m_fd >= 0; }
    ServerStatus status() const;

    // "Server sends to client": a datagram to one known peer, or to all.
    bool sendTo(quint64 peerId, const QByteArray &bytes);
    int sendToAll(const QByteArray &bytes);
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
    TrackedConnection *peerFor(const SocketAddress &from);
    void postData(TrackedConnection *peer, Direction direction, const QByteArray &sample, qint64 size);
    void updateInterest();

    TrafficMonitor &m_monitor;
    EchoServerConfig m_config;
    int m_fd = -1;
    QSocketNotifier *m_readNotifier = nullptr;
    QSocketNotifier *m_writeNotifier = nullptr;
    QByteArray m_buffers;            // one receive slot per datagram of a batch
    std::deque<Pending> m_pending;   // replies waiting for the kernel
    SocketAddress m_lastPeerAddress; // the last sender, to skip the lookup for a busy peer
    TrackedConnection *m_lastPeer = nullptr;
    QHostAddress m_localAddress;
    quint16 m_localPort = 0;
    QTimer m_expiryTimer;
};

} // namespace Net
