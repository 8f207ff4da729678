#include "echotesthelpers.h"
#include "testserverids.h"
#include "tracking/trafficmonitor.h"

#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace Net;
using namespace Qt::StringLiterals;
using EchoTest::waitUntil;

namespace {

const QHostAddress Peer(QHostAddress::LocalHost);
constexpr quint16 LocalPort = 7007;

TrafficEvent dataEvent(quint64 connectionId, qint64 sequence)
{
    TrafficEvent event;
    event.kind = TrafficEvent::Kind::Data;
    setServer(event, ServerKind::Tcp);
    event.direction = Direction::In;
    event.connectionId = connectionId;
    event.size = sequence; // lets the test check order and completeness
    event.payload = "12345678"_ba;
    return event;
}

// A finished HTTP exchange with a full header section: about 16 KiB of
// request head (100 fields) and 8 KiB of response head, the same size for
// every sequence number.
TrafficEvent httpEvent(int sequence)
{
    TrafficEvent event;
    event.kind = TrafficEvent::Kind::Http;
    setServer(event, ServerKind::Web);
    event.peerAddress = Peer;
    event.peerPort = 40000;
    event.status = 200;
    event.size = sequence;
    QByteArray head = "GET /" + QByteArray::number(sequence).rightJustified(8, '0') + " HTTP/1.1\r\n";
    for (int field = 0; field < 100; ++field)
        head += "X-Field-" + QByteArray::number(field).rightJustified(3, '0') + ": " + QByteArray(146, 'v') + "\r\n";
    event.requestHead = head + "\r\n";
    event.responseHead = QByteArray(8 * 1024, 'r');
    return event;
}

} // namespace

class tst_TrafficMonitor : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void burstIsBatched();
    void timerDeliversAndQuietSendsNothing();
    void boundedQueueWhileConsumerStalls();
    void changedRecordsOncePerBatch();
    void closedReportedOnceThenForgotten();
    void queueBoundedInBytes();
    void dataEventsShedPayloadFirst();
    void captureOffKeepsCountersAndRecords();
    void errorsCounted();
    void eventTimesNeverGoBack();

private:
    TrackedConnection *open(quint16 peerPort)
    {
        return m_monitor->openConnection(testServerId(ServerKind::Tcp), Peer, peerPort, Peer, LocalPort);
    }

    std::unique_ptr<TrafficMonitor> m_monitor;
    std::unique_ptr<EchoTest::BatchLog> m_log;
};

void tst_TrafficMonitor::init()
{
    m_monitor = std::make_unique<TrafficMonitor>();
    m_log = std::make_unique<EchoTest::BatchLog>(*m_monitor);
}

void tst_TrafficMonitor::cleanup()
{
    m_log.reset();
    m_monitor.reset();
}

void tst_TrafficMonitor::burstIsBatched()
{
    constexpr int count = 100000;
    for (int i = 0; i < count; ++i)
        m_monitor->post(dataEvent(1, i));
    QVERIFY2(waitUntil([&] { return m_log->eventTotal + m_log->droppedTotal == count; }),
             qPrintable(u"%1 delivered + %2 dropped"_s.arg(m_log->eventTotal).arg(m_log->droppedTotal)));
    qInfo("%d events in %d batches, %lld dropped", count, m_log->deliveries, m_log->droppedTotal);
    QVERIFY(m_log->deliveries < 100);
    QCOMPARE(m_log->droppedTotal, 0); // the consumer kept up: nothing is lost
    qint64 expected = 0;
    for (const TrafficBatch &batch : std::as_const(m_log->batches)) {
        QVERIFY(batch.events.size() <= m_monitor->options().maxBatchEvents);
        for (const TrafficEvent &event : batch.events)
            QCOMPARE(event.size, expected++); // in order, each once
    }
    QCOMPARE(expected, count);
    QCOMPARE(m_monitor->inFlight()->load(), 0);
}

