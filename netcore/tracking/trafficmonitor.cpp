#include "trafficmonitor.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace Net {

TrafficMonitor::TrafficMonitor(QObject *parent)
    : QObject(parent)
    , m_flushTimer(this) // a child, so it moves to the network thread with us
{
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(m_options.flushIntervalMs);
    connect(&m_flushTimer, &QTimer::timeout, this, [this] { flush(); });
}

TrafficMonitor::~TrafficMonitor() = default;

void TrafficMonitor::setOptions(const MonitorOptions &options)
{
    m_options = options;
    m_flushTimer.setInterval(qMax(1, options.flushIntervalMs));
    if (!options.captureEvents) {
        m_queue.clear();
        m_queuedBytes = 0;
    }
}

qint64 TrafficMonitor::nowMs() const
{
    const qint64 wall = m_wallClock ? m_wallClock() : QDateTime::currentMSecsSinceEpoch();
    m_lastTimeMs = qMax(m_lastTimeMs, wall);
    return m_lastTimeMs;
}

void TrafficMonitor::registerServer(ServerId server, ServerKind kind)
{
    m_servers[server] = ServerEntry{kind, {}};
    scheduleFlush();
}

void TrafficMonitor::unregisterServer(ServerId server)
{
    m_servers.erase(server);
    scheduleFlush();
}

TrafficMonitor::ServerEntry &TrafficMonitor::entry(ServerId server)
{
    // A server reports only after registering; an unknown id (a test's
    // server that skipped it) gets an entry rather than a crash.
    return m_servers[server];
}

const ServerTotals &TrafficMonitor::totals(ServerId server) const
{
    static const ServerTotals none;
    const auto it = m_servers.find(server);
    return it == m_servers.end() ? none : it->second.totals;
}

TrackedConnection *TrafficMonitor::track(ServerId server, bool udp, const QHostAddress &peer,
                                         quint16 peerPort, const QHostAddress &local, quint16 localPort)
{
    auto tracked = std::make_unique<TrackedConnection>();
    ConnectionRecord &r = tracked->record;
    r.id = m_nextId++;
    ServerEntry &owner = entry(server);
    r.server = server;
    r.serverKind = owner.kind;
    r.udp = udp;
    r.peerAddress = peer;
    r.peerPort = peerPort;
    r.localAddress = local;
    r.localPort = localPort;
    r.openedMs = r.lastSeenMs = nowMs();

    tracked->totals = &owner.totals;
    ++owner.totals.connectionsNow;
    ++owner.totals.connectionsTotal;

    TrackedConnection *raw = tracked.get();
    m_records.emplace(r.id, std::move(tracked));
    markChanged(raw);

    if (m_options.captureEvents) {
        TrafficEvent event;
        event.kind = TrafficEvent::Kind::Opened;
        event.server = server;
        event.serverKind = r.serverKind;
        event.connectionId = r.id;
        event.timeMs = r.openedMs;
        event.peerAddress = peer;
        event.peerPort = peerPort;
        post(std::move(event));
    }
    return raw;
}

TrackedConnection *TrafficMonitor::openConnection(ServerId server, const QHostAddress &peer, quint16 peerPort,
                                                  const QHostAddress &local, quint16 localPort)
{
    return track(server, false, peer, peerPort, local, localPort);
}

TrackedConnection *TrafficMonitor::openUdpPeer(ServerId server, const QHostAddress &peer, quint16 peerPort,
                                               const QHostAddress &local, quint16 localPort)
{
    return track(server, true, peer, peerPort, local, localPort);
}

void TrafficMonitor::closeConnection(TrackedConnection *connection, const QString &reason)
{
    ConnectionRecord &r = connection->record;
    if (r.state == ConnectionState::Closed)
        return;
    r.state = ConnectionState::Closed;
    r.closedMs = nowMs();
    --connection->totals->connectionsNow;
    markChanged(connection);

    if (m_options.captureEvents) {
        TrafficEvent event;
        event.kind = TrafficEvent::Kind::Closed;
        event.server = r.server;
        event.serverKind = r.serverKind;
        event.connectionId = r.id;
        event.timeMs = r.closedMs;
        event.peerAddress = r.peerAddress;
        event.peerPort = r.peerPort;
        event.note = reason;
        post(std::move(event));
    }
}

