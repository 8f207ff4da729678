#include "echo/tcpserver.h"
#include "echotesthelpers.h"
#include "ruletesthelpers.h"
#include "testserverids.h"
#include "tracking/trafficmonitor.h"

#include <QElapsedTimer>
#include <QTest>

#include <memory>

using namespace Net;
using namespace Qt::StringLiterals;
using EchoTest::Client;
using EchoTest::waitUntil;
using RuleTest::rule;

// The TCP server's Listen and Rules modes, over real loopback connections.
class tst_TcpServerModes : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data();
    void init();
    void cleanup();

    void listenLogsAndNeverAnswers();
    void rulesReplyToMatchesOnly();
    void ruleDelayIsKept();
    void delayedRepliesKeepTheirOrder();
    void delayedRepliesAreCapped();
    void closeAfterClosesOnceTheReplyIsOut();
    void closingCancelsPendingReplies();
    void hitCountsReachTheBatches();
    void echoModeIgnoresRules();
    void liveRuleChangeKeepsConnections();
    void otherChangesStillRestart();

private:
    void start(ServerMode mode, const QList<ReplyRule> &rules = {});
    const ServerTotals &totals() const { return m_monitor->totals(testServerId(ServerKind::Tcp)); }
    // The id of the one open connection.
    quint64 connectionId();

    QHostAddress m_address;
    quint16 m_port = 0;
    std::unique_ptr<TrafficMonitor> m_monitor;
    std::unique_ptr<EchoTest::BatchLog> m_log;
    std::unique_ptr<TcpServer> m_server;
    EchoServerConfig m_config; // what start() gave the server
};

void tst_TcpServerModes::initTestCase_data()
{
    QTest::addColumn<QHostAddress>("address");
    QTest::addRow("IPv4") << QHostAddress(QHostAddress::LocalHost);
    QTest::addRow("IPv6") << QHostAddress(QHostAddress::LocalHostIPv6);
}

void tst_TcpServerModes::init()
{
    QFETCH_GLOBAL(QHostAddress, address);
    if (address.protocol() == QAbstractSocket::IPv6Protocol && !EchoTest::ipv6LoopbackAvailable())
        QSKIP("::1 is not available here");
    m_address = address;
    m_monitor = std::make_unique<TrafficMonitor>();
    m_log = std::make_unique<EchoTest::BatchLog>(*m_monitor);
    m_server = std::make_unique<TcpServer>(*m_monitor, testServerId(ServerKind::Tcp));
}

void tst_TcpServerModes::cleanup()
{
    m_server.reset();
    m_log.reset();
    m_monitor.reset();
}

void tst_TcpServerModes::start(ServerMode mode, const QList<ReplyRule> &rules)
{
    EchoServerConfig config;
    config.address = m_address;
    config.port = 0;
    config.mode = mode;
    config.rules.rules = rules;
    m_config = config;
    const QString error = m_server->start(config);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    m_port = m_server->status().port;
}

quint64 tst_TcpServerModes::connectionId()
{
    m_log->flush();
    const QList<TrafficEvent> opened = m_log->events(TrafficEvent::Kind::Opened);
    return opened.isEmpty() ? 0 : opened.constLast().connectionId;
}

void tst_TcpServerModes::listenLogsAndNeverAnswers()
{
    start(ServerMode::Listen);
    Client client(m_address, m_port);
    QVERIFY(waitUntil([&] { return client.connected(); }));
    client.socket.write("hello");
    QVERIFY(waitUntil([&] { return totals().bytesIn == 5; }));
    QCOMPARE(totals().bytesOut, 0);

    // Had the server answered "hello", that would arrive before the user's
    // answer: TCP keeps the order of what the server writes.
    const quint64 id = connectionId();
    QVERIFY(id != 0);
    QVERIFY(m_server->sendTo(id, "answer"));
    QVERIFY(waitUntil([&] { return client.received.size() >= 6; }));
    QCOMPARE(client.received, "answer");
    QCOMPARE(totals().bytesOut, 6);

    m_log->flush();
    const QList<TrafficEvent> data = m_log->events(TrafficEvent::Kind::Data, id);
    QCOMPARE(data.size(), 2);
    QCOMPARE(data[0].direction, Direction::In);
    QCOMPARE(data[0].payload, "hello");
    QCOMPARE(data[1].direction, Direction::Out);
    QCOMPARE(data[1].payload, "answer");
}

