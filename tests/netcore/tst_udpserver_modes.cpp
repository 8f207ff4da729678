#include "echo/udpserver.h"
#include "echotesthelpers.h"
#include "ruletesthelpers.h"
#include "testserverids.h"
#include "tracking/trafficmonitor.h"

#include <QElapsedTimer>
#include <QNetworkDatagram>
#include <QTest>
#include <QUdpSocket>

#include <memory>

using namespace Net;
using namespace Qt::StringLiterals;
using EchoTest::waitUntil;
using RuleTest::rule;

namespace {

// A UDP client on the test thread that keeps every datagram it receives.
struct UdpClient
{
    explicit UdpClient(const QHostAddress &address)
    {
        QObject::connect(&socket, &QUdpSocket::readyRead, &socket, [this] {
            while (socket.hasPendingDatagrams())
                received.append(socket.receiveDatagram().data());
        });
        bound = socket.bind(address, 0, QUdpSocket::DontShareAddress);
    }

    QUdpSocket socket;
    QList<QByteArray> received;
    bool bound = false;
};


} // namespace

// The UDP server's Listen and Rules modes, over loopback datagrams.
class tst_UdpServerModes : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data();
    void init();
    void cleanup();

    void listenLogsAndNeverAnswers();
    void rulesAnswerEachDatagram();
    void ruleDelayIsKept();
    void closeAfterForgetsThePeer();
    void guardStillAppliesInRulesMode();
    void liveRuleChangeKeepsPeers();

private:
    void start(ServerMode mode, const QList<ReplyRule> &rules = {}, int peerRate = 100000);
    bool send(UdpClient &client, const QByteArray &bytes)
    {
        return client.socket.writeDatagram(bytes, m_address, m_port) == bytes.size();
    }
    const ServerTotals &totals() const { return m_monitor->totals(testServerId(ServerKind::Udp)); }

    QHostAddress m_address;
    quint16 m_port = 0;
    std::unique_ptr<TrafficMonitor> m_monitor;
    std::unique_ptr<EchoTest::BatchLog> m_log;
    std::unique_ptr<UdpServer> m_server;
    EchoServerConfig m_config; // what start() gave the server
};

void tst_UdpServerModes::initTestCase_data()
{
    QTest::addColumn<QHostAddress>("address");
    QTest::addRow("IPv4") << QHostAddress(QHostAddress::LocalHost);
    QTest::addRow("IPv6") << QHostAddress(QHostAddress::LocalHostIPv6);
}

void tst_UdpServerModes::init()
{
    QFETCH_GLOBAL(QHostAddress, address);
    if (address.protocol() == QAbstractSocket::IPv6Protocol && !EchoTest::ipv6LoopbackAvailable())
        QSKIP("::1 is not available here");
    m_address = address;
    m_monitor = std::make_unique<TrafficMonitor>();
    m_log = std::make_unique<EchoTest::BatchLog>(*m_monitor);
    m_server = std::make_unique<UdpServer>(*m_monitor, testServerId(ServerKind::Udp));
}

void tst_UdpServerModes::cleanup()
{
    m_server.reset();
    m_log.reset();
    m_monitor.reset();
}

void tst_UdpServerModes::start(ServerMode mode, const QList<ReplyRule> &rules, int peerRate)
{
    EchoServerConfig config;
    config.address = m_address;
    config.port = 0;
    config.mode = mode;
    config.rules.rules = rules;
    config.limits.udpPeerRate = peerRate;
    m_config = config;
    const QString error = m_server->start(config);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    m_port = m_server->status().port;
}

void tst_UdpServerModes::listenLogsAndNeverAnswers()
{
    start(ServerMode::Listen);
    UdpClient client(m_address);
    QVERIFY(client.bound);
    QVERIFY(send(client, "hello"));
    QVERIFY(waitUntil([&] { return totals().bytesIn == 5; }));
    QCOMPARE(totals().bytesOut, 0);
    m_log->flush();
    const QList<TrafficEvent> opened = m_log->events(TrafficEvent::Kind::Opened);
    QCOMPARE(opened.size(), 1);
    // Had the server answered "hello", that datagram would come first.
    QVERIFY(m_server->sendTo(opened[0].connectionId, "answer"));
    QVERIFY(waitUntil([&] { return !client.received.isEmpty(); }));
    QCOMPARE(client.received, QList<QByteArray>{"answer"});
    m_log->flush();
    const QList<TrafficEvent> data = m_log->events(TrafficEvent::Kind::Data);
    QCOMPARE(data.size(), 2);
    QCOMPARE(data[0].direction, Direction::In);
    QCOMPARE(data[1].direction, Direction::Out);
}