TrackedConnection *TrafficMonitor::find(quint64 id) const
{
    const auto it = m_records.find(id);
    if (it == m_records.end() || it->second->record.state == ConnectionState::Closed)
        return nullptr;
    return it->second.get();
}

void TrafficMonitor::addBytesIn(TrackedConnection *connection, qint64 bytes)
{
    connection->record.bytesIn += bytes;
    connection->totals->bytesIn += bytes;
    markChanged(connection);
}

void TrafficMonitor::addBytesOut(TrackedConnection *connection, qint64 bytes)
{
    connection->record.bytesOut += bytes;
    connection->totals->bytesOut += bytes;
    markChanged(connection);
}

void TrafficMonitor::addBytesOut(ServerId server, qint64 bytes)
{
    entry(server).totals.bytesOut += bytes;
    scheduleFlush();
}

void TrafficMonitor::addRequest(TrackedConnection *connection)
{
    ++connection->record.requests;
    ++connection->totals->requests;
    markChanged(connection);
}

void TrafficMonitor::addError(ServerId server)
{
    ++entry(server).totals.errors;
    scheduleFlush();
}

void TrafficMonitor::addDropped(ServerId server, qint64 datagrams)
{
    entry(server).totals.dropped += datagrams;
    scheduleFlush();
}

void TrafficMonitor::reportError(ServerId server, const QString &sentence)
{
    addError(server);
    reportNote(server, sentence);
}

void TrafficMonitor::reportNote(ServerId server, const QString &sentence)
{
    TrafficEvent event;
    event.kind = TrafficEvent::Kind::Error;
    event.server = server;
    event.serverKind = entry(server).kind;
    event.timeMs = nowMs();
    event.note = sentence;
    post(std::move(event));
}

void TrafficMonitor::post(TrafficEvent &&event)
{
    if (!m_options.captureEvents)
        return;
    if (m_queue.size() >= m_options.maxQueuedEvents) {
        ++m_dropped;
        return;
    }
    // The queue is bounded in bytes as well, counting everything an event
    // holds (HTTP heads run to tens of KiB), so a stalled consumer costs tens
    // of MiB, not gigabytes. A data event that does not fit first gives up
    // its payload sample: its size and the counters still tell the story.
    qsizetype footprint = event.footprint();
    if (m_queuedBytes + footprint > m_options.maxQueuedBytes && !event.payload.isEmpty()) {
        event.payload = QByteArray();
        footprint = event.footprint();
    }
    if (m_queuedBytes + footprint > m_options.maxQueuedBytes) {
        ++m_dropped;
        return;
    }
    m_queuedBytes += footprint;
    m_queue.append(std::move(event));
    if (m_queue.size() >= m_options.maxBatchEvents && m_inFlight->load() == 0)
        flush();
    else
        scheduleFlush();
}

void TrafficMonitor::markChanged(TrackedConnection *connection)
{
    if (!connection->changed) {
        connection->changed = true;
        m_changed.push_back(connection);
    }
    scheduleFlush();
}

void TrafficMonitor::scheduleFlush()
{
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void TrafficMonitor::flushNow()
{
    m_flushTimer.stop();
    flush();
}

void TrafficMonitor::flushFinal()
{
    m_flushTimer.stop();
    flush(true);
}

void TrafficMonitor::flush(bool force)
{
    // The consumer has not finished the last batch: keep collecting, try again later.
    if (!force && m_inFlight->load() > 0) {
        scheduleFlush();
        return;
    }

    TrafficBatch batch;
    batch.events = std::exchange(m_queue, {});
    m_queuedBytes = 0;
    batch.eventsDropped = std::exchange(m_dropped, 0);
    batch.changedConnections.reserve(qsizetype(m_changed.size()));
    for (TrackedConnection *connection : m_changed) {
        connection->changed = false;
        batch.changedConnections.append(connection->record);
        if (connection->record.state == ConnectionState::Closed)
            m_records.erase(connection->record.id); // reported closed: its last appearance
    }
    m_changed.clear();
    batch.totals.reserve(qsizetype(m_servers.size()));
    for (const auto &[id, server] : m_servers)
        batch.totals.insert(id, server.totals);

    m_inFlight->fetch_add(1);
    emit batchReady(batch);
}

} // namespace Net