void tst_TcpServerModes::rulesReplyToMatchesOnly()
{
    start(ServerMode::Rules, {rule(MatchKind::Exact, u"PING"_s, u"PONG {{counter}} {{peer}}\n"_s)});
    Client client(m_address, m_port);
    QVERIFY(waitUntil([&] { return client.connected(); }));
    const QString peer = hostPort(m_address, client.socket.localPort());

    client.socket.write("PING\n");
    const QByteArray first = u"PONG 1 %1\n"_s.arg(peer).toUtf8();
    QVERIFY(waitUntil([&] { return client.received.size() >= first.size(); }));
    QCOMPARE(client.received, first);

    // No rule matches "other": nothing comes back for it, so the next reply
    // follows the first directly and counts 2.
    client.socket.write("other");
    QVERIFY(waitUntil([&] { return totals().bytesIn == 10; }));
    client.socket.write("PING");
    const QByteArray both = first + u"PONG 2 %1\n"_s.arg(peer).toUtf8();
    QVERIFY(waitUntil([&] { return client.received.size() >= both.size(); }));
    QCOMPARE(client.received, both);
    QCOMPARE(totals().bytesOut, both.size());

    m_log->flush();
    const QList<TrafficEvent> data = m_log->events(TrafficEvent::Kind::Data);
    QStringList directions;
    for (const TrafficEvent &event : data)
        directions.append(event.direction == Direction::In ? u"in"_s : u"out"_s);
    QCOMPARE(directions, QStringList({u"in"_s, u"out"_s, u"in"_s, u"in"_s, u"out"_s}));
    QCOMPARE(data[1].payload, first);
}

void tst_TcpServerModes::ruleDelayIsKept()
{
    start(ServerMode::Rules, {rule(MatchKind::Contains, u"now"_s, u"later"_s, 200)});
    Client client(m_address, m_port);
    QVERIFY(waitUntil([&] { return client.connected(); }));
    QElapsedTimer clock;
    clock.start();
    client.socket.write("now");
    QVERIFY(waitUntil([&] { return client.received.size() >= 5; }, 5000));
    const qint64 elapsed = clock.elapsed();
    qInfo("a 200 ms rule answered after %lld ms", elapsed);
    QCOMPARE(client.received, "later");
    QVERIFY2(elapsed >= 180 && elapsed <= 2000, qPrintable(u"%1 ms"_s.arg(elapsed)));
}

void tst_TcpServerModes::delayedRepliesKeepTheirOrder()
{
    start(ServerMode::Rules, {rule(MatchKind::Exact, u"slow"_s, u"1"_s, 300), rule(MatchKind::Exact, u"fast"_s, u"2"_s)});
    Client client(m_address, m_port);
    QVERIFY(waitUntil([&] { return client.connected(); }));
    client.socket.write("slow");
    QVERIFY(waitUntil([&] { return totals().bytesIn == 4; })); // read as its own chunk
    client.socket.write("fast");
    QVERIFY(waitUntil([&] { return client.received.size() >= 2; }, 5000));
    QCOMPARE(client.received, "12"); // the undelayed reply waited for the one ahead of it
    QCOMPARE(totals().ruleHits, QList<qint64>({1, 1}));
}

