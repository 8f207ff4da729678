#include "echo/tcpserver.h"
#include "testserverids.h"
#include "echotesthelpers.h"
#include "server/filelimit.h"
#include "tracking/trafficmonitor.h"

#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <algorithm>
#include <memory>
#include <utility>
#include <vector>

#ifdef __SANITIZE_ADDRESS__
// ASan keeps freed memory resident for a while (256 MiB by default) to catch
// use after free, which these memory-bound checks would read as growth. A
// small quarantine keeps both the detection and the measurement meaningful.
extern "C" const char *__asan_default_options()
{
    return "quarantine_size_mb=4";
}
#endif

using namespace Net;
using namespace Qt::StringLiterals;
using EchoTest::Client;
using EchoTest::waitUntil;

namespace {
constexpr qsizetype MiB = 1024 * 1024;
} // namespace

class tst_TcpEcho : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data();
    void initTestCase();
    void init();
    void cleanup();

    void echoRandomBinary();
    void halfCloseSendsPendingThenCloses();
    void backpressureBoundsMemory();
    void backpressureSmallWritesBoundsMemory();
    void concurrentClientsGetTheirOwnData();
    void connectionRecordsAndTotals();
    void closeConnectionById();
    void sendToOneAndToAll();
    void dataEventsCarrySamples();
    void captureOffKeepsCountersExact();
    void portInUse();
    void connectionCap();
    void stopClosesEveryConnection();
    void restartOnSamePort();
    void clientThatStopsReadingIsDropped();
    void anyIpv6AddressIsDualStack();
    void idleConnectionsAreClosed();
    void perAddressCap();
    void loopbackIsExemptFromThePerAddressCap();

private:
    EchoServerConfig config(quint16 port = 0) const;
    // What the server has read and not yet sent back.
    qint64 holding() const;
    // The server's own bound did the holding back: one read at most over maxPendingOutput.
    void expectHeldAtTheBound() const;
    // Waits until every client is connected and the server counts `expectedNow` connections.
    bool waitConnected(const std::vector<std::unique_ptr<Client>> &clients, qint64 expectedNow);

    QHostAddress m_address;
    quint16 m_port = 0;
    std::unique_ptr<TrafficMonitor> m_monitor;
    std::unique_ptr<EchoTest::BatchLog> m_log;
    std::unique_ptr<TcpServer> m_server;
};

void tst_TcpEcho::initTestCase_data()
{
    QTest::addColumn<QHostAddress>("address");
    QTest::addRow("IPv4") << QHostAddress(QHostAddress::LocalHost);
    QTest::addRow("IPv6") << QHostAddress(QHostAddress::LocalHostIPv6);
}

void tst_TcpEcho::initTestCase()
{
    // 500 clients plus their server sides need more than a soft limit of 1024.
    QVERIFY(raiseFileLimit() >= 2048);
}

void tst_TcpEcho::init()
{
    QFETCH_GLOBAL(QHostAddress, address);
    if (address.protocol() == QAbstractSocket::IPv6Protocol && !EchoTest::ipv6LoopbackAvailable())
        QSKIP("::1 is not available here");
    m_address = address;
    m_monitor = std::make_unique<TrafficMonitor>();
    m_log = std::make_unique<EchoTest::BatchLog>(*m_monitor);
    m_server = std::make_unique<TcpServer>(*m_monitor, testServerId(Net::ServerKind::Tcp));
    const QString error = m_server->start(config());
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(m_server->isRunning());
    m_port = m_server->status().port;
    QVERIFY(m_port != 0);
    QCOMPARE(m_server->status().address, m_address);
    const QString host = m_address.protocol() == QAbstractSocket::IPv6Protocol ? u"[::1]"_s : u"127.0.0.1"_s;
    QCOMPARE(m_server->status().url(), u"tcp://%1:%2"_s.arg(host).arg(m_port));
}

void tst_TcpEcho::cleanup()
{
    m_server.reset();
    m_log.reset();
    m_monitor.reset();
}

EchoServerConfig tst_TcpEcho::config(quint16 port) const
{
    EchoServerConfig config;
    config.address = m_address;
    config.port = port;
    return config;
}

qint64 tst_TcpEcho::holding() const
{
    const ServerTotals &totals = m_monitor->totals(testServerId(ServerKind::Tcp));
    return totals.bytesIn - totals.bytesOut;
}

