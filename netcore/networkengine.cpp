#include "networkengine.h"
#include "client/clienthub.h"
#include "server/filelimit.h"
#include "server/server.h"
#include "server/serverfactory.h"
#include "tracking/trafficmonitor.h"

namespace Net {

NetworkEngine::NetworkEngine(QObject *parent)
    : QObject(parent)
    , m_monitor(new TrafficMonitor(this))
    , m_clients(new ClientHub(this))
{
    // Ten thousand connections need more than the usual soft limit of 1024.
    raiseFileLimit();
    connect(m_monitor, &TrafficMonitor::batchReady, this, &NetworkEngine::batchReady);
    connect(m_clients, &ClientHub::eventsReady, this, &NetworkEngine::clientEvents);
}

NetworkEngine::~NetworkEngine()
{
    stopAll();
    // The servers go before the monitor they report to (declared first, deleted last by QObject).
    for (auto &[id, entry] : m_servers)
        delete entry.server;
}

NetworkEngine::Entry *NetworkEngine::entry(ServerId id)
{
    const auto it = m_servers.find(id);
    return it == m_servers.end() ? nullptr : &it->second;
}

void NetworkEngine::addServer(const ServerSpec &spec)
{
    Entry &added = m_servers[spec.id];
    delete added.server; // an id is never reused; this only guards against a caller that did
    added.spec = spec;
    QString error;
    added.server = createServer(spec, *m_monitor, this, &error);
    if (added.server)
        connect(added.server, &Server::notice, this, &NetworkEngine::notice);
    reportStatus(added, error);
}

void NetworkEngine::startServer(ServerId id)
{
    Entry *found = entry(id);
    if (!found)
        return;
    if (!found->server) {
        addServer(found->spec); // says again why it cannot be built
        return;
    }
    reportStatus(*found, found->server->start(found->spec));
}

void NetworkEngine::stopServer(ServerId id)
{
    Entry *found = entry(id);
    if (!found)
        return;
    if (found->server)
        found->server->stop();
    reportStatus(*found);
    m_monitor->flushNow();
}

void NetworkEngine::removeServer(ServerId id)
{
    const auto it = m_servers.find(id);
    if (it == m_servers.end())
        return;
    Server *server = it->second.server;
    m_servers.erase(it);
    if (server) {
        server->stop();
        m_monitor->flushNow(); // the closed connections leave with the server's last totals
        delete server;
    }
    emit serverRemoved(id);
}

void NetworkEngine::updateServer(ServerId id, const ServerSpec &spec)
{
    Entry *found = entry(id);
    if (!found)
        return;
    ServerSpec changed = spec;
    changed.id = id;
    if (changed.kind != found->spec.kind || !found->server) {
        // Another kind is another server: replace it, keeping the id.
        const bool wasRunning = found->server && found->server->isRunning();
        removeServer(id);
        addServer(changed);
        if (wasRunning)
            startServer(id);
        return;
    }
    found->spec = changed;
    const bool running = found->server->isRunning();
    const QString error = found->server->update(changed);
    // A stopped server that took the spec has nothing new to say: a status
    // now would pass for the answer to a start that follows at once.
    if (running || !error.isEmpty())
        reportStatus(*found, error);
}

void NetworkEngine::stopAll()
{
    m_clients->closeAll();
    for (auto &[id, entry] : m_servers) {
        if (entry.server)
            entry.server->stop();
    }
    m_monitor->flushNow();
}

void NetworkEngine::setMonitorOptions(const MonitorOptions &options)
{
    m_monitor->setOptions(options);
}

Server *NetworkEngine::serverOf(quint64 connectionId)
{
    const TrackedConnection *connection = m_monitor->find(connectionId);
    if (!connection)
        return nullptr;
    Entry *found = entry(connection->record.server);
    return found ? found->server : nullptr;
}

void NetworkEngine::closeConnection(quint64 id)
{
    Server *server = serverOf(id);
    if (!server || !server->closeConnection(id))
        emit notice(tr("Connection #%1 is already closed.").arg(id));
}

void NetworkEngine::sendToConnection(quint64 id, const QByteArray &bytes)
{
    Server *server = serverOf(id);
    if (server && !server->takesRawBytes()) {
        emit notice(tr("Web connections carry HTTP: send raw bytes to echo connections instead."));
        return;
    }
    if (!server || !server->sendTo(id, bytes))
        emit notice(tr("Connection #%1 is closed: nothing was sent.").arg(id));
}

void NetworkEngine::sendToAll(ServerId id, const QByteArray &bytes)
{
    Entry *found = entry(id);
    if (!found || !found->server) {
        emit notice(tr("There is no server #%1: nothing was sent.").arg(id));
        return;
    }
    if (!found->server->takesRawBytes()) {
        emit notice(tr("Web connections carry HTTP: send raw bytes to echo connections instead."));
        return;
    }
    if (found->server->sendToAll(bytes) == 0)
        emit notice(tr("No %1 client is connected: nothing was sent.").arg(found->spec.displayName()));
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

void NetworkEngine::reportStatus(const Entry &entry, const QString &error)
{
    ServerStatus status;
    if (entry.server) {
        status = entry.server->status();
    } else {
        status.id = entry.spec.id;
        status.kind = entry.spec.kind;
    }
    status.name = entry.spec.displayName();
    status.error = error;
    emit serverStatusChanged(status);
}

} // namespace Net
