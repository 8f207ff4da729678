#include "api/netcontroller.h"
#include "networkengine.h"
#include "client/clienthub.h"
#include "client/clienttraffic.h"
#include "tracking/trafficmonitor.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

using namespace Qt::StringLiterals;

namespace Net {

NetController::NetController(QObject *parent)
    : QObject(parent)
    , m_engine(new NetworkEngine)
{
    qRegisterMetaType<Net::ServerStatus>();
    qRegisterMetaType<Net::TrafficBatch>();
    qRegisterMetaType<QList<Net::ClientEvent>>();
    qRegisterMetaType<Net::ServerSpec>();
    qRegisterMetaType<Net::ServerId>("Net::ServerId");

    m_inFlight = m_engine->monitor().inFlight();
    m_thread.setObjectName(QStringLiteral("wirebench-net"));
    m_engine->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_engine, &QObject::deleteLater);
    connect(m_engine, &NetworkEngine::batchReady, this, &NetController::onBatch);
    connect(m_engine, &NetworkEngine::serverStatusChanged, this, &NetController::onStatus);
    connect(m_engine, &NetworkEngine::serverRemoved, this, &NetController::onRemoved);
    connect(m_engine, &NetworkEngine::notice, this, &NetController::notice);
    connect(m_engine, &NetworkEngine::stopped, this, &NetController::stopped);
    m_thread.start();
}

NetController::~NetController()
{
    // Stop the servers on their own thread, then let the thread end; the
    // engine is deleted there by the finished() connection.
    QMetaObject::invokeMethod(m_engine, [engine = m_engine] {
        engine->stopAll();
        QThread::currentThread()->quit();
    });
    startShutdownClock();
    if (m_thread.wait(m_shutdownDeadline))
        return;
    // The network thread is stuck in something that does not return. Waiting
    // longer would hang the program for good, and destroying a running
    // thread crashes it: leave at once, saying why. Straight to stderr, not
    // through a message handler that might buffer or route it elsewhere, and
    // stdout is not flushed, since a stalled stdout may be what holds things up.
    std::fprintf(stderr, "wirebench: the network thread did not stop within %d s: exiting without a clean shutdown.\n",
                 (m_shutdownTimeoutMs + 999) / 1000);
    std::_Exit(ExitStuckShutdown);
}

void NetController::setShutdownTimeout(int ms)
{
    m_shutdownTimeoutMs = qMax(0, ms);
}

void NetController::startShutdownClock()
{
    if (m_shutdownDeadline.isForever())
        m_shutdownDeadline.setRemainingTime(m_shutdownTimeoutMs);
}

ServerId NetController::addServer(const ServerSpec &spec)
{
    ServerSpec added = spec;
    if (added.id == 0)
        added.id = m_nextServerId;
    m_nextServerId = qMax(m_nextServerId, added.id + 1);
    m_specs.insert(added.id, added);
    m_names.insert(added.id, added.displayName());
    // Known at once, stopped, so status(id) and servers() answer before the network thread does.
    ServerStatus &status = m_status[added.id];
    status.id = added.id;
    status.kind = added.kind;
    status.name = added.displayName();
    QMetaObject::invokeMethod(m_engine, [engine = m_engine, added] { engine->addServer(added); });
    return added.id;
}

void NetController::startServer(ServerId id)
{
    QMetaObject::invokeMethod(m_engine, [engine = m_engine, id] { engine->startServer(id); });
}

void NetController::stopServer(ServerId id)
{
    QMetaObject::invokeMethod(m_engine, [engine = m_engine, id] { engine->stopServer(id); });
}

void NetController::removeServer(ServerId id)
{
    QMetaObject::invokeMethod(m_engine, [engine = m_engine, id] { engine->removeServer(id); });
}

void NetController::updateServer(ServerId id, const ServerSpec &spec)
{
    if (!m_specs.contains(id))
        return;
    ServerSpec changed = spec;
    changed.id = id;
    m_specs.insert(id, changed);
    m_names.insert(id, changed.displayName());
    m_status[id].name = changed.displayName();
    QMetaObject::invokeMethod(m_engine, [engine = m_engine, id, changed] { engine->updateServer(id, changed); });
}

void NetController::stopAll()
{
    for (auto it = m_specs.cbegin(); it != m_specs.cend(); ++it)
        stopServer(it.key());
}

ServerId NetController::addAndStart(const ServerSpec &spec)
{
    const ServerId id = addServer(spec);
    startServer(id);
    return id;
}

ServerId NetController::startWeb(const WebServerConfig &config, const QString &name)
{
    ServerSpec spec;
    spec.kind = ServerKind::Web;
    spec.name = name;
    spec.web = config;
    return addAndStart(spec);
}

ServerId NetController::startTcp(const EchoServerConfig &config, const QString &name)
{
    ServerSpec spec;
    spec.kind = ServerKind::Tcp;
    spec.name = name;
    spec.tcp = config;
    return addAndStart(spec);
}

ServerId NetController::startUdp(const EchoServerConfig &config, const QString &name)
{
    ServerSpec spec;
    spec.kind = ServerKind::Udp;
    spec.name = name;
    spec.udp = config;
    return addAndStart(spec);
}

QList<ServerStatus> NetController::servers() const
{
    QList<ServerStatus> all = m_status.values();
    std::sort(all.begin(), all.end(), [](const ServerStatus &a, const ServerStatus &b) { return a.id < b.id; });
    return all;
}

