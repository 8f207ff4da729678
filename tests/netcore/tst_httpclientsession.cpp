// The HTTP client session, through the hub, against the project's own web
// server (Net::HttpServer) and a silent QTcpServer, all in the test's thread.

#include "clienttesthelpers.h"
#include "webserverfixture.h"

#include <QFile>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Net;
using namespace Qt::StringLiterals;
using Kind = ClientEvent::Kind;

namespace {

// A request that must succeed gets a deadline a loaded machine (or a
// sanitizer) does not reach; the waits are longer still, so a request that
// does time out fails the test with its own error.
constexpr int REQUEST_TIMEOUT_MS = 15000;
constexpr int TRANSFER_TIMEOUT_MS = 20000;
const QByteArray PAGE = "<!doctype html><title>t</title><p>hello page</p>\n"_ba;

QByteArray headerValue(const HeaderList &headers, QByteArrayView name)
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

// A port on which nothing listens: bound once, then released.
quint16 closedTcpPort()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
}

} // namespace

class tst_HttpClientSession final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void httpGet();
    void httpHead();
    void http404IsAReply();
    void httpPostIs405();
    void httpRefused();
    void httpInvalidUrl();
    void httpTimeout();
    void httpNewRequestCancelsOld();

private:
    ClientHub &hub() { return m_rec->hub; }
    // Starts the project's web server on a temporary root holding index.html.
    bool startWeb();
    QUrl webUrl(const QString &path) const;
    bool waitForReply(quint64 id, ClientEvent &reply);

    std::unique_ptr<ClientTest::HubRecorder> m_rec;
    std::unique_ptr<QTemporaryDir> m_root;
    std::unique_ptr<HttpTest::WebServerFixture> m_web;
};

void tst_HttpClientSession::init()
{
    m_rec = std::make_unique<ClientTest::HubRecorder>();
}

void tst_HttpClientSession::cleanup()
{
    m_rec.reset(); // the clients go before the server they talk to
    m_web.reset();
    m_root.reset();
}

bool tst_HttpClientSession::startWeb()
{
    m_root = std::make_unique<QTemporaryDir>();
    QFile page(m_root->filePath(u"index.html"_s));
    if (!m_root->isValid() || !page.open(QIODevice::WriteOnly) || page.write(PAGE) != PAGE.size())
        return false;
    page.close();
    m_web = std::make_unique<HttpTest::WebServerFixture>();
    const QString error = m_web->start(
        HttpTest::WebServerFixture::config(QHostAddress(QHostAddress::LocalHost), m_root->path()));
    if (!error.isEmpty())
        qWarning() << error;
    return error.isEmpty();
}

QUrl tst_HttpClientSession::webUrl(const QString &path) const
{
    return QUrl(u"http://127.0.0.1:%1%2"_s.arg(m_web->port()).arg(path));
}

bool tst_HttpClientSession::waitForReply(quint64 id, ClientEvent &reply)
{
    const auto replied = [&] { return !m_rec->events(id, Kind::HttpReply).isEmpty(); };
    if (!QTest::qWaitFor(replied, TRANSFER_TIMEOUT_MS))
        return false;
    reply = m_rec->events(id, Kind::HttpReply).constFirst();
    return true;
}

void tst_HttpClientSession::httpGet()
{
    QVERIFY(startWeb());
    hub().open(3, ClientProtocol::Http);
    hub().sendHttp(3, HttpClientRequest{"GET", webUrl(u"/index.html"_s), {{"X-Test", "1"}}, {}, REQUEST_TIMEOUT_MS});
    ClientEvent reply;
    QVERIFY(waitForReply(3, reply));
    QCOMPARE(reply.httpStatus, 200);
    QCOMPARE(reply.httpReason, "OK"_ba);
    QCOMPARE(reply.data, PAGE);
    QCOMPARE(reply.size, PAGE.size());
    QVERIFY(headerValue(reply.headers, "Content-Type").startsWith("text/html"));
    QCOMPARE(headerValue(reply.headers, "Content-Length"), QByteArray::number(PAGE.size()));
    QVERIFY(reply.totalUs > 0);
    QVERIFY(reply.headersAfterUs > 0);
    QVERIFY(reply.headersAfterUs <= reply.totalUs);

    const ClientEvent sent = m_rec->events(3, Kind::Sent).constFirst();
    QVERIFY2(sent.data.startsWith("GET /index.html HTTP/1.1\r\nHost: 127.0.0.1:"), sent.data.constData());
    QVERIFY(sent.data.contains("\r\nX-Test: 1\r\n"));
    QCOMPARE(sent.size, 0);
    QVERIFY(m_rec->events(3, Kind::Error).isEmpty());
}

void tst_HttpClientSession::httpHead()
{
    QVERIFY(startWeb());
    hub().open(3, ClientProtocol::Http);
    hub().sendHttp(3, HttpClientRequest{"HEAD", webUrl(u"/index.html"_s), {}, {}, REQUEST_TIMEOUT_MS});
    ClientEvent reply;
    QVERIFY(waitForReply(3, reply));
    QCOMPARE(reply.httpStatus, 200);
    QCOMPARE(reply.size, 0);
    QVERIFY(reply.data.isEmpty());
    QCOMPARE(headerValue(reply.headers, "Content-Length"), QByteArray::number(PAGE.size()));
}

