#include "echotesthelpers.h"
#include "api/netcontroller.h"
#include "networkengine.h"

#include <QDir>
#include <QFile>
#include <QNetworkDatagram>
#include <QProcess>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>

#include <algorithm>
#include <memory>
#include <poll.h>
#include <vector>

using namespace Net;
using namespace Qt::StringLiterals;
using EchoTest::waitUntil;

namespace {

const QHostAddress Loopback(QHostAddress::LocalHost);
// Set for the child process of destroyWhileNetworkThreadIsStuck().
constexpr const char *StuckChildVariable = "WIREBENCH_TEST_STUCK_NETWORK_THREAD_CHILD";

// A client of the servers on the network thread.
struct Client : EchoTest::Client
{
    explicit Client(quint16 port)
        : EchoTest::Client(Loopback, port)
    {
    }
};

EchoServerConfig echoConfig(quint16 port = 0)
{
    EchoServerConfig config;
    config.address = Loopback;
    config.port = port;
    return config;
}

} // namespace

class tst_NetController : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void startsAllServers();
    void startOnPortInUse();
    void burstIsDeliveredInFewBatches();
    void closeConnectionById();
    void sendToConnectionAndToAll();
    void stopServer();
    void destroyWithLiveConnections();
    void destroyWhileNetworkThreadIsStuck();
    void stuckNetworkThreadChild();
    void clientEventsComeWithTheirBatch();

private:
    // Starts TCP and UDP echo on port 0; false unless both report running.
    bool startEcho();
    ServerStatus lastStatus(ServerKind kind) const;
    // The id of the open record whose peer port is `peerPort`, once a batch has shown it.
    quint64 waitForRecord(quint16 peerPort);

    std::unique_ptr<NetController> m_net;
    ServerId m_web = 0;
    ServerId m_tcp = 0;
    ServerId m_udp = 0;
    QList<ServerStatus> m_statuses;
    QList<TrafficBatch> m_batches;
    QStringList m_notices;
    bool m_keepBatches = true;
    int m_deliveries = 0;
    qint64 m_dataEvents = 0;
    qint64 m_dropped = 0;
};

void tst_NetController::init()
{
    m_statuses.clear();
    m_web = m_tcp = m_udp = 0;
    m_batches.clear();
    m_notices.clear();
    m_keepBatches = true;
    m_deliveries = 0;
    m_dataEvents = 0;
    m_dropped = 0;
    m_net = std::make_unique<NetController>();
    connect(m_net.get(), &NetController::serverStatusChanged, this,
            [this](const ServerStatus &status) { m_statuses.append(status); });
    connect(m_net.get(), &NetController::notice, this, [this](const QString &sentence) { m_notices.append(sentence); });
    connect(m_net.get(), &NetController::trafficBatch, this, [this](const TrafficBatch &batch) {
        ++m_deliveries;
        m_dropped += batch.eventsDropped;
        for (const TrafficEvent &event : batch.events)
            m_dataEvents += event.kind == TrafficEvent::Kind::Data ? 1 : 0;
        if (m_keepBatches)
            m_batches.append(batch);
    });
}

void tst_NetController::cleanup()
{
    m_net.reset();
}

bool tst_NetController::startEcho()
{
    m_tcp = m_net->startTcp(echoConfig());
    m_udp = m_net->startUdp(echoConfig());
    return waitUntil([&] {
        return m_net->status(ServerKind::Tcp).running && m_net->status(ServerKind::Udp).running;
    });
}

ServerStatus tst_NetController::lastStatus(ServerKind kind) const
{
    for (auto it = m_statuses.crbegin(); it != m_statuses.crend(); ++it) {
        if (it->kind == kind)
            return *it;
    }
    return {};
}

quint64 tst_NetController::waitForRecord(quint16 peerPort)
{
    quint64 id = 0;
    const auto find = [&] {
        for (const TrafficBatch &batch : std::as_const(m_batches)) {
            for (const ConnectionRecord &record : batch.changedConnections) {
                if (record.peerPort == peerPort && record.state == ConnectionState::Open)
                    id = record.id;
            }
        }
        return id != 0;
    };
    m_net->flushNow();
    (void)waitUntil(find);
    return id;
}

