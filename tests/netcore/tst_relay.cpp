#include "echo/tcpserver.h"
#include "echotesthelpers.h"
#include "relay/relayserver.h"
#include "server/filelimit.h"
#include "tracking/trafficmonitor.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <cerrno>
#include <memory>
#include <sys/socket.h>
#include <unistd.h>

using namespace Net;
using namespace Qt::StringLiterals;
using EchoTest::RawPeer;
using EchoTest::waitUntil;

namespace {
constexpr qsizetype MiB = 1024 * 1024;
// The two servers share one monitor, so each has its own id.
constexpr ServerId EchoId = 1;
constexpr ServerId RelayId = 2;
} // namespace

// The relay between a real client (RawPeer or QTcpSocket) and a real
// upstream (a TcpServer echoing on this thread), all on loopback port 0.
// Timings are asserted only as generous ranges around the configured fault.
class tst_Relay : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void transparentBothWays();
    void halfClosePropagates();
    void backpressureBoundsBuffers();
    void upstreamRefused();
    void upstreamUnanswered();
    void latencyWithJitter();
    void bandwidthCap();
    void slicerSplitsIntoSmallReads();
    void timeoutStopsDataThenCloses();
    void limitDataClosesAfterExactBytes();
    void resetPeerResetsTheClient();
    void slowCloseDelaysTheEnd();
    void faultsChangeOnAnOpenConnection();
    void delayedBytesKeepTheirOrderWhenFaultsGoOff();
    void eventsForBothDirections();
    void connectionCap();
    void stopClosesConnections();
    void faultsJsonRoundTrip();
    void faultsJsonRejectsBadValues();

private:
    void startRelay(const RelayFaults &faults = {}, quint16 upstreamPort = 0, int connectTimeoutMs = 10000);
    // One message out and its echo back through the relay; the time it took in ms, or -1.
    qint64 roundTripMs(RawPeer &client, const QByteArray &message);
    const TrafficEvent *closedEvent();

    std::unique_ptr<TrafficMonitor> m_monitor;
    std::unique_ptr<EchoTest::BatchLog> m_log;
    std::unique_ptr<TcpServer> m_echo;
    std::unique_ptr<RelayServer> m_relay;
    QList<TrafficEvent> m_closed;
    quint16 m_echoPort = 0;
    quint16 m_port = 0;
};

void tst_Relay::initTestCase()
{
    QVERIFY(raiseFileLimit() >= 1024);
}

void tst_Relay::init()
{
    m_monitor = std::make_unique<TrafficMonitor>();
    m_log = std::make_unique<EchoTest::BatchLog>(*m_monitor);
    m_echo = std::make_unique<TcpServer>(*m_monitor, EchoId);
    EchoServerConfig echo;
    echo.port = 0;
    QCOMPARE(m_echo->start(echo), QString());
    m_echoPort = m_echo->status().port;
}

void tst_Relay::cleanup()
{
    m_relay.reset();
    m_echo.reset();
    m_log.reset();
    m_monitor.reset();
}

void tst_Relay::startRelay(const RelayFaults &faults, quint16 upstreamPort, int connectTimeoutMs)
{
    m_relay = std::make_unique<RelayServer>(*m_monitor, RelayId);
    RelayConfig config;
    config.port = 0;
    config.upstreamHost = u"127.0.0.1"_s;
    config.upstreamPort = upstreamPort ? upstreamPort : m_echoPort;
    config.faults = faults;
    config.limits.connectTimeoutMs = connectTimeoutMs;
    QCOMPARE(m_relay->start(config), QString());
    m_port = m_relay->status().port;
    QVERIFY(m_port != 0);
}

qint64 tst_Relay::roundTripMs(RawPeer &client, const QByteArray &message)
{
    const qint64 before = client.bytesReceived();
    QElapsedTimer clock;
    clock.start();
    client.send(message);
    if (!waitUntil([&] { return client.bytesReceived() >= before + message.size() || client.atEof(); }))
        return -1;
    return client.bytesReceived() >= before + message.size() ? clock.elapsed() : -1;
}

// The relay connection's Closed event, once the monitor has delivered it.
const TrafficEvent *tst_Relay::closedEvent()
{
    const auto found = [&] {
        m_monitor->flushNow();
        for (const TrafficEvent &event : m_log->events(TrafficEvent::Kind::Closed)) {
            if (event.server == RelayId) {
                m_closed = {event};
                return true;
            }
        }
        return false;
    };
    return waitUntil(found) ? &m_closed.first() : nullptr;
}

