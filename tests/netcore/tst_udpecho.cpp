#include "echo/udpserver.h"
#include "testserverids.h"
#include "echotesthelpers.h"
#include "tracking/trafficmonitor.h"

#include <QElapsedTimer>
#include <QNetworkDatagram>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>
#include <QUdpSocket>

#include <memory>
#include <vector>

using namespace Net;
using namespace Qt::StringLiterals;
using EchoTest::waitUntil;

namespace {

// A UDP client on the test thread that keeps every datagram it receives.
struct UdpClient
{
    explicit UdpClient(const QHostAddress &address, quint16 port = 0)
    {
        QObject::connect(&socket, &QUdpSocket::readyRead, &socket, [this] {
            while (socket.hasPendingDatagrams())
                received.append(socket.receiveDatagram());
        });
        bound = socket.bind(address, port, QUdpSocket::DontShareAddress);
    }
    QList<QByteArray> payloads() const
    {
        QList<QByteArray> result;
        for (const QNetworkDatagram &datagram : received)
            result.append(datagram.data());
        return result;
    }

    QUdpSocket socket;
    QList<QNetworkDatagram> received;
    bool bound = false;
};

} // namespace

class tst_UdpEcho : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data();
    void init();
    void cleanup();

    void roundTrip_data();
    void roundTrip();
    void clientsGetOnlyTheirOwn();
    void peerRecordsByAddressAndPort();
    void sendToOneAndToAll();
    void forgetPeer();
    void portInUse();
    void stopClosesPeers();
    void refusesServicePortSenders();
    void refusesItsOwnPort();
    void rateLimitsEachPeer();
    void peerTableCapIsNoticedOnce();

private:
    EchoServerConfig config(quint16 port = 0) const;
    bool send(UdpClient &client, const QByteArray &bytes);
    // The id of the peer record for `client`, after a flush.
    quint64 peerId(const UdpClient &client);

    QHostAddress m_address;
    quint16 m_port = 0;
    std::unique_ptr<TrafficMonitor> m_monitor;
    std::unique_ptr<EchoTest::BatchLog> m_log;
    std::unique_ptr<UdpServer> m_server;
};

void tst_UdpEcho::initTestCase_data()
{
    QTest::addColumn<QHostAddress>("address");
    QTest::addRow("IPv4") << QHostAddress(QHostAddress::LocalHost);
    QTest::addRow("IPv6") << QHostAddress(QHostAddress::LocalHostIPv6);
}

void tst_UdpEcho::init()
{
    QFETCH_GLOBAL(QHostAddress, address);
    if (address.protocol() == QAbstractSocket::IPv6Protocol && !EchoTest::ipv6LoopbackAvailable())
        QSKIP("::1 is not available here");
    m_address = address;
    m_monitor = std::make_unique<TrafficMonitor>();
    m_log = std::make_unique<EchoTest::BatchLog>(*m_monitor);
    m_server = std::make_unique<UdpServer>(*m_monitor, testServerId(Net::ServerKind::Udp));
    const QString error = m_server->start(config());
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(m_server->isRunning());
    const ServerStatus status = m_server->status();
    QVERIFY(status.running);
    QCOMPARE(status.kind, ServerKind::Udp);
    QCOMPARE(status.address, m_address);
    m_port = status.port;
    QVERIFY(m_port != 0);
    const QString host = m_address.protocol() == QAbstractSocket::IPv6Protocol ? u"[::1]"_s : u"127.0.0.1"_s;
    QCOMPARE(status.url(), u"udp://%1:%2"_s.arg(host).arg(m_port));
}

void tst_UdpEcho::cleanup()
{
    m_server.reset();
    m_log.reset();
    m_monitor.reset();
}

EchoServerConfig tst_UdpEcho::config(quint16 port) const
{
    EchoServerConfig config;
    config.address = m_address;
    config.port = port;
    return config;
}

bool tst_UdpEcho::send(UdpClient &client, const QByteArray &bytes)
{
    return client.socket.writeDatagram(bytes, m_address, m_port) == bytes.size();
}