void tst_NetController::startsAllServers()
{
    QTemporaryDir root;
    QVERIFY(root.isValid());
    QFile index(root.filePath(u"index.html"_s));
    QVERIFY(index.open(QIODevice::WriteOnly));
    index.write("<p>hello</p>");
    index.close();

    WebServerConfig web;
    web.address = Loopback;
    web.port = 0;
    web.rootPath = root.path();
    m_web = m_net->startWeb(web);
    QVERIFY(startEcho());
    QTRY_VERIFY(m_net->status(ServerKind::Web).running);
    QCOMPARE(m_statuses.size(), 6); // each server: added (stopped), then started

    const ServerStatus webStatus = lastStatus(ServerKind::Web);
    const ServerStatus tcpStatus = lastStatus(ServerKind::Tcp);
    const ServerStatus udpStatus = lastStatus(ServerKind::Udp);
    for (const ServerStatus &status : {webStatus, tcpStatus, udpStatus}) {
        QVERIFY(status.running);
        QVERIFY(status.error.isEmpty());
        QVERIFY(status.port != 0);
        QCOMPARE(status.address, Loopback);
        QCOMPARE(m_net->status(status.kind).port, status.port);
    }
    QCOMPARE(webStatus.url(), u"http://127.0.0.1:%1/"_s.arg(webStatus.port));
    QCOMPARE(tcpStatus.url(), u"tcp://127.0.0.1:%1"_s.arg(tcpStatus.port));
    QCOMPARE(udpStatus.url(), u"udp://127.0.0.1:%1"_s.arg(udpStatus.port));
    QCOMPARE(webStatus.rootPath, QDir(root.path()).canonicalPath());

    Client http(webStatus.port);
    QTRY_VERIFY(http.connected());
    http.socket.write("GET /index.html HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    QTRY_VERIFY(http.gone());
    QVERIFY2(http.received.startsWith("HTTP/1.1 200"), http.received.constData());
    QVERIFY(http.received.endsWith("<p>hello</p>"));

    Client echo(tcpStatus.port);
    QTRY_VERIFY(echo.connected());
    echo.socket.write("ping");
    QTRY_COMPARE(echo.received, "ping"_ba);

    QUdpSocket udp;
    QVERIFY(udp.bind(Loopback, 0));
    QCOMPARE(udp.writeDatagram("datagram"_ba, Loopback, udpStatus.port), 8);
    QTRY_VERIFY(udp.hasPendingDatagrams());
    QCOMPARE(udp.receiveDatagram().data(), "datagram"_ba);
}

void tst_NetController::startOnPortInUse()
{
    QTcpServer blocker;
    QVERIFY(blocker.listen(Loopback, 0));
    m_net->startTcp(echoConfig(blocker.serverPort()));
    QTRY_COMPARE(m_statuses.size(), 2); // added, then the failed start
    ServerStatus status = m_statuses.last();
    QCOMPARE(status.kind, ServerKind::Tcp);
    QVERIFY(!status.running);
    QVERIFY2(status.error.contains(u"in use"_s), qPrintable(status.error));
    QCOMPARE(m_net->status(ServerKind::Tcp).error, status.error);

    QUdpSocket udpBlocker;
    QVERIFY(udpBlocker.bind(Loopback, 0, QUdpSocket::DontShareAddress));
    m_net->startUdp(echoConfig(udpBlocker.localPort()));
    QTRY_COMPARE(m_statuses.size(), 4);
    status = m_statuses.last();
    QCOMPARE(status.kind, ServerKind::Udp);
    QVERIFY(!status.running);
    QVERIFY2(status.error.contains(u"in use"_s), qPrintable(status.error));

    // A later start on a free port clears the error.
    QVERIFY(startEcho());
    QVERIFY(m_net->status(ServerKind::Tcp).error.isEmpty());
}

// 100,000 eight-byte messages, each its own send(), with the server on its own
// thread. The test thread may block in poll() here: the server does not need it.
void tst_NetController::burstIsDeliveredInFewBatches()
{
    constexpr int messages = 100000;
    constexpr qint64 total = messages * 8;
    m_keepBatches = false;
    QVERIFY(startEcho());
    QByteArray data;
    data.reserve(total);
    for (int i = 0; i < messages; ++i)
        data.append(QByteArray::number(i).rightJustified(8, '0'));

    EchoTest::RawPeer peer; // connects and sets TCP_NODELAY; we drive its descriptor by hand below
    QVERIFY(peer.connectTo(Loopback, m_net->status(ServerKind::Tcp).port));
    peer.setReading(false);
    const int fd = peer.descriptor();
    QByteArray received;
    received.reserve(total);
    qsizetype sent = 0;
    QElapsedTimer clock;
    clock.start();
    char buffer[64 * 1024];
    while (received.size() < total && clock.elapsed() < 20000) {
        pollfd watch{fd, short(POLLIN | (sent < total ? POLLOUT : 0)), 0};
        if (::poll(&watch, 1, 10) < 0)
            break;
        for (int i = 0; i < 64 && sent < total && (watch.revents & POLLOUT); ++i) {
            const ssize_t n = ::send(fd, data.constData() + sent, 8, MSG_NOSIGNAL);
            if (n <= 0)
                break;
            sent += n;
        }
        for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, MSG_DONTWAIT)) > 0;)
            received.append(buffer, n);
        QCoreApplication::processEvents(); // take batches as the window would
    }
    qInfo("burst echoed in %lld ms", qint64(clock.elapsed()));
    QCOMPARE(received.size(), total);
    QVERIFY(received == data);

    QTRY_COMPARE(m_net->totals(m_tcp).bytesIn, total);
    QTRY_COMPARE(m_net->totals(m_tcp).bytesOut, total);
    const qint64 events = m_dataEvents + m_dropped;
    qInfo("%lld data events (%lld not shown) in %d batches", events, m_dropped, m_deliveries);
    QVERIFY(m_deliveries < 1000);           // not one delivery per message
    QVERIFY(qint64(m_deliveries) * 10 < events); // nor one per server event
}