QString NetController::serverName(ServerId id) const
{
    return m_names.value(id, u"#%1"_s.arg(id));
}

ServerStatus NetController::status(ServerKind kind) const
{
    ServerStatus first;
    for (const ServerStatus &status : servers()) {
        if (status.kind != kind)
            continue;
        if (status.running)
            return status;
        if (first.id == 0)
            first = status;
    }
    first.kind = kind;
    return first;
}

void NetController::closeConnection(quint64 id)
{
    QMetaObject::invokeMethod(m_engine, [engine = m_engine, id] { engine->closeConnection(id); });
}

void NetController::sendToConnection(quint64 id, const QByteArray &bytes)
{
    QMetaObject::invokeMethod(m_engine, [engine = m_engine, id, bytes] { engine->sendToConnection(id, bytes); });
}

void NetController::sendToAll(ServerId id, const QByteArray &bytes)
{
    QMetaObject::invokeMethod(m_engine, [engine = m_engine, id, bytes] { engine->sendToAll(id, bytes); });
}

void NetController::setMonitorOptions(const MonitorOptions &options)
{
    QMetaObject::invokeMethod(m_engine, [engine = m_engine, options] { engine->setMonitorOptions(options); });
}

void NetController::shutdown()
{
    startShutdownClock();
    QMetaObject::invokeMethod(m_engine, &NetworkEngine::shutdown);
}

void NetController::flushNow()
{
    QMetaObject::invokeMethod(m_engine, &NetworkEngine::flushNow);
}

quint64 NetController::openClient(ClientProtocol protocol)
{
    const quint64 id = m_nextClientId++;
    m_clients.insert(id, protocol);
    QMetaObject::invokeMethod(m_engine, [engine = m_engine, id, protocol] { engine->clients().open(id, protocol); });
    return id;
}

void NetController::closeClient(quint64 id)
{
    m_clients.remove(id);
    QMetaObject::invokeMethod(m_engine, [engine = m_engine, id] { engine->clients().close(id); });
}

void NetController::clientConnect(quint64 id, const QString &host, quint16 port)
{
    QMetaObject::invokeMethod(m_engine, [engine = m_engine, id, host, port] {
        engine->clients().connectTo(id, host, port);
    });
}

void NetController::clientSend(quint64 id, const QByteArray &bytes)
{
    QMetaObject::invokeMethod(m_engine, [engine = m_engine, id, bytes] { engine->clients().send(id, bytes); });
}

void NetController::clientDisconnect(quint64 id)
{
    QMetaObject::invokeMethod(m_engine, [engine = m_engine, id] { engine->clients().disconnectFrom(id); });
}

void NetController::clientHttp(quint64 id, const HttpClientRequest &request)
{
    QMetaObject::invokeMethod(m_engine, [engine = m_engine, id, request] { engine->clients().sendHttp(id, request); });
}

void NetController::clientSetOptions(quint64 id, const ClientOptions &options)
{
    QMetaObject::invokeMethod(m_engine, [engine = m_engine, id, options] { engine->clients().setOptions(id, options); });
}

void NetController::clientSendFile(quint64 id, const QString &path)
{
    QMetaObject::invokeMethod(m_engine, [engine = m_engine, id, path] { engine->clients().sendFile(id, path); });
}

void NetController::clientCancelFile(quint64 id)
{
    QMetaObject::invokeMethod(m_engine, [engine = m_engine, id] { engine->clients().cancelFile(id); });
}

void NetController::clientSaveReceived(quint64 id, const QString &path)
{
    QMetaObject::invokeMethod(m_engine, [engine = m_engine, id, path] { engine->clients().saveReceived(id, path); });
}

std::optional<ClientProtocol> NetController::clientProtocol(quint64 id) const
{
    const auto it = m_clients.constFind(id);
    return it == m_clients.constEnd() ? std::nullopt : std::optional(*it);
}

void NetController::onBatch(const TrafficBatch &batch)
{
    for (auto it = batch.totals.cbegin(); it != batch.totals.cend(); ++it) {
        if (m_specs.contains(it.key())) // not one removed meanwhile
            m_totals.insert(it.key(), it.value());
    }
    emit trafficBatch(batch);
    emitClientEvents(batch);
    // Handled: the monitor may send the next one.
    m_inFlight->fetch_sub(1);
}

// The client pane reads its transcript as it always did: the client events
// of the batch, in order, with the bytes whole (the log cuts its own copy).
void NetController::emitClientEvents(const TrafficBatch &batch)
{
    QList<ClientEvent> events;
    for (const TrafficEvent &event : batch.events) {
        if (event.source != EventSource::Client)
            continue;
        // Only UDP reads name a peer of their own; the others were given the target for the log.
        const bool datagramPeers = m_clients.value(event.connectionId, ClientProtocol::Tcp) == ClientProtocol::Udp;
        events.append(clientEventFrom(event, datagramPeers));
    }
    if (!events.isEmpty() || batch.clientEventsDropped > 0)
        emit clientEvents(events, batch.clientEventsDropped);
}

void NetController::onStatus(const ServerStatus &status)
{
    // A status still on its way when the server was removed is not news.
    if (!m_specs.contains(status.id))
        return;
    m_status.insert(status.id, status);
    emit serverStatusChanged(status);
}

void NetController::onRemoved(ServerId id)
{
    m_specs.remove(id);
    m_status.remove(id);
    m_totals.remove(id);
    emit serverRemoved(id);
}

} // namespace Net