void tst_HttpClientSession::http404IsAReply()
{
    QVERIFY(startWeb());
    hub().open(3, ClientProtocol::Http);
    hub().sendHttp(3, HttpClientRequest{"GET", webUrl(u"/missing.html"_s), {}, {}, REQUEST_TIMEOUT_MS});
    ClientEvent reply;
    QVERIFY(waitForReply(3, reply));
    QCOMPARE(reply.httpStatus, 404);
    QVERIFY(reply.size > 0); // the server's error page
    QVERIFY(m_rec->events(3, Kind::Error).isEmpty());
}

void tst_HttpClientSession::httpPostIs405()
{
    QVERIFY(startWeb());
    hub().open(3, ClientProtocol::Http);
    hub().sendHttp(3, HttpClientRequest{"POST", webUrl(u"/index.html"_s), {{"Content-Type", "text/plain"}},
                                        "a body"_ba, REQUEST_TIMEOUT_MS});
    ClientEvent reply;
    QVERIFY(waitForReply(3, reply));
    QCOMPARE(reply.httpStatus, 405);
    QCOMPARE(headerValue(reply.headers, "Allow"), "GET, HEAD"_ba);
    QVERIFY(m_rec->events(3, Kind::Error).isEmpty());
    const ClientEvent sent = m_rec->events(3, Kind::Sent).constFirst();
    QCOMPARE(sent.size, 6);
    QVERIFY(sent.data.endsWith("\r\n\r\na body"));
}

void tst_HttpClientSession::httpRefused()
{
    const quint16 port = closedTcpPort();
    QVERIFY(port != 0);
    hub().open(3, ClientProtocol::Http);
    hub().sendHttp(3, HttpClientRequest{"GET", QUrl(u"http://127.0.0.1:%1/"_s.arg(port)), {}, {}, REQUEST_TIMEOUT_MS});
    QTRY_VERIFY_WITH_TIMEOUT(m_rec->has(3, Kind::Error, u"refused"_s), TRANSFER_TIMEOUT_MS);
    QCOMPARE(m_rec->firstText(3, Kind::Error),
             u"Connection refused by 127.0.0.1:%1: nothing is listening there."_s.arg(port));
    QVERIFY(m_rec->events(3, Kind::HttpReply).isEmpty());
}

void tst_HttpClientSession::httpInvalidUrl()
{
    hub().open(3, ClientProtocol::Http);
    hub().sendHttp(3, HttpClientRequest{"GET", QUrl(u"ftp://127.0.0.1/file"_s), {}, {}, REQUEST_TIMEOUT_MS});
    hub().sendHttp(3, HttpClientRequest{"GET", QUrl(u"http://"_s), {}, {}, REQUEST_TIMEOUT_MS});
    hub().sendHttp(3, HttpClientRequest{"GET", QUrl(), {}, {}, REQUEST_TIMEOUT_MS});
    QTRY_COMPARE_WITH_TIMEOUT(m_rec->events(3, Kind::Error).size(), 3, TRANSFER_TIMEOUT_MS);
    for (const ClientEvent &error : m_rec->events(3, Kind::Error))
        QCOMPARE(error.text, u"Not a valid http(s) URL."_s);
    QVERIFY(m_rec->events(3, Kind::Sent).isEmpty());
}

void tst_HttpClientSession::httpTimeout()
{
    QTcpServer silent; // accepts, then never answers
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    hub().open(3, ClientProtocol::Http);
    hub().sendHttp(3, HttpClientRequest{"GET", QUrl(u"http://127.0.0.1:%1/"_s.arg(silent.serverPort())), {}, {},
                                        300});
    QTRY_VERIFY_WITH_TIMEOUT(m_rec->has(3, Kind::Error, u"timed out"_s), TRANSFER_TIMEOUT_MS);
    QVERIFY(m_rec->events(3, Kind::HttpReply).isEmpty());
}

void tst_HttpClientSession::httpNewRequestCancelsOld()
{
    QVERIFY(startWeb());
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    hub().open(3, ClientProtocol::Http);
    hub().sendHttp(3, HttpClientRequest{"GET", QUrl(u"http://127.0.0.1:%1/"_s.arg(silent.serverPort())), {}, {},
                                        30000});
    QTRY_VERIFY_WITH_TIMEOUT(silent.hasPendingConnections(), TRANSFER_TIMEOUT_MS);
    hub().sendHttp(3, HttpClientRequest{"GET", webUrl(u"/index.html"_s), {}, {}, REQUEST_TIMEOUT_MS});
    ClientEvent reply;
    QVERIFY(waitForReply(3, reply));
    QCOMPARE(reply.httpStatus, 200);
    const QList<ClientEvent> errors = m_rec->events(3, Kind::Error);
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.constFirst().text, u"Previous request cancelled."_s);
    QCOMPARE(m_rec->events(3, Kind::HttpReply).size(), 1);
}

QTEST_GUILESS_MAIN(tst_HttpClientSession)
#include "tst_httpclientsession.moc"
