// The static-file web server over real loopback sockets: what a well-formed
// request gets back. Limits and protocol errors are in tst_httpserver_limits,
// path traversal in tst_httpserver_traversal, connection handling in
// tst_httpserver_connection and the traffic records in tst_httpserver_monitor.

#include "parsedresponse.h"
#include "rawclient.h"
#include "testsite.h"
#include "webserverfixture.h"

#include <QRegularExpression>
#include <QTcpServer>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace HttpTest;

class tst_HttpServer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data();
    void initTestCase();
    void init();
    void cleanup();

    void getServesFileWithStandardFields();
    void headAnnouncesLengthWithoutBody();
    void contentType_data();
    void contentType();
    void binaryFileIsIntact();
    void queryAndFragmentAreIgnored_data();
    void queryAndFragmentAreIgnored();
    void absoluteFormTargetIsServed();
    void slashServesIndex_data();
    void slashServesIndex();
    void directoryWithoutSlashRedirects_data();
    void directoryWithoutSlashRedirects();
    void directoryWithoutIndexIsForbidden();
    void directoryListingLinksEntries();
    void utf8FileNameWithSpaces();
    void notFoundUsesBuiltinPage();
    void notFoundUsesRootsOwnPage();
    void ifNoneMatch_data();
    void ifNoneMatch();
    void ifModifiedSince_data();
    void ifModifiedSince();
    void range_data();
    void range();
    void bigFileStreamsIntact();
    void bigFileRangeInTheMiddle();
    void startFailsWhenPortInUse();
    void startFailsWhenRootMissing();
    void startFailsWhenRootIsAFile();

private:
    // A response from a fresh connection to `web` (the suite's server by default).
    std::optional<ParsedResponse> fetch(QByteArrayView request, bool headRequest = false,
                                        WebServerFixture *web = nullptr);

    TestSite m_site;
    bool m_ipv6 = false;
    QHostAddress m_address;
    std::unique_ptr<WebServerFixture> m_web;
};

namespace {

const QRegularExpression ImfFixdate(
    u"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d\\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \\d{4} "
    "\\d\\d:\\d\\d:\\d\\d GMT$"_s);

} // namespace

void tst_HttpServer::initTestCase_data()
{
    addLoopbackRows();
}

void tst_HttpServer::initTestCase()
{
    QVERIFY2(m_site.create(), qPrintable(m_site.error()));
    m_ipv6 = ipv6LoopbackAvailable();
}

void tst_HttpServer::init()
{
    m_address = currentLoopback();
    if (m_address.protocol() == QAbstractSocket::IPv6Protocol && !m_ipv6)
        QSKIP("IPv6 loopback (::1) is not available on this machine");
    m_web = std::make_unique<WebServerFixture>();
    QCOMPARE(m_web->start(WebServerFixture::config(m_address, m_site.root())), QString());
}

void tst_HttpServer::cleanup()
{
    m_web.reset();
}

std::optional<ParsedResponse> tst_HttpServer::fetch(QByteArrayView request, bool headRequest, WebServerFixture *web)
{
    RawClient client;
    if (!client.connectTo(m_address, (web ? web : m_web.get())->port()))
        return std::nullopt;
    return client.exchange(request, headRequest);
}

void tst_HttpServer::getServesFileWithStandardFields()
{
    const auto response = fetch(get("/hello.txt"));
    QVERIFY(response);
    QCOMPARE(response->version, "HTTP/1.1"_ba);
    QCOMPARE(response->status, 200);
    QCOMPARE(response->reason, "OK"_ba);
    QCOMPARE(response->body, Site::HelloTxt.toByteArray());
    QCOMPARE(response->contentLength(), Site::HelloTxt.size());
    QCOMPARE(response->header("Content-Type"), "text/plain; charset=utf-8"_ba);
    QCOMPARE(response->header("Accept-Ranges"), "bytes"_ba);
    QVERIFY2(response->header("Server").startsWith("Wirebench/"), response->header("Server").constData());
    for (const char *name : {"Date", "Last-Modified"}) {
        const QString value = QString::fromLatin1(response->header(name));
        QVERIFY2(ImfFixdate.match(value).hasMatch(), qPrintable(QString::fromLatin1(name) + u": "_s + value));
    }
    const QByteArray etag = response->header("ETag");
    QVERIFY2(etag.size() > 2 && etag.startsWith('"') && etag.endsWith('"'), etag.constData());
    QVERIFY(!response->hasHeader("Connection")); // HTTP/1.1 keeps alive without saying so
    for (const char *name : {"Content-Type", "Content-Length", "Date", "Server", "ETag"})
        QCOMPARE(response->headerCount(name), 1);
}

