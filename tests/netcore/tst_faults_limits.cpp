// The servers at the limits of the process: storms of connect/close cycles,
// running out of file descriptors, and stopping with thousands of live
// connections then restarting on the same port at once. Afterwards the
// counters are exact, no Closed record is lost and no descriptor leaks.
//
// IPv4 only: these are the heaviest tests of the project, and the address
// family changes nothing about descriptors or counters.

#include "echo/tcpserver.h"
#include "testserverids.h"
#include "faulttesthelpers.h"
#include "http/httpserver.h"
#include "networkengine.h"
#include "parsedresponse.h"
#include "queuedevents.h"
#include "rawclient.h"
#include "server/filelimit.h"
#include "server/tcplistener.h"
#include "testsite.h"

#include <QSignalSpy>
#include <QSocketNotifier>
#include <QTest>

#include <memory>

using namespace Net;
using namespace Qt::StringLiterals;
using EchoTest::waitUntil;
using HttpTest::RawClient;

namespace {

const QHostAddress Loopback(QHostAddress::LocalHost);
constexpr int StormCycles = 10000;
constexpr int StormInFlight = 200;
constexpr int StormTimeoutMs = 20000;
constexpr int SettleMs = 10000;
constexpr int DescriptorSlack = 3;
constexpr int SpareDescriptors = 40;
constexpr int KindCount = 4; // web, tcp, udp, relay: the tallies are per kind
constexpr int AcceptedBeforeExhaustion = 4;
// Bounds on waits that end at their event; generous, since a loaded machine
// (or a sanitizer) is slow, and only a failing run waits them out.
constexpr int RecoveryMs = SettleMs; // the listener retries 100 ms after a failed accept
constexpr int NoticeWaitMs = SettleMs;
// Turns of the event loop watched for a spinning listener; it retries every
// 100 ms, which these turns take a small part of.
constexpr int WatchedTurns = 400;
constexpr int IdleEchoConnections = 3000;
constexpr int KeepAliveWebConnections = 1000;
const QString OutOfDescriptors = u"Out of file descriptors: new connections wait until some close."_s;

// Tallies every batch a monitor on this thread delivers, per server kind,
// and acknowledges it so the next can follow.
struct Tally
{
    explicit Tally(TrafficMonitor &monitor)
        : m_monitor(monitor)
    {
        QObject::connect(&monitor, &TrafficMonitor::batchReady, &m_context, [this](const TrafficBatch &batch) {
            ++batches;
            dropped += batch.eventsDropped;
            for (const TrafficEvent &event : batch.events) {
                if (event.kind == TrafficEvent::Kind::Opened)
                    ++opened[int(event.serverKind)];
                if (event.kind == TrafficEvent::Kind::Closed) {
                    ++closed[int(event.serverKind)];
                    if (event.note == u"server stopped")
                        ++stoppedByServer[int(event.serverKind)];
                }
            }
            for (const ConnectionRecord &record : batch.changedConnections)
                closedRecords[int(record.serverKind)] += record.state == ConnectionState::Closed ? 1 : 0;
            m_monitor.inFlight()->fetch_sub(1);
        });
    }
    bool flush()
    {
        const int before = batches;
        m_monitor.flushNow();
        return waitUntil([&] { return batches > before; });
    }

    int batches = 0;
    qint64 dropped = 0;
    qint64 opened[KindCount] = {};
    qint64 closed[KindCount] = {};
    qint64 stoppedByServer[KindCount] = {};
    qint64 closedRecords[KindCount] = {};

private:
    TrafficMonitor &m_monitor;
    QObject m_context;
};

// One web or TCP echo server with its own monitor.
struct Rig
{
    Rig(ServerKind kind, const QString &root)
        : kind(kind)
        , root(root)
    {
        if (kind == ServerKind::Web)
            web = std::make_unique<HttpServer>(monitor, testServerId(Net::ServerKind::Web));
        else
            echo = std::make_unique<TcpServer>(monitor, testServerId(Net::ServerKind::Tcp));
    }
    QString start(quint16 port = 0)
    {
        if (web) {
            WebServerConfig config;
            config.address = Loopback;
            config.port = port;
            config.rootPath = root;
            return web->start(config);
        }
        EchoServerConfig config;
        config.address = Loopback;
        config.port = port;
        return echo->start(config);
    }
    quint16 port() const { return web ? web->status().port : echo->status().port; }
    const ServerTotals &totals() const { return monitor.totals(testServerId(kind)); }