void tst_TcpServerModes::delayedRepliesAreCapped()
{
    // The first reply waits 600 ms and every quick one queues behind it. The
    // connection holds 64 waiting replies at most: the 65th message is only
    // read once the first reply has gone out.
    constexpr int CAP = 64;
    start(ServerMode::Rules, {rule(MatchKind::Exact, u"slow"_s, u"S"_s, 600), rule(MatchKind::Exact, u"x"_s, u"x"_s)});
    Client client(m_address, m_port);
    QVERIFY(waitUntil([&] { return client.connected(); }));
    client.socket.write("slow");
    QVERIFY(waitUntil([&] { return totals().bytesIn == 4; }));
    for (int i = 1; i < CAP; ++i) {
        client.socket.write("x");
        QVERIFY(waitUntil([&] { return totals().bytesIn == 4 + i; })); // each read on its own
    }
    client.socket.write("x"); // one over the cap
    const QByteArray all = "S" + QByteArray(CAP, 'x');
    QVERIFY(waitUntil([&] { return client.received.size() >= all.size(); }, 5000));
    QCOMPARE(client.received, all);

    m_log->flush();
    const QList<TrafficEvent> data = m_log->events(TrafficEvent::Kind::Data);
    QStringList order;
    for (const TrafficEvent &event : data)
        order.append(event.direction == Direction::In ? u"in"_s : u"out"_s);
    QCOMPARE(order.count(u"in"_s), CAP + 1);
    // 64 messages read, then the replies; the last message only after them.
    QCOMPARE(order.indexOf(u"out"_s), CAP);
    QVERIFY(order.lastIndexOf(u"in"_s) > CAP);
}

