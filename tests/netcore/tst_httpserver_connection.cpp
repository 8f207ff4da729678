// The web server over real loopback sockets: what happens to connections.
// Keep-alive and close, pipelining, clients that read slowly, half-close or
// reset, closing from the outside, and the idle and slow-request deadlines.

#include "parsedresponse.h"
#include "testserverids.h"
#include "posixclient.h"
#include "rawclient.h"
#include "testsite.h"
#include "webserverfixture.h"

#include <QTest>
#include <QTimer>

#include <memory>

using namespace Qt::StringLiterals;
using namespace HttpTest;

class tst_HttpServerConnection : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data();
    void initTestCase();
    void init();
    void cleanup();

    void keepAliveServesSeveralRequests();
    void connectionCloseIsHonoured();
    void http10ClosesByDefault();
    void http10KeepsAliveOnRequest();
    void pipelinedRequestsAnsweredInOrder();
    void pipelinedRequestsAfterStreamedFile();
    void manyPipelinedRequestsAnsweredInOrder();
    void requestArrivingInPiecesIsAssembled();
    void keepAliveRequestAfterStreamedFile();
    void keepAliveRequestAfterPipelinedBurst();
    void slowReaderDoesNotBlockOthers();
    void halfClosedPeerGetsWholeResponse_data();
    void halfClosedPeerGetsWholeResponse();
    void halfCloseMidRequestEndsConnection();
    void peerResetMidResponseLeavesServerServing();
    void closeConnectionById();
    void stopClosesConnections();
    void connectionsOverTheCapAreRefused();
    void idleKeepAliveConnectionIsClosed();
    void stalledRequestGets408WhileOthersAreServed();
    void tricklingHeadGets408();
    void tricklingBodyGets408();
    void idleAfterHeldBackRequestClosesWithout408();

private:
    // Replaces the suite's server by one with 300 ms idle and request deadlines.
    void startWithShortTimeouts();
    // Sends `bytes` one byte every 100 ms (so the idle deadline never passes)
    // and returns the response that interrupts it, if any arrives in time.
    std::optional<ParsedResponse> trickle(RawClient &client, const QByteArray &bytes, int timeoutMs);

    TestSite m_site;
    bool m_ipv6 = false;
    QHostAddress m_address;
    std::unique_ptr<WebServerFixture> m_web;
};

namespace {

constexpr int ShortTimeoutMs = 300;
// The server sweeps its deadlines once a second: a 300 ms deadline passes by
// the second sweep at the latest.
constexpr int DeadlineWaitMs = 2500;
// How long a correct server needs at most for an answer that is not held back
// on purpose; a failure waits this long rather than the default five seconds.
constexpr int PromptMs = 2000;
constexpr int SmallReceiveBuffer = 16 * 1024;

} // namespace

void tst_HttpServerConnection::initTestCase_data()
{
    addLoopbackRows();
}

void tst_HttpServerConnection::initTestCase()
{
    QVERIFY2(m_site.create(), qPrintable(m_site.error()));
    m_ipv6 = ipv6LoopbackAvailable();
}

void tst_HttpServerConnection::init()
{
    m_address = currentLoopback();
    if (m_address.protocol() == QAbstractSocket::IPv6Protocol && !m_ipv6)
        QSKIP("IPv6 loopback (::1) is not available on this machine");
    m_web = std::make_unique<WebServerFixture>();
    QCOMPARE(m_web->start(WebServerFixture::config(m_address, m_site.root())), QString());
}

void tst_HttpServerConnection::cleanup()
{
    m_web.reset();
}

void tst_HttpServerConnection::startWithShortTimeouts()
{
    m_web = std::make_unique<WebServerFixture>();
    Net::WebServerConfig config = WebServerFixture::config(m_address, m_site.root());
    config.keepAliveTimeoutMs = ShortTimeoutMs;
    config.requestTimeoutMs = ShortTimeoutMs;
    QCOMPARE(m_web->start(config), QString());
}

std::optional<ParsedResponse> tst_HttpServerConnection::trickle(RawClient &client, const QByteArray &bytes,
                                                                int timeoutMs)
{
    QTimer drip;
    qsizetype sent = 0;
    connect(&drip, &QTimer::timeout, this, [&] {
        if (sent < bytes.size() && !client.isDisconnected())
            client.send(bytes.sliced(sent++, 1));
    });
    drip.start(100);
    return client.next(false, timeoutMs);
}

