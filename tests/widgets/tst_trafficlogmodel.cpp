#include "format.h"
#include "testserverids.h"
#include "trafficlogmodel.h"

#include <QAbstractItemModelTester>
#include <QColor>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using Net::Direction;
using Net::ServerKind;
using Net::TrafficBatch;
using Net::TrafficEvent;

namespace {

constexpr qint64 BASE_TIME_MS = 1714557600000; // 2024-05-01T10:00:00Z

TrafficEvent dataEvent(quint64 connection, Direction direction, const QByteArray &payload,
                       ServerKind server = ServerKind::Tcp)
{
    TrafficEvent event;
    event.kind = TrafficEvent::Kind::Data;
    setServer(event, server);
    event.direction = direction;
    event.connectionId = connection;
    event.timeMs = BASE_TIME_MS;
    event.size = payload.size();
    event.payload = payload;
    event.peerAddress = QHostAddress(u"127.0.0.1"_s);
    event.peerPort = 53412;
    return event;
}

TrafficEvent httpEvent(quint64 connection, const QByteArray &target, int status, qint64 bodySize = 1229,
                       qint64 durationUs = 300)
{
    TrafficEvent event;
    event.kind = TrafficEvent::Kind::Http;
    setServer(event, ServerKind::Web);
    event.direction = Direction::Out;
    event.connectionId = connection;
    event.timeMs = BASE_TIME_MS;
    event.status = status;
    event.bodySize = bodySize;
    event.durationUs = durationUs;
    event.requestHead = "GET " + target + " HTTP/1.1\r\nHost: localhost:8080\r\n\r\n";
    event.responseHead = "HTTP/1.1 " + QByteArray::number(status) + " Whatever\r\nContent-Length: "
                       + QByteArray::number(bodySize) + "\r\n\r\n";
    event.size = event.responseHead.size() + bodySize;
    event.peerAddress = QHostAddress(u"10.0.0.5"_s);
    event.peerPort = 40000;
    return event;
}

TrafficEvent connectionEvent(TrafficEvent::Kind kind, quint64 connection, const QString &note = {})
{
    TrafficEvent event;
    event.kind = kind;
    setServer(event, ServerKind::Tcp);
    event.connectionId = connection;
    event.timeMs = BASE_TIME_MS;
    event.note = note;
    event.peerAddress = QHostAddress(u"127.0.0.1"_s);
    event.peerPort = 53412;
    return event;
}

TrafficBatch batchOf(const QList<TrafficEvent> &events, qint64 dropped = 0)
{
    TrafficBatch batch;
    batch.events = events;
    batch.eventsDropped = dropped;
    return batch;
}

// Events whose connection id is their 1-based position, so rows say which event they hold.
TrafficBatch numberedBatch(quint64 firstId, int count, const QByteArray &payload = "x")
{
    TrafficBatch batch;
    batch.events.reserve(count);
    for (int i = 0; i < count; ++i)
        batch.events.append(dataEvent(firstId + quint64(i), Direction::In, payload));
    return batch;
}

QList<TrafficEvent> mixedEvents()
{
    return {
        httpEvent(1, "/index.html", 200),
        httpEvent(1, "/old", 301),
        httpEvent(2, "/missing", 404),
        httpEvent(2, "/broken", 503),
        connectionEvent(TrafficEvent::Kind::Error, 3, u"read failed"_s),
        dataEvent(4, Direction::In, "hello"),
        dataEvent(5, Direction::In, "ping", ServerKind::Udp),
    };
}

} // namespace

class tst_TrafficLogModel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void summary_data();
    void summary();
    void columnsAndRoles();
    void batchIsOneInsert();
    void burstIsCappedAndCounted();
    void oversizedBatchKeepsItsTail();
    void payloadBudgetEvicts();
    void shrinkingCapacityEvicts();
    void filterByStatus_data();
    void filterByStatus();
    void filterByTextServerAndConnection();
    void filterAppliesToNewBatches();
    void pauseFreezesAndResumes();
    void pendingListIsBounded();
    void droppedEventsAreCounted();
    void clearEmptiesEverything();