void tst_TcpEcho::expectHeldAtTheBound() const
{
    qInfo("the server holds %lld bytes", holding());
    QVERIFY(holding() >= config().maxPendingOutput);
    QVERIFY(holding() <= config().maxPendingOutput + 64 * 1024);
}

bool tst_TcpEcho::waitConnected(const std::vector<std::unique_ptr<Client>> &clients, qint64 expectedNow)
{
    return waitUntil([&] {
        for (const auto &client : clients) {
            if (!client->connected())
                return false;
        }
        return m_monitor->totals(testServerId(ServerKind::Tcp)).connectionsNow == expectedNow;
    });
}

void tst_TcpEcho::echoRandomBinary()
{
    QRandomGenerator rng(EchoTest::testSeed());
    const QByteArray data = EchoTest::randomBytes(rng, 4 * MiB);
    m_log->keep = false;

    Client client(m_address, m_port);
    qsizetype offset = 0;
    int writes = 0;
    // Random-sized writes, issued as the socket drains, so they reach the wire separately.
    const auto pump = [&] {
        while (offset < data.size() && client.socket.bytesToWrite() < 64 * 1024) {
            const qsizetype size = qMin<qsizetype>(1 + rng.bounded(64 * 1024), data.size() - offset);
            client.socket.write(data.constData() + offset, size);
            offset += size;
            ++writes;
        }
    };
    connect(&client.socket, &QTcpSocket::connected, this, pump);
    connect(&client.socket, &QTcpSocket::bytesWritten, this, pump);

    QVERIFY2(waitUntil([&] { return client.received.size() >= data.size() || client.gone(); }, 20000),
             qPrintable(u"%1 of %2 bytes came back"_s.arg(client.received.size()).arg(data.size())));
    QCOMPARE(offset, data.size());
    QVERIFY(writes > 64);
    QCOMPARE(client.received.size(), data.size());
    if (client.received != data) {
        qsizetype at = 0;
        while (client.received.at(at) == data.at(at))
            ++at;
        QFAIL(qPrintable(u"the echo differs from what was sent at byte %1"_s.arg(at)));
    }
    QCOMPARE(m_monitor->totals(testServerId(ServerKind::Tcp)).bytesIn, data.size());
    QCOMPARE(m_monitor->totals(testServerId(ServerKind::Tcp)).bytesOut, data.size());
}

void tst_TcpEcho::halfCloseSendsPendingThenCloses()
{
    QRandomGenerator rng(EchoTest::testSeed());
    const QByteArray data = EchoTest::randomBytes(rng, 2 * MiB);
    EchoTest::RawPeer peer;
    QVERIFY(peer.connectTo(m_address, m_port));
    peer.send(data);
    peer.shutdownWhenSent();

    QVERIFY2(waitUntil([&] { return peer.atEof() || peer.error() != 0; }, 20000),
             qPrintable(u"no end of stream; %1 of %2 bytes back"_s.arg(peer.received().size()).arg(data.size())));
    QCOMPARE(peer.error(), 0);
    QVERIFY(peer.allSent());
    QCOMPARE(peer.received().size(), data.size());
    QVERIFY(peer.received() == data);
    QTRY_COMPARE(m_monitor->totals(testServerId(ServerKind::Tcp)).connectionsNow, 0);
    QCOMPARE(m_monitor->totals(testServerId(ServerKind::Tcp)).bytesOut, data.size());
}

void tst_TcpEcho::backpressureBoundsMemory()
{
    m_log->keep = false;
    QRandomGenerator rng(EchoTest::testSeed());
    const QByteArray block = EchoTest::randomBytes(rng, 256 * 1024);
    const qint64 rssBefore = EchoTest::vmRssKiB();
    QVERIFY(rssBefore > 0);

    EchoTest::RawPeer hog;
    QVERIFY(hog.connectTo(m_address, m_port, 16 * 1024));
    hog.setReading(false);
    hog.sendRepeated(block, 64 * MiB);
    const qint64 growth = EchoTest::driveUntilHeldBack(hog, [&] { return holding() >= config().maxPendingOutput; },
                                                       rssBefore, true);
    QCOMPARE(hog.error(), 0);
    QVERIFY2(!hog.allSent(), "the server read 64 MiB from a client that reads nothing");
    QVERIFY2(growth < 16 * 1024, qPrintable(u"VmRSS grew by %1 KiB"_s.arg(growth)));

    // The stuck connection does not hold up another one; and the server,
    // which had every chance to read during that exchange, still holds back.
    Client other(m_address, m_port);
    QTRY_VERIFY(other.connected());
    other.socket.write("still serving");
    QTRY_COMPARE(other.received, "still serving"_ba);
    expectHeldAtTheBound();
    QCOMPARE(hog.bytesReceived(), 0); // it really never read
}