void tst_HttpServerConnection::keepAliveServesSeveralRequests()
{
    RawClient client;
    QVERIFY(client.connectTo(m_address, m_web->port()));
    for (int i = 0; i < 5; ++i) {
        const auto response = client.exchange(get(i % 2 ? "/hello.txt" : "/style.css"));
        QVERIFY(response);
        QCOMPARE(response->status, 200);
        QVERIFY(!response->hasHeader("Connection"));
    }
    QVERIFY(!client.isDisconnected());
    QCOMPARE(m_web->server.connectionCount(), 1);
    QCOMPARE(m_web->monitor.totals(testServerId(Net::ServerKind::Web)).connectionsTotal, 1);
    QCOMPARE(m_web->monitor.totals(testServerId(Net::ServerKind::Web)).requests, 5);
}

void tst_HttpServerConnection::connectionCloseIsHonoured()
{
    RawClient client;
    QVERIFY(client.connectTo(m_address, m_web->port()));
    // The second request follows the close and must not be answered.
    client.send(get("/hello.txt", "Connection: close\r\n") + get("/style.css"));
    const auto response = client.next();
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QCOMPARE(response->header("Connection"), "close"_ba);
    QCOMPARE(response->body, Site::HelloTxt.toByteArray());
    QVERIFY(client.waitForDisconnected());
    QVERIFY(client.pending().isEmpty());
}

void tst_HttpServerConnection::http10ClosesByDefault()
{
    RawClient client;
    QVERIFY(client.connectTo(m_address, m_web->port()));
    const auto response = client.exchange("GET /hello.txt HTTP/1.0\r\n\r\n");
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QCOMPARE(response->header("Connection"), "close"_ba);
    QCOMPARE(response->body, Site::HelloTxt.toByteArray());
    QVERIFY(client.waitForDisconnected());
}

void tst_HttpServerConnection::http10KeepsAliveOnRequest()
{
    RawClient client;
    QVERIFY(client.connectTo(m_address, m_web->port()));
    const QByteArray request = "GET /hello.txt HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"_ba;
    for (int i = 0; i < 2; ++i) {
        const auto response = client.exchange(request);
        QVERIFY(response);
        QCOMPARE(response->status, 200);
        QCOMPARE(response->header("Connection"), "keep-alive"_ba);
        QCOMPARE(response->body, Site::HelloTxt.toByteArray());
    }
    QVERIFY(!client.isDisconnected());
}

void tst_HttpServerConnection::pipelinedRequestsAnsweredInOrder()
{
    RawClient client;
    QVERIFY(client.connectTo(m_address, m_web->port()));
    client.send(get("/hello.txt") + get("/style.css") + request("HEAD", "/index.html") + get("/image.png")
                + get("/docs/"));
    QCOMPARE(bodyOf(client.next()), Site::HelloTxt.toByteArray());
    QCOMPARE(bodyOf(client.next()), Site::StyleCss.toByteArray());
    const auto head = client.next(true);
    QVERIFY(head);
    QCOMPARE(head->contentLength(), Site::IndexHtml.size());
    QCOMPARE(bodyOf(client.next()), m_site.png());
    QCOMPARE(bodyOf(client.next()), Site::DocsIndex.toByteArray());
    QVERIFY(client.pending().isEmpty());
}

void tst_HttpServerConnection::pipelinedRequestsAfterStreamedFile()
{
    RawClient client;
    QVERIFY(client.connectTo(m_address, m_web->port()));
    client.send(get("/big.bin") + get("/hello.txt") + get("/style.css"));
    const auto big = client.next();
    QVERIFY(big);
    QVERIFY(big->body == m_site.big());
    QCOMPARE(bodyOf(client.next(false, PromptMs)), Site::HelloTxt.toByteArray());
    QCOMPARE(bodyOf(client.next(false, PromptMs)), Site::StyleCss.toByteArray());
}

void tst_HttpServerConnection::manyPipelinedRequestsAnsweredInOrder()
{
    // Enough requests to span several reads (a request is cut at a read
    // boundary) and enough answers to cross the output high-water mark.
    constexpr int Count = 3000;
    const QByteArray targets[] = {"/hello.txt"_ba, "/style.css"_ba, "/index.html"_ba};
    const QByteArray bodies[] = {Site::HelloTxt.toByteArray(), Site::StyleCss.toByteArray(),
                                 Site::IndexHtml.toByteArray()};
    QByteArray burst;
    for (int i = 0; i < Count; ++i)
        burst += get(targets[i % 3] + "?n=" + QByteArray::number(i));
    RawClient client;
    QVERIFY(client.connectTo(m_address, m_web->port()));
    client.send(burst);
    for (int i = 0; i < Count; ++i) {
        const auto response = client.next();
        QVERIFY2(response, qPrintable(u"response %1 of %2 is missing"_s.arg(i + 1).arg(Count)));
        QCOMPARE(response->body, bodies[i % 3]);
    }
    QCOMPARE(m_web->monitor.totals(testServerId(Net::ServerKind::Web)).requests, Count);
}