private:
    std::unique_ptr<TrafficLogModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void tst_TrafficLogModel::init()
{
    m_model = std::make_unique<TrafficLogModel>();
    m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(),
                                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void tst_TrafficLogModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
}

void tst_TrafficLogModel::summary_data()
{
    QTest::addColumn<TrafficEvent>("event");
    QTest::addColumn<QString>("expected");

    TrafficEvent data = dataEvent(1, Direction::In, "hello");
    data.size = 15; // the payload is only a sample of the chunk
    TrafficEvent out = dataEvent(1, Direction::Out, "line\r\n");

    QTest::addRow("http") << httpEvent(1, "/index.html", 200) << u"GET /index.html → 200, 1.2 KiB, 0.3 ms"_s;
    QTest::addRow("data in") << data << u"← 15 B \"hello\""_s;
    QTest::addRow("data out, escaped") << out << u"→ 6 B \"line\\r\\n\""_s;
    QTest::addRow("data without sample") << dataEvent(1, Direction::In, {}) << u"← 0 B"_s;
    QTest::addRow("opened") << connectionEvent(TrafficEvent::Kind::Opened, 1)
                            << u"connection opened from 127.0.0.1:53412"_s;
    QTest::addRow("closed, reason") << connectionEvent(TrafficEvent::Kind::Closed, 1, u"peer closed"_s)
                                    << u"connection closed (peer closed)"_s;
    QTest::addRow("closed") << connectionEvent(TrafficEvent::Kind::Closed, 1) << u"connection closed"_s;
    QTest::addRow("error") << connectionEvent(TrafficEvent::Kind::Error, 1, u"Connection reset by peer."_s)
                           << u"Connection reset by peer."_s;
}

void tst_TrafficLogModel::summary()
{
    QFETCH(TrafficEvent, event);
    QFETCH(QString, expected);
    QCOMPARE(TrafficLogModel::summaryText(event), expected);
    m_model->ingest(batchOf({event}));
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(m_model->index(0, TrafficLogModel::SummaryColumn).data().toString(), expected);
}

void tst_TrafficLogModel::columnsAndRoles()
{
    m_model->ingest(batchOf({dataEvent(7, Direction::In, "hello"), httpEvent(8, "/x", 404),
                             connectionEvent(TrafficEvent::Kind::Closed, 7),
                             connectionEvent(TrafficEvent::Kind::Error, 7, u"boom"_s)}));
    QCOMPARE(m_model->columnCount(), 6);
    const QStringList headers{u"Time"_s, u"Conn"_s, u"Server"_s, u"Dir"_s, u"Summary"_s, u"Size"_s};
    for (int column = 0; column < headers.size(); ++column)
        QCOMPARE(m_model->headerData(column, Qt::Horizontal).toString(), headers.at(column));

    const auto cell = [this](int row, int column, int role = Qt::DisplayRole) {
        return m_model->index(row, column).data(role);
    };
    QCOMPARE(cell(0, TrafficLogModel::TimeColumn).toString(), Format::timeOfDay(BASE_TIME_MS));
    QCOMPARE(cell(0, TrafficLogModel::ConnectionColumn).toString(), u"#7"_s);
    QCOMPARE(cell(0, TrafficLogModel::ServerColumn).toString(), u"tcp"_s); // no names given: the kind's
    QCOMPARE(cell(1, TrafficLogModel::ServerColumn).toString(), u"web"_s);
    m_model->setServerNames([](Net::ServerId id) { return id == testServerId(ServerKind::Tcp) ? u"echo"_s : u"?"_s; });
    QCOMPARE(cell(0, TrafficLogModel::ServerColumn).toString(), u"echo"_s);
    m_model->setServerNames({});
    QCOMPARE(cell(0, TrafficLogModel::DirectionColumn).toString(), u"←"_s);
    QCOMPARE(cell(1, TrafficLogModel::DirectionColumn).toString(), u"→"_s);
    QCOMPARE(cell(2, TrafficLogModel::DirectionColumn).toString(), u"•"_s);
    QCOMPARE(cell(0, TrafficLogModel::SizeColumn).toString(), u"5 B"_s);
    QCOMPARE(cell(2, TrafficLogModel::SizeColumn).toString(), QString());
    QCOMPARE(Qt::Alignment(cell(0, TrafficLogModel::SizeColumn, Qt::TextAlignmentRole).toInt()),
             Qt::AlignRight | Qt::AlignVCenter);
    // Escaped and wrapped; tst_trafficlogpanel checks what a tooltip then shows.
    QCOMPARE(cell(0, TrafficLogModel::SummaryColumn, Qt::ToolTipRole).toString(),
             Format::plainToolTip(u"← 5 B \"hello\""_s));

    QVERIFY(!cell(0, 0, Qt::ForegroundRole).isValid());
    const QColor error = cell(1, 0, Qt::ForegroundRole).value<QColor>();
    QVERIFY(error.red() > error.green() && error.red() > error.blue());
    QCOMPARE(cell(3, 0, Qt::ForegroundRole).value<QColor>(), error);
    const QColor closed = cell(2, 0, Qt::ForegroundRole).value<QColor>();
    QVERIFY(closed.isValid());
    QCOMPARE(closed.red(), closed.blue()); // grey

    const auto event = cell(1, 0, TrafficLogModel::EventRole).value<TrafficEvent>();
    QCOMPARE(event.status, 404);
    QCOMPARE(m_model->eventAt(1).connectionId, 8u);
    QCOMPARE(m_model->visibleEvents().size(), 4);
}

