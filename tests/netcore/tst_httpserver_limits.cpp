// The web server over real loopback sockets: requests it refuses (methods,
// versions, malformed heads, size limits) and request bodies it must read
// past. Every refusal ends the connection after the answer.

#include "parsedresponse.h"
#include "testserverids.h"
#include "posixclient.h"
#include "rawclient.h"
#include "testsite.h"
#include "webserverfixture.h"

#include <QTest>

#include <cstring>
#include <memory>

using namespace Qt::StringLiterals;
using namespace HttpTest;

class tst_HttpServerLimits : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data();
    void initTestCase();
    void init();
    void cleanup();

    void knownMethodIs405_data();
    void knownMethodIs405();
    void unknownMethodIs501_data();
    void unknownMethodIs501();
    void unsupportedVersionIs505_data();
    void unsupportedVersionIs505();
    void malformedRequestIs400_data();
    void malformedRequestIs400();
    void requestLineLimit_data();
    void requestLineLimit();
    void headerSectionLimit_data();
    void headerSectionLimit();
    void headerFieldCountLimit_data();
    void headerFieldCountLimit();
    void contentLengthOverLimitIs413();
    void chunkedBodyOverLimitIs413();
    void chunkedUploadOverLimitReads413WithoutReset();
    void contentLengthUploadOverLimitReads413WithoutReset();
    void lingeringDiscardIsBounded();
    void bodyAtLimitIsConsumed();
    void postBodyIsConsumedThen405();
    void getBodyIsNeverReadAsRequest();
    void chunkedBodyIsConsumed();
    void chunkedPostIs405();
    void expectContinueGetsInterimResponse();

private:
    // Checks that `client` gets exactly one error answer with `status`, then the close.
    void expectErrorThenClose(RawClient &client, int status);
    // Sends all of `upload` before reading anything, as simple clients do,
    // then expects a whole 413 and the server's orderly close, never a reset.
    void expect413AfterWholeUpload(const QByteArray &upload);

    TestSite m_site;
    bool m_ipv6 = false;
    QHostAddress m_address;
    std::unique_ptr<WebServerFixture> m_web;
    std::unique_ptr<RawClient> m_client;
};

namespace {

const Net::HttpLimits Limits; // the defaults the server runs with

QByteArray repeated(char c, qsizetype count)
{
    return QByteArray(count, c);
}

// Well over the body limit, and more than loopback's socket buffers hold
// (4 MiB sending, 6 MiB receiving at most), so the client is still sending
// when the server has answered; under what the server discards after an answer.
constexpr qint64 UploadBytes = 24 * 1024 * 1024;
static_assert(UploadBytes < Net::HttpLimits().maxLingerDiscardBytes);

QByteArray chunkedBody(qint64 total)
{
    constexpr qint64 Chunk = 64 * 1024;
    const QByteArray chunk = QByteArray::number(Chunk, 16) + "\r\n" + repeated('u', Chunk) + "\r\n";
    QByteArray body;
    for (qint64 sent = 0; sent < total; sent += Chunk)
        body += chunk;
    return body + "0\r\n\r\n";
}

} // namespace

void tst_HttpServerLimits::initTestCase_data()
{
    addLoopbackRows();
}

void tst_HttpServerLimits::initTestCase()
{
    QVERIFY2(m_site.create(), qPrintable(m_site.error()));
    m_ipv6 = ipv6LoopbackAvailable();
}

void tst_HttpServerLimits::init()
{
    m_address = currentLoopback();
    if (m_address.protocol() == QAbstractSocket::IPv6Protocol && !m_ipv6)
        QSKIP("IPv6 loopback (::1) is not available on this machine");
    m_web = std::make_unique<WebServerFixture>();
    QCOMPARE(m_web->start(WebServerFixture::config(m_address, m_site.root())), QString());
    m_client = std::make_unique<RawClient>();
    QVERIFY(m_client->connectTo(m_address, m_web->port()));
}

void tst_HttpServerLimits::cleanup()
{
    m_client.reset();
    m_web.reset();
}

void tst_HttpServerLimits::expectErrorThenClose(RawClient &client, int status)
{
    const auto response = client.next();
    QVERIFY2(response, client.pending().left(80).constData());
    QCOMPARE(response->status, status);
    QCOMPARE(response->header("Connection"), "close"_ba);
    QCOMPARE(response->header("Content-Type"), "text/html; charset=utf-8"_ba);
    QVERIFY(response->body.contains(QByteArray::number(status)));
    QVERIFY2(client.waitForDisconnected(), "the server must close after an error");
    QVERIFY2(client.pending().isEmpty(), client.pending().left(80).constData());
}