quint64 tst_UdpEcho::peerId(const UdpClient &client)
{
    if (!m_log->flush())
        return 0;
    const ConnectionRecord *record = m_log->byPeerPort(client.socket.localPort());
    return record ? record->id : 0;
}

void tst_UdpEcho::roundTrip_data()
{
    QTest::addColumn<int>("size");
    QTest::addRow("1 B") << 1;
    QTest::addRow("1400 B") << 1400;
    QTest::addRow("8 KiB") << 8 * 1024;
    QTest::addRow("65507 B") << 65507;
}

void tst_UdpEcho::roundTrip()
{
    QFETCH(int, size);
    QRandomGenerator rng(EchoTest::testSeed());
    const QByteArray data = EchoTest::randomBytes(rng, size);
    UdpClient client(m_address);
    QVERIFY(client.bound);
    QVERIFY(send(client, data));
    QTRY_COMPARE(client.received.size(), 1);
    const QNetworkDatagram &reply = client.received.first();
    QCOMPARE(reply.data().size(), size);
    QVERIFY(reply.data() == data);
    QCOMPARE(reply.senderAddress(), m_address);
    QCOMPARE(reply.senderPort(), int(m_port));

    const ServerTotals &totals = m_monitor->totals(testServerId(ServerKind::Udp));
    QCOMPARE(totals.bytesIn, size);
    QCOMPARE(totals.bytesOut, size);
    QVERIFY(m_log->flush());
    const QList<TrafficEvent> events = m_log->events(TrafficEvent::Kind::Data);
    QCOMPARE(events.size(), 2);
    QCOMPARE(events[0].direction, Direction::In);
    QCOMPARE(events[1].direction, Direction::Out);
    for (const TrafficEvent &event : events) {
        QCOMPARE(event.size, size);
        QCOMPARE(event.serverKind, ServerKind::Udp);
        QVERIFY(event.payload == data.first(qMin(size, m_monitor->payloadSampleBytes())));
    }
}

void tst_UdpEcho::clientsGetOnlyTheirOwn()
{
    UdpClient a(m_address);
    UdpClient b(m_address);
    QVERIFY(a.bound && b.bound);
    const QList<QByteArray> fromA{"a1"_ba, "a2"_ba, QByteArray(3000, 'a')};
    const QList<QByteArray> fromB{"b1"_ba, QByteArray(2000, 'b')};
    for (qsizetype i = 0; i < qMax(fromA.size(), fromB.size()); ++i) {
        if (i < fromA.size())
            QVERIFY(send(a, fromA[i]));
        if (i < fromB.size())
            QVERIFY(send(b, fromB[i]));
    }
    QTRY_COMPARE(a.received.size(), fromA.size());
    QTRY_COMPARE(b.received.size(), fromB.size());
    // A last round trip each: anything sent to the wrong client would be in by now.
    QVERIFY(send(a, "fence-a"_ba));
    QVERIFY(send(b, "fence-b"_ba));
    QTRY_COMPARE(a.payloads(), fromA + QList<QByteArray>{"fence-a"_ba});
    QTRY_COMPARE(b.payloads(), fromB + QList<QByteArray>{"fence-b"_ba});
}