// The same, but the client trickles 64-byte writes, one per event-loop pass,
// so the server's reads are small: the bound must hold for memory, not only
// for the count of queued bytes.
void tst_TcpEcho::backpressureSmallWritesBoundsMemory()
{
    m_log->keep = false;
    const qint64 rssBefore = EchoTest::vmRssKiB();
    QVERIFY(rssBefore > 0);

    EchoTest::RawPeer hog;
    QVERIFY(hog.connectTo(m_address, m_port, 16 * 1024));
    hog.setReading(false);
    hog.setSendsPerWake(1);
    hog.sendRepeated(QByteArray(64, 's'), 64 * MiB);
    const qint64 growth = EchoTest::driveUntilHeldBack(hog, [&] { return holding() >= config().maxPendingOutput; },
                                                       rssBefore, false);
    QCOMPARE(hog.error(), 0);
    QVERIFY2(!hog.allSent(), "the server read 64 MiB from a client that reads nothing");
    QVERIFY2(growth < 16 * 1024,
             qPrintable(u"VmRSS grew by %1 KiB for %2 bytes queued in small reads"_s.arg(growth).arg(holding())));
    Client other(m_address, m_port); // a round trip: the server had its chances to read more
    QTRY_VERIFY(other.connected());
    other.socket.write("fence");
    QTRY_COMPARE(other.received, "fence"_ba);
    expectHeldAtTheBound();
}

void tst_TcpEcho::concurrentClientsGetTheirOwnData()
{
    constexpr int clientCount = 500;
    QRandomGenerator rng(EchoTest::testSeed());
    m_log->keep = false;
    std::vector<std::unique_ptr<Client>> clients;
    QList<QByteArray> sent;
    qint64 totalBytes = 0;
    for (int i = 0; i < clientCount; ++i) {
        clients.push_back(std::make_unique<Client>(m_address, m_port));
        QByteArray data = "client " + QByteArray::number(i) + ':' + EchoTest::randomBytes(rng, 1 + rng.bounded(4096));
        totalBytes += data.size();
        Client *client = clients.back().get();
        connect(&client->socket, &QTcpSocket::connected, this, [client, data] { client->socket.write(data); });
        sent.append(data);
    }
    const auto allBack = [&] {
        for (int i = 0; i < clientCount; ++i) {
            if (clients[size_t(i)]->received.size() < sent[i].size())
                return false;
        }
        return true;
    };
    QVERIFY(waitUntil(allBack, 20000));
    for (int i = 0; i < clientCount; ++i)
        QVERIFY2(clients[size_t(i)]->received == sent[i], qPrintable(u"client %1 got other bytes"_s.arg(i)));

    const ServerTotals &totals = m_monitor->totals(testServerId(ServerKind::Tcp));
    QCOMPARE(totals.connectionsNow, clientCount);
    QCOMPARE(totals.connectionsTotal, clientCount);
    QCOMPARE(totals.bytesIn, totalBytes);
    QCOMPARE(totals.bytesOut, totalBytes);
    clients.clear();
    QTRY_COMPARE(m_monitor->totals(testServerId(ServerKind::Tcp)).connectionsNow, 0);
}

