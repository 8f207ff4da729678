// Peers that misbehave: reset mid-request and mid-response, connect and say
// nothing, stop reading for good, or vanish while the server writes (SIGPIPE).
// The servers stay up, record every close with a reason, keep their totals
// consistent and go on serving the others.

#include "echo/tcpserver.h"
#include "testserverids.h"
#include "faulttesthelpers.h"
#include "parsedresponse.h"
#include "posixclient.h"
#include "rawclient.h"
#include "testsite.h"
#include "webserverfixture.h"

#include <QTest>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;
using namespace HttpTest;
using EchoTest::waitUntil;
using FaultTest::SigpipeGuard;

namespace {

constexpr qint64 MiB = 1024 * 1024;
constexpr int SmallReceiveBuffer = 16 * 1024;
constexpr int IdleTimeoutMs = 300;
constexpr int SendTimeoutMs = 500;
// The server sweeps its deadlines once a second.
constexpr int DeadlineWaitMs = 3000;
constexpr int CloseWaitMs = 5000;
constexpr int GonePeers = 20;

// The reason of the Closed event of connection `id`, or a null string.
QString closeReason(const QList<Net::TrafficEvent> &events, quint64 id)
{
    for (const Net::TrafficEvent &event : events) {
        if (event.kind == Net::TrafficEvent::Kind::Closed && event.connectionId == id)
            return event.note;
    }
    return {};
}

// A TCP echo server with its own monitor and a log of what it delivered.
struct EchoRig
{
    explicit EchoRig(qint64 maxPendingOutput = 1024 * 1024)
    {
        config.maxPendingOutput = maxPendingOutput;
    }
    QString start(const QHostAddress &address)
    {
        config.address = address;
        config.port = 0;
        return server.start(config);
    }
    quint16 port() const { return server.status().port; }
    const Net::ServerTotals &totals() const { return monitor.totals(testServerId(Net::ServerKind::Tcp)); }
    QString reasonFor(quint16 peerPort)
    {
        log.flush();
        const Net::ConnectionRecord *record = log.byPeerPort(peerPort);
        return record ? closeReason(log.events(Net::TrafficEvent::Kind::Closed), record->id) : QString();
    }

    Net::EchoServerConfig config;
    Net::TrafficMonitor monitor;
    EchoTest::BatchLog log{monitor};
    Net::TcpServer server{monitor, testServerId(Net::ServerKind::Tcp)};
};

bool echoes(const QHostAddress &address, quint16 port)
{
    EchoTest::Client client(address, port);
    client.socket.write("still here");
    return waitUntil([&] { return client.received == "still here"; }, CloseWaitMs);
}

} // namespace

class tst_FaultsPeers : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data();
    void initTestCase();
    void init();
    void cleanup();

    void resetMidRequest_data();
    void resetMidRequest();
    void resetMidDownload();
    void resetWithPendingEchoOutput();
    void silentClientTimesOut();
    void clientThatStopsReadingIsDropped();
    void webServerSurvivesSigpipeWithDefaultDisposition();
    void sendfileToGonePeerRaisesSigpipe();
    void echoToGonePeerRaisesNoSigpipe();

private:
    void startWeb(int keepAliveTimeoutMs = 15000, int sendTimeoutMs = 60000);
    const Net::ServerTotals &webTotals() const { return m_web->monitor.totals(testServerId(Net::ServerKind::Web)); }
    QString webCloseReason(quint16 peerPort);
    // Peers that ask for the 8 MiB file and close at once (FIN): the server
    // then writes to a socket whose peer is gone, and the second write after
    // the peer's RST is what raises SIGPIPE.
    bool askAndVanish(const QHostAddress &address, quint16 port, int count);

    TestSite m_site;
    bool m_ipv6 = false;
    QHostAddress m_address;
    std::unique_ptr<WebServerFixture> m_web;
};

void tst_FaultsPeers::initTestCase_data()
{
    addLoopbackRows();
}

void tst_FaultsPeers::initTestCase()
{
    QVERIFY2(m_site.create(), qPrintable(m_site.error()));
    m_ipv6 = ipv6LoopbackAvailable();
}

void tst_FaultsPeers::init()
{
    m_address = currentLoopback();
    if (m_address.protocol() == QAbstractSocket::IPv6Protocol && !m_ipv6)
        QSKIP("IPv6 loopback (::1) is not available on this machine");
    startWeb();
}

void tst_FaultsPeers::cleanup()
{
    m_web.reset();
}