void tst_TrafficMonitor::timerDeliversAndQuietSendsNothing()
{
    MonitorOptions options;
    options.flushIntervalMs = 20;
    m_monitor->setOptions(options);
    auto *flushTimer = m_monitor->findChild<QTimer *>();
    QVERIFY(flushTimer);
    QVERIFY(!flushTimer->isActive());
    m_monitor->post(dataEvent(1, 42));
    QCOMPARE(m_log->deliveries, 0); // one event waits for the timer
    QVERIFY(flushTimer->isActive());
    QVERIFY(waitUntil([&] { return m_log->deliveries == 1; }));
    QCOMPARE(m_log->batches.first().events.size(), 1);
    QCOMPARE(m_log->batches.first().events.first().size, 42);

    // Nothing new: no batch is on its way (the timer is the only way one leaves unasked).
    QVERIFY(!flushTimer->isActive());
}

void tst_TrafficMonitor::boundedQueueWhileConsumerStalls()
{
    MonitorOptions options;
    options.maxQueuedEvents = 1000;
    m_monitor->setOptions(options);
    TrackedConnection *connection = open(40000);
    const quint64 id = connection->record.id;

    m_log->acknowledge = false;
    m_monitor->flushNow(); // delivered and never acknowledged: the consumer is stuck
    QCOMPARE(m_log->deliveries, 1);
    QCOMPARE(m_monitor->inFlight()->load(), 1);
    QCOMPARE(m_log->batches.first().events.size(), 1); // the Opened event

    for (int i = 0; i < 10000; ++i) {
        m_monitor->post(dataEvent(id, i));
        m_monitor->addBytesIn(connection, 3);
        m_monitor->addBytesOut(connection, 2);
    }
    // Held back while in flight: not now, and not when the retry timer fires.
    m_monitor->flushNow();
    QCOMPARE(m_log->deliveries, 1);
    auto *flushTimer = m_monitor->findChild<QTimer *>();
    QVERIFY(flushTimer && flushTimer->isActive());
    QSignalSpy retried(flushTimer, &QTimer::timeout);
    QVERIFY(retried.wait());
    QCOMPARE(m_log->deliveries, 1);

    m_monitor->inFlight()->fetch_sub(1);
    m_log->acknowledge = true;
    QVERIFY(m_log->flush());
    const TrafficBatch &batch = m_log->batches.last();
    QCOMPARE(batch.events.size(), 1000);
    QCOMPARE(batch.eventsDropped, 9000);
    for (int i = 0; i < 1000; ++i)
        QCOMPARE(batch.events[i].size, i); // the oldest are kept, the overflow counted
    const ServerTotals &totals = batch.totalsFor(testServerId(ServerKind::Tcp));
    QCOMPARE(totals.bytesIn, 30000);
    QCOMPARE(totals.bytesOut, 20000);
    QCOMPARE(batch.changedConnections.size(), 1);
    QCOMPARE(batch.changedConnections.first().bytesIn, 30000);

    QVERIFY(m_log->flush());
    QCOMPARE(m_log->batches.last().eventsDropped, 0); // reported once
    QCOMPARE(m_log->batches.last().events.size(), 0);
}

void tst_TrafficMonitor::changedRecordsOncePerBatch()
{
    QList<TrackedConnection *> connections{open(40001), open(40002), open(40003)};
    for (int round = 0; round < 100; ++round) {
        for (TrackedConnection *connection : connections) {
            m_monitor->addBytesIn(connection, 1);
            if (round % 2)
                m_monitor->addBytesOut(connection, 1);
            m_monitor->addRequest(connection);
        }
    }
    QVERIFY(m_log->flush());
    const QList<ConnectionRecord> &changed = m_log->batches.last().changedConnections;
    QCOMPARE(changed.size(), 3);
    QSet<quint64> ids;
    for (const ConnectionRecord &record : changed) {
        ids.insert(record.id);
        QCOMPARE(record.bytesIn, 100);
        QCOMPARE(record.bytesOut, 50);
        QCOMPARE(record.requests, 100);
        QCOMPARE(record.state, ConnectionState::Open);
        QCOMPARE(record.localPort, LocalPort);
    }
    QCOMPARE(ids.size(), 3);
    const ServerTotals &totals = m_log->batches.last().totalsFor(testServerId(ServerKind::Tcp));
    QCOMPARE(totals.bytesIn, 300);
    QCOMPARE(totals.bytesOut, 150);
    QCOMPARE(totals.requests, 300);
    QCOMPARE(totals.connectionsNow, 3);
    QCOMPARE(m_log->batches.last().totalsFor(testServerId(ServerKind::Web)).bytesIn, 0);

    QVERIFY(m_log->flush());
    QCOMPARE(m_log->batches.last().changedConnections.size(), 0); // nothing changed since

    m_monitor->addBytesOut(connections[1], 7);
    QVERIFY(m_log->flush());
    QCOMPARE(m_log->batches.last().changedConnections.size(), 1);
    QCOMPARE(m_log->batches.last().changedConnections.first().id, connections[1]->record.id);
    QCOMPARE(m_log->batches.last().changedConnections.first().bytesOut, 57);
}