void tst_Relay::transparentBothWays()
{
    startRelay();
    QRandomGenerator rng(EchoTest::testSeed());
    const QByteArray data = EchoTest::randomBytes(rng, 8 * MiB);
    m_log->keep = false;
    RawPeer client;
    QVERIFY(client.connectTo(QHostAddress(QHostAddress::LocalHost), m_port));
    client.send(data);
    QVERIFY2(waitUntil([&] { return client.bytesReceived() >= data.size() || client.error() != 0; }, 30000),
             qPrintable(u"%1 of %2 bytes came back"_s.arg(client.bytesReceived()).arg(data.size())));
    QCOMPARE(client.error(), 0);
    QCOMPARE(client.received().size(), data.size());
    QVERIFY(client.received() == data);
    QCOMPARE(m_monitor->totals(RelayId).bytesIn, data.size());
    QCOMPARE(m_monitor->totals(RelayId).bytesOut, data.size());
    QCOMPARE(m_relay->bufferedBytes(), 0);
}

// The client half-closes after sending 2 MiB: the upstream (echo) learns it
// only through the relay, answers everything after the client's FIN, then
// closes; the client gets all of it and then its end of stream.
void tst_Relay::halfClosePropagates()
{
    startRelay();
    QRandomGenerator rng(EchoTest::testSeed());
    const QByteArray data = EchoTest::randomBytes(rng, 2 * MiB);
    RawPeer client;
    QVERIFY(client.connectTo(QHostAddress(QHostAddress::LocalHost), m_port));
    client.send(data);
    client.shutdownWhenSent();
    QVERIFY(waitUntil([&] { return client.atEof() || client.error() != 0; }, 20000));
    QCOMPARE(client.error(), 0);
    QVERIFY(client.received() == data);
    const TrafficEvent *closed = closedEvent();
    QVERIFY(closed);
    qInfo() << "closed:" << closed->note;
    QCOMPARE(m_relay->connectionCount(), 0);
}

// A client that sends without reading: the echo upstream stops reading once
// its own bound is full, and then each direction of the relay holds its bound
// (plus at most one read) and no more, however much the client has left to send.
void tst_Relay::backpressureBoundsBuffers()
{
    startRelay();
    m_log->keep = false;
    RawPeer hog;
    QVERIFY(hog.connectTo(QHostAddress(QHostAddress::LocalHost), m_port, 64 * 1024));
    hog.setReading(false);
    hog.setKeepReceived(false);
    constexpr qint64 total = 256 * MiB;
    hog.sendRepeated(QByteArray(64 * 1024, 'x'), total);
    const qint64 bound = RelayLimits{}.maxBufferedPerDirection;
    constexpr qint64 oneRead = 64 * 1024;
    // Both directions at their bound, and the client can send no more.
    QVERIFY2(waitUntil([&] { return m_relay->bufferedBytes() >= 2 * bound && hog.isBlocked(); }, 30000),
             qPrintable(u"the relay holds %1 bytes"_s.arg(m_relay->bufferedBytes())));
    qInfo("the client sent %lld bytes; the relay holds %lld", hog.bytesSent(), m_relay->bufferedBytes());
    QVERIFY(hog.bytesSent() < total);
    QVERIFY(m_relay->bufferedBytes() <= 2 * (bound + oneRead));
}

void tst_Relay::upstreamRefused()
{
    quint16 closedPort = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress(QHostAddress::LocalHost), 0));
        closedPort = probe.serverPort();
    }
    startRelay({}, closedPort);
    RawPeer client;
    QVERIFY(client.connectTo(QHostAddress(QHostAddress::LocalHost), m_port));
    QVERIFY(waitUntil([&] { return client.atEof() || client.error() != 0; }));
    const TrafficEvent *closed = closedEvent();
    QVERIFY(closed);
    QCOMPARE(closed->note, u"Upstream 127.0.0.1:%1 refused the connection."_s.arg(closedPort));
}

