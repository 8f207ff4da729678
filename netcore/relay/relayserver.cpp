#include "relayserver.h"
#include "relayconnection.h"
#include "server/socketaddress.h"
#include "server/tcplistener.h"
#include "tracking/trafficmonitor.h"

#include <sys/socket.h>
#include <unistd.h>

namespace Net {

RelayServer::RelayServer(TrafficMonitor &monitor, QObject *parent)
    : QObject(parent)
    , m_monitor(monitor)
{
    m_clock.start();
}

RelayServer::~RelayServer()
{
    stop();
}

QString RelayServer::start(const RelayConfig &config)
{
    stop();
    if (config.upstreamAddress().isNull())
        return tr("Upstream \"%1\" is not an IP address (host names are not looked up).").arg(config.upstreamHost);
    if (config.upstreamPort == 0)
        return tr("The upstream needs a port from 1 to 65535.");
    auto *listener = new TcpListener([this](qintptr descriptor) { accept(descriptor); }, this);
    const QString error = listener->start(config.address, config.port);
    if (!error.isEmpty()) {
        delete listener;
        return error;
    }
    connect(listener, &TcpListener::acceptFailed, this, &RelayServer::acceptFailed);
    connect(listener, &TcpListener::acceptFailed, this,
            [this](const QString &sentence) { m_monitor.reportError(ServerKind::Relay, sentence); });
    m_config = config;
    m_perAddress.setLimit(config.limits.maxConnectionsPerAddress, config.limits.loopbackExempt);
    m_listener = listener;
    return {};
}

void RelayServer::stop()
{
    if (!m_listener)
        return;
    delete m_listener;
    m_listener = nullptr;
    const auto connections = m_connections.all();
    for (RelayConnection *connection : connections)
        connection->close(tr("server stopped"));
    m_connections.reap();
    m_perAddress.clear();
}

ServerStatus RelayServer::status() const
{
    ServerStatus status;
    status.kind = ServerKind::Relay;
    status.running = isRunning();
    if (m_listener) {
        status.address = m_listener->serverAddress();
        status.port = m_listener->serverPort();
    }
    return status;
}

void RelayServer::setFaults(const RelayFaults &faults)
{
    m_config.faults = faults;
    const auto connections = m_connections.all();
    for (RelayConnection *connection : connections)
        connection->setFaults(faults);
}

bool RelayServer::closeConnection(quint64 id)
{
    RelayConnection *connection = m_connections.find(id);
    if (!connection)
        return false;
    connection->close(tr("closed by the user"));
    return true;
}

qint64 RelayServer::bufferedBytes() const
{
    qint64 total = 0;
    const auto connections = m_connections.all();
    for (const RelayConnection *connection : connections)
        total += connection->held();
    return total;
}

void RelayServer::accept(qintptr descriptor)
{
    if (m_connections.size() >= m_config.limits.maxConnections) {
        ::close(int(descriptor));
        m_monitor.addError(ServerKind::Relay);
        return;
    }
    SocketAddress peer;
    peer.length = sizeof peer.storage;
    if (::getpeername(int(descriptor), reinterpret_cast<sockaddr *>(&peer.storage), &peer.length) == 0
        && !admits(peer.address())) {
        ::close(int(descriptor));
        m_monitor.addError(ServerKind::Relay);
        return;
    }
    new RelayConnection(descriptor, *this); // registers itself through connectionOpened()
}

bool RelayServer::admits(const QHostAddress &address)
{
    const AddressCap::Verdict verdict = m_perAddress.admit(address);
    if (verdict == AddressCap::Verdict::RefuseFirst) {
        const QString sentence = tr("%1 holds %2 relay connections, the most one address may: its further connections "
                                    "are refused until some close.")
                                     .arg(address.toString())
                                     .arg(m_perAddress.limit());
        m_monitor.reportNote(ServerKind::Relay, sentence);
        emit acceptFailed(sentence);
    }
    return verdict == AddressCap::Verdict::Admit;
}

void RelayServer::connectionOpened(RelayConnection *connection)
{
    m_connections.add(connection);
    m_perAddress.opened(connection->peerAddress());
}

void RelayServer::retire(RelayConnection *connection)
{
    m_perAddress.closed(connection->peerAddress());
    m_connections.retire(connection);
}

} // namespace Net