void tst_HttpServerConnection::requestArrivingInPiecesIsAssembled()
{
    const QByteArray pieces[] = {"GET /hel"_ba, "lo.txt HTTP/1.1\r\nHo"_ba,
                                 "st: localhost\r\n\r\nGET /style.css HTTP/1.1\r\nHost: localhost\r\n"_ba, "\r"_ba, "\n"_ba};
    RawClient client;
    QVERIFY(client.connectTo(m_address, m_web->port()));
    qint64 sent = 0;
    for (const QByteArray &piece : pieces) {
        client.send(piece);
        sent += piece.size();
        // The server has read this piece on its own before the next one goes out.
        QTRY_COMPARE(m_web->monitor.totals(testServerId(Net::ServerKind::Web)).bytesIn, sent);
    }
    QCOMPARE(bodyOf(client.next()), Site::HelloTxt.toByteArray());
    QCOMPARE(bodyOf(client.next()), Site::StyleCss.toByteArray());
}

void tst_HttpServerConnection::keepAliveRequestAfterStreamedFile()
{
    // Unlike the pipelined case, the next request arrives only after the
    // streamed answer is complete.
    RawClient client;
    QVERIFY(client.connectTo(m_address, m_web->port()));
    const auto big = client.exchange(get("/big.bin"));
    QVERIFY(big);
    QVERIFY(big->body == m_site.big());
    QVERIFY(!big->hasHeader("Connection"));
    const auto next = client.exchange(get("/hello.txt"), false, PromptMs);
    QVERIFY2(next, "no answer to a keep-alive request that follows a streamed file");
    QCOMPARE(next->body, Site::HelloTxt.toByteArray());
}

void tst_HttpServerConnection::keepAliveRequestAfterPipelinedBurst()
{
    // Two in-memory answers of 200 KiB each take the queued output over the
    // server's high-water mark, so it stops reading until they are sent.
    RawClient client;
    QVERIFY(client.connectTo(m_address, m_web->port()));
    client.send(get("/medium.bin") + get("/medium.bin"));
    const QByteArray medium = m_site.big().first(Site::MediumFileBytes);
    for (int i = 0; i < 2; ++i) {
        const auto response = client.next();
        QVERIFY(response);
        QVERIFY(response->body == medium);
    }
    const auto next = client.exchange(get("/hello.txt"), false, PromptMs);
    QVERIFY2(next, "no answer to a keep-alive request once the server's output has drained");
    QCOMPARE(next->body, Site::HelloTxt.toByteArray());
}

void tst_HttpServerConnection::slowReaderDoesNotBlockOthers()
{
    PosixClient stalled; // asks for 8 MiB and reads nothing
    QVERIFY(stalled.connectTo(m_address, m_web->port(), SmallReceiveBuffer));
    QVERIFY(stalled.send(get("/big.bin")));
    QTRY_COMPARE(m_web->monitor.totals(testServerId(Net::ServerKind::Web)).requests, 1);

    RawClient other;
    QVERIFY(other.connectTo(m_address, m_web->port()));
    const auto response = other.exchange(get("/index.html"), false, PromptMs);
    QCOMPARE(statusOf(response), 200);
    QCOMPARE(response->body, Site::IndexHtml.toByteArray());
    QCOMPARE(stalled.bytesReceived(), 0);
    QCOMPARE(m_web->server.connectionCount(), 2); // the stalled download is still going

    stalled.startReading();
    const auto big = stalled.next();
    QVERIFY(big);
    QVERIFY(big->body == m_site.big());
}

void tst_HttpServerConnection::halfClosedPeerGetsWholeResponse_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::newRow("small file") << "/hello.txt"_ba;
    QTest::newRow("streamed file") << "/big.bin"_ba;
}