void tst_FaultsPeers::startWeb(int keepAliveTimeoutMs, int sendTimeoutMs)
{
    m_web = std::make_unique<WebServerFixture>();
    Net::WebServerConfig config = WebServerFixture::config(m_address, m_site.root());
    config.keepAliveTimeoutMs = keepAliveTimeoutMs;
    config.sendTimeoutMs = sendTimeoutMs;
    QCOMPARE(m_web->start(config), QString());
}

QString tst_FaultsPeers::webCloseReason(quint16 peerPort)
{
    m_web->flush();
    return closeReason(m_web->events, m_web->idForPeerPort(peerPort));
}

bool tst_FaultsPeers::askAndVanish(const QHostAddress &address, quint16 port, int count)
{
    for (int i = 0; i < count; ++i) {
        const int fd = FaultTest::connectBlocking(address, port);
        if (fd < 0)
            return false;
        const bool asked = FaultTest::sendAll(fd, get("/big.bin"));
        ::close(fd); // nothing unread yet: a plain FIN
        if (!asked)
            return false;
    }
    return true;
}

void tst_FaultsPeers::resetMidRequest_data()
{
    QTest::addColumn<QByteArray>("partial");
    QTest::addColumn<bool>("waitForRead");
    QTest::newRow("request line cut") << "GET /hello.t"_ba << true;
    QTest::newRow("head without its blank line") << "GET /hello.txt HTTP/1.1\r\nHost: localhost\r\n"_ba << true;
    QTest::newRow("body cut short") << get("/hello.txt", "Content-Length: 1000\r\n") + QByteArray(10, 'b') << true;
    QTest::newRow("reset before the server read") << "GET /hello.txt HTTP/1.1\r\nHo"_ba << false;
}

void tst_FaultsPeers::resetMidRequest()
{
    QFETCH(QByteArray, partial);
    QFETCH(bool, waitForRead);
    PosixClient resetter;
    QVERIFY(resetter.connectTo(m_address, m_web->port()));
    QVERIFY(resetter.send(partial));
    if (waitForRead)
        QTRY_COMPARE(webTotals().bytesIn, qint64(partial.size()));
    else
        resetter.reset(); // still in the listen backlog: the server accepts a connection that is gone
    QTRY_COMPARE(webTotals().connectionsTotal, 1);
    m_web->flush();
    QVERIFY(!m_web->connections.isEmpty());
    const quint64 id = m_web->connections.constFirst().id;
    if (waitForRead)
        resetter.reset();

    QTRY_COMPARE(webTotals().connectionsNow, 0);
    QVERIFY(m_web->server.isRunning());
    m_web->flush();
    const QString reason = closeReason(m_web->events, id);
    QVERIFY2(reason.contains(u"reset"_s), qPrintable(u"closed with reason \"%1\""_s.arg(reason)));
    QCOMPARE(webTotals().requests, 0); // half a request is no request

    RawClient next;
    QVERIFY(next.connectTo(m_address, m_web->port()));
    QCOMPARE(bodyOf(next.exchange(get("/hello.txt"))), Site::HelloTxt.toByteArray());
    QCOMPARE(webTotals().connectionsTotal, 2);
    QCOMPARE(webTotals().connectionsNow, 1);
    QCOMPARE(webTotals().requests, 1);
}

void tst_FaultsPeers::resetMidDownload()
{
    PosixClient resetter;
    PosixClient survivor;
    QVERIFY(resetter.connectTo(m_address, m_web->port(), SmallReceiveBuffer));
    QVERIFY(survivor.connectTo(m_address, m_web->port(), SmallReceiveBuffer));
    QVERIFY(resetter.send(get("/big.bin")));
    QVERIFY(survivor.send(get("/big.bin")));
    resetter.startReading();
    QVERIFY(resetter.waitForReceived(256 * 1024));
    resetter.reset(); // RST with unread data while sendfile is under way

    QTRY_COMPARE(webTotals().connectionsNow, 1);
    survivor.startReading();
    const auto whole = survivor.next(false, CloseWaitMs);
    QVERIFY(whole);
    QVERIFY(whole->body == m_site.big());

    m_web->flush();
    const auto closed = m_web->eventsOfKind(Net::TrafficEvent::Kind::Closed);
    QCOMPARE(closed.size(), 1);
    QVERIFY2(closed.first().note.contains(u"reset"_s), qPrintable(closed.first().note));
    const Net::ConnectionRecord *record = m_web->latestRecord(closed.first().connectionId);
    QVERIFY(record);
    QCOMPARE(record->state, Net::ConnectionState::Closed);
    QVERIFY(record->bytesOut < Site::BigFileBytes);
    // One finished exchange, and the reset download's record with what it got.
    const auto exchanges = m_web->eventsOfKind(Net::TrafficEvent::Kind::Http);
    QCOMPARE(exchanges.size(), 2);
    QCOMPARE(std::count_if(exchanges.begin(), exchanges.end(), [](const auto &e) { return e.interrupted; }), 1);
    QCOMPARE(webTotals().connectionsTotal, 2);
    QCOMPARE(webTotals().requests, 2);
}