void tst_TcpServerModes::closeAfterClosesOnceTheReplyIsOut()
{
    start(ServerMode::Rules, {rule(MatchKind::Exact, u"QUIT"_s, u"BYE\n"_s, 50, true)});
    Client client(m_address, m_port);
    QVERIFY(waitUntil([&] { return client.connected(); }));
    client.socket.write("QUIT\r\n");
    QVERIFY(waitUntil([&] { return client.gone() || client.socket.state() == QAbstractSocket::ClosingState; }));
    QTRY_COMPARE_WITH_TIMEOUT(client.received, "BYE\n", EchoTest::TimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(totals().connectionsNow, 0, EchoTest::TimeoutMs);
    m_log->flush();
    const QList<TrafficEvent> closed = m_log->events(TrafficEvent::Kind::Closed);
    QCOMPARE(closed.size(), 1);
    QCOMPARE(closed[0].note, u"closed by a reply rule"_s);
}

void tst_TcpServerModes::closingCancelsPendingReplies()
{
    start(ServerMode::Rules, {rule(MatchKind::Contains, u"x"_s, u"late"_s, 300)});
    {
        Client leaving(m_address, m_port);
        QVERIFY(waitUntil([&] { return leaving.connected(); }));
        leaving.socket.write("x");
        QVERIFY(waitUntil([&] { return totals().bytesIn == 1; }));
        // Closed from the connections table. (A client that only shuts its
        // write side still gets its replies, as an echo client gets its echo.)
        QVERIFY(m_server->closeConnection(connectionId()));
        QVERIFY(waitUntil([&] { return totals().connectionsNow == 0 && leaving.gone(); }));
    }
    // A second client's reply is due after the first one's would have been:
    // when it arrives, the first has had its time and must not have gone out.
    Client staying(m_address, m_port);
    QVERIFY(waitUntil([&] { return staying.connected(); }));
    staying.socket.write("x");
    QVERIFY(waitUntil([&] { return staying.received.size() >= 4; }, 5000));
    QCOMPARE(staying.received, "late");
    QCOMPARE(totals().bytesOut, 4);
    QCOMPARE(totals().ruleHits, QList<qint64>({2}));
}

void tst_TcpServerModes::hitCountsReachTheBatches()
{
    start(ServerMode::Rules, {rule(MatchKind::StartsWith, u"a"_s, u"A"_s), rule(MatchKind::StartsWith, u"b"_s, u"B"_s),
                              rule(MatchKind::HexPrefix, u"63"_s, u"C"_s)});
    QVERIFY(m_log->flush());
    QCOMPARE(m_log->batches.constLast().totalsFor(testServerId(ServerKind::Tcp)).ruleHits, QList<qint64>({0, 0, 0}));
    Client client(m_address, m_port);
    QVERIFY(waitUntil([&] { return client.connected(); }));
    for (const char *message : {"a", "c", "a"}) {
        const qsizetype before = client.received.size();
        client.socket.write(message);
        QVERIFY(waitUntil([&] { return client.received.size() > before; }));
    }
    QCOMPARE(client.received, "ACA");
    QVERIFY(m_log->flush());
    QCOMPARE(m_log->batches.constLast().totalsFor(testServerId(ServerKind::Tcp)).ruleHits, QList<qint64>({2, 0, 1}));

    // A restart starts counting again.
    start(ServerMode::Rules, {rule(MatchKind::StartsWith, u"a"_s, u"A"_s)});
    QVERIFY(m_log->flush());
    QCOMPARE(m_log->batches.constLast().totalsFor(testServerId(ServerKind::Tcp)).ruleHits, QList<qint64>({0}));
}

void tst_TcpServerModes::echoModeIgnoresRules()
{
    start(ServerMode::Echo, {rule(MatchKind::Contains, QString(), u"never"_s)});
    Client client(m_address, m_port);
    QVERIFY(waitUntil([&] { return client.connected(); }));
    client.socket.write("same bytes back");
    QVERIFY(waitUntil([&] { return client.received.size() >= 15; }));
    QCOMPARE(client.received, "same bytes back");
    QVERIFY(totals().ruleHits.isEmpty());
}

void tst_TcpServerModes::liveRuleChangeKeepsConnections()
{
    start(ServerMode::Rules, {rule(MatchKind::Exact, u"PING"_s, u"old;"_s)});
    Client client(m_address, m_port);
    QVERIFY(waitUntil([&] { return client.connected(); }));
    for (int i = 0; i < 2; ++i) {
        client.socket.write("PING");
        QVERIFY(waitUntil([&] { return client.received.size() >= 4 * (i + 1); }));
    }
    QCOMPARE(totals().ruleHits, QList<qint64>({2}));

    // New rules on the running server: the open connection answers by them.
    EchoServerConfig changed = m_config;
    changed.rules.rules = {rule(MatchKind::Exact, u"PING"_s, u"new {{counter}};"_s)};
    QCOMPARE(m_server->update(changed), QString());
    QCOMPARE(totals().ruleHits, QList<qint64>({0})); // counted again from the change
    client.socket.write("PING");
    QVERIFY(waitUntil([&] { return client.received.size() >= 14; }));
    QCOMPARE(client.received, "old;old;new 1;");
    QCOMPARE(totals().ruleHits, QList<qint64>({1}));

    // A mode change is live too: the same connection now gets its bytes back.
    changed.mode = ServerMode::Echo;
    QCOMPARE(m_server->update(changed), QString());
    client.socket.write("PING");
    QVERIFY(waitUntil([&] { return client.received.size() >= 18; }));
    QCOMPARE(client.received, "old;old;new 1;PING");
    QVERIFY(client.connected());
    QCOMPARE(totals().connectionsTotal, 1);
    QCOMPARE(m_server->status().port, m_port);
}

void tst_TcpServerModes::otherChangesStillRestart()
{
    start(ServerMode::Rules, {rule(MatchKind::Exact, u"PING"_s, u"PONG"_s)});
    Client client(m_address, m_port);
    QVERIFY(waitUntil([&] { return client.connected() && totals().connectionsNow == 1; }));
    // A limit is not the rules: the server starts again and its clients go.
    EchoServerConfig changed = m_config;
    changed.limits.idleTimeoutMs += 1000;
    changed.rules.rules = {rule(MatchKind::Exact, u"PING"_s, u"PANG"_s)};
    QCOMPARE(m_server->update(changed), QString());
    QVERIFY(waitUntil([&] { return client.gone(); }));
    QVERIFY(m_server->isRunning());
    Client next(m_address, m_server->status().port);
    QVERIFY(waitUntil([&] { return next.connected(); }));
    next.socket.write("PING");
    QVERIFY(waitUntil([&] { return next.received.size() >= 4; }));
    QCOMPARE(next.received, "PANG");
}

QTEST_GUILESS_MAIN(tst_TcpServerModes)
#include "tst_tcpserver_modes.moc"