    ServerKind kind;
    QString root;
    TrafficMonitor monitor; // first in, last out: the server reports to it until the end
    Tally tally{monitor};
    std::unique_ptr<HttpServer> web;
    std::unique_ptr<TcpServer> echo;
};

// One exchange on an open client: a small file from the web server, or an echo.
bool answers(RawClient &client, ServerKind kind)
{
    if (kind == ServerKind::Web)
        return HttpTest::bodyOf(client.exchange(HttpTest::get("/hello.txt"))) == HttpTest::Site::HelloTxt.toByteArray();
    const qint64 before = client.bytesReceived();
    client.send("ping");
    return client.waitForReceived(before + 4) && client.pending().endsWith("ping");
}

bool servesNewClient(quint16 port, ServerKind kind)
{
    RawClient client;
    return client.connectTo(Loopback, port) && answers(client, kind);
}

QByteArray probeFor(ServerKind kind)
{
    return kind == ServerKind::Web ? HttpTest::get("/hello.txt") : "ping"_ba;
}

// Whatever has arrived on a raw client socket, without blocking.
void receiveAvailable(int fd, QByteArray &into, bool *atEnd = nullptr)
{
    char buffer[16 * 1024];
    for (int round = 0; round < 64; ++round) {
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, MSG_DONTWAIT);
        if (n > 0) {
            into.append(buffer, n);
            continue;
        }
        if (n == 0 && atEnd)
            *atEnd = true;
        return;
    }
}

QString describeDescriptors(int before, int now)
{
    return u"%1 descriptors open before, %2 now"_s.arg(before).arg(now);
}

} // namespace

class tst_FaultsLimits : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void connectCloseStorm_data();
    void connectCloseStorm();
    void descriptorExhaustion_data();
    void descriptorExhaustion();
    void stopWithThousandsOfConnections();

private:
    HttpTest::TestSite m_site;
    long m_fileLimit = 0;
};

void tst_FaultsLimits::initTestCase()
{
    QVERIFY2(m_site.create(), qPrintable(m_site.error()));
    m_fileLimit = raiseFileLimit();
    qInfo("RLIMIT_NOFILE: %ld", m_fileLimit);
}

void tst_FaultsLimits::connectCloseStorm_data()
{
    QTest::addColumn<int>("kind");
    QTest::newRow("web") << int(ServerKind::Web);
    QTest::newRow("tcp echo") << int(ServerKind::Tcp);
}

void tst_FaultsLimits::connectCloseStorm()
{
    QFETCH(int, kind);
    Rig rig(ServerKind(kind), m_site.root());
    QCOMPARE(rig.start(), QString());
    const int descriptorsBefore = FaultTest::openDescriptorCount();

    const FaultTest::StormResult storm = FaultTest::connectCloseStorm(
        Loopback, rig.port(), StormCycles, StormInFlight, [&] { return rig.totals().connectionsTotal; }, StormTimeoutMs);
    qInfo("%d connect/close cycles (%d with RST) in %lld ms", storm.completed, storm.resets, storm.elapsedMs);
    QVERIFY2(!storm.timedOut, qPrintable(u"only %1 of %2 cycles within %3 ms"_s.arg(storm.completed)
                                            .arg(StormCycles).arg(StormTimeoutMs)));
    QVERIFY2(storm.failed == 0, qPrintable(u"%1 connects failed, the first with %2"_s.arg(storm.failed)
                                              .arg(QString::fromLocal8Bit(std::strerror(storm.firstError)))));
    QCOMPARE(storm.completed, StormCycles);

    QTRY_COMPARE_WITH_TIMEOUT(rig.totals().connectionsTotal, StormCycles, SettleMs);
    QTRY_COMPARE_WITH_TIMEOUT(rig.totals().connectionsNow, 0, SettleMs);
    QVERIFY(servesNewClient(rig.port(), rig.kind));
    QTRY_COMPARE(rig.totals().connectionsNow, 0);
    QCOMPARE(rig.totals().connectionsTotal, StormCycles + 1);

    QVERIFY(rig.tally.flush());
    QCOMPARE(rig.tally.dropped, 0);
    QCOMPARE(rig.tally.opened[kind], StormCycles + 1);
    QCOMPARE(rig.tally.closed[kind], StormCycles + 1);
    QCOMPARE(rig.tally.closedRecords[kind], StormCycles + 1);
    int descriptorsNow = -1;
    QTRY_VERIFY2(qAbs((descriptorsNow = FaultTest::openDescriptorCount()) - descriptorsBefore) <= DescriptorSlack,
                 qPrintable(describeDescriptors(descriptorsBefore, descriptorsNow)));
}