void tst_TrafficMonitor::closedReportedOnceThenForgotten()
{
    TrackedConnection *a = open(40010);
    TrackedConnection *b = open(40011);
    const quint64 idA = a->record.id;
    QVERIFY(idA != b->record.id);
    QCOMPARE(m_monitor->find(idA), a);
    QVERIFY(m_log->flush());

    m_monitor->addBytesIn(a, 5);
    m_monitor->closeConnection(a, u"done"_s);
    m_monitor->closeConnection(a, u"twice"_s); // a second close changes nothing
    QVERIFY(!m_monitor->find(idA));
    QCOMPARE(m_monitor->totals(testServerId(ServerKind::Tcp)).connectionsNow, 1);
    QCOMPARE(m_monitor->totals(testServerId(ServerKind::Tcp)).connectionsTotal, 2);
    QVERIFY(m_log->flush());
    // `a` is gone now: the record was reported closed.

    const TrafficBatch &closing = m_log->batches.last();
    QCOMPARE(closing.changedConnections.size(), 1);
    const ConnectionRecord &record = closing.changedConnections.first();
    QCOMPARE(record.id, idA);
    QCOMPARE(record.state, ConnectionState::Closed);
    QCOMPARE(record.bytesIn, 5);
    QVERIFY(record.closedMs >= record.openedMs);
    const QList<TrafficEvent> closedEvents = m_log->events(TrafficEvent::Kind::Closed, idA);
    QCOMPARE(closedEvents.size(), 1);
    QCOMPARE(closedEvents.first().note, u"done"_s);

    m_monitor->addBytesIn(b, 1);
    QVERIFY(m_log->flush());
    QVERIFY(m_log->flush());
    QCOMPARE(m_log->records(idA).size(), 2); // opened, closed: never again
    QVERIFY(!m_monitor->find(idA));
    QCOMPARE(m_monitor->find(b->record.id), b);
}

// A stalled consumer (the headless log on a stdout nobody reads) must not
// let HTTP events pin their heads without bound: the queue counts every byte
// an event holds and keeps the budget, the overflow counted as not shown.
void tst_TrafficMonitor::queueBoundedInBytes()
{
    MonitorOptions options;
    options.maxQueuedBytes = 1024 * 1024;
    m_monitor->setOptions(options);
    m_log->acknowledge = false;
    m_monitor->flushNow(); // delivered and never acknowledged: the consumer is stuck
    QCOMPARE(m_log->deliveries, 1);

    constexpr int count = 1000; // about 24 MiB of heads
    const qsizetype each = httpEvent(0).footprint();
    QVERIFY2(each > 24000, qPrintable(QString::number(each))); // heads and all
    for (int i = 0; i < count; ++i) {
        m_monitor->post(httpEvent(i));
        QVERIFY(m_monitor->queuedBytes() <= options.maxQueuedBytes);
    }
    const qint64 fitting = options.maxQueuedBytes / each;
    QCOMPARE(m_monitor->queuedBytes(), fitting * each);

    m_monitor->inFlight()->fetch_sub(1);
    m_log->acknowledge = true;
    QVERIFY(m_log->flush());
    const TrafficBatch &batch = m_log->batches.last();
    QCOMPARE(batch.events.size(), fitting);
    QCOMPARE(batch.eventsDropped, count - fitting);
    qint64 held = 0;
    for (qsizetype i = 0; i < batch.events.size(); ++i) {
        QCOMPARE(batch.events[i].size, i); // the oldest kept, whole
        QCOMPARE(batch.events[i].requestHead.size(), httpEvent(0).requestHead.size());
        held += batch.events[i].footprint();
    }
    QVERIFY(held <= options.maxQueuedBytes);
    QCOMPARE(m_monitor->queuedBytes(), 0);
}