// A listener with a backlog of 0 that already holds one unaccepted
// connection drops further SYNs: the relay's connect is never answered.
void tst_Relay::upstreamUnanswered()
{
    const int listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    const SocketAddress any = SocketAddress::from(QHostAddress(QHostAddress::LocalHost), 0);
    QCOMPARE(::bind(listener, reinterpret_cast<const sockaddr *>(&any.storage), any.length), 0);
    QCOMPARE(::listen(listener, 0), 0);
    SocketAddress bound;
    bound.length = sizeof bound.storage;
    ::getsockname(listener, reinterpret_cast<sockaddr *>(&bound.storage), &bound.length);
    RawPeer filler;
    QVERIFY(filler.connectTo(QHostAddress(QHostAddress::LocalHost), bound.port()));

    startRelay({}, bound.port(), 300);
    RawPeer client;
    QVERIFY(client.connectTo(QHostAddress(QHostAddress::LocalHost), m_port));
    QVERIFY(waitUntil([&] { return client.atEof() || client.error() != 0; }));
    const TrafficEvent *closed = closedEvent();
    QVERIFY(closed);
    QCOMPARE(closed->note, u"Upstream 127.0.0.1:%1 did not answer within 300 ms."_s.arg(bound.port()));
    ::close(listener);
}

void tst_Relay::latencyWithJitter()
{
    RelayFaults faults;
    faults.downstream.latency = {true, 200, 100};
    startRelay(faults);
    RawPeer client;
    QVERIFY(client.connectTo(QHostAddress(QHostAddress::LocalHost), m_port));
    qint64 low = 1 << 30, high = 0;
    for (int i = 0; i < 5; ++i) {
        const qint64 ms = roundTripMs(client, "ping"_ba);
        qInfo("round trip %d: %lld ms", i, ms);
        QVERIFY(ms >= 95 && ms <= 2000);
        low = qMin(low, ms);
        high = qMax(high, ms);
    }
    QVERIFY2(high - low >= 5, "the jitter did not vary the latency");
}

void tst_Relay::bandwidthCap()
{
    RelayFaults faults;
    faults.downstream.bandwidth = {true, 64};
    startRelay(faults);
    RawPeer client;
    QVERIFY(client.connectTo(QHostAddress(QHostAddress::LocalHost), m_port));
    const QByteArray data(64 * 1024, 'b');
    QElapsedTimer clock;
    clock.start();
    client.send(data);
    QVERIFY(waitUntil([&] { return client.bytesReceived() >= data.size() || client.atEof(); }, 20000));
    qInfo("64 KiB at 64 KB/s took %lld ms", qint64(clock.elapsed()));
    QCOMPARE(client.received(), data);
    QVERIFY(clock.elapsed() >= 800 && clock.elapsed() <= 15000);
}

void tst_Relay::slicerSplitsIntoSmallReads()
{
    RelayFaults faults;
    faults.downstream.slicer = {true, 100, 50, 1000};
    startRelay(faults);
    QTcpSocket client;
    int reads = 0;
    QByteArray received;
    connect(&client, &QTcpSocket::readyRead, this, [&] {
        ++reads;
        received += client.readAll();
    });
    client.connectToHost(QHostAddress(QHostAddress::LocalHost), m_port);
    QVERIFY(waitUntil([&] { return client.state() == QAbstractSocket::ConnectedState; }));
    QRandomGenerator rng(EchoTest::testSeed());
    const QByteArray data = EchoTest::randomBytes(rng, 20000);
    client.write(data);
    QVERIFY(waitUntil([&] { return received.size() >= data.size(); }, 20000));
    qInfo("20000 bytes arrived in %d reads", reads);
    QCOMPARE(received, data);
    QVERIFY(reads >= 20);
}

void tst_Relay::timeoutStopsDataThenCloses()
{
    RelayFaults faults;
    faults.upstream.timeout = {true, 300};
    startRelay(faults);
    RawPeer client;
    QElapsedTimer clock;
    clock.start();
    QVERIFY(client.connectTo(QHostAddress(QHostAddress::LocalHost), m_port));
    client.send("lost"_ba);
    QVERIFY(waitUntil([&] { return client.atEof() || client.error() != 0; }));
    qInfo("closed after %lld ms", qint64(clock.elapsed()));
    QVERIFY(clock.elapsed() >= 250 && clock.elapsed() <= 5000);
    QCOMPARE(client.bytesReceived(), 0);
    QCOMPARE(m_monitor->totals(EchoId).bytesIn, 0); // nothing reached the upstream
    const TrafficEvent *closed = closedEvent();
    QVERIFY(closed);
    QCOMPARE(closed->note, u"timeout fault (upstream): closed after 300 ms"_s);
}