void tst_HttpServer::headAnnouncesLengthWithoutBody()
{
    RawClient client;
    QVERIFY(client.connectTo(m_address, m_web->port()));
    // Pipelined, so a stray body after the HEAD answer would be read as the
    // start of the GET answer and fail to parse.
    client.send(request("HEAD", "/index.html") + get("/hello.txt"));
    const auto head = client.next(true);
    QVERIFY(head);
    QCOMPARE(head->status, 200);
    QCOMPARE(head->contentLength(), Site::IndexHtml.size());
    QCOMPARE(head->header("Content-Type"), "text/html; charset=utf-8"_ba);
    QVERIFY(head->hasHeader("ETag"));
    const auto after = client.next();
    QVERIFY2(after, client.pending().left(64).constData());
    QCOMPARE(after->body, Site::HelloTxt.toByteArray());
    QVERIFY(client.pending().isEmpty());

    const auto bigHead = client.exchange(request("HEAD", "/big.bin"), true);
    QVERIFY(bigHead);
    QCOMPARE(bigHead->contentLength(), Site::BigFileBytes);
    QCOMPARE(bodyOf(client.exchange(get("/hello.txt"))), Site::HelloTxt.toByteArray());
}

void tst_HttpServer::contentType_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("type");
    QTest::newRow("html") << "/index.html"_ba << "text/html; charset=utf-8"_ba;
    QTest::newRow("css") << "/style.css"_ba << "text/css; charset=utf-8"_ba;
    QTest::newRow("png") << "/image.png"_ba << "image/png"_ba;
    QTest::newRow("txt") << "/hello.txt"_ba << "text/plain; charset=utf-8"_ba;
    QTest::newRow("unknown suffix") << "/data.wbunknown"_ba << "application/octet-stream"_ba;
    QTest::newRow("index of /") << "/"_ba << "text/html; charset=utf-8"_ba;
}

void tst_HttpServer::contentType()
{
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, type);
    const auto response = fetch(get(target));
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QCOMPARE(response->header("Content-Type"), type);
    QCOMPARE(response->header("X-Content-Type-Options"), "nosniff"_ba);
}

void tst_HttpServer::binaryFileIsIntact()
{
    const auto response = fetch(get("/image.png"));
    QVERIFY(response);
    QCOMPARE(response->body, m_site.png());
}

void tst_HttpServer::queryAndFragmentAreIgnored_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::newRow("query") << "/hello.txt?x=1&y=2"_ba;
    QTest::newRow("empty query") << "/hello.txt?"_ba;
    QTest::newRow("query with dot-dot") << "/hello.txt?file=../../outside/secret.txt"_ba;
    QTest::newRow("fragment") << "/hello.txt#part"_ba;
    QTest::newRow("query and fragment") << "/hello.txt?a=b#c"_ba;
}

void tst_HttpServer::queryAndFragmentAreIgnored()
{
    QFETCH(QByteArray, target);
    const auto response = fetch(get(target));
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QCOMPARE(response->body, Site::HelloTxt.toByteArray());
}

void tst_HttpServer::absoluteFormTargetIsServed()
{
    // RFC 9112 §3.2.2: a server must accept absolute-form.
    const auto response = fetch(get("http://test.localhost/hello.txt"));
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QCOMPARE(response->body, Site::HelloTxt.toByteArray());
}

void tst_HttpServer::slashServesIndex_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("/") << "/"_ba << Site::IndexHtml.toByteArray();
    QTest::newRow("/?query") << "/?x=1"_ba << Site::IndexHtml.toByteArray();
    QTest::newRow("/docs/") << "/docs/"_ba << Site::DocsIndex.toByteArray();
    QTest::newRow("/docs/index.html") << "/docs/index.html"_ba << Site::DocsIndex.toByteArray();
}