void tst_HttpServerConnection::halfClosedPeerGetsWholeResponse()
{
    QFETCH(QByteArray, target);
    const QByteArray expected = target == "/big.bin" ? m_site.big() : Site::HelloTxt.toByteArray();
    PosixClient client;
    QVERIFY(client.connectTo(m_address, m_web->port()));
    QVERIFY(client.send(get(target)));
    client.shutdownWrite(); // "that is all I will ask"
    client.startReading();
    const auto response = client.next();
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QVERIFY(response->body == expected);
    QVERIFY2(client.waitForEnd(PromptMs), "the server must close once it has answered a half-closed peer");
    QCOMPARE(client.error(), 0);
    QVERIFY(client.pending().isEmpty());
    QTRY_COMPARE(m_web->server.connectionCount(), 0);
}

void tst_HttpServerConnection::halfCloseMidRequestEndsConnection()
{
    PosixClient client;
    QVERIFY(client.connectTo(m_address, m_web->port()));
    QVERIFY(client.send("GET /hello.txt HTTP/1.1\r\nHost: localhost\r\n")); // never finished
    client.shutdownWrite();
    client.startReading();
    QVERIFY(client.waitForEnd(PromptMs));
    QVERIFY(client.pending().isEmpty());
    QTRY_COMPARE(m_web->server.connectionCount(), 0);
}

void tst_HttpServerConnection::peerResetMidResponseLeavesServerServing()
{
    PosixClient resetter;
    QVERIFY(resetter.connectTo(m_address, m_web->port(), SmallReceiveBuffer));
    QVERIFY(resetter.send(get("/big.bin")));
    resetter.startReading();
    QVERIFY(resetter.waitForReceived(64 * 1024));
    resetter.reset(); // RST while most of the file is still to come
    QTRY_COMPARE(m_web->server.connectionCount(), 0);
    QVERIFY(m_web->server.isRunning());

    RawClient other;
    QVERIFY(other.connectTo(m_address, m_web->port()));
    QCOMPARE(bodyOf(other.exchange(get("/hello.txt"))), Site::HelloTxt.toByteArray());

    m_web->flush();
    const auto closed = m_web->eventsOfKind(Net::TrafficEvent::Kind::Closed);
    QVERIFY(!closed.isEmpty());
    QVERIFY2(closed.first().note.contains(u"reset"_s), qPrintable(closed.first().note));
    // The streamed answer was cut short: its access record says so.
    const auto exchanges = m_web->eventsOfKind(Net::TrafficEvent::Kind::Http);
    QCOMPARE(exchanges.size(), 2);
    QVERIFY(exchanges.first().interrupted);
    QVERIFY(!exchanges.last().interrupted);
}

void tst_HttpServerConnection::closeConnectionById()
{
    RawClient victim;
    RawClient bystander;
    QVERIFY(victim.connectTo(m_address, m_web->port()));
    QVERIFY(bystander.connectTo(m_address, m_web->port()));
    QCOMPARE(statusOf(victim.exchange(get("/hello.txt"))), 200);
    QCOMPARE(statusOf(bystander.exchange(get("/hello.txt"))), 200);
    m_web->flush();
    const quint64 id = m_web->idForPeerPort(victim.socket().localPort());
    QVERIFY(id != 0);

    QVERIFY(m_web->server.closeConnection(id));
    QVERIFY(victim.waitForDisconnected());
    QVERIFY(!m_web->server.closeConnection(id)); // already gone
    QVERIFY(!m_web->server.closeConnection(id + 1000));
    QCOMPARE(m_web->server.connectionCount(), 1);
    QCOMPARE(statusOf(bystander.exchange(get("/style.css"))), 200);

    m_web->flush();
    const Net::ConnectionRecord *record = m_web->latestRecord(id);
    QVERIFY(record);
    QCOMPARE(record->state, Net::ConnectionState::Closed);
}

void tst_HttpServerConnection::stopClosesConnections()
{
    RawClient client;
    QVERIFY(client.connectTo(m_address, m_web->port()));
    QCOMPARE(statusOf(client.exchange(get("/hello.txt"))), 200);
    const quint16 port = m_web->port();
    m_web->server.stop();
    QVERIFY(!m_web->server.isRunning());
    QVERIFY(client.waitForDisconnected());
    RawClient late;
    QVERIFY(!late.connectTo(m_address, port));
    QCOMPARE(m_web->monitor.totals(testServerId(Net::ServerKind::Web)).connectionsNow, 0);
}