void tst_Relay::limitDataClosesAfterExactBytes()
{
    RelayFaults faults;
    faults.downstream.limitData = {true, 1000};
    startRelay(faults);
    RawPeer client;
    QVERIFY(client.connectTo(QHostAddress(QHostAddress::LocalHost), m_port));
    QRandomGenerator rng(EchoTest::testSeed());
    const QByteArray data = EchoTest::randomBytes(rng, 5000);
    client.send(data);
    QVERIFY(waitUntil([&] { return client.atEof() || client.error() != 0; }));
    QCOMPARE(client.error(), 0);
    QCOMPARE(client.received(), data.first(1000));
    const TrafficEvent *closed = closedEvent();
    QVERIFY(closed);
    QCOMPARE(closed->note, u"limit_data fault (downstream): closed after 1000 bytes"_s);
}

void tst_Relay::resetPeerResetsTheClient()
{
    RelayFaults faults;
    faults.downstream.resetPeer = {true, 200};
    startRelay(faults);
    RawPeer client;
    QElapsedTimer clock;
    clock.start();
    QVERIFY(client.connectTo(QHostAddress(QHostAddress::LocalHost), m_port));
    QCOMPARE(roundTripMs(client, "before"_ba) >= 0, true);
    QVERIFY(waitUntil([&] { return client.atEof() || client.error() != 0; }));
    qInfo("reset after %lld ms", qint64(clock.elapsed()));
    QCOMPARE(client.error(), ECONNRESET);
    QVERIFY(clock.elapsed() >= 150);
}

void tst_Relay::slowCloseDelaysTheEnd()
{
    RelayFaults faults;
    faults.downstream.slowClose = {true, 300};
    startRelay(faults);
    RawPeer client;
    QVERIFY(client.connectTo(QHostAddress(QHostAddress::LocalHost), m_port));
    QCOMPARE(roundTripMs(client, "bye"_ba) >= 0, true);
    QElapsedTimer clock;
    clock.start();
    client.shutdownWhenSent(); // the echo server closes at once; the client hears it 300 ms later
    QVERIFY(waitUntil([&] { return client.atEof() || client.error() != 0; }));
    qInfo("end of stream after %lld ms", qint64(clock.elapsed()));
    QCOMPARE(client.error(), 0);
    QVERIFY(clock.elapsed() >= 280 && clock.elapsed() <= 5000);
}

void tst_Relay::faultsChangeOnAnOpenConnection()
{
    startRelay();
    RawPeer client;
    QVERIFY(client.connectTo(QHostAddress(QHostAddress::LocalHost), m_port));
    QVERIFY(roundTripMs(client, "plain"_ba) >= 0);

    RelayFaults slow;
    slow.upstream.latency = {true, 300, 0};
    m_relay->setFaults(slow);
    const qint64 delayed = roundTripMs(client, "slow"_ba);
    qInfo("with 300 ms upstream latency: %lld ms", delayed);
    QVERIFY(delayed >= 280 && delayed <= 3000);

    RelayFaults limited;
    limited.downstream.limitData = {true, 5 + 4 + 2}; // "plain" + "slow" + 2 more bytes
    m_relay->setFaults(limited);
    client.send("abcdef"_ba);
    QVERIFY(waitUntil([&] { return client.atEof() || client.error() != 0; }));
    QCOMPARE(client.received(), "plainslowab"_ba);
}

// Bytes a fault already holds keep their release time; what comes after the
// change queues behind them instead of overtaking them.
void tst_Relay::delayedBytesKeepTheirOrderWhenFaultsGoOff()
{
    RelayFaults slow;
    slow.downstream.latency = {true, 400, 0};
    startRelay(slow);
    RawPeer client;
    QVERIFY(client.connectTo(QHostAddress(QHostAddress::LocalHost), m_port));
    QElapsedTimer clock;
    clock.start();
    client.send("first "_ba);
    // The echo is back in the relay and held by the latency before the faults go off.
    QVERIFY(waitUntil([&] { return m_relay->bufferedBytes() == 6; }));
    m_relay->setFaults({});
    client.send("second"_ba);
    QVERIFY(waitUntil([&] { return client.bytesReceived() >= 12 || client.atEof(); }));
    qInfo("both arrived after %lld ms", qint64(clock.elapsed()));
    QCOMPARE(client.received(), "first second"_ba);
    QVERIFY(clock.elapsed() >= 350);
    // With nothing held any more, the relay copies straight through again.
    QVERIFY(roundTripMs(client, "third"_ba) >= 0);
    QCOMPARE(client.received(), "first secondthird"_ba);
}