void tst_FaultsLimits::descriptorExhaustion_data()
{
    connectCloseStorm_data();
}

void tst_FaultsLimits::descriptorExhaustion()
{
#ifdef __SANITIZE_ADDRESS__
    // The sanitizer runtimes open descriptors of their own (UBSan a pipe to
    // check an object's type) and report nonsense when none is left.
    QSKIP("Needs every descriptor used up, which the sanitizer runtimes cannot work with.");
#endif
    QFETCH(int, kind);
    const ServerKind server = ServerKind(kind);
    NetworkEngine engine; // raises the limit itself, so it comes before the limit is lowered
    QSignalSpy notices(&engine, &NetworkEngine::notice);
    QList<ServerStatus> statuses;
    connect(&engine, &NetworkEngine::serverStatusChanged, &engine, [&](const ServerStatus &s) { statuses.append(s); });
    connect(&engine, &NetworkEngine::batchReady, &engine, [&] { engine.monitor().inFlight()->fetch_sub(1); });
    ServerSpec spec;
    spec.id = testServerId(server);
    spec.kind = server;
    spec.setEndpoint(Loopback, 0);
    spec.web.rootPath = m_site.root();
    engine.addServer(spec);
    engine.startServer(spec.id);
    QCOMPARE(statuses.size(), 2); // added, then started
    QVERIFY2(statuses.last().running, qPrintable(statuses.last().error));
    const quint16 port = statuses.last().port;
    const ServerTotals &totals = engine.monitor().totals(spec.id);

    RawClient keeper; // a connection from before, with /hello.txt cached in memory
    QVERIFY(keeper.connectTo(Loopback, port));
    QVERIFY(answers(keeper, server));
    const qint64 errorsBefore = totals.errors;

    // From here on, exactly one descriptor stays free once the first clients are in.
    FaultTest::FileLimitGuard limit;
    FaultTest::Ballast ballast;
    const int ceiling = FaultTest::highestDescriptor() + 1 + SpareDescriptors;
    QVERIFY(limit.lowerTo(rlim_t(ceiling)));
    QCOMPARE(ballast.fill(ceiling), EMFILE); // the holes below the highest descriptor too
    ballast.release(2 * AcceptedBeforeExhaustion + 1);
    std::vector<int> clients;
    const auto closeClients = qScopeGuard([&] {
        for (int fd : clients)
            ::close(fd);
    });
    for (int i = 0; i < AcceptedBeforeExhaustion; ++i) {
        clients.push_back(FaultTest::connectBlocking(Loopback, port));
        QVERIFY2(clients.back() >= 0, std::strerror(errno));
        QTRY_COMPARE(totals.connectionsTotal, i + 2);
    }
    // The kernel completes this one's handshake, but the server has no descriptor to accept it with.
    const int waiting = FaultTest::connectBlocking(Loopback, port);
    QVERIFY2(waiting >= 0, std::strerror(errno));
    clients.push_back(waiting);
    QVERIFY(FaultTest::sendAll(waiting, probeFor(server)));
    // TcpListener::acceptFailed → NetworkEngine::notice should say so at once;
    // collected here, judged at the end so the rest is checked either way.
    const bool announced = waitUntil([&] { return !notices.isEmpty(); }, NoticeWaitMs);
    QCOMPARE(totals.connectionsTotal, AcceptedBeforeExhaustion + 1);
    QCOMPARE(::socket(AF_INET, SOCK_STREAM, 0), -1); // really out
    QCOMPARE(errno, EMFILE);

    // The server keeps running and answers the connections it has, without
    // spinning on a listening socket it cannot accept from: the socket stays
    // ready, so its notifier, if left on, would fire at every turn of the loop.
    QVERIFY(answers(keeper, server));
    QVERIFY(statuses.size() == 2 && statuses.last().running);
    const QSocketNotifier *listening = nullptr;
    for (const TcpListener *listener : engine.findChildren<TcpListener *>()) {
        if (listener->serverPort() == port)
            listening = listener->findChild<QSocketNotifier *>();
    }
    QVERIFY(listening);
    int wakes = 0;
    const QMetaObject::Connection counting =
        connect(listening, &QSocketNotifier::activated, &engine, [&wakes] { ++wakes; });
    TestEvents::turnEventLoop(WatchedTurns);
    disconnect(counting);
    QVERIFY(answers(keeper, server));

    // Descriptors come back: the waiting client is accepted and answered.
    const qsizetype noticesWhileOut = notices.size();
    QElapsedTimer recovery;
    recovery.start();
    for (int i = 0; i < AcceptedBeforeExhaustion; ++i)
        ::close(clients[size_t(i)]);
    clients.erase(clients.begin(), clients.begin() + AcceptedBeforeExhaustion);
    ballast.release(ballast.size());
    QTRY_COMPARE_WITH_TIMEOUT(totals.connectionsTotal, AcceptedBeforeExhaustion + 2, RecoveryMs);
    QByteArray reply;
    QTRY_VERIFY_WITH_TIMEOUT((receiveAvailable(waiting, reply), server == ServerKind::Web
                                  ? reply.contains(HttpTest::Site::HelloTxt.toByteArray())
                                  : reply == "ping"), RecoveryMs);
    qInfo("while out of descriptors: %lld notices, the listener woken in %d of %d turns of the event loop; "
          "accepting again %lld ms after they came back", qint64(noticesWhileOut), wakes, WatchedTurns,
          qint64(recovery.elapsed()));
    QVERIFY(reply.startsWith(server == ServerKind::Web ? "HTTP/1.1 200 "_ba : "ping"_ba));
    limit.restore();
    QVERIFY(servesNewClient(port, server));
    QVERIFY(answers(keeper, server));

    // Reported and counted: the notice, the error total, and no busy loop meanwhile.
    QStringList problems;
    if (!announced)
        problems << u"no notice within %1 ms of the failed accept"_s.arg(NoticeWaitMs);
    else if (notices.first().first().toString() != OutOfDescriptors)
        problems << u"the notice reads \"%1\""_s.arg(notices.first().first().toString());
    if (noticesWhileOut != 1)
        problems << u"%1 notices for one spell of exhaustion (the retries must not repeat it)"_s.arg(noticesWhileOut);
    if (totals.errors != errorsBefore + 1)
        problems << u"ServerTotals::errors went from %1 to %2, not up by one"_s.arg(errorsBefore).arg(totals.errors);
    if (wakes * 4 > WatchedTurns) // a paused listener wakes at its retries only; a spinning one at every turn
        problems << u"the listener spun: woken in %1 of %2 turns of the event loop"_s.arg(wakes).arg(WatchedTurns);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u"; "_s)));
}