void tst_TrafficLogModel::batchIsOneInsert()
{
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    m_model->ingest(numberedBatch(1, 100));
    m_model->ingest(numberedBatch(101, 50));
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(inserted.at(1).at(1).toInt(), 100);
    QCOMPARE(inserted.at(1).at(2).toInt(), 149);
    QCOMPARE(m_model->rowCount(), 150);
    QCOMPARE(m_model->eventAt(149).connectionId, 150u);
}

// 100,000 events at 50 ms batches is two seconds of a 50,000 events/s load.
void tst_TrafficLogModel::burstIsCappedAndCounted()
{
    constexpr int BURST = 100000;
    constexpr int BATCH = 2500;
    constexpr int CAP = 10000;
    QList<TrafficBatch> batches;
    for (int first = 0; first < BURST; first += BATCH)
        batches.append(numberedBatch(quint64(first) + 1, BATCH, "payload sample"));

    m_model->setCapacity(CAP);
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    for (const TrafficBatch &batch : std::as_const(batches))
        m_model->ingest(batch);

    QCOMPARE(m_model->rowCount(), CAP);
    QCOMPARE(m_model->storedCount(), CAP);
    QCOMPARE(m_model->sequenceAt(0), quint64(BURST - CAP));
    QCOMPARE(m_model->eventAt(0).connectionId, quint64(BURST - CAP + 1));
    QCOMPARE(m_model->eventAt(CAP - 1).connectionId, quint64(BURST));
    QCOMPARE(m_model->notShown(), qint64(BURST - CAP));
    QCOMPARE(inserted.size(), BURST / BATCH);
    QCOMPARE(removed.size(), (BURST - CAP) / BATCH); // one removal per batch once full

    // Timed again without the tester, which walks every row after each
    // insertion and removal and would measure itself rather than the model.
    m_tester.reset();
    m_model->clear();
    QElapsedTimer timer;
    timer.start();
    for (const TrafficBatch &batch : std::as_const(batches))
        m_model->ingest(batch);
    const qint64 elapsed = timer.elapsed();
    qInfo("ingested %d events in %lld ms", BURST, elapsed);
    QCOMPARE(m_model->rowCount(), CAP);
    // Two seconds of load must cost a small part of two seconds, even on a busy machine.
    QVERIFY2(elapsed < 1000, "ingest is far slower than the 50,000 events/s it must sustain");
}