void tst_HttpServerConnection::connectionsOverTheCapAreRefused()
{
    m_web = std::make_unique<WebServerFixture>();
    Net::WebServerConfig config = WebServerFixture::config(m_address, m_site.root());
    config.maxConnections = 1;
    QCOMPARE(m_web->start(config), QString());
    RawClient first;
    QVERIFY(first.connectTo(m_address, m_web->port()));
    QCOMPARE(statusOf(first.exchange(get("/hello.txt"))), 200);

    RawClient refused; // the kernel completes the handshake; the server then hangs up at once
    refused.connectTo(m_address, m_web->port());
    QVERIFY(refused.waitForDisconnected());
    QCOMPARE(refused.bytesReceived(), 0);
    QCOMPARE(m_web->monitor.totals(testServerId(Net::ServerKind::Web)).errors, 1);
    QCOMPARE(statusOf(first.exchange(get("/style.css"))), 200);
}

void tst_HttpServerConnection::idleKeepAliveConnectionIsClosed()
{
    startWithShortTimeouts();
    RawClient client;
    QVERIFY(client.connectTo(m_address, m_web->port()));
    QCOMPARE(statusOf(client.exchange(get("/hello.txt"))), 200);
    QVERIFY(client.waitForDisconnected(DeadlineWaitMs));
    QVERIFY(client.pending().isEmpty()); // closed without a word: nothing was pending
    QCOMPARE(m_web->server.connectionCount(), 0);
}

void tst_HttpServerConnection::stalledRequestGets408WhileOthersAreServed()
{
    startWithShortTimeouts();
    RawClient slow;
    QVERIFY(slow.connectTo(m_address, m_web->port()));
    slow.send("GET /hello.txt HTT");

    RawClient other;
    QVERIFY(other.connectTo(m_address, m_web->port()));
    QCOMPARE(bodyOf(other.exchange(get("/index.html"))), Site::IndexHtml.toByteArray());
    QVERIFY(slow.pending().isEmpty());
    QVERIFY(!slow.isDisconnected());

    const auto response = slow.next(false, DeadlineWaitMs);
    QCOMPARE(statusOf(response), 408);
    QCOMPARE(response->header("Connection"), "close"_ba);
    QVERIFY(slow.waitForDisconnected());
    QVERIFY(m_web->monitor.totals(testServerId(Net::ServerKind::Web)).errors >= 1);
}

void tst_HttpServerConnection::tricklingHeadGets408()
{
    // Each byte arrives well within the idle deadline; the request as a whole does not.
    startWithShortTimeouts();
    RawClient client;
    QVERIFY(client.connectTo(m_address, m_web->port()));
    const auto response = trickle(client, get("/hello.txt", "X-Slow: " + QByteArray(200, 's')), DeadlineWaitMs);
    QCOMPARE(statusOf(response), 408);
    QVERIFY(client.waitForDisconnected());
}

// A request held back behind a streamed file is answered when the stream ends;
// after that the connection is idle, and the idle rule ends it: silently, not
// with an unasked-for 408 from a request deadline left running.
void tst_HttpServerConnection::idleAfterHeldBackRequestClosesWithout408()
{
    m_web = std::make_unique<WebServerFixture>();
    Net::WebServerConfig config = WebServerFixture::config(m_address, m_site.root());
    config.keepAliveTimeoutMs = 3 * ShortTimeoutMs;
    config.requestTimeoutMs = ShortTimeoutMs;
    QCOMPARE(m_web->start(config), QString());
    RawClient client;
    QVERIFY(client.connectTo(m_address, m_web->port()));
    client.send(get("/big.bin") + get("/hello.txt"));
    const auto big = client.next(false, DeadlineWaitMs);
    QVERIFY(big && big->body == m_site.big());
    const auto hello = client.next(false, DeadlineWaitMs);
    QVERIFY(hello && hello->body == Site::HelloTxt.toByteArray());
    QVERIFY(client.waitForDisconnected(DeadlineWaitMs));
    QVERIFY2(client.pending().isEmpty(), client.pending().constData());
    QCOMPARE(m_web->monitor.totals(testServerId(Net::ServerKind::Web)).errors, 0);
}

void tst_HttpServerConnection::tricklingBodyGets408()
{
    // The same attack on the body: the head is sent at once, the announced
    // body one byte at a time.
    startWithShortTimeouts();
    RawClient client;
    QVERIFY(client.connectTo(m_address, m_web->port()));
    client.send(get("/hello.txt", "Content-Length: 1000\r\n"));
    const auto response = trickle(client, QByteArray(1000, 'b'), DeadlineWaitMs);
    QVERIFY2(response, "a request whose body trickles in must still end within the request deadline");
    QCOMPARE(response->status, 408);
    QVERIFY(client.waitForDisconnected());
}

QTEST_GUILESS_MAIN(tst_HttpServerConnection)
#include "tst_httpserver_connection.moc"
