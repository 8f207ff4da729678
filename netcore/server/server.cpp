#include "server.h"
#include "tracking/trafficmonitor.h"

namespace Net {

Server::Server(TrafficMonitor &monitor, ServerId id, ServerKind kind, QObject *parent)
    : QObject(parent)
    , m_monitor(monitor)
    , m_id(id)
{
    monitor.registerServer(id, kind);
}

Server::~Server()
{
    m_monitor.unregisterServer(m_id);
}

QString Server::update(const ServerSpec &spec)
{
    return isRunning() ? start(spec) : QString();
}

ServerStatus Server::baseStatus() const
{
    ServerStatus status;
    status.id = m_id;
    status.kind = kind();
    status.running = isRunning();
    return status;
}

} // namespace Net