void tst_Relay::eventsForBothDirections()
{
    startRelay();
    RawPeer client;
    QVERIFY(client.connectTo(QHostAddress(QHostAddress::LocalHost), m_port));
    QVERIFY(roundTripMs(client, "hello relay"_ba) >= 0);
    client.close();
    const TrafficEvent *closed = closedEvent();
    QVERIFY(closed);
    const quint64 id = closed->connectionId;
    bool opened = false, in = false, out = false;
    for (const TrafficEvent &event : m_log->events(TrafficEvent::Kind::Opened, id))
        opened = opened || event.server == RelayId;
    for (const TrafficEvent &event : m_log->events(TrafficEvent::Kind::Data, id)) {
        QCOMPARE(event.server, RelayId);
        QCOMPARE(event.serverKind, ServerKind::Relay);
        QCOMPARE(event.payload, "hello relay"_ba);
        in = in || event.direction == Direction::In;
        out = out || event.direction == Direction::Out;
    }
    QVERIFY(opened && in && out);
    QCOMPARE(closed->peerPort, client.localPort());
    const ConnectionRecord *record = m_log->byPeerPort(client.localPort());
    QVERIFY(record);
    QCOMPARE(record->bytesIn, 11);
    QCOMPARE(record->bytesOut, 11);
}

void tst_Relay::connectionCap()
{
    m_relay = std::make_unique<RelayServer>(*m_monitor, RelayId);
    RelayConfig config;
    config.upstreamPort = m_echoPort;
    config.limits.maxConnections = 1;
    QCOMPARE(m_relay->start(config), QString());
    m_port = m_relay->status().port;
    RawPeer first;
    QVERIFY(first.connectTo(QHostAddress(QHostAddress::LocalHost), m_port));
    QVERIFY(roundTripMs(first, "one"_ba) >= 0);
    RawPeer second;
    QVERIFY(second.connectTo(QHostAddress(QHostAddress::LocalHost), m_port));
    QVERIFY(waitUntil([&] { return second.atEof() || second.error() != 0; }));
    QCOMPARE(m_relay->connectionCount(), 1);
    QCOMPARE(m_monitor->totals(RelayId).errors, 1);
    QVERIFY(roundTripMs(first, "still"_ba) >= 0);
}

void tst_Relay::stopClosesConnections()
{
    startRelay();
    RawPeer client;
    QVERIFY(client.connectTo(QHostAddress(QHostAddress::LocalHost), m_port));
    QVERIFY(roundTripMs(client, "x"_ba) >= 0);
    m_relay->stop();
    QVERIFY(!m_relay->isRunning());
    QVERIFY(waitUntil([&] { return client.atEof() || client.error() != 0; }));
    const TrafficEvent *closed = closedEvent();
    QVERIFY(closed);
    QCOMPARE(closed->note, u"server stopped"_s);
}

void tst_Relay::faultsJsonRoundTrip()
{
    RelayFaults faults;
    faults.upstream.latency = {true, 250, 30};
    faults.upstream.slicer = {true, 10, 5, 2500};
    faults.upstream.limitData = {true, qint64(5) << 32};
    faults.downstream.bandwidth = {true, 640};
    faults.downstream.timeout = {false, 70};
    faults.downstream.resetPeer = {true, 9};
    faults.downstream.slowClose = {true, 1234};
    QString error;
    QCOMPARE(RelayFaults::fromJson(faults.toJson(), &error), faults);
    QCOMPARE(error, QString());
    QCOMPARE(RelayFaults::fromJson({}, &error), RelayFaults{});
    QCOMPARE(error, QString());
}

void tst_Relay::faultsJsonRejectsBadValues()
{
    QString error;
    const QJsonObject negative{{u"upstream"_s, QJsonObject{{u"latency"_s, QJsonObject{{u"ms"_s, -5}}}}}};
    QCOMPARE(RelayFaults::fromJson(negative, &error), RelayFaults{});
    QCOMPARE(error, u"latency.ms must be a whole number from 0 to 3600000."_s);
    const QJsonObject notBool{{u"downstream"_s, QJsonObject{{u"timeout"_s, QJsonObject{{u"enabled"_s, u"yes"_s}}}}}};
    RelayFaults::fromJson(notBool, &error);
    QCOMPARE(error, u"timeout.enabled must be true or false."_s);
}

QTEST_GUILESS_MAIN(tst_Relay)
#include "tst_relay.moc"