void tst_TrafficLogModel::oversizedBatchKeepsItsTail()
{
    m_model->setCapacity(100);
    m_model->ingest(numberedBatch(1, 30));
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    m_model->ingest(numberedBatch(31, 250));
    QCOMPARE(m_model->rowCount(), 100);
    QCOMPARE(m_model->eventAt(0).connectionId, 181u);
    QCOMPARE(m_model->notShown(), 180);
    QCOMPARE(removed.size(), 1);
}

void tst_TrafficLogModel::payloadBudgetEvicts()
{
    QCOMPARE(m_model->payloadBudget(), 64LL * 1024 * 1024);
    m_model->setPayloadBudget(10 * 1024);
    m_model->ingest(numberedBatch(1, 25, QByteArray(1024, 'p')));
    QCOMPARE(m_model->rowCount(), 10);
    QVERIFY(m_model->storedBytes() <= 10 * 1024);
    QCOMPARE(m_model->eventAt(0).connectionId, 16u);
    QCOMPARE(m_model->notShown(), 15);

    m_model->setPayloadBudget(4 * 1024);
    QCOMPARE(m_model->rowCount(), 4);
    QCOMPARE(m_model->eventAt(0).connectionId, 22u);
}

void tst_TrafficLogModel::shrinkingCapacityEvicts()
{
    QCOMPARE(m_model->capacity(), 100000);
    m_model->ingest(numberedBatch(1, 50));
    m_model->setCapacity(20);
    QCOMPARE(m_model->rowCount(), 20);
    QCOMPARE(m_model->eventAt(0).connectionId, 31u);
    QCOMPARE(m_model->notShown(), 30);
}

void tst_TrafficLogModel::filterByStatus_data()
{
    QTest::addColumn<LogFilter::StatusClass>("status");
    QTest::addColumn<QList<int>>("statuses"); // the HTTP statuses shown; 0 stands for a non-HTTP row
    QTest::addRow("any") << LogFilter::StatusClass::Any << QList<int>{200, 301, 404, 503, 0, 0, 0};
    QTest::addRow("2xx") << LogFilter::StatusClass::Success << QList<int>{200};
    QTest::addRow("3xx") << LogFilter::StatusClass::Redirect << QList<int>{301};
    QTest::addRow("4xx") << LogFilter::StatusClass::ClientError << QList<int>{404};
    QTest::addRow("5xx") << LogFilter::StatusClass::ServerError << QList<int>{503};
    QTest::addRow("errors") << LogFilter::StatusClass::Errors << QList<int>{404, 503, 0};
}

void tst_TrafficLogModel::filterByStatus()
{
    QFETCH(LogFilter::StatusClass, status);
    QFETCH(QList<int>, statuses);
    m_model->ingest(batchOf(mixedEvents()));
    LogFilter filter;
    filter.status = status;
    m_model->setFilter(filter);
    QList<int> shown;
    for (const TrafficEvent &event : m_model->visibleEvents())
        shown.append(event.status);
    QCOMPARE(shown, statuses);
}

void tst_TrafficLogModel::filterByTextServerAndConnection()
{
    m_model->ingest(batchOf(mixedEvents()));
    const auto shownFor = [this](const LogFilter &filter) {
        m_model->setFilter(filter);
        QList<quint64> ids;
        for (int row = 0; row < m_model->rowCount(); ++row)
            ids.append(m_model->eventAt(row).connectionId);
        return ids;
    };
    QCOMPARE(shownFor({u"INDEX"_s, {}, {}, 0}), QList<quint64>{1});       // target, any case
    QCOMPARE(shownFor({u"hello"_s, {}, {}, 0}), QList<quint64>{4});       // payload preview
    QCOMPARE(shownFor({u"10.0.0.5"_s, {}, {}, 0}), (QList<quint64>{1, 1, 2, 2})); // peer address
    QCOMPARE(shownFor({u"read failed"_s, {}, {}, 0}), QList<quint64>{3}); // error note
    QCOMPARE(shownFor({{}, testServerId(ServerKind::Udp), {}, 0}), QList<quint64>{5});
    QCOMPARE(shownFor({{}, testServerId(ServerKind::Web), {}, 0}), (QList<quint64>{1, 1, 2, 2}));
    QCOMPARE(shownFor({{}, {}, {}, 2}), (QList<quint64>{2, 2}));
    QCOMPARE(shownFor({u"missing"_s, testServerId(ServerKind::Web), LogFilter::StatusClass::ClientError, 2}),
             QList<quint64>{2});
    QCOMPARE(shownFor({}).size(), mixedEvents().size());
}

