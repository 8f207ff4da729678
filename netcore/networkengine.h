#pragma once

#include "client/clientevent.h"
#include "relay/relayconfig.h"
#include "server/serverconfig.h"
#include "tracking/monitoroptions.h"
#include "tracking/trafficevent.h"

#include <QObject>

namespace Net {

class ClientHub;
class HttpServer;
class RelayServer;
class TcpEchoServer;
class TrafficMonitor;
class UdpEchoServer;

// Everything that runs on the network thread: the servers and the traffic
// monitor. Only NetController talks to it, with queued calls carrying plain
// values; it answers with signals carrying plain values.
class NetworkEngine final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NetworkEngine)

public:
    explicit NetworkEngine(QObject *parent = nullptr);
    ~NetworkEngine() override;

    TrafficMonitor &monitor() { return *m_monitor; }
    ClientHub &clients() { return *m_clients; }

    void startWeb(const Net::WebServerConfig &config);
    void startTcpEcho(const Net::EchoServerConfig &config);
    void startUdpEcho(const Net::EchoServerConfig &config);
    void startRelay(const Net::RelayConfig &config);
    void setRelayFaults(const Net::RelayFaults &faults);
    void stopServer(Net::ServerKind kind);
    void stopAll();
    void setMonitorOptions(const Net::MonitorOptions &options);
    void closeConnection(quint64 id);
    void sendToConnection(quint64 id, const QByteArray &bytes);
    void sendToAll(Net::ServerKind kind, const QByteArray &bytes);
    void flushNow();
    // Stops every server and client, delivers the last batch, then emits
    // stopped(): queued signals keep their order, so a consumer that ends on
    // stopped() has seen everything.
    void shutdown();

signals:
    void serverStatusChanged(const Net::ServerStatus &status);
    void batchReady(const Net::TrafficBatch &batch);
    // Something the user should read that belongs to no single call
    // ("Out of file descriptors...", "Connection #12 is gone").
    void notice(const QString &sentence);
    void clientEvents(const QList<Net::ClientEvent> &events, qint64 dropped);
    void stopped();

private:
    void reportStatus(ServerKind kind, const QString &error = {});
    ServerStatus statusOf(ServerKind kind) const;

    TrafficMonitor *m_monitor;
    HttpServer *m_web;
    TcpEchoServer *m_tcpEcho;
    UdpEchoServer *m_udpEcho;
    RelayServer *m_relay;
    ClientHub *m_clients;
};

} // namespace Net