void tst_TcpEcho::connectionRecordsAndTotals()
{
    const QByteArray data = QByteArray(1000, 'x') + "end";
    Client client(m_address, m_port);
    QTRY_VERIFY(client.connected());
    QTRY_COMPARE(m_monitor->totals(testServerId(ServerKind::Tcp)).connectionsNow, 1);
    QVERIFY(m_log->flush());
    const ConnectionRecord *open = m_log->byPeerPort(client.socket.localPort());
    QVERIFY(open);
    const quint64 id = open->id;
    const quint16 clientPort = client.socket.localPort();
    QCOMPARE(open->state, ConnectionState::Open);
    QCOMPARE(open->serverKind, ServerKind::Tcp);
    QVERIFY(!open->udp);
    QCOMPARE(open->localPort, m_port);
    QCOMPARE(open->peerAddress, m_address);
    QCOMPARE(open->localAddress, m_address);
    QVERIFY(m_monitor->find(id));

    client.socket.write(data);
    QTRY_COMPARE(client.received, data);
    client.socket.disconnectFromHost();
    QTRY_COMPARE(m_monitor->totals(testServerId(ServerKind::Tcp)).connectionsNow, 0);
    QVERIFY(m_log->flush());

    const QList<ConnectionRecord> records = m_log->records(id);
    QVERIFY(records.size() >= 2);
    QCOMPARE(records.first().state, ConnectionState::Open);
    QCOMPARE(records.last().state, ConnectionState::Closed);
    for (qsizetype i = 0; i + 1 < records.size(); ++i)
        QCOMPARE(records.at(i).state, ConnectionState::Open); // closed exactly once, at the end
    const ConnectionRecord &closed = records.last();
    QCOMPARE(closed.bytesIn, data.size());
    QCOMPARE(closed.bytesOut, data.size());
    QCOMPARE(closed.peerPort, clientPort);
    QCOMPARE(closed.localPort, m_port);
    QVERIFY(closed.closedMs >= closed.openedMs);
    QVERIFY(!m_monitor->find(id));

    const ServerTotals &totals = m_log->batches.last().totalsFor(testServerId(ServerKind::Tcp));
    QCOMPARE(totals.connectionsNow, 0);
    QCOMPARE(totals.connectionsTotal, 1);
    QCOMPARE(totals.bytesIn, data.size());
    QCOMPARE(totals.bytesOut, data.size());
    QCOMPARE(m_log->events(TrafficEvent::Kind::Opened, id).size(), 1);
    QCOMPARE(m_log->events(TrafficEvent::Kind::Closed, id).size(), 1);
}

void tst_TcpEcho::closeConnectionById()
{
    Client client(m_address, m_port);
    QTRY_VERIFY(client.connected());
    QTRY_COMPARE(m_monitor->totals(testServerId(ServerKind::Tcp)).connectionsNow, 1);
    QVERIFY(m_log->flush());
    const ConnectionRecord *record = m_log->byPeerPort(client.socket.localPort());
    QVERIFY(record);
    const quint64 id = record->id;

    QVERIFY(m_server->closeConnection(id));
    QTRY_VERIFY(client.gone());
    QCOMPARE(m_monitor->totals(testServerId(ServerKind::Tcp)).connectionsNow, 0);
    QVERIFY(!m_server->closeConnection(id));
    QVERIFY(!m_server->closeConnection(id + 1000));
    QVERIFY(m_log->flush());
    const QList<TrafficEvent> closed = m_log->events(TrafficEvent::Kind::Closed, id);
    QCOMPARE(closed.size(), 1);
    QCOMPARE(closed.first().note, u"closed by the user"_s);
}

void tst_TcpEcho::sendToOneAndToAll()
{
    std::vector<std::unique_ptr<Client>> clients;
    for (int i = 0; i < 3; ++i)
        clients.push_back(std::make_unique<Client>(m_address, m_port));
    QVERIFY(waitConnected(clients, 3));
    QVERIFY(m_log->flush());
    QList<quint64> ids;
    for (const auto &client : clients) {
        const ConnectionRecord *record = m_log->byPeerPort(client->socket.localPort());
        QVERIFY(record);
        ids.append(record->id);
    }

    QVERIFY(m_server->sendTo(ids[1], "only you"_ba));
    QTRY_COMPARE(clients[1]->received, "only you"_ba);
    QVERIFY(!m_server->sendTo(ids[2] + 1000, "nobody"_ba));

    QCOMPARE(m_server->sendToAll("everyone"_ba), 3);
    // TCP keeps order, so "everyone" arriving alone proves "only you" went nowhere else.
    QTRY_COMPARE(clients[0]->received, "everyone"_ba);
    QTRY_COMPARE(clients[1]->received, "only youeveryone"_ba);
    QTRY_COMPARE(clients[2]->received, "everyone"_ba);
    QCOMPARE(m_monitor->totals(testServerId(ServerKind::Tcp)).bytesOut, 8 + 3 * 8);
    QCOMPARE(m_monitor->totals(testServerId(ServerKind::Tcp)).bytesIn, 0);
}