void tst_NetController::closeConnectionById()
{
    QVERIFY(startEcho());
    Client client(m_net->status(ServerKind::Tcp).port);
    QTRY_VERIFY(client.connected());
    const quint64 id = waitForRecord(client.socket.localPort());
    QVERIFY(id != 0);

    m_net->closeConnection(id);
    QTRY_VERIFY(client.gone());
    QTRY_COMPARE(m_net->totals(m_tcp).connectionsNow, 0);
    m_net->closeConnection(id);
    QTRY_COMPARE(m_notices.size(), 1);
    QVERIFY2(m_notices.first().contains(QString::number(id)), qPrintable(m_notices.first()));
}

void tst_NetController::sendToConnectionAndToAll()
{
    QVERIFY(startEcho());
    const quint16 tcpPort = m_net->status(ServerKind::Tcp).port;
    Client a(tcpPort);
    Client b(tcpPort);
    QTRY_VERIFY(a.connected() && b.connected());
    const quint64 idA = waitForRecord(a.socket.localPort());
    QVERIFY(idA != 0);
    QVERIFY(waitForRecord(b.socket.localPort()) != 0);

    m_net->sendToConnection(idA, "one"_ba);
    QTRY_COMPARE(a.received, "one"_ba);
    m_net->sendToAll(m_tcp, "all"_ba);
    QTRY_COMPARE(a.received, "oneall"_ba);
    QTRY_COMPARE(b.received, "all"_ba);

    QUdpSocket udp;
    QVERIFY(udp.bind(Loopback, 0));
    QList<QByteArray> datagrams;
    connect(&udp, &QUdpSocket::readyRead, this, [&] {
        while (udp.hasPendingDatagrams())
            datagrams.append(udp.receiveDatagram().data());
    });
    udp.writeDatagram("hi"_ba, Loopback, m_net->status(ServerKind::Udp).port);
    QTRY_COMPARE(datagrams.size(), 1);
    const quint64 udpId = waitForRecord(udp.localPort());
    QVERIFY(udpId != 0);
    m_net->sendToConnection(udpId, "peer"_ba);
    m_net->sendToAll(m_udp, "every"_ba);
    QTRY_COMPARE(datagrams, (QList<QByteArray>{"hi"_ba, "peer"_ba, "every"_ba}));
    QVERIFY(m_notices.isEmpty());

    WebServerConfig web; // added, not started: raw bytes have no place there either way
    m_web = m_net->startWeb(web);
    m_net->stopServer(m_web);
    m_net->sendToAll(m_web, "nope"_ba);
    QTRY_COMPARE(m_notices.size(), 1);
    QVERIFY2(m_notices.first().contains(u"carry HTTP"_s), qPrintable(m_notices.first()));
}

