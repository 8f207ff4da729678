#include "networkengine.h"
#include "client/clienthub.h"
#include "echo/tcpechoserver.h"
#include "echo/udpechoserver.h"
#include "http/httpserver.h"
#include "relay/relayserver.h"
#include "server/filelimit.h"
#include "tracking/trafficmonitor.h"


using namespace Qt::StringLiterals;

namespace Net {

NetworkEngine::NetworkEngine(QObject *parent)
    : QObject(parent)
    , m_monitor(new TrafficMonitor(this))
    , m_web(new HttpServer(*m_monitor, this))
    , m_tcpEcho(new TcpEchoServer(*m_monitor, this))
    , m_udpEcho(new UdpEchoServer(*m_monitor, this))
    , m_relay(new RelayServer(*m_monitor, this))
    , m_clients(new ClientHub(this))
{
    // Ten thousand connections need more than the usual soft limit of 1024.
    raiseFileLimit();
    connect(m_monitor, &TrafficMonitor::batchReady, this, &NetworkEngine::batchReady);
    connect(m_web, &HttpServer::acceptFailed, this, &NetworkEngine::notice);
    connect(m_tcpEcho, &TcpEchoServer::acceptFailed, this, &NetworkEngine::notice);
    connect(m_udpEcho, &UdpEchoServer::notice, this, &NetworkEngine::notice);
    connect(m_relay, &RelayServer::acceptFailed, this, &NetworkEngine::notice);
    connect(m_clients, &ClientHub::eventsReady, this, &NetworkEngine::clientEvents);
}

NetworkEngine::~NetworkEngine()
{
    stopAll();
}

void NetworkEngine::startWeb(const WebServerConfig &config)
{
    reportStatus(ServerKind::Web, m_web->start(config));
}

void NetworkEngine::startTcpEcho(const EchoServerConfig &config)
{
    reportStatus(ServerKind::TcpEcho, m_tcpEcho->start(config));
}

void NetworkEngine::startUdpEcho(const EchoServerConfig &config)
{
    reportStatus(ServerKind::UdpEcho, m_udpEcho->start(config));
}

void NetworkEngine::startRelay(const RelayConfig &config)
{
    reportStatus(ServerKind::Relay, m_relay->start(config));
}

void NetworkEngine::setRelayFaults(const RelayFaults &faults)
{
    m_relay->setFaults(faults);
}

void NetworkEngine::stopServer(ServerKind kind)
{
    switch (kind) {
    case ServerKind::Web: m_web->stop(); break;
    case ServerKind::TcpEcho: m_tcpEcho->stop(); break;
    case ServerKind::UdpEcho: m_udpEcho->stop(); break;
    case ServerKind::Relay: m_relay->stop(); break;
    }
    reportStatus(kind);
    m_monitor->flushNow();
}

void NetworkEngine::stopAll()
{
    m_clients->closeAll();
    m_web->stop();
    m_tcpEcho->stop();
    m_udpEcho->stop();
    m_relay->stop();
    m_monitor->flushNow();
}

void NetworkEngine::setMonitorOptions(const MonitorOptions &options)
{
    m_monitor->setOptions(options);
}

void NetworkEngine::closeConnection(quint64 id)
{
    const TrackedConnection *connection = m_monitor->find(id);
    bool closed = false;
    if (connection) {
        switch (connection->record.server) {
        case ServerKind::Web: closed = m_web->closeConnection(id); break;
        case ServerKind::TcpEcho: closed = m_tcpEcho->closeConnection(id); break;
        case ServerKind::UdpEcho: closed = m_udpEcho->forgetPeer(id); break;
        case ServerKind::Relay: closed = m_relay->closeConnection(id); break;
        }
    }
    if (!closed)
        emit notice(tr("Connection #%1 is already closed.").arg(id));
}

void NetworkEngine::sendToConnection(quint64 id, const QByteArray &bytes)
{
    const TrackedConnection *connection = m_monitor->find(id);
    bool sent = false;
    if (connection) {
        switch (connection->record.server) {
        case ServerKind::Web:
            emit notice(tr("Web connections carry HTTP: send raw bytes to echo connections instead."));
            return;
        case ServerKind::TcpEcho: sent = m_tcpEcho->sendTo(id, bytes); break;
        case ServerKind::UdpEcho: sent = m_udpEcho->sendTo(id, bytes); break;
        case ServerKind::Relay:
            emit notice(tr("Relay connections carry what their two peers send: send raw bytes to echo connections instead."));
            return;
        }
    }
    if (!sent)
        emit notice(tr("Connection #%1 is closed: nothing was sent.").arg(id));
}

void NetworkEngine::sendToAll(ServerKind kind, const QByteArray &bytes)
{
    int count = 0;
    switch (kind) {
    case ServerKind::Web:
        emit notice(tr("Web connections carry HTTP: send raw bytes to echo connections instead."));
        return;
    case ServerKind::TcpEcho: count = m_tcpEcho->sendToAll(bytes); break;
    case ServerKind::UdpEcho: count = m_udpEcho->sendToAll(bytes); break;
    case ServerKind::Relay:
        emit notice(tr("Relay connections carry what their two peers send: send raw bytes to echo connections instead."));
        return;
    }
    if (count == 0)
        emit notice(tr("No %1 client is connected: nothing was sent.").arg(serverKindName(kind)));
}

void NetworkEngine::shutdown()
{
    stopAll();
    m_monitor->flushFinal();
    emit stopped();
}

void NetworkEngine::flushNow()
{
    m_monitor->flushNow();
}

ServerStatus NetworkEngine::statusOf(ServerKind kind) const
{
    switch (kind) {
    case ServerKind::Web: return m_web->status();
    case ServerKind::TcpEcho: return m_tcpEcho->status();
    case ServerKind::UdpEcho: return m_udpEcho->status();
    case ServerKind::Relay: return m_relay->status();
    }
    return {};
}

void NetworkEngine::reportStatus(ServerKind kind, const QString &error)
{
    ServerStatus status = statusOf(kind);
    status.error = error;
    emit serverStatusChanged(status);
}

} // namespace Net