void tst_FaultsPeers::resetWithPendingEchoOutput()
{
    EchoRig echo;
    QCOMPARE(echo.start(m_address), QString());
    EchoTest::RawPeer hog; // sends 8 MiB and reads none of the echo
    QVERIFY(hog.connectTo(m_address, echo.port(), SmallReceiveBuffer));
    hog.setReading(false);
    hog.setKeepReceived(false);
    hog.sendRepeated(QByteArray(64 * 1024, 'e'), 8 * MiB);
    // Stuck: the server holds at least its bound of unsent echo.
    QVERIFY(waitUntil([&] { return echo.totals().bytesIn - echo.totals().bytesOut >= echo.config.maxPendingOutput; },
                      CloseWaitMs));
    const quint16 peerPort = hog.localPort();
    FaultTest::armReset(hog.descriptor());
    hog.close(); // RST, with the server's echo unread and more of it still queued

    QTRY_COMPARE(echo.totals().connectionsNow, 0);
    QVERIFY(echo.server.isRunning());
    const QString reason = echo.reasonFor(peerPort);
    QVERIFY2(reason.contains(u"reset"_s), qPrintable(u"closed with reason \"%1\""_s.arg(reason)));
    QVERIFY(echo.totals().bytesOut < echo.totals().bytesIn);
    QVERIFY(echoes(m_address, echo.port()));
    QTRY_COMPARE(echo.totals().connectionsNow, 0);
    QCOMPARE(echo.totals().connectionsTotal, 2);
}

void tst_FaultsPeers::silentClientTimesOut()
{
    startWeb(IdleTimeoutMs);
    PosixClient silent; // connects and never says a word
    QVERIFY(silent.connectTo(m_address, m_web->port()));
    silent.startReading();
    QElapsedTimer clock;
    clock.start();

    RawClient other; // served in the meantime
    QVERIFY(other.connectTo(m_address, m_web->port()));
    QCOMPARE(bodyOf(other.exchange(get("/hello.txt"))), Site::HelloTxt.toByteArray());

    QVERIFY2(silent.waitForEnd(DeadlineWaitMs), "a connection that sends nothing must be closed by the idle deadline");
    QVERIFY2(clock.elapsed() >= IdleTimeoutMs, qPrintable(u"closed after %1 ms"_s.arg(clock.elapsed())));
    QVERIFY(silent.pending().isEmpty()); // closed without a word
    QCOMPARE(silent.error(), 0);
    QTRY_COMPARE(webTotals().connectionsNow, 0); // `other` is idle too by now
    QCOMPARE(webTotals().connectionsTotal, 2);
    m_web->flush();
    const auto closed = m_web->eventsOfKind(Net::TrafficEvent::Kind::Closed);
    QCOMPARE(closed.size(), 2);
    for (const Net::TrafficEvent &event : closed)
        QVERIFY2(event.note.contains(u"idle"_s), qPrintable(event.note));
}

void tst_FaultsPeers::clientThatStopsReadingIsDropped()
{
    // Loopback cannot lose a FIN, so the peer that vanished is played by one
    // that asks for 8 MiB, never reads and never sends again.
    startWeb(15000, SendTimeoutMs);
    PosixClient gone;
    QVERIFY(gone.connectTo(m_address, m_web->port(), SmallReceiveBuffer));
    QVERIFY(gone.send(get("/big.bin")));
    QTRY_COMPARE(webTotals().requests, 1);
    QElapsedTimer clock;
    clock.start();

    RawClient other;
    QVERIFY(other.connectTo(m_address, m_web->port()));
    QCOMPARE(bodyOf(other.exchange(get("/hello.txt"))), Site::HelloTxt.toByteArray());
    QCOMPARE(webTotals().connectionsNow, 2);

    QTRY_VERIFY_WITH_TIMEOUT(webTotals().connectionsNow == 1, DeadlineWaitMs);
    QVERIFY2(clock.elapsed() >= SendTimeoutMs, qPrintable(u"dropped after %1 ms"_s.arg(clock.elapsed())));
    m_web->flush();
    const auto closed = m_web->eventsOfKind(Net::TrafficEvent::Kind::Closed);
    QCOMPARE(closed.size(), 1);
    QVERIFY2(closed.first().note.contains(u"send timeout"_s), qPrintable(closed.first().note));
    QVERIFY(webTotals().bytesOut < Site::BigFileBytes);
    QCOMPARE(bodyOf(other.exchange(get("/style.css"))), Site::StyleCss.toByteArray());
    gone.reset();
}