void tst_HttpServer::slashServesIndex()
{
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, body);
    const auto response = fetch(get(target));
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QCOMPARE(response->body, body);
}

void tst_HttpServer::directoryWithoutSlashRedirects_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("location");
    QTest::newRow("with index") << "/docs"_ba << "/docs/"_ba;
    QTest::newRow("without index") << "/files"_ba << "/files/"_ba;
    QTest::newRow("query kept") << "/docs?x=1&y=%20z"_ba << "/docs/?x=1&y=%20z"_ba;
    QTest::newRow("nested") << "/files/sub"_ba << "/files/sub/"_ba;
    // Never "//docs/": a browser reads that as the host "docs".
    QTest::newRow("double slash") << "//docs"_ba << "/docs/"_ba;
    QTest::newRow("dot segments") << "/./files//sub"_ba << "/files/sub/"_ba;
    QTest::newRow("absolute form") << "http://localhost/docs"_ba << "/docs/"_ba;
}

void tst_HttpServer::directoryWithoutSlashRedirects()
{
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, location);
    RawClient client;
    QVERIFY(client.connectTo(m_address, m_web->port()));
    const auto response = client.exchange(get(target));
    QVERIFY(response);
    QCOMPARE(response->status, 301);
    QCOMPARE(response->header("Location"), location);
    QCOMPARE(response->header("Content-Type"), "text/html; charset=utf-8"_ba);
    // A redirect is not an error: the connection stays usable.
    QCOMPARE(statusOf(client.exchange(get("/hello.txt"))), 200);
}

void tst_HttpServer::directoryWithoutIndexIsForbidden()
{
    const auto response = fetch(get("/files/"));
    QVERIFY(response);
    QCOMPARE(response->status, 403);
    QCOMPARE(response->header("Content-Type"), "text/html; charset=utf-8"_ba);
    QVERIFY(!response->body.contains("a.txt"));
}

void tst_HttpServer::directoryListingLinksEntries()
{
    WebServerFixture listing;
    Net::WebServerConfig config = WebServerFixture::config(m_address, m_site.root());
    config.directoryListing = true;
    QCOMPARE(listing.start(config), QString());

    const auto response = fetch(get("/files/"), false, &listing);
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QCOMPARE(response->header("Content-Type"), "text/html; charset=utf-8"_ba);
    const QByteArray &page = response->body;
    for (const char *link : {"href=\"a.txt\"", "href=\"sub/\"", "href=\"with%20space%20%C3%BC.txt\"",
                             "href=\"../\""})
        QVERIFY2(page.contains(link), link);
    QVERIFY(page.contains("with space \xc3\xbc.txt")); // the name as shown

    // A directory with an index is still served its index, not a listing.
    const auto index = fetch(get("/docs/"), false, &listing);
    QVERIFY(index);
    QCOMPARE(index->body, Site::DocsIndex.toByteArray());
}

void tst_HttpServer::utf8FileNameWithSpaces()
{
    const auto response = fetch(get(Site::UnicodeTarget));
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QCOMPARE(response->body, Site::UnicodeText.toByteArray());
}

void tst_HttpServer::notFoundUsesBuiltinPage()
{
    RawClient client;
    QVERIFY(client.connectTo(m_address, m_web->port()));
    const auto response = client.exchange(get("/no-such-file.txt"));
    QVERIFY(response);
    QCOMPARE(response->status, 404);
    QCOMPARE(response->reason, "Not Found"_ba);
    QCOMPARE(response->header("Content-Type"), "text/html; charset=utf-8"_ba);
    QVERIFY(response->body.contains("404"));
    QCOMPARE(response->contentLength(), response->body.size());
    // 404 is an answer, not a protocol error: the connection stays open.
    QCOMPARE(statusOf(client.exchange(get("/hello.txt"))), 200);
}

