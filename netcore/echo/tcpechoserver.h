#pragma once

#include "server/connectionset.h"
#include "server/serverconfig.h"

#include <QObject>
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
    void connectionOpened(EchoConnection *connection);
    void retire(EchoConnection *connection);

signals:
    void acceptFailed(const QString &sentence);

private:
    void accept(qintptr descriptor);
    void sweep();

    TrafficMonitor &m_monitor;
    EchoServerConfig m_config;
    TcpListener *m_listener = nullptr;
    ConnectionSet<EchoConnection> m_connections{this};
    QTimer m_sweepTimer;
};

} // namespace Net