void tst_NetController::stopServer()
{
    QVERIFY(startEcho());
    Client client(m_net->status(ServerKind::Tcp).port);
    QTRY_VERIFY(client.connected());
    QTRY_COMPARE(m_net->totals(m_tcp).connectionsNow, 1);
    m_statuses.clear();

    m_net->stopServer(m_tcp);
    QTRY_COMPARE(m_statuses.size(), 1);
    QCOMPARE(m_statuses.first().kind, ServerKind::Tcp);
    QVERIFY(!m_statuses.first().running);
    QVERIFY(!m_net->status(ServerKind::Tcp).running);
    QTRY_COMPARE(m_net->totals(m_tcp).connectionsNow, 0);
    QTRY_VERIFY(client.gone());
    QVERIFY(m_net->status(ServerKind::Udp).running);

    m_net->stopAll();
    QTRY_VERIFY(!m_net->status(ServerKind::Udp).running);
}

void tst_NetController::destroyWithLiveConnections()
{
    QTemporaryDir root;
    QVERIFY(root.isValid());
    WebServerConfig web;
    web.address = Loopback;
    web.port = 0;
    web.rootPath = root.path();
    m_web = m_net->startWeb(web);
    QVERIFY(startEcho());
    QTRY_VERIFY(m_net->status(ServerKind::Web).running);

    std::vector<std::unique_ptr<Client>> clients;
    for (int i = 0; i < 50; ++i)
        clients.push_back(std::make_unique<Client>(m_net->status(ServerKind::Tcp).port));
    for (int i = 0; i < 5; ++i)
        clients.push_back(std::make_unique<Client>(m_net->status(ServerKind::Web).port));
    EchoTest::RawPeer hog; // a stuck echo client with a full queue on the server side
    QVERIFY(hog.connectTo(Loopback, m_net->status(ServerKind::Tcp).port, 16 * 1024));
    hog.setReading(false);
    hog.sendRepeated(QByteArray(64 * 1024, 'h'), 8 * 1024 * 1024);
    QVERIFY(waitUntil([&] {
        return std::all_of(clients.cbegin(), clients.cend(), [](const auto &c) { return c->connected(); })
            && m_net->totals(m_tcp).connectionsNow == 51
            && m_net->totals(m_web).connectionsNow == 5;
    }));
    for (int i = 0; i < 50; ++i)
        clients[size_t(i)]->socket.write("live");

    m_net.reset(); // within the shutdown timeout, or the process would have exited
    QVERIFY(waitUntil([&] {
        return std::all_of(clients.cbegin(), clients.cend(), [](const auto &c) { return c->gone(); });
    }));
}

// A network thread stuck in something that never returns must not hang the
// program on its way out: the destructor waits the shutdown timeout, then
// ends the process with a sentence and ExitStuckShutdown. That ends a
// process, so it runs in a child: this test binary, running the slot below.
void tst_NetController::destroyWhileNetworkThreadIsStuck()
{
    QProcess child;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QString::fromLatin1(StuckChildVariable), u"1"_s);
    child.setProcessEnvironment(environment);
    child.start(QCoreApplication::applicationFilePath(), {u"stuckNetworkThreadChild"_s});
    QVERIFY(child.waitForStarted());
    QVERIFY2(child.waitForFinished(30000), "the child hangs: the destructor waits for ever");
    const QString errors = QString::fromLocal8Bit(child.readAllStandardError());
    QCOMPARE(child.exitStatus(), QProcess::NormalExit);
    QVERIFY2(child.exitCode() == NetController::ExitStuckShutdown,
             qPrintable(u"exit code %1; stderr: %2"_s.arg(child.exitCode()).arg(errors)));
    QVERIFY2(errors.contains(u"wirebench: the network thread did not stop within 1 s: exiting without a clean shutdown."_s),
             qPrintable(errors));
}