void tst_UdpServerModes::rulesAnswerEachDatagram()
{
    ReplyRule hex = rule(MatchKind::HexPrefix, u"01"_s, u"02 {{rx}}"_s);
    hex.replyHex = true;
    start(ServerMode::Rules, {rule(MatchKind::Regex, u"^get (\\w+)$"_s, u"value {{counter}}"_s), hex});
    UdpClient client(m_address);
    QVERIFY(client.bound);
    for (const QByteArray &datagram : {QByteArray("get x"), QByteArray("nothing"), QByteArray("\x01\xff", 2),
                                        QByteArray("get y")}) {
        QVERIFY(send(client, datagram));
        QVERIFY(waitUntil([&] { return totals().bytesIn >= 1 && m_log->flush(); }));
    }
    QVERIFY(waitUntil([&] { return client.received.size() >= 3; }));
    QCOMPARE(client.received, QList<QByteArray>({"value 1", QByteArray("\x02\x01\xff", 3), "value 3"}));
    QTRY_COMPARE_WITH_TIMEOUT(totals().bytesOut, 7 + 3 + 7, EchoTest::TimeoutMs);
    QCOMPARE(totals().ruleHits, QList<qint64>({2, 1}));
    QVERIFY(m_log->flush());
    QCOMPARE(m_log->batches.constLast().totalsFor(testServerId(ServerKind::Udp)).ruleHits, QList<qint64>({2, 1}));
}

void tst_UdpServerModes::ruleDelayIsKept()
{
    start(ServerMode::Rules, {rule(MatchKind::Contains, QString(), u"later"_s, 200)});
    UdpClient client(m_address);
    QVERIFY(client.bound);
    QElapsedTimer clock;
    clock.start();
    QVERIFY(send(client, "now"));
    QVERIFY(waitUntil([&] { return !client.received.isEmpty(); }, 5000));
    const qint64 elapsed = clock.elapsed();
    qInfo("a 200 ms rule answered after %lld ms", elapsed);
    QCOMPARE(client.received, QList<QByteArray>{"later"});
    QVERIFY2(elapsed >= 180 && elapsed <= 2000, qPrintable(u"%1 ms"_s.arg(elapsed)));
}

void tst_UdpServerModes::closeAfterForgetsThePeer()
{
    start(ServerMode::Rules, {rule(MatchKind::Exact, u"bye"_s, u"ok"_s, 0, true)});
    UdpClient client(m_address);
    QVERIFY(client.bound);
    QVERIFY(send(client, "bye"));
    QVERIFY(waitUntil([&] { return !client.received.isEmpty(); }));
    QCOMPARE(client.received, QList<QByteArray>{"ok"});
    QTRY_COMPARE_WITH_TIMEOUT(totals().connectionsNow, 0, EchoTest::TimeoutMs);
    QCOMPARE(totals().connectionsTotal, 1);
    m_log->flush();
    const QList<TrafficEvent> closed = m_log->events(TrafficEvent::Kind::Closed);
    QCOMPARE(closed.size(), 1);
    QCOMPARE(closed[0].note, u"closed by a reply rule"_s);
}

void tst_UdpServerModes::guardStillAppliesInRulesMode()
{
    // A burst well beyond one peer's allowance: the rate limit answers only
    // what the bucket allows, and counts the rest as dropped.
    // Sent in rounds the socket buffers surely hold, so none is lost on the way.
    constexpr int ROUNDS = 5;
    constexpr int ROUND = 40;
    constexpr int BURST = ROUNDS * ROUND;
    start(ServerMode::Rules, {rule(MatchKind::Contains, QString(), u"r"_s)}, 10);
    UdpClient client(m_address);
    QVERIFY(client.bound);
    for (int round = 1; round <= ROUNDS; ++round) {
        for (int i = 0; i < ROUND; ++i)
            QVERIFY(send(client, "x"));
        QVERIFY2(waitUntil([&] { return totals().dropped + totals().ruleHits.value(0) == round * ROUND; }),
                 qPrintable(u"%1 dropped, %2 answered"_s.arg(totals().dropped).arg(totals().ruleHits.value(0))));
    }
    QVERIFY(totals().dropped > 0);
    QVERIFY(totals().ruleHits.value(0) < BURST);
    QTRY_COMPARE_WITH_TIMEOUT(qint64(client.received.size()), totals().ruleHits.value(0), EchoTest::TimeoutMs);
}

void tst_UdpServerModes::liveRuleChangeKeepsPeers()
{
    start(ServerMode::Rules, {rule(MatchKind::Contains, QString(), u"old"_s)});
    UdpClient client(m_address);
    QVERIFY(client.bound);
    QVERIFY(send(client, "a"));
    QVERIFY(waitUntil([&] { return client.received.size() == 1; }));

    EchoServerConfig changed = m_config;
    changed.rules.rules = {rule(MatchKind::Contains, QString(), u"new {{counter}}"_s)};
    QCOMPARE(m_server->update(changed), QString());
    QCOMPARE(totals().ruleHits, QList<qint64>({0}));
    QVERIFY(send(client, "b"));
    QVERIFY(waitUntil([&] { return client.received.size() == 2; }));
    QCOMPARE(client.received, QList<QByteArray>({"old", "new 1"}));
    QCOMPARE(totals().ruleHits, QList<qint64>({1}));
    // The peer is the one from before the change, and the port has not moved.
    QCOMPARE(totals().connectionsTotal, 1);
    QCOMPARE(m_server->status().port, m_port);
}

QTEST_GUILESS_MAIN(tst_UdpServerModes)
#include "tst_udpserver_modes.moc"
