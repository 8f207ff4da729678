#pragma once

#include "server/server.h"
#include "server/tcpservercore.h"

namespace Net {

class EchoConnection;

// The TCP server: the shared TCP core accepts and tracks the connections;
// each connection echoes (its mode). Lives on the network thread.
class TcpServer final : public Server
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TcpServer)

public:
    explicit TcpServer(TrafficMonitor &monitor, ServerId id = 1, QObject *parent = nullptr);
    ~TcpServer() override;

    ServerKind kind() const override { return ServerKind::Tcp; }
    QString start(const ServerSpec &spec) override { return start(spec.tcp); }
    QString start(const EchoServerConfig &config);
    void stop() override { m_core.stop(); }
    bool isRunning() const override { return m_core.isRunning(); }
    ServerStatus status() const override;

    bool closeConnection(quint64 id) override { return m_core.closeConnection(id); }
    bool sendTo(quint64 id, const QByteArray &bytes) override;
    int sendToAll(const QByteArray &bytes) override;

signals:
    void acceptFailed(const QString &sentence);

private:
    EchoConnection *find(quint64 id) const;

    TcpServerCore m_core;
    EchoServerConfig m_config; // the connections read it: they live no longer than a start
};

} // namespace Net