void tst_TrafficLogModel::filterAppliesToNewBatches()
{
    LogFilter filter;
    filter.connectionId = 2;
    m_model->setFilter(filter);
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    m_model->ingest(batchOf(mixedEvents()));
    QCOMPARE(m_model->rowCount(), 2);
    QCOMPARE(inserted.size(), 1);
    m_model->ingest(batchOf({dataEvent(9, Direction::In, "no")}));
    QCOMPARE(inserted.size(), 1); // nothing matched: no signal at all
    QCOMPARE(m_model->storedCount(), mixedEvents().size() + 1);
}

void tst_TrafficLogModel::pauseFreezesAndResumes()
{
    QSignalSpy pausedCount(m_model.get(), &TrafficLogModel::pausedCountChanged);
    m_model->ingest(numberedBatch(1, 5));
    m_model->setPaused(true);
    QVERIFY(m_model->isPaused());
    m_model->ingest(numberedBatch(6, 3));
    m_model->ingest(numberedBatch(9, 3));
    QCOMPARE(m_model->rowCount(), 5);
    QCOMPARE(m_model->pausedCount(), 6);
    QCOMPARE(pausedCount.last().at(0).toLongLong(), 6);

    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    m_model->setPaused(false);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(m_model->rowCount(), 11);
    QCOMPARE(m_model->eventAt(10).connectionId, 11u);
    QCOMPARE(m_model->pausedCount(), 0);
    QCOMPARE(m_model->notShown(), 0);
}

void tst_TrafficLogModel::pendingListIsBounded()
{
    m_model->setCapacity(10);
    m_model->ingest(numberedBatch(1, 5));
    m_model->setPaused(true);
    m_model->ingest(numberedBatch(6, 25));
    QCOMPARE(m_model->pausedCount(), 25);
    QCOMPARE(m_model->notShown(), 15); // the pending list keeps only what the ring could
    QCOMPARE(m_model->rowCount(), 5);
    m_model->setPaused(false);
    QCOMPARE(m_model->rowCount(), 10);
    QCOMPARE(m_model->eventAt(0).connectionId, 21u);
    QCOMPARE(m_model->notShown(), 20);
}

void tst_TrafficLogModel::droppedEventsAreCounted()
{
    QSignalSpy notShown(m_model.get(), &TrafficLogModel::notShownChanged);
    m_model->ingest(batchOf({}, 7));
    m_model->ingest(batchOf({dataEvent(1, Direction::In, "a")}, 3));
    QCOMPARE(m_model->notShown(), 10);
    QCOMPARE(notShown.size(), 2);
    QCOMPARE(m_model->rowCount(), 1);
}

void tst_TrafficLogModel::clearEmptiesEverything()
{
    m_model->setCapacity(10);
    m_model->ingest(numberedBatch(1, 30));
    m_model->setPaused(true);
    m_model->ingest(numberedBatch(31, 3));
    m_model->clear();
    QCOMPARE(m_model->rowCount(), 0);
    QCOMPARE(m_model->storedCount(), 0);
    QCOMPARE(m_model->storedBytes(), 0);
    QCOMPARE(m_model->notShown(), 0);
    QCOMPARE(m_model->pausedCount(), 0);
    m_model->setPaused(false);
    QCOMPARE(m_model->rowCount(), 0);
    m_model->ingest(numberedBatch(40, 2));
    QCOMPARE(m_model->rowCount(), 2);
    QCOMPARE(m_model->eventAt(1).connectionId, 41u);
    QCOMPARE(m_model->sequenceAt(0), 30u); // sequence numbers never go back
}

QTEST_GUILESS_MAIN(tst_TrafficLogModel)
#include "tst_trafficlogmodel.moc"
