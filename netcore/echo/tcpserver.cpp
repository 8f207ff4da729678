#include "tcpserver.h"
#include "echoconnection.h"

namespace Net {

TcpServer::TcpServer(TrafficMonitor &monitor, ServerId id, QObject *parent)
    : Server(monitor, id, ServerKind::Tcp, parent)
    , m_core(monitor, id, this) // a child, so it moves to the network thread with us
{
    connect(&m_core, &TcpServerCore::acceptFailed, this, &TcpServer::acceptFailed);
    connect(&m_core, &TcpServerCore::acceptFailed, this, &Server::notice);
}

TcpServer::~TcpServer()
{
    stop();
}

QString TcpServer::start(const EchoServerConfig &config)
{
    stop();
    m_config = config;
    const TcpAdmission admission{config.maxConnections, config.limits.maxConnectionsPerAddress,
                                 config.limits.loopbackExempt};
    return m_core.start(config.address, config.port, admission, [this](qintptr descriptor) {
        new EchoConnection(descriptor, m_core, m_config); // registers itself with the core
    });
}

ServerStatus TcpServer::status() const
{
    ServerStatus status = baseStatus();
    if (m_core.isRunning()) {
        status.address = m_core.serverAddress();
        status.port = m_core.serverPort();
    }
    return status;
}

EchoConnection *TcpServer::find(quint64 id) const
{
    // Every connection of this core is an EchoConnection: the factory above made it.
    return static_cast<EchoConnection *>(m_core.find(id));
}

bool TcpServer::sendTo(quint64 id, const QByteArray &bytes)
{
    EchoConnection *connection = find(id);
    if (!connection)
        return false;
    connection->sendFromServer(bytes);
    return true;
}

int TcpServer::sendToAll(const QByteArray &bytes)
{
    const auto connections = m_core.all();
    for (TcpConnection *connection : connections)
        static_cast<EchoConnection *>(connection)->sendFromServer(bytes);
    return int(connections.size());
}

} // namespace Net
