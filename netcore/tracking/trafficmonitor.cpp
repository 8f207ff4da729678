#include "trafficmonitor.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace Net {

QString serverKindName(ServerKind kind)
{
    switch (kind) {
    case ServerKind::Web: return u"web"_s;
    case ServerKind::TcpEcho: return u"echo"_s;
    case ServerKind::UdpEcho: return u"udp-echo"_s;
    case ServerKind::Relay: return u"relay"_s;
    }
    return {};
}

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

TrackedConnection *TrafficMonitor::track(ServerKind server, bool udp, const QHostAddress &peer,
                                         quint16 peerPort, const QHostAddress &local, quint16 localPort)
{
    auto tracked = std::make_unique<TrackedConnection>();
    ConnectionRecord &r = tracked->record;
    r.id = m_nextId++;
    r.server = server;
    r.udp = udp;
    r.peerAddress = peer;
    r.peerPort = peerPort;
    r.localAddress = local;
    r.localPort = localPort;
    r.openedMs = r.lastSeenMs = nowMs();

    ServerTotals &totals = m_totals[int(server)];
    ++totals.connectionsNow;
    ++totals.connectionsTotal;

    TrackedConnection *raw = tracked.get();
    m_records.emplace(r.id, std::move(tracked));
    markChanged(raw);

    if (m_options.captureEvents) {
        TrafficEvent event;
        event.kind = TrafficEvent::Kind::Opened;
        event.server = server;
        event.connectionId = r.id;
        event.timeMs = r.openedMs;
        event.peerAddress = peer;
        event.peerPort = peerPort;
        post(std::move(event));
    }
    return raw;
}

TrackedConnection *TrafficMonitor::openConnection(ServerKind server, const QHostAddress &peer, quint16 peerPort,
                                                  const QHostAddress &local, quint16 localPort)
{
    return track(server, false, peer, peerPort, local, localPort);
}

TrackedConnection *TrafficMonitor::openUdpPeer(ServerKind server, const QHostAddress &peer, quint16 peerPort,
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
    --m_totals[int(r.server)].connectionsNow;
    markChanged(connection);

    if (m_options.captureEvents) {
        TrafficEvent event;
        event.kind = TrafficEvent::Kind::Closed;
        event.server = r.server;
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
    m_totals[int(connection->record.server)].bytesIn += bytes;
    markChanged(connection);
}

void TrafficMonitor::addBytesOut(TrackedConnection *connection, qint64 bytes)
{
    connection->record.bytesOut += bytes;
    m_totals[int(connection->record.server)].bytesOut += bytes;
    markChanged(connection);
}

void TrafficMonitor::addBytesOut(ServerKind server, qint64 bytes)
{
    m_totals[int(server)].bytesOut += bytes;
    scheduleFlush();
}

void TrafficMonitor::addRequest(TrackedConnection *connection)
{
    ++connection->record.requests;
    ++m_totals[int(connection->record.server)].requests;
    markChanged(connection);
}

void TrafficMonitor::addError(ServerKind server)
{
    ++m_totals[int(server)].errors;
    scheduleFlush();
}

void TrafficMonitor::addDropped(ServerKind server, qint64 datagrams)
{
    m_totals[int(server)].dropped += datagrams;
    scheduleFlush();
}

void TrafficMonitor::reportError(ServerKind server, const QString &sentence)
{
    addError(server);
    reportNote(server, sentence);
}

void TrafficMonitor::reportNote(ServerKind server, const QString &sentence)
{
    TrafficEvent event;
    event.kind = TrafficEvent::Kind::Error;
    event.server = server;
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
    for (int i = 0; i < ServerKindCount; ++i)
        batch.totals[i] = m_totals[i];

    m_inFlight->fetch_add(1);
    emit batchReady(batch);
}

} // namespace Net