void tst_TcpEcho::dataEventsCarrySamples()
{
    MonitorOptions options;
    options.payloadSampleBytes = 8;
    m_monitor->setOptions(options);
    Client client(m_address, m_port);
    QTRY_VERIFY(client.connected());
    client.socket.write("0123456789abcdef");
    QTRY_COMPARE(client.received, "0123456789abcdef"_ba);
    client.socket.write("xyz");
    QTRY_COMPARE(client.received, "0123456789abcdefxyz"_ba);
    QVERIFY(m_log->flush());

    const QList<TrafficEvent> data = m_log->events(TrafficEvent::Kind::Data);
    QCOMPARE(data.size(), 4);
    const QList<std::pair<Direction, QByteArray>> expected{
        {Direction::In, "01234567"_ba}, {Direction::Out, "01234567"_ba}, {Direction::In, "xyz"_ba}, {Direction::Out, "xyz"_ba}};
    for (int i = 0; i < 4; ++i) {
        QCOMPARE(data[i].direction, expected[i].first);
        QCOMPARE(data[i].payload, expected[i].second);
        QCOMPARE(data[i].size, i < 2 ? 16 : 3);
        QCOMPARE(data[i].serverKind, ServerKind::Tcp);
        QCOMPARE(data[i].peerPort, client.socket.localPort());
        QCOMPARE(data[i].peerAddress, m_address);
        QVERIFY(data[i].timeMs > 0);
    }
    QCOMPARE(m_log->events(TrafficEvent::Kind::Opened).size(), 1);
}

void tst_TcpEcho::captureOffKeepsCountersExact()
{
    MonitorOptions options;
    options.captureEvents = false;
    m_monitor->setOptions(options);
    const QByteArray data(5000, 'c');
    {
        Client client(m_address, m_port);
        QTRY_VERIFY(client.connected());
        client.socket.write(data);
        QTRY_COMPARE(client.received.size(), data.size());
    }
    QTRY_COMPARE(m_monitor->totals(testServerId(ServerKind::Tcp)).connectionsNow, 0);
    QVERIFY(m_log->flush());
    QCOMPARE(m_log->eventCount(), 0);
    qsizetype records = 0;
    for (const TrafficBatch &batch : std::as_const(m_log->batches)) {
        QCOMPARE(batch.eventsDropped, 0);
        records += batch.changedConnections.size();
    }
    QVERIFY(records >= 1);
    const ServerTotals &totals = m_log->batches.last().totalsFor(testServerId(ServerKind::Tcp));
    QCOMPARE(totals.connectionsTotal, 1);
    QCOMPARE(totals.connectionsNow, 0);
    QCOMPARE(totals.bytesIn, data.size());
    QCOMPARE(totals.bytesOut, data.size());
}

void tst_TcpEcho::portInUse()
{
    TcpServer second(*m_monitor, testServerId(Net::ServerKind::Tcp));
    const QString error = second.start(config(m_port));
    QVERIFY2(error.contains(u"in use"_s), qPrintable(error));
    QVERIFY(error.contains(QString::number(m_port)));
    QVERIFY(!second.isRunning());
    QVERIFY(!second.status().running);

    QTcpServer other;
    QVERIFY(other.listen(m_address, 0));
    m_server->stop();
    const QString busy = m_server->start(config(other.serverPort()));
    QVERIFY2(busy.contains(u"in use"_s), qPrintable(busy));
    QVERIFY(!m_server->isRunning());
}

void tst_TcpEcho::connectionCap()
{
    EchoServerConfig capped = config();
    capped.maxConnections = 2;
    QVERIFY(m_server->start(capped).isEmpty());
    m_port = m_server->status().port;
    std::vector<std::unique_ptr<Client>> clients;
    for (int i = 0; i < 2; ++i)
        clients.push_back(std::make_unique<Client>(m_address, m_port));
    QVERIFY(waitConnected(clients, 2));
    Client third(m_address, m_port);
    QTRY_VERIFY(third.gone()); // accepted by the kernel, then closed by the server
    QCOMPARE(m_monitor->totals(testServerId(ServerKind::Tcp)).errors, 1);
    QCOMPARE(m_monitor->totals(testServerId(ServerKind::Tcp)).connectionsTotal, 2);
    clients.pop_back();
    QTRY_COMPARE(m_monitor->totals(testServerId(ServerKind::Tcp)).connectionsNow, 1);
    Client fourth(m_address, m_port);
    QTRY_VERIFY(fourth.connected());
    fourth.socket.write("room again");
    QTRY_COMPARE(fourth.received, "room again"_ba);
}