void tst_FaultsLimits::stopWithThousandsOfConnections()
{
    const int needed = 2 * (IdleEchoConnections + KeepAliveWebConnections) + 200;
    if (m_fileLimit < needed)
        QSKIP(qPrintable(u"needs %1 descriptors; RLIMIT_NOFILE allows %2"_s.arg(needed).arg(m_fileLimit)));
    TrafficMonitor monitor;
    Tally tally(monitor);
    HttpServer web(monitor, testServerId(Net::ServerKind::Web));
    TcpServer echo(monitor, testServerId(Net::ServerKind::Tcp));
    WebServerConfig webConfig;
    webConfig.address = Loopback;
    webConfig.port = 0;
    webConfig.rootPath = m_site.root();
    EchoServerConfig echoConfig;
    echoConfig.address = Loopback;
    echoConfig.port = 0;
    QCOMPARE(web.start(webConfig), QString());
    QCOMPARE(echo.start(echoConfig), QString());
    webConfig.port = web.status().port;
    echoConfig.port = echo.status().port;
    const ServerTotals &webTotals = monitor.totals(testServerId(ServerKind::Web));
    const ServerTotals &echoTotals = monitor.totals(testServerId(ServerKind::Tcp));
    const int descriptorsBefore = FaultTest::openDescriptorCount();

    std::vector<int> clients;
    const auto closeClients = qScopeGuard([&] {
        for (int fd : clients)
            ::close(fd);
    });
    clients.reserve(IdleEchoConnections + KeepAliveWebConnections);
    for (int i = 0; i < IdleEchoConnections; ++i) {
        clients.push_back(FaultTest::connectBlocking(Loopback, echoConfig.port));
        QVERIFY2(clients.back() >= 0, std::strerror(errno));
        if (i % 200 == 199)
            QCoreApplication::processEvents(); // the server accepts as we go: the backlog never fills
    }
    QTRY_COMPARE_WITH_TIMEOUT(echoTotals.connectionsNow, IdleEchoConnections, SettleMs);
    for (int i = 0; i < KeepAliveWebConnections; ++i) {
        clients.push_back(FaultTest::connectBlocking(Loopback, webConfig.port));
        QVERIFY2(clients.back() >= 0, std::strerror(errno));
        QVERIFY(FaultTest::sendAll(clients.back(), HttpTest::get("/hello.txt")));
        if (i % 100 == 99)
            QCoreApplication::processEvents();
    }
    QTRY_COMPARE_WITH_TIMEOUT(webTotals.requests, KeepAliveWebConnections, SettleMs);
    QCOMPARE(webTotals.connectionsNow, KeepAliveWebConnections);
    for (size_t i = IdleEchoConnections; i < clients.size(); ++i) {
        QByteArray answer;
        receiveAvailable(clients[i], answer);
        QVERIFY2(answer.startsWith("HTTP/1.1 200 ") && !answer.contains("Connection: close"), answer.constData());
    }
    QVERIFY(tally.flush());

    // Stop both, and start again on the same ports at once.
    QElapsedTimer clock;
    clock.start();
    web.stop();
    echo.stop();
    const qint64 stopMs = clock.elapsed();
    QCOMPARE(web.start(webConfig), QString());
    QCOMPARE(echo.start(echoConfig), QString());
    qInfo("stopped %d connections in %lld ms; restarted in %lld ms", int(clients.size()), stopMs,
          qint64(clock.elapsed() - stopMs));
    QCOMPARE(web.status().port, webConfig.port);
    QCOMPARE(echo.status().port, echoConfig.port);
    QCOMPARE(webTotals.connectionsNow, 0);
    QCOMPARE(echoTotals.connectionsNow, 0);

    // Every Closed record arrives: none lost, none dropped.
    QVERIFY(tally.flush());
    QCOMPARE(tally.dropped, 0);
    for (const auto &[server, count] : {std::pair{ServerKind::Web, KeepAliveWebConnections},
                                        std::pair{ServerKind::Tcp, IdleEchoConnections}}) {
        QCOMPARE(tally.opened[int(server)], count);
        QCOMPARE(tally.closed[int(server)], count);
        QCOMPARE(tally.stoppedByServer[int(server)], count);
        QCOMPARE(tally.closedRecords[int(server)], count);
    }

    // ... and every client sees its connection end.
    std::vector<bool> ended(clients.size(), false);
    int endedCount = 0;
    const auto countEnded = [&] {
        for (size_t i = 0; i < clients.size(); ++i) {
            if (ended[i])
                continue;
            QByteArray ignored;
            bool atEnd = false;
            receiveAvailable(clients[i], ignored, &atEnd);
            if (atEnd) {
                ended[i] = true;
                ++endedCount;
            }
        }
        return endedCount;
    };
    QTRY_COMPARE_WITH_TIMEOUT(countEnded(), int(clients.size()), SettleMs);
    for (int fd : clients)
        ::close(fd);
    clients.clear();

    int descriptorsNow = -1;
    QTRY_VERIFY2(qAbs((descriptorsNow = FaultTest::openDescriptorCount()) - descriptorsBefore) <= DescriptorSlack,
                 qPrintable(describeDescriptors(descriptorsBefore, descriptorsNow)));
    QVERIFY(servesNewClient(webConfig.port, ServerKind::Web));
    QVERIFY(servesNewClient(echoConfig.port, ServerKind::Tcp));
    QTRY_COMPARE(webTotals.connectionsNow + echoTotals.connectionsNow, 0);
    QCOMPARE(webTotals.connectionsTotal, KeepAliveWebConnections + 1);
    QCOMPARE(echoTotals.connectionsTotal, IdleEchoConnections + 1);
}

QTEST_GUILESS_MAIN(tst_FaultsLimits)
#include "tst_faults_limits.moc"