void tst_HttpServerLimits::knownMethodIs405_data()
{
    QTest::addColumn<QByteArray>("method");
    for (const char *method : {"POST", "PUT", "DELETE", "OPTIONS", "TRACE", "PATCH", "CONNECT"})
        QTest::newRow(method) << QByteArray(method);
}

void tst_HttpServerLimits::knownMethodIs405()
{
    QFETCH(QByteArray, method);
    // Followed by a GET that must never be answered: the connection ends first.
    m_client->send(request(method, "/hello.txt", "Content-Length: 0\r\n") + get("/hello.txt"));
    const auto response = m_client->next();
    QVERIFY(response);
    QCOMPARE(response->status, 405);
    QCOMPARE(response->reason, "Method Not Allowed"_ba);
    QCOMPARE(response->header("Allow"), "GET, HEAD"_ba);
    QCOMPARE(response->header("Connection"), "close"_ba);
    QVERIFY(m_client->waitForDisconnected());
    QVERIFY2(m_client->pending().isEmpty(), "nothing may follow the 405");
}

void tst_HttpServerLimits::unknownMethodIs501_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::newRow("BREW") << "BREW"_ba;
    QTest::newRow("lower-case get") << "get"_ba; // methods are case-sensitive (RFC 9110 §9.1)
    QTest::newRow("PROPFIND") << "PROPFIND"_ba;
}

void tst_HttpServerLimits::unknownMethodIs501()
{
    QFETCH(QByteArray, method);
    m_client->send(request(method, "/hello.txt"));
    expectErrorThenClose(*m_client, 501);
}

void tst_HttpServerLimits::unsupportedVersionIs505_data()
{
    QTest::addColumn<QByteArray>("version");
    for (const char *version : {"HTTP/2.0", "HTTP/3.0", "HTTP/1.2", "HTTP/0.9"})
        QTest::newRow(version) << QByteArray(version);
}

void tst_HttpServerLimits::unsupportedVersionIs505()
{
    QFETCH(QByteArray, version);
    m_client->send(request("GET", "/hello.txt", {}, version));
    expectErrorThenClose(*m_client, 505);
}

void tst_HttpServerLimits::malformedRequestIs400_data()
{
    QTest::addColumn<QByteArray>("bytes");
    const QByteArray host = "Host: localhost\r\n"_ba;
    QTest::newRow("garbage") << "GARBAGE\r\n\r\n"_ba;
    QTest::newRow("binary") << "\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03\r\n\r\n"_ba;
    QTest::newRow("no version") << "GET /hello.txt\r\n\r\n"_ba;
    QTest::newRow("lower-case version") << "GET /hello.txt http/1.1\r\nHost: localhost\r\n\r\n"_ba;
    QTest::newRow("two spaces") << "GET  /hello.txt HTTP/1.1\r\nHost: localhost\r\n\r\n"_ba;
    QTest::newRow("missing Host") << "GET /hello.txt HTTP/1.1\r\n\r\n"_ba;
    QTest::newRow("two Host fields") << "GET /hello.txt HTTP/1.1\r\n" + host + host + "\r\n";
    QTest::newRow("space before colon") << "GET /hello.txt HTTP/1.1\r\nHost : x\r\n\r\n"_ba;
    QTest::newRow("obs-fold") << "GET /hello.txt HTTP/1.1\r\n" + host + "X-A: 1\r\n 2\r\n\r\n";
    QTest::newRow("bare CR") << "GET /hello.txt HTTP/1.1\r\n" + host + "X-A: 1\r2\r\n\r\n";
    QTest::newRow("conflicting Content-Length")
        << "GET /hello.txt HTTP/1.1\r\n" + host + "Content-Length: 1\r\nContent-Length: 2\r\n\r\nab";
    QTest::newRow("negative Content-Length") << "GET /hello.txt HTTP/1.1\r\n" + host + "Content-Length: -1\r\n\r\n";
    QTest::newRow("Content-Length and chunked")
        << "POST /hello.txt HTTP/1.1\r\n" + host + "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n";
    QTest::newRow("bad percent escape") << "GET /hello%zz.txt HTTP/1.1\r\n" + host + "\r\n";
}

void tst_HttpServerLimits::malformedRequestIs400()
{
    QFETCH(QByteArray, bytes);
    m_client->send(bytes);
    expectErrorThenClose(*m_client, 400);
}

void tst_HttpServerLimits::requestLineLimit_data()
{
    // "GET " target " HTTP/1.1": 13 bytes around the target.
    QTest::addColumn<qsizetype>("targetLength");
    QTest::addColumn<int>("status");
    QTest::newRow("at the limit") << Limits.maxRequestLineBytes - 13 << 404;
    QTest::newRow("one byte over") << Limits.maxRequestLineBytes - 12 << 414;
    QTest::newRow("9 KiB") << qsizetype(9 * 1024) << 414;
}