void tst_TcpEcho::stopClosesEveryConnection()
{
    constexpr int clientCount = 200;
    m_log->keep = false;
    std::vector<std::unique_ptr<Client>> clients;
    for (int i = 0; i < clientCount; ++i)
        clients.push_back(std::make_unique<Client>(m_address, m_port));
    QVERIFY(waitConnected(clients, clientCount));

    m_server->stop();
    QVERIFY(!m_server->isRunning());
    QVERIFY(!m_server->status().running);
    QCOMPARE(m_monitor->totals(testServerId(ServerKind::Tcp)).connectionsNow, 0);
    QCOMPARE(m_monitor->totals(testServerId(ServerKind::Tcp)).connectionsTotal, clientCount);
    QVERIFY(waitUntil([&] {
        return std::all_of(clients.cbegin(), clients.cend(), [](const auto &client) { return client->gone(); });
    }));
    Client late(m_address, m_port);
    QTRY_VERIFY(late.gone()); // nothing listens any more
    QCOMPARE(late.socket.error(), QAbstractSocket::ConnectionRefusedError);
}

void tst_TcpEcho::restartOnSamePort()
{
    {
        Client client(m_address, m_port);
        QTRY_VERIFY(client.connected());
        client.socket.write("before");
        QTRY_COMPARE(client.received, "before"_ba);
        m_server->stop();
        QTRY_VERIFY(client.gone());
    }
    const QString error = m_server->start(config(m_port));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(m_server->status().port, m_port);
    Client client(m_address, m_port);
    QTRY_VERIFY(client.connected());
    client.socket.write("after");
    QTRY_COMPARE(client.received, "after"_ba);
}

// Held back by the pending-output bound, a client that never reads would pin
// its queue for ever; the send timeout ends it and frees the memory.
void tst_TcpEcho::clientThatStopsReadingIsDropped()
{
    EchoServerConfig strict = config();
    strict.sendTimeoutMs = 300;
    QVERIFY(m_server->start(strict).isEmpty());
    m_port = m_server->status().port;
    // A client that reads, there before the hog and after it.
    Client reader(m_address, m_port);
    QTRY_VERIFY(reader.connected());
    reader.socket.write("still here");
    QTRY_COMPARE(reader.received, "still here"_ba);

    EchoTest::RawPeer hog;
    QVERIFY(hog.connectTo(m_address, m_port, 16 * 1024));
    hog.setReading(false);
    hog.sendRepeated(QByteArray(64 * 1024, 'h'), 64 * MiB);
    const ServerTotals &totals = m_monitor->totals(testServerId(ServerKind::Tcp));
    // First held back: the server stops reading with its output bound full...
    QTRY_VERIFY_WITH_TIMEOUT(totals.connectionsNow == 2 && holding() >= strict.maxPendingOutput, 10000);
    // ...then dropped: the deadline is 300 ms, swept once a second.
    QTRY_COMPARE_WITH_TIMEOUT(totals.connectionsNow, 1, 10000);
    QCOMPARE(totals.connectionsTotal, 2);
    // The sweep that dropped the hog found the reader older still, and kept
    // it: the send deadline holds only while output waits.
    QVERIFY(reader.connected());
    QVERIFY(m_log->flush());
    const QList<TrafficEvent> closed = m_log->events(TrafficEvent::Kind::Closed);
    QCOMPARE(closed.size(), 1);
    QCOMPARE(closed.first().peerPort, hog.localPort());
    reader.socket.write(" and here");
    QTRY_COMPARE(reader.received, "still here and here"_ba);
}

// "::" as typed (QHostAddress::AnyIPv6) listens on IPv4 too, whatever the
// system's bindv6only default is.
void tst_TcpEcho::anyIpv6AddressIsDualStack()
{
    if (!EchoTest::ipv6LoopbackAvailable())
        QSKIP("IPv6 is not available here");
    EchoServerConfig everywhere = config();
    everywhere.address = QHostAddress(u"::"_s);
    QVERIFY(m_server->start(everywhere).isEmpty());
    Client v4(QHostAddress(QHostAddress::LocalHost), m_server->status().port);
    QTRY_VERIFY(v4.connected());
    v4.socket.write("over IPv4");
    QTRY_COMPARE(v4.received, "over IPv4"_ba);
}