void tst_UdpEcho::peerRecordsByAddressAndPort()
{
    UdpClient a(m_address);
    UdpClient b(m_address);
    QVERIFY(a.bound && b.bound);
    const QList<int> sizes{10, 200, 3000};
    qint64 perClient = 0;
    for (int size : sizes) {
        QVERIFY(send(a, QByteArray(size, 'a')));
        QVERIFY(send(b, QByteArray(size, 'b')));
        perClient += size;
    }
    QTRY_COMPARE(a.received.size(), sizes.size());
    QTRY_COMPARE(b.received.size(), sizes.size());
    QVERIFY(m_log->flush());

    QSet<quint64> ids;
    for (const UdpClient *client : {&a, &b}) {
        const ConnectionRecord *record = m_log->byPeerPort(client->socket.localPort());
        QVERIFY(record);
        ids.insert(record->id);
        QVERIFY(record->udp);
        QCOMPARE(record->serverKind, ServerKind::Udp);
        QCOMPARE(record->state, ConnectionState::Open);
        QCOMPARE(record->peerAddress, m_address);
        QCOMPARE(record->localPort, m_port);
        QCOMPARE(record->bytesIn, perClient);
        QCOMPARE(record->bytesOut, perClient);
        QVERIFY(m_monitor->find(record->id));
    }
    QCOMPARE(ids.size(), 2);
    QCOMPARE(m_monitor->totals(testServerId(ServerKind::Udp)).connectionsNow, 2);
    QCOMPARE(m_log->events(TrafficEvent::Kind::Opened).size(), 2);

    // More datagrams from a known address and port: the same record, no new one.
    QVERIFY(send(a, "again"_ba));
    QTRY_COMPARE(a.received.size(), sizes.size() + 1);
    QCOMPARE(peerId(a), m_log->byPeerPort(a.socket.localPort())->id);
    QVERIFY(ids.contains(peerId(a)));
    const ServerTotals &totals = m_monitor->totals(testServerId(ServerKind::Udp));
    QCOMPARE(totals.connectionsNow, 2);
    QCOMPARE(totals.connectionsTotal, 2);
    QCOMPARE(totals.bytesIn, 2 * perClient + 5);
    QCOMPARE(totals.bytesOut, 2 * perClient + 5);
}

void tst_UdpEcho::sendToOneAndToAll()
{
    UdpClient a(m_address);
    UdpClient b(m_address);
    QVERIFY(a.bound && b.bound);
    QVERIFY(send(a, "hello"_ba));
    QVERIFY(send(b, "hello"_ba));
    QTRY_COMPARE(a.received.size(), 1);
    QTRY_COMPARE(b.received.size(), 1);
    const quint64 idA = peerId(a);
    QVERIFY(idA != 0);

    QVERIFY(m_server->sendTo(idA, "just a"_ba));
    QTRY_COMPARE(a.payloads(), (QList<QByteArray>{"hello"_ba, "just a"_ba}));
    QVERIFY(!m_server->sendTo(idA + 1000, "nobody"_ba));

    QCOMPARE(m_server->sendToAll("all"_ba), 2);
    QTRY_COMPARE(a.payloads(), (QList<QByteArray>{"hello"_ba, "just a"_ba, "all"_ba}));
    QTRY_COMPARE(b.payloads(), (QList<QByteArray>{"hello"_ba, "all"_ba}));
    QCOMPARE(a.received.last().senderPort(), int(m_port));
    QCOMPARE(m_monitor->totals(testServerId(ServerKind::Udp)).bytesOut, 5 + 5 + 6 + 3 + 3);
}

void tst_UdpEcho::forgetPeer()
{
    UdpClient a(m_address);
    QVERIFY(a.bound);
    QVERIFY(send(a, "one"_ba));
    QTRY_COMPARE(a.received.size(), 1);
    const quint64 id = peerId(a);
    QVERIFY(id != 0);

    QVERIFY(m_server->forgetPeer(id));
    QVERIFY(!m_monitor->find(id));
    QCOMPARE(m_monitor->totals(testServerId(ServerKind::Udp)).connectionsNow, 0);
    QVERIFY(!m_server->forgetPeer(id));
    QVERIFY(!m_server->sendTo(id, "gone"_ba));
    QVERIFY(m_log->flush());
    const QList<ConnectionRecord> records = m_log->records(id);
    QVERIFY(!records.isEmpty());
    QCOMPARE(records.last().state, ConnectionState::Closed);
    QCOMPARE(m_log->events(TrafficEvent::Kind::Closed, id).size(), 1);

    // The same address and port again: a new peer record.
    QVERIFY(send(a, "two"_ba));
    QTRY_COMPARE(a.received.size(), 2);
    const quint64 again = peerId(a);
    QVERIFY(again != 0);
    QVERIFY(again != id);
    QCOMPARE(m_monitor->totals(testServerId(ServerKind::Udp)).connectionsNow, 1);
    QCOMPARE(m_monitor->totals(testServerId(ServerKind::Udp)).connectionsTotal, 2);
}