void tst_HttpServerLimits::requestLineLimit()
{
    QFETCH(qsizetype, targetLength);
    QFETCH(int, status);
    m_client->send(get('/' + repeated('a', targetLength - 1)));
    if (status == 414) {
        expectErrorThenClose(*m_client, 414);
        return;
    }
    QCOMPARE(statusOf(m_client->next()), status);
    QCOMPARE(statusOf(m_client->exchange(get("/hello.txt"))), 200); // still open
}

void tst_HttpServerLimits::headerSectionLimit_data()
{
    // The section is "Host: test.localhost\r\n" (22), "X-Fill: <v>\r\n" (10 + v)
    // and the closing CRLF (2).
    QTest::addColumn<qsizetype>("valueLength");
    QTest::addColumn<int>("status");
    QTest::newRow("at the limit") << Limits.maxHeaderBytes - 34 << 200;
    QTest::newRow("one byte over") << Limits.maxHeaderBytes - 33 << 431;
    QTest::newRow("17 KiB") << qsizetype(17 * 1024) << 431;
}

void tst_HttpServerLimits::headerSectionLimit()
{
    QFETCH(qsizetype, valueLength);
    QFETCH(int, status);
    m_client->send(get("/hello.txt", "X-Fill: " + repeated('f', valueLength) + "\r\n"));
    if (status == 431) {
        expectErrorThenClose(*m_client, 431);
        return;
    }
    const auto response = m_client->next();
    QCOMPARE(statusOf(response), status);
    QCOMPARE(bodyOf(response), Site::HelloTxt.toByteArray());
}

void tst_HttpServerLimits::headerFieldCountLimit_data()
{
    QTest::addColumn<int>("fields");
    QTest::addColumn<int>("status");
    QTest::newRow("at the limit") << Limits.maxHeaderFields << 200;
    QTest::newRow("one over") << Limits.maxHeaderFields + 1 << 431;
}

void tst_HttpServerLimits::headerFieldCountLimit()
{
    QFETCH(int, fields);
    QFETCH(int, status);
    QByteArray extra;
    for (int i = 1; i < fields; ++i) // Host is the first field
        extra += "X-Field-" + QByteArray::number(i) + ": " + QByteArray::number(i) + "\r\n";
    m_client->send(get("/hello.txt", extra));
    if (status == 431) {
        expectErrorThenClose(*m_client, 431);
        return;
    }
    QCOMPARE(statusOf(m_client->next()), 200);
}

void tst_HttpServerLimits::contentLengthOverLimitIs413()
{
    // Refused on the head alone: the client never has to send the body.
    m_client->send(request("POST", "/hello.txt",
                           "Content-Length: " + QByteArray::number(Limits.maxBodyBytes + 1) + "\r\n"));
    expectErrorThenClose(*m_client, 413);
}

void tst_HttpServerLimits::chunkedBodyOverLimitIs413()
{
    m_client->send(request("POST", "/hello.txt", "Transfer-Encoding: chunked\r\n")
                   + QByteArray::number(Limits.maxBodyBytes + 1, 16) + "\r\n");
    expectErrorThenClose(*m_client, 413);
}

void tst_HttpServerLimits::expect413AfterWholeUpload(const QByteArray &upload)
{
    PosixClient client;
    QVERIFY(client.connectTo(m_address, m_web->port()));
    QVERIFY2(client.sendFromEventLoop(upload),
             qPrintable(u"the upload failed: %1"_s.arg(QString::fromLocal8Bit(std::strerror(client.sendError())))));
    client.startReading();
    const auto response = client.next();
    QVERIFY2(response, qPrintable(u"no whole answer; read error %1"_s.arg(client.error())));
    QCOMPARE(response->status, 413);
    QCOMPARE(response->header("Connection"), "close"_ba);
    QVERIFY2(client.waitForEnd(), "the server must end with a FIN after its answer");
    QCOMPARE(client.error(), 0);
    QVERIFY(client.pending().isEmpty());
}

void tst_HttpServerLimits::chunkedUploadOverLimitReads413WithoutReset()
{
    expect413AfterWholeUpload(request("POST", "/upload", "Transfer-Encoding: chunked\r\n") + chunkedBody(UploadBytes));
}

void tst_HttpServerLimits::contentLengthUploadOverLimitReads413WithoutReset()
{
    expect413AfterWholeUpload(request("POST", "/upload", "Content-Length: " + QByteArray::number(UploadBytes) + "\r\n")
                              + repeated('u', UploadBytes));
}