// A connection that carries nothing either way goes after the idle time; one
// that keeps talking stays, however long.
void tst_TcpEcho::idleConnectionsAreClosed()
{
    EchoServerConfig idle = config();
    idle.limits.idleTimeoutMs = 600;
    QVERIFY(m_server->start(idle).isEmpty());
    m_port = m_server->status().port;
    Client quiet(m_address, m_port);
    QTRY_VERIFY(quiet.connected());
    Client talker(m_address, m_port);
    QTRY_VERIFY(talker.connected());
    Client quietLater(m_address, m_port); // younger than the talker
    QTRY_VERIFY(quietLater.connected());
    QTRY_COMPARE(m_monitor->totals(testServerId(ServerKind::Tcp)).connectionsNow, 3);

    // Ping-pong: each echo back sends the next byte.
    connect(&talker.socket, &QTcpSocket::readyRead, this, [&talker] { talker.socket.write("."); });
    talker.socket.write(".");
    QTRY_VERIFY_WITH_TIMEOUT(quietLater.gone(), 10000);
    QVERIFY(quiet.gone());
    QVERIFY(talker.connected());
    QVERIFY(talker.received.size() > 1);
    QCOMPARE(m_monitor->totals(testServerId(ServerKind::Tcp)).connectionsNow, 1);
    QVERIFY(m_log->flush());
    const QList<TrafficEvent> closed = m_log->events(TrafficEvent::Kind::Closed);
    QCOMPARE(closed.size(), 2);
    for (const TrafficEvent &event : closed)
        QCOMPARE(event.note, u"idle timeout"_s);
}

// One address cannot take every slot: past its cap its connections are
// closed at once, counted as errors, and the user is told once.
void tst_TcpEcho::perAddressCap()
{
    EchoServerConfig capped = config();
    capped.limits.maxConnectionsPerAddress = 2;
    capped.limits.loopbackExempt = false; // our clients are on loopback
    QVERIFY(m_server->start(capped).isEmpty());
    m_port = m_server->status().port;
    QSignalSpy notices(m_server.get(), &TcpServer::acceptFailed);
    std::vector<std::unique_ptr<Client>> clients;
    for (int i = 0; i < 2; ++i)
        clients.push_back(std::make_unique<Client>(m_address, m_port));
    QVERIFY(waitConnected(clients, 2));
    for (int extra = 1; extra <= 2; ++extra) {
        Client over(m_address, m_port);
        QTRY_VERIFY(over.gone()); // accepted by the kernel, then closed by the server
        QTRY_COMPARE(m_monitor->totals(testServerId(ServerKind::Tcp)).errors, extra);
    }
    QCOMPARE(notices.size(), 1);
    const QString sentence = notices.first().first().toString();
    QVERIFY2(sentence.contains(m_address.toString()) && sentence.contains(u"2 echo connections"_s),
             qPrintable(sentence));
    QCOMPARE(m_monitor->totals(testServerId(ServerKind::Tcp)).connectionsTotal, 2);

    // Below the cap again: room for one more, and a new spell would be told again.
    clients.pop_back();
    QTRY_COMPARE(m_monitor->totals(testServerId(ServerKind::Tcp)).connectionsNow, 1);
    Client again(m_address, m_port);
    QTRY_VERIFY(again.connected());
    again.socket.write("room again");
    QTRY_COMPARE(again.received, "room again"_ba);
    Client over(m_address, m_port);
    QTRY_VERIFY(over.gone());
    QTRY_COMPARE(notices.size(), 2);
}

// Local tools and benchmarks open thousands of connections from loopback;
// the per-address cap is for remote peers.
void tst_TcpEcho::loopbackIsExemptFromThePerAddressCap()
{
    EchoServerConfig capped = config();
    capped.limits.maxConnectionsPerAddress = 1;
    QVERIFY(capped.limits.loopbackExempt);
    QVERIFY(m_server->start(capped).isEmpty());
    m_port = m_server->status().port;
    std::vector<std::unique_ptr<Client>> clients;
    for (int i = 0; i < 3; ++i)
        clients.push_back(std::make_unique<Client>(m_address, m_port));
    QVERIFY(waitConnected(clients, 3));
    clients.back()->socket.write("welcome");
    QTRY_COMPARE(clients.back()->received, "welcome"_ba);
    QCOMPARE(m_monitor->totals(testServerId(ServerKind::Tcp)).errors, 0);
}

QTEST_GUILESS_MAIN(tst_TcpEcho)
#include "tst_tcpecho.moc"
