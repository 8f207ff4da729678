#pragma once

#include "api/monitoroptions.h"
#include "api/trafficevent.h"

#include <QObject>
#include <QTimer>

#include <atomic>
#include <functional>
#include <memory>
#include <unordered_map>
#include <vector>

namespace Net {

// A connection record as the network thread holds it: the record plus the
// bookkeeping of whether the consumer has seen its latest state.
struct TrackedConnection
{
    ConnectionRecord record;
    ServerTotals *totals = nullptr; // its server's counters: no lookup on the byte path
    bool changed = false;
};

// Lives on the network thread. Servers report connections, bytes and events
// here; the monitor keeps exact counters and a bounded event queue, and
// delivers everything to the consumer in batches (by time or by count,
// whichever comes first), never one signal per packet.
//
// Back-pressure towards the consumer: at most one batch is in flight. The
// consumer calls the acknowledge function it was given once it has handled a
// batch; until then events accumulate in the queue (bounded, overflow
// counted), so a stalled GUI can neither slow the servers nor grow memory
// without bound.
class TrafficMonitor final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrafficMonitor)

public:
    explicit TrafficMonitor(QObject *parent = nullptr);
    ~TrafficMonitor() override;

    void setOptions(const MonitorOptions &options);
    const MonitorOptions &options() const { return m_options; }
    bool capturing() const { return m_options.captureEvents; }
    int payloadSampleBytes() const { return m_options.payloadSampleBytes; }

    // Servers register before they report anything and unregister when they
    // are removed (their totals leave the batches then).
    void registerServer(ServerId server, ServerKind kind);
    void unregisterServer(ServerId server);

    // The handle stays valid until closeConnection() and is the connection's
    // fast path for counters; the record itself lives on until the consumer
    // has been told it closed.
    TrackedConnection *openConnection(ServerId server, const QHostAddress &peer, quint16 peerPort,
                                      const QHostAddress &local, quint16 localPort);
    // The same for a UDP peer: the server that keeps the peer table decides
    // when one starts and ends.
    TrackedConnection *openUdpPeer(ServerId server, const QHostAddress &peer, quint16 peerPort,
                                   const QHostAddress &local, quint16 localPort);
    void closeConnection(TrackedConnection *connection, const QString &reason = {});

    // A live (not yet closed) connection or peer by id, or nullptr.
    TrackedConnection *find(quint64 id) const;

    void addBytesIn(TrackedConnection *connection, qint64 bytes);
    void addBytesOut(TrackedConnection *connection, qint64 bytes);
    // Bytes sent to a peer whose record has gone meanwhile: the totals only.
    void addBytesOut(ServerId server, qint64 bytes);
    void addRequest(TrackedConnection *connection);
    void addError(ServerId server);
    void addDropped(ServerId server, qint64 datagrams);
    // Rules mode: a server (re)starting its rules with `rules` rules, and one reply by rule `rule`.
    void resetRuleHits(ServerId server, qsizetype rules);
    void addRuleHit(ServerId server, int rule);
    // Counts an error and puts its sentence in the log as an Error event.
    void reportError(ServerId server, const QString &sentence);
    // Puts a sentence in the log (as an Error event) without counting an error.
    void reportNote(ServerId server, const QString &sentence);

    // Queues an event when capturing; counts it as dropped (not shown) when
    // the queue is full in events or in bytes.
    void post(TrafficEvent &&event);
    // A client session's event: queued within the same bounds and in order
    // with the servers' events, but also when capture is off, since the
    // client pane's transcript is made of them. Its payload is not cut to
    // the sample (the transcript shows the bytes whole; the log cuts them).
    void postClient(TrafficEvent &&event);
    // The footprint of the events waiting for the consumer, in bytes.
    qint64 queuedBytes() const { return m_queuedBytes; }

    // A registered server's counters, live until it unregisters (zeros for an unknown id).
    const ServerTotals &totals(ServerId server) const;
    // The one clock of every event and record: the wall clock (ms since the
    // epoch), held back so it never goes backwards when the system clock is
    // set back. Events are posted in order, so their times are in order too.
    qint64 nowMs() const;
    // Where nowMs() reads the time (tests set a clock of their own).
    void setWallClock(std::function<qint64()> clock) { m_wallClock = std::move(clock); }

    // Delivers a batch now if the consumer is ready (tests, a server stopping).
    void flushNow();
    // Delivers a batch now even if the consumer has not handled the last one:
    // the final batch at shutdown, which must not wait for a timer.
    void flushFinal();

    // Shared with the consumer: batches delivered but not yet handled. The
    // consumer decrements it (from any thread) when it is done with a batch.
    std::shared_ptr<std::atomic<int>> inFlight() const { return m_inFlight; }

signals:
    void batchReady(const Net::TrafficBatch &batch);

private:
    // Within the bounds: queued (true), or not kept (false, not yet counted).
    bool enqueue(TrafficEvent &&event);
    void markChanged(TrackedConnection *connection);
    void scheduleFlush();
    void flush(bool force = false);
    struct ServerEntry
    {
        ServerKind kind = ServerKind::Web;
        ServerTotals totals;
    };
    ServerEntry &entry(ServerId server);
    TrackedConnection *track(ServerId server, bool udp, const QHostAddress &peer, quint16 peerPort,
                             const QHostAddress &local, quint16 localPort);

    MonitorOptions m_options;
    quint64 m_nextId = 1;
    std::unordered_map<quint64, std::unique_ptr<TrackedConnection>> m_records;
    std::vector<TrackedConnection *> m_changed;
    // Node-based, so TrackedConnection::totals stays valid while others come and go.
    std::unordered_map<ServerId, ServerEntry> m_servers;
    QList<TrafficEvent> m_queue;
    qint64 m_dropped = 0;
    qint64 m_clientDropped = 0;
    qint64 m_queuedBytes = 0; // counts a sample shared by an In and an Out event twice: a safe overestimate
    QTimer m_flushTimer;
    std::shared_ptr<std::atomic<int>> m_inFlight = std::make_shared<std::atomic<int>>(0);
    std::function<qint64()> m_wallClock;
    mutable qint64 m_lastTimeMs = 0;
};

} // namespace Net