void tst_HttpServerLimits::lingeringDiscardIsBounded()
{
    // A client that keeps sending after the answer is cut off at the bound,
    // not after the lingering close's few seconds of silence.
    m_web = std::make_unique<WebServerFixture>();
    Net::WebServerConfig config = WebServerFixture::config(m_address, m_site.root());
    config.limits.maxLingerDiscardBytes = 64 * 1024;
    QCOMPARE(m_web->start(config), QString());
    PosixClient client;
    QVERIFY(client.connectTo(m_address, m_web->port()));
    client.sendFromEventLoop(request("POST", "/upload", "Content-Length: " + QByteArray::number(UploadBytes) + "\r\n")
                             + repeated('u', UploadBytes));
    QTRY_COMPARE(m_web->monitor.totals(testServerId(Net::ServerKind::Web)).connectionsTotal, 1);
    QTRY_COMPARE(m_web->server.connectionCount(), 0);
    m_web->flush();
    const auto closed = m_web->eventsOfKind(Net::TrafficEvent::Kind::Closed);
    QCOMPARE(closed.size(), 1);
    QVERIFY2(closed.first().note.contains(u"lingering"_s), qPrintable(closed.first().note));
    QVERIFY(m_web->monitor.totals(testServerId(Net::ServerKind::Web)).bytesIn < UploadBytes);
}

void tst_HttpServerLimits::bodyAtLimitIsConsumed()
{
    m_client->send(get("/hello.txt", "Content-Length: " + QByteArray::number(Limits.maxBodyBytes) + "\r\n")
                   + repeated('b', Limits.maxBodyBytes) + get("/style.css"));
    QCOMPARE(bodyOf(m_client->next()), Site::HelloTxt.toByteArray());
    QCOMPARE(bodyOf(m_client->next()), Site::StyleCss.toByteArray());
}

void tst_HttpServerLimits::postBodyIsConsumedThen405()
{
    // The body looks like a request; it must be read as body, never answered.
    const QByteArray body = get("/hello.txt");
    m_client->send(request("POST", "/form", "Content-Length: " + QByteArray::number(body.size()) + "\r\n") + body);
    const auto response = m_client->next();
    QCOMPARE(statusOf(response), 405);
    QCOMPARE(response->header("Allow"), "GET, HEAD"_ba);
    QVERIFY(m_client->waitForDisconnected());
    QVERIFY2(m_client->pending().isEmpty(), m_client->pending().left(80).constData());
    QCOMPARE(m_web->monitor.totals(testServerId(Net::ServerKind::Web)).requests, 1);
}

void tst_HttpServerLimits::getBodyIsNeverReadAsRequest()
{
    // RFC 9112 §6.3: a GET's body is framed by Content-Length like any other.
    const QByteArray smuggled = get("/style.css");
    m_client->send(get("/hello.txt", "Content-Length: " + QByteArray::number(smuggled.size()) + "\r\n") + smuggled
                   + get("/index.html"));
    QCOMPARE(bodyOf(m_client->next()), Site::HelloTxt.toByteArray());
    QCOMPARE(bodyOf(m_client->next()), Site::IndexHtml.toByteArray());
    QCOMPARE(m_web->monitor.totals(testServerId(Net::ServerKind::Web)).requests, 2);
}

void tst_HttpServerLimits::chunkedBodyIsConsumed()
{
    m_client->send(get("/hello.txt", "Transfer-Encoding: chunked\r\n")
                   + "5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\nX-Trailer: yes\r\n\r\n" + get("/style.css"));
    QCOMPARE(bodyOf(m_client->next()), Site::HelloTxt.toByteArray());
    QCOMPARE(bodyOf(m_client->next()), Site::StyleCss.toByteArray());
    QVERIFY(!m_client->isDisconnected());
}

void tst_HttpServerLimits::chunkedPostIs405()
{
    m_client->send(request("POST", "/form", "Transfer-Encoding: chunked\r\n") + "3\r\nabc\r\n0\r\n\r\n");
    const auto response = m_client->next();
    QCOMPARE(statusOf(response), 405);
    QVERIFY(m_client->waitForDisconnected());
    QVERIFY(m_client->pending().isEmpty());
}

void tst_HttpServerLimits::expectContinueGetsInterimResponse()
{
    m_client->send(get("/hello.txt", "Content-Length: 5\r\nExpect: 100-continue\r\n"));
    const auto interim = m_client->next();
    QCOMPARE(statusOf(interim), 100);
    QVERIFY(m_client->pending().isEmpty()); // the final answer waits for the body
    m_client->send("hello");
    const auto response = m_client->next();
    QCOMPARE(statusOf(response), 200);
    QCOMPARE(response->body, Site::HelloTxt.toByteArray());
}

QTEST_GUILESS_MAIN(tst_HttpServerLimits)
#include "tst_httpserver_limits.moc"