void tst_FaultsPeers::webServerSurvivesSigpipeWithDefaultDisposition()
{
    SigpipeGuard guard;
    m_web.reset();
    SigpipeGuard::setDefault(); // a SIGPIPE would now end this process
    Net::TrafficMonitor monitor;
    Net::HttpServer server(monitor, testServerId(Net::ServerKind::Web)); // its constructor must switch SIGPIPE off
    QVERIFY2(SigpipeGuard::isIgnored(), "HttpServer must ignore SIGPIPE: sendfile() has no MSG_NOSIGNAL");
    QCOMPARE(server.start(WebServerFixture::config(m_address, m_site.root())), QString());
    const quint16 port = server.status().port;
    const auto &totals = monitor.totals(testServerId(Net::ServerKind::Web));

    QVERIFY(askAndVanish(m_address, port, GonePeers));
    PosixClient resetter; // and one that resets mid-sendfile
    QVERIFY(resetter.connectTo(m_address, port, SmallReceiveBuffer));
    QVERIFY(resetter.send(get("/big.bin")));
    resetter.startReading();
    QVERIFY(resetter.waitForReceived(64 * 1024));
    resetter.reset();

    QTRY_COMPARE(totals.connectionsTotal, GonePeers + 1);
    QTRY_COMPARE_WITH_TIMEOUT(totals.connectionsNow, 0, CloseWaitMs);
    QVERIFY(server.isRunning());
    RawClient next; // still alive, still serving
    QVERIFY(next.connectTo(m_address, port));
    QCOMPARE(bodyOf(next.exchange(get("/hello.txt"))), Site::HelloTxt.toByteArray());
}

void tst_FaultsPeers::sendfileToGonePeerRaisesSigpipe()
{
    // The check above has teeth only if its peers really provoke SIGPIPE:
    // count them with a handler installed after the server's constructor.
    SigpipeGuard guard;
    SigpipeGuard::count();
    QVERIFY(askAndVanish(m_address, m_web->port(), GonePeers));
    QTRY_COMPARE(webTotals().connectionsTotal, GonePeers);
    QTRY_COMPARE_WITH_TIMEOUT(webTotals().connectionsNow, 0, CloseWaitMs);
    qInfo("%d SIGPIPEs from %d vanished peers", SigpipeGuard::hits(), GonePeers);
    QVERIFY2(SigpipeGuard::hits() > 0, "the vanishing peers no longer provoke SIGPIPE: the survival test proves nothing");
    m_web->flush();
    for (const Net::TrafficEvent &event : m_web->eventsOfKind(Net::TrafficEvent::Kind::Closed))
        QVERIFY2(event.note.contains(u"reset"_s) || event.note.contains(u"closed by peer"_s), qPrintable(event.note));
}

void tst_FaultsPeers::echoToGonePeerRaisesNoSigpipe()
{
    // The echo server relies on MSG_NOSIGNAL, not on the disposition: count
    // SIGPIPEs while it writes to a peer that half-closed and then reset
    // (a reset in CLOSE_WAIT makes the next send fail with EPIPE).
    SigpipeGuard guard;
    m_web.reset();
    SigpipeGuard::count();
    EchoRig echo(64 * MiB); // reads everything, so it sees the FIN
    QCOMPARE(echo.start(m_address), QString());
    EchoTest::RawPeer peer;
    QVERIFY(peer.connectTo(m_address, echo.port(), SmallReceiveBuffer));
    peer.setReading(false);
    peer.setKeepReceived(false);
    peer.sendRepeated(QByteArray(64 * 1024, 'p'), 8 * MiB);
    peer.shutdownWhenSent();
    QVERIFY(waitUntil([&] { return peer.allSent() && echo.totals().bytesIn == 8 * MiB; }, CloseWaitMs));
    QVERIFY(echo.totals().bytesOut < 8 * MiB); // output still pending when the peer goes
    const quint16 peerPort = peer.localPort();
    peer.close(); // unread echo in its buffer: the kernel sends RST

    QTRY_COMPARE(echo.totals().connectionsNow, 0);
    QCOMPARE(SigpipeGuard::hits(), 0);
    const QString reason = echo.reasonFor(peerPort);
    QVERIFY2(reason.contains(u"reset"_s), qPrintable(u"closed with reason \"%1\""_s.arg(reason)));
    QVERIFY(echoes(m_address, echo.port()));
}

QTEST_GUILESS_MAIN(tst_FaultsPeers)
#include "tst_faults_peers.moc"