void tst_HttpServer::notFoundUsesRootsOwnPage()
{
    WebServerFixture custom;
    QCOMPARE(custom.start(WebServerFixture::config(m_address, m_site.notFoundPageRoot())), QString());
    const auto response = fetch(get("/no-such-file.txt"), false, &custom);
    QVERIFY(response);
    QCOMPARE(response->status, 404);
    QCOMPARE(response->header("Content-Type"), "text/html; charset=utf-8"_ba);
    QCOMPARE(response->body, Site::CustomNotFound.toByteArray());
    // The page itself is still an ordinary file.
    QCOMPARE(statusOf(fetch(get("/404.html"), false, &custom)), 200);
}

void tst_HttpServer::ifNoneMatch_data()
{
    // `%ETAG%` stands for the file's current entity tag.
    QTest::addColumn<QByteArray>("condition");
    QTest::addColumn<int>("status");
    QTest::newRow("exact") << "%ETAG%"_ba << 304;
    QTest::newRow("in a list") << "\"other\", %ETAG%, \"more\""_ba << 304;
    QTest::newRow("star") << "*"_ba << 304;
    QTest::newRow("weak form") << "W/%ETAG%"_ba << 304;
    QTest::newRow("other tag") << "\"not-the-tag\""_ba << 200;
}

void tst_HttpServer::ifNoneMatch()
{
    QFETCH(QByteArray, condition);
    QFETCH(int, status);
    RawClient client;
    QVERIFY(client.connectTo(m_address, m_web->port()));
    const auto first = client.exchange(get("/style.css"));
    QVERIFY(first);
    const QByteArray etag = first->header("ETag");
    condition.replace("%ETAG%", etag);

    const auto response = client.exchange(get("/style.css", "If-None-Match: " + condition + "\r\n"));
    QVERIFY(response);
    QCOMPARE(response->status, status);
    if (status == 304) {
        QCOMPARE(response->header("ETag"), etag);
        QVERIFY(response->hasHeader("Date"));
        QVERIFY(response->body.isEmpty());
        QVERIFY(!response->hasHeader("Content-Length") || response->contentLength() == Site::StyleCss.size());
    } else {
        QCOMPARE(response->body, Site::StyleCss.toByteArray());
    }
    // Nothing stray after a 304: the next answer starts right away.
    QCOMPARE(bodyOf(client.exchange(get("/hello.txt"))), Site::HelloTxt.toByteArray());
    QVERIFY(client.pending().isEmpty());
}

void tst_HttpServer::ifModifiedSince_data()
{
    // `%LM%` stands for the file's Last-Modified value.
    QTest::addColumn<QByteArray>("since");
    QTest::addColumn<int>("status");
    QTest::newRow("equal") << "%LM%"_ba << 304;
    QTest::newRow("older") << "Mon, 01 Jan 2001 00:00:00 GMT"_ba << 200;
    QTest::newRow("not a date") << "yesterday"_ba << 200;
}

void tst_HttpServer::ifModifiedSince()
{
    QFETCH(QByteArray, since);
    QFETCH(int, status);
    RawClient client;
    QVERIFY(client.connectTo(m_address, m_web->port()));
    const auto first = client.exchange(get("/index.html"));
    QVERIFY(first);
    since.replace("%LM%", first->header("Last-Modified"));

    const auto response = client.exchange(get("/index.html", "If-Modified-Since: " + since + "\r\n"));
    QVERIFY(response);
    QCOMPARE(response->status, status);
    QCOMPARE(response->body, status == 304 ? QByteArray() : Site::IndexHtml.toByteArray());
    QCOMPARE(statusOf(client.exchange(get("/hello.txt"))), 200);
}

void tst_HttpServer::range_data()
{
    // On image.png (264 bytes). first/last -1: the whole file.
    QTest::addColumn<QByteArray>("range");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("first");
    QTest::addColumn<int>("last");
    QTest::newRow("first ten") << "bytes=0-9"_ba << 206 << 0 << 9;
    QTest::newRow("suffix") << "bytes=-5"_ba << 206 << 259 << 263;
    QTest::newRow("open end") << "bytes=5-"_ba << 206 << 5 << 263;
    QTest::newRow("one byte") << "bytes=7-7"_ba << 206 << 7 << 7;
    QTest::newRow("last past the end") << "bytes=250-999"_ba << 206 << 250 << 263;
    QTest::newRow("unsatisfiable") << "bytes=264-"_ba << 416 << -1 << -1;
    QTest::newRow("multiple ranges") << "bytes=0-1,5-6"_ba << 200 << -1 << -1;
    QTest::newRow("other unit") << "items=0-1"_ba << 200 << -1 << -1;
}

