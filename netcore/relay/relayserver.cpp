#include "relayserver.h"
#include "relayconnection.h"

namespace Net {

namespace {
// The two configs with their faults set aside: equal means an update is faults only.
bool sameButFaults(RelayConfig a, const RelayConfig &b)
{
    a.faults = b.faults;
    return a == b;
}
} // namespace

RelayServer::RelayServer(TrafficMonitor &monitor, ServerId id, QObject *parent)
    : Server(monitor, id, ServerKind::Relay, parent)
    , m_core(monitor, id, this) // a child, so it moves to the network thread with us
{
    connect(&m_core, &TcpServerCore::acceptFailed, this, &RelayServer::acceptFailed);
    connect(&m_core, &TcpServerCore::acceptFailed, this, &Server::notice);
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
    m_config = config;
    const TcpAdmission admission{config.limits.maxConnections, config.limits.maxConnectionsPerAddress,
                                 config.limits.loopbackExempt, QStringLiteral("relay")};
    return m_core.start(config.address, config.port, admission, [this](qintptr descriptor) {
        new RelayConnection(descriptor, m_core, m_config); // registers itself with the core
    });
}

QString RelayServer::update(const ServerSpec &spec)
{
    RelayConfig wanted = spec.relay;
    if (wanted.port == m_core.serverPort())
        wanted.port = m_config.port; // the port it bound for a 0 is no change
    if (!isRunning() || !sameButFaults(wanted, m_config))
        return Server::update(spec);
    setFaults(spec.relay.faults);
    return {};
}

ServerStatus RelayServer::status() const
{
    ServerStatus status = baseStatus();
    if (m_core.isRunning()) {
        status.address = m_core.serverAddress();
        status.port = m_core.serverPort();
    }
    return status;
}

void RelayServer::setFaults(const RelayFaults &faults)
{
    m_config.faults = faults;
    const auto connections = m_core.all();
    for (TcpConnection *connection : connections)
        static_cast<RelayConnection *>(connection)->setFaults(faults); // the factory above made them all
}

qint64 RelayServer::bufferedBytes() const
{
    qint64 total = 0;
    const auto connections = m_core.all();
    for (const TcpConnection *connection : connections)
        total += static_cast<const RelayConnection *>(connection)->held();
    return total;
}

} // namespace Net
