#pragma once

#include "rules/ruleengine.h"
#include "server/connectionset.h"
#include "server/serverconfig.h"

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QSet>
#include <QTimer>


namespace Net {

class EchoConnection;
class TcpListener;
class TrafficMonitor;

// The TCP echo server. Lives on the network thread.
class TcpEchoServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TcpEchoServer)

public:
    explicit TcpEchoServer(TrafficMonitor &monitor, QObject *parent = nullptr);
    ~TcpEchoServer() override;

    QString start(const EchoServerConfig &config);
    void stop();
    bool isRunning() const { return m_listener != nullptr; }
    ServerStatus status() const;

    bool closeConnection(quint64 id);
    bool sendTo(quint64 id, const QByteArray &bytes);
    int sendToAll(const QByteArray &bytes);

    // For the connections.
    TrafficMonitor &monitor() { return m_monitor; }
    const EchoServerConfig &config() const { return m_config; }
    // Milliseconds on a monotonic clock: the connections' idle and send deadlines.
    qint64 nowMs() const { return m_clock.elapsed(); }
    // Rules mode: what the rules say to bytes from a peer (the hit is counted).
    RuleAction answer(QByteArrayView received, const QHostAddress &peer, quint16 peerPort);
    void connectionOpened(EchoConnection *connection);
    void retire(EchoConnection *connection);

signals:
    void acceptFailed(const QString &sentence);

private:
    void accept(qintptr descriptor);
    // Whether `address` may open one more connection (the per-address cap).
    bool admits(const QHostAddress &address);
    void sweep();

    TrafficMonitor &m_monitor;
    EchoServerConfig m_config;
    TcpListener *m_listener = nullptr;
    ConnectionSet<EchoConnection> m_connections{this};
    QHash<QHostAddress, int> m_perAddress; // live connections by client address
    QSet<QHostAddress> m_capReported;      // addresses at their cap, told once until they drop below
    QElapsedTimer m_clock;
    QTimer m_sweepTimer;
    RuleEngine m_rules;
};

} // namespace Net