// Not a test by itself: the child process of the test above.
void tst_NetController::stuckNetworkThreadChild()
{
    if (!qEnvironmentVariableIsSet(StuckChildVariable))
        QSKIP("runs only as the child process of destroyWhileNetworkThreadIsStuck()");
    QVERIFY(startEcho());
    m_net->setShutdownTimeout(300);
    static QSemaphore entered;
    static QSemaphore never;
    QMetaObject::invokeMethod(m_net->m_engine, [] {
        entered.release();
        never.acquire(); // stuck for good, as a handler with a bug would be
    });
    entered.acquire();
    m_net.reset();
    QFAIL("the destructor returned while the network thread was still stuck");
}

// The client pane's transcript is split out of the traffic batches: each
// clientEvents() follows the trafficBatch() that carried the same events, in
// the same order, with every byte (not the log's sample); a UDP read keeps
// its sender, a TCP read does not get one.
void tst_NetController::clientEventsComeWithTheirBatch()
{
    QVERIFY(startEcho());
    const quint16 tcpPort = lastStatus(ServerKind::Tcp).port;
    const quint16 udpPort = lastStatus(ServerKind::Udp).port;
    QList<ClientEvent> transcript;
    int batchesBefore = -1;
    bool inStep = true;
    connect(m_net.get(), &NetController::clientEvents, this, [&](const QList<ClientEvent> &events, qint64) {
        // The batch these came in was the last one delivered, and holds them in order.
        const QList<TrafficEvent> &carried = m_batches.constLast().events;
        const auto clientCount = std::count_if(carried.cbegin(), carried.cend(), [](const TrafficEvent &event) {
            return event.source == EventSource::Client;
        });
        inStep = inStep && clientCount == events.size() && m_deliveries > batchesBefore;
        batchesBefore = m_deliveries;
        transcript += events;
    });
    const quint64 tcp = m_net->openClient(ClientProtocol::Tcp);
    const quint64 udp = m_net->openClient(ClientProtocol::Udp);
    QCOMPARE(m_net->clientProtocol(udp), ClientProtocol::Udp);
    m_net->clientConnect(tcp, u"127.0.0.1"_s, tcpPort);
    m_net->clientConnect(udp, u"127.0.0.1"_s, udpPort);
    const auto connected = [&](quint64 id) {
        return std::any_of(transcript.cbegin(), transcript.cend(), [id](const ClientEvent &event) {
            return event.sessionId == id && event.kind == ClientEvent::Kind::State
                && event.state == ClientState::Connected;
        });
    };
    QVERIFY(waitUntil([&] { return connected(tcp) && connected(udp); }));
    const QByteArray big(100 * 1024, 'b'); // far more than the 4 KiB sample of the log
    m_net->clientSend(tcp, big);
    m_net->clientSend(udp, "dgram"_ba);
    const auto bytes = [&](quint64 id, ClientEvent::Kind kind) {
        QByteArray all;
        for (const ClientEvent &event : std::as_const(transcript)) {
            if (event.sessionId == id && event.kind == kind)
                all += event.data;
        }
        return all;
    };
    QVERIFY(waitUntil([&] { return bytes(tcp, ClientEvent::Kind::Received).size() == big.size(); }));
    QVERIFY(waitUntil([&] { return bytes(udp, ClientEvent::Kind::Received) == "dgram"_ba; }));
    QCOMPARE(bytes(tcp, ClientEvent::Kind::Sent), big);
    QCOMPARE(bytes(tcp, ClientEvent::Kind::Received), big);
    QVERIFY(inStep);
    for (const ClientEvent &event : std::as_const(transcript)) {
        if (event.kind != ClientEvent::Kind::Received)
            continue;
        if (event.sessionId == tcp)
            QVERIFY(event.peerAddress.isNull());
        else
            QCOMPARE(event.peerPort, udpPort);
    }
    m_net->closeClient(tcp);
    QVERIFY(!m_net->clientProtocol(tcp));
}

QTEST_GUILESS_MAIN(tst_NetController)
#include "tst_netcontroller.moc"