void tst_UdpEcho::portInUse()
{
    QUdpSocket blocker;
    QVERIFY(blocker.bind(m_address, 0, QUdpSocket::DontShareAddress));
    UdpServer second(*m_monitor, testServerId(Net::ServerKind::Udp));
    const QString error = second.start(config(blocker.localPort()));
    QVERIFY2(error.contains(u"in use"_s), qPrintable(error));
    QVERIFY(error.contains(QString::number(blocker.localPort())));
    QVERIFY(!second.isRunning());
    QVERIFY(!second.status().running);

    const QString taken = second.start(config(m_port)); // the running echo server's own port
    QVERIFY2(taken.contains(u"in use"_s), qPrintable(taken));
}

void tst_UdpEcho::stopClosesPeers()
{
    UdpClient a(m_address);
    UdpClient b(m_address);
    QVERIFY(send(a, "x"_ba));
    QVERIFY(send(b, "y"_ba));
    QTRY_COMPARE(m_monitor->totals(testServerId(ServerKind::Udp)).connectionsNow, 2);
    m_server->stop();
    QVERIFY(!m_server->isRunning());
    QVERIFY(!m_server->status().running);
    QCOMPARE(m_monitor->totals(testServerId(ServerKind::Udp)).connectionsNow, 0);
    QCOMPARE(m_server->sendToAll("late"_ba), 0);

    // Restart on the same port at once.
    const QString error = m_server->start(config(m_port));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    a.received.clear();
    QVERIFY(send(a, "back"_ba));
    QTRY_COMPARE(a.payloads(), QList<QByteArray>{"back"_ba});
}

// A datagram "from" an echo-like service (here a known reflector port) must
// not be echoed: the service would answer, and the two would ping-pong for
// ever. It is counted as dropped and said once.
void tst_UdpEcho::refusesServicePortSenders()
{
    std::unique_ptr<UdpClient> service;
    for (quint16 port : {27960, 27015, 10001, 5683, 3702, 1434}) {
        service = std::make_unique<UdpClient>(m_address, port);
        if (service->bound)
            break;
    }
    if (!service->bound)
        QSKIP("no reflector port is free to bind here");
    QSignalSpy notices(m_server.get(), &UdpServer::notice);
    const ServerTotals &totals = m_monitor->totals(testServerId(ServerKind::Udp));
    QVERIFY(send(*service, "are you an echo?"_ba));
    QTRY_COMPARE(totals.dropped, 1);
    // Handled, and not echoed: a reply would be queued at the sender by now.
    QVERIFY(!service->socket.hasPendingDatagrams());
    QCOMPARE(notices.size(), 1);
    const QString sentence = notices.first().first().toString();
    QVERIFY2(sentence.contains(u"1 from a service port"_s)
                 && sentence.contains(QString::number(service->socket.localPort())),
             qPrintable(sentence));
    QCOMPARE(totals.connectionsTotal, 0); // no peer record for a refused sender
    QCOMPARE(totals.bytesIn, 0);

    // A client is served as ever, and the refused sender still got nothing.
    UdpClient client(m_address);
    QVERIFY(send(client, "ping"_ba));
    QTRY_COMPARE(client.payloads(), QList<QByteArray>{"ping"_ba});
    QVERIFY(!service->socket.hasPendingDatagrams());
    QVERIFY(service->received.isEmpty());
    QVERIFY(m_log->flush());
    QCOMPARE(m_log->batches.last().totalsFor(testServerId(ServerKind::Udp)).dropped, 1);
    const QList<TrafficEvent> logged = m_log->events(TrafficEvent::Kind::Error);
    QCOMPARE(logged.size(), 1);
    QCOMPARE(logged.first().note, sentence);
    QCOMPARE(m_monitor->totals(testServerId(ServerKind::Udp)).errors, 0); // a refusal is not a server error
}

// A datagram from the server's own port number (its own socket when forged,
// or a twin echo server elsewhere) would loop back to us.
void tst_UdpEcho::refusesItsOwnPort()
{
    if (m_address.protocol() == QAbstractSocket::IPv6Protocol)
        QSKIP("::1 is the only IPv6 loopback address, and the server holds its port there");
    UdpClient twin(QHostAddress(u"127.0.0.2"_s), m_port); // all of 127/8 is loopback
    QVERIFY2(twin.bound, qPrintable(twin.socket.errorString()));
    QVERIFY(send(twin, "loop"_ba));
    QTRY_COMPARE(m_monitor->totals(testServerId(ServerKind::Udp)).dropped, 1);
    QVERIFY(!twin.socket.hasPendingDatagrams());
    QCOMPARE(m_monitor->totals(testServerId(ServerKind::Udp)).bytesOut, 0);
}