void tst_HttpServer::range()
{
    QFETCH(QByteArray, range);
    QFETCH(int, status);
    QFETCH(int, first);
    QFETCH(int, last);
    const QByteArray &png = m_site.png();
    const QByteArray size = QByteArray::number(png.size());

    RawClient client;
    QVERIFY(client.connectTo(m_address, m_web->port()));
    const auto response = client.exchange(get("/image.png", "Range: " + range + "\r\n"));
    QVERIFY(response);
    QCOMPARE(response->status, status);
    switch (status) {
    case 206:
        QCOMPARE(response->header("Content-Range"),
                 "bytes " + QByteArray::number(first) + '-' + QByteArray::number(last) + '/' + size);
        QCOMPARE(response->body, png.sliced(first, last - first + 1));
        QCOMPARE(response->header("Content-Type"), "image/png"_ba);
        break;
    case 416:
        QCOMPARE(response->header("Content-Range"), "bytes */" + size);
        break;
    default:
        QVERIFY(!response->hasHeader("Content-Range"));
        QCOMPARE(response->body, png);
    }
    QCOMPARE(response->contentLength(), response->body.size());
    // Range answers keep the connection.
    QCOMPARE(statusOf(client.exchange(get("/hello.txt"))), 200);
}

void tst_HttpServer::bigFileStreamsIntact()
{
    const auto response = fetch(get("/big.bin"));
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QCOMPARE(response->header("Content-Type"), "application/octet-stream"_ba);
    QCOMPARE(response->contentLength(), Site::BigFileBytes);
    QVERIFY(response->body == m_site.big()); // QCOMPARE would print 8 MiB on failure
}

void tst_HttpServer::bigFileRangeInTheMiddle()
{
    constexpr qint64 first = 3 * 1024 * 1024 + 17;
    constexpr qint64 last = first + 1024 * 1024 + 99;
    const auto response = fetch(get("/big.bin", "Range: bytes=" + QByteArray::number(first) + '-'
                                                    + QByteArray::number(last) + "\r\n"));
    QVERIFY(response);
    QCOMPARE(response->status, 206);
    QCOMPARE(response->header("Content-Range"), "bytes " + QByteArray::number(first) + '-'
                 + QByteArray::number(last) + '/' + QByteArray::number(Site::BigFileBytes));
    QCOMPARE(response->body.size(), last - first + 1);
    QVERIFY(response->body == m_site.big().sliced(first, last - first + 1));
}

void tst_HttpServer::startFailsWhenPortInUse()
{
    QTcpServer squatter;
    QVERIFY(squatter.listen(m_address, 0));
    WebServerFixture web;
    Net::WebServerConfig config = WebServerFixture::config(m_address, m_site.root());
    config.port = squatter.serverPort();
    const QString sentence = web.start(config);
    QVERIFY2(sentence.contains(u"in use"_s), qPrintable(sentence));
    QVERIFY(sentence.contains(QString::number(config.port)));
    QVERIFY(!web.server.isRunning());
    QVERIFY(!web.server.status().running);
}

void tst_HttpServer::startFailsWhenRootMissing()
{
    WebServerFixture web;
    const QString missing = m_site.base() + u"/no-such-root"_s;
    const QString sentence = web.start(WebServerFixture::config(m_address, missing));
    QVERIFY2(sentence.contains(u"does not exist"_s), qPrintable(sentence));
    QVERIFY(sentence.contains(missing));
    QVERIFY(!web.server.isRunning());
}

void tst_HttpServer::startFailsWhenRootIsAFile()
{
    WebServerFixture web;
    const QString sentence = web.start(WebServerFixture::config(m_address, m_site.root() + u"/hello.txt"_s));
    QVERIFY2(!sentence.isEmpty(), "a file is not a document root");
    QVERIFY(!web.server.isRunning());
}

QTEST_GUILESS_MAIN(tst_HttpServer)
#include "tst_httpserver.moc"