// Near the budget a data event first goes without its payload sample (its
// size still says how big the chunk was); only then is it counted, not kept.
void tst_TrafficMonitor::dataEventsShedPayloadFirst()
{
    TrafficEvent bare = dataEvent(1, 0);
    bare.payload.clear();
    TrafficEvent sampled = dataEvent(1, 0);
    sampled.payload = QByteArray(4096, 's');
    MonitorOptions options;
    options.maxQueuedBytes = 10 * sampled.footprint() + 5 * bare.footprint();
    m_monitor->setOptions(options);
    m_log->acknowledge = false;
    m_monitor->flushNow();

    for (int i = 0; i < 20; ++i) {
        TrafficEvent event = dataEvent(1, i);
        event.payload = QByteArray(4096, 's');
        m_monitor->post(std::move(event));
    }
    m_monitor->inFlight()->fetch_sub(1);
    m_log->acknowledge = true;
    QVERIFY(m_log->flush());
    const TrafficBatch &batch = m_log->batches.last();
    QCOMPARE(batch.events.size(), 15);
    QCOMPARE(batch.eventsDropped, 5);
    for (int i = 0; i < 15; ++i) {
        QCOMPARE(batch.events[i].size, i);
        QCOMPARE(batch.events[i].payload.size(), i < 10 ? 4096 : 0);
    }
}

void tst_TrafficMonitor::captureOffKeepsCountersAndRecords()
{
    MonitorOptions options;
    options.captureEvents = false;
    m_monitor->setOptions(options);
    QVERIFY(!m_monitor->capturing());
    TrackedConnection *connection = open(40020);
    for (int i = 0; i < 1000; ++i) {
        m_monitor->post(dataEvent(connection->record.id, i));
        m_monitor->addBytesIn(connection, 4);
    }
    m_monitor->closeConnection(connection);
    QVERIFY(m_log->flush());
    QCOMPARE(m_log->eventTotal, 0);
    QCOMPARE(m_log->droppedTotal, 0); // not captured is not dropped
    const TrafficBatch &batch = m_log->batches.last();
    QCOMPARE(batch.changedConnections.size(), 1);
    QCOMPARE(batch.changedConnections.first().bytesIn, 4000);
    QCOMPARE(batch.totalsFor(testServerId(ServerKind::Tcp)).bytesIn, 4000);
    QCOMPARE(batch.totalsFor(testServerId(ServerKind::Tcp)).connectionsTotal, 1);
    QCOMPARE(batch.totalsFor(testServerId(ServerKind::Tcp)).connectionsNow, 0);
}

void tst_TrafficMonitor::errorsCounted()
{
    m_monitor->addError(testServerId(ServerKind::Tcp));
    m_monitor->addError(testServerId(ServerKind::Tcp));
    m_monitor->addError(testServerId(ServerKind::Udp));
    QVERIFY(waitUntil([&] { return m_log->deliveries > 0; })); // an error alone is news
    QCOMPARE(m_log->batches.last().totalsFor(testServerId(ServerKind::Tcp)).errors, 2);
    QCOMPARE(m_log->batches.last().totalsFor(testServerId(ServerKind::Udp)).errors, 1);
}

// The system clock set back (by NTP, or by hand) must not make the log's
// Time column run backwards: events keep the latest time seen.
void tst_TrafficMonitor::eventTimesNeverGoBack()
{
    qint64 wall = 5000;
    m_monitor->setWallClock([&wall] { return wall; });
    TrackedConnection *connection = open(40050);
    const quint64 id = connection->record.id;
    wall = 4000; // set back by a second
    m_monitor->closeConnection(connection, u"done"_s);
    wall = 6000;
    m_monitor->reportError(testServerId(ServerKind::Tcp), u"later"_s);
    QVERIFY(m_log->flush());

    QList<qint64> times;
    for (const TrafficBatch &batch : std::as_const(m_log->batches)) {
        for (const TrafficEvent &event : batch.events)
            times.append(event.timeMs);
    }
    QCOMPARE(times, QList<qint64>({5000, 5000, 6000}));
    QCOMPARE(m_log->records(id).constLast().closedMs, 5000);
}

QTEST_GUILESS_MAIN(tst_TrafficMonitor)
#include "tst_trafficmonitor.moc"