// One peer over its rate is cut down to it; another peer is not affected.
void tst_UdpEcho::rateLimitsEachPeer()
{
    EchoServerConfig limited = config();
    limited.limits.udpPeerRate = 1; // a burst of TokenBucket::BURST_FLOOR, then one a second
    QVERIFY(m_server->start(limited).isEmpty());
    m_port = m_server->status().port;
    QSignalSpy notices(m_server.get(), &UdpServer::notice);
    QElapsedTimer clock;
    clock.start();

    UdpClient flooder(m_address);
    const ServerTotals &totals = m_monitor->totals(testServerId(ServerKind::Udp));
    constexpr int datagrams = 100;
    // In rounds the server takes in full, so the kernel never drops any.
    for (int round = 0; round < datagrams / 10; ++round) {
        for (int i = 0; i < 10; ++i)
            QVERIFY(send(flooder, QByteArray::number(round * 10 + i).rightJustified(8, '0')));
        QTRY_COMPARE(totals.bytesIn / 8 + totals.dropped, (round + 1) * 10);
    }
    const qint64 echoed = datagrams - totals.dropped;
    const qint64 refill = clock.elapsed() / 1000 + 1;
    qInfo("%lld of %d echoed in %lld ms", echoed, datagrams, qint64(clock.elapsed()));
    QVERIFY(echoed >= TokenBucket::BURST_FLOOR);
    QVERIFY(echoed <= TokenBucket::BURST_FLOOR + refill);
    QTRY_COMPARE(flooder.received.size(), echoed);
    for (qsizetype i = 0; i < TokenBucket::BURST_FLOOR; ++i)
        QCOMPARE(flooder.received[i].data(), QByteArray::number(i).rightJustified(8, '0')); // the first ones, in order

    UdpClient other(m_address);
    QVERIFY(send(other, "me too"_ba));
    QTRY_COMPARE(other.payloads(), QList<QByteArray>{"me too"_ba});
    QVERIFY(notices.size() >= 1);
    const QString first = notices.first().first().toString();
    QVERIFY2(first.contains(u"over the rate of 1 a second per peer"_s), qPrintable(first));
}

// Past the cap the longest-idle peer is forgotten, everyone is still echoed,
// and the user hears about it once.
void tst_UdpEcho::peerTableCapIsNoticedOnce()
{
    EchoServerConfig capped = config();
    capped.limits.maxUdpPeers = 2;
    QVERIFY(m_server->start(capped).isEmpty());
    m_port = m_server->status().port;
    QSignalSpy notices(m_server.get(), &UdpServer::notice);
    std::vector<std::unique_ptr<UdpClient>> clients;
    for (int i = 0; i < 4; ++i) {
        clients.push_back(std::make_unique<UdpClient>(m_address));
        QVERIFY(send(*clients.back(), "hello"_ba));
        QTRY_COMPARE(clients.back()->received.size(), 1);
    }
    const ServerTotals &totals = m_monitor->totals(testServerId(ServerKind::Udp));
    QCOMPARE(totals.connectionsNow, 2);
    QCOMPARE(totals.connectionsTotal, 4);
    QCOMPARE(totals.dropped, 0);
    QCOMPARE(notices.size(), 1);
    QVERIFY2(notices.first().first().toString().contains(u"tracks 2 peers"_s),
             qPrintable(notices.first().first().toString()));
    QVERIFY(m_log->flush());
    QCOMPARE(m_log->events(TrafficEvent::Kind::Closed).size(), 2);
    QCOMPARE(m_log->events(TrafficEvent::Kind::Closed).first().note, u"forgotten: the peer table is full"_s);
}

QTEST_GUILESS_MAIN(tst_UdpEcho)
#include "tst_udpecho.moc"
