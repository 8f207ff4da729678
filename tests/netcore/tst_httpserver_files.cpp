// What the web server serves from a document root, over real loopback
// sockets: the charset it names for text files, which files it refuses
// (dot files), and a directory listing that shows exactly what can be served.

#include "parsedresponse.h"
#include "rawclient.h"
#include "webserverfixture.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace HttpTest;

class tst_HttpServerFiles : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data();
    void initTestCase();
    void init();
    void cleanup();

    void charsetOfServedFiles_data();
    void charsetOfServedFiles();
    void ownPagesAreUtf8();
    void customNotFoundPageKeepsItsCharset();

private:
    std::optional<ParsedResponse> fetch(QByteArrayView target, quint16 port = 0);
    QString path(const QString &relative) const { return m_base + u'/' + relative; }
    bool write(const QString &relative, QByteArrayView bytes);
    Net::WebServerConfig config(const QString &root) const;

    QTemporaryDir m_dir;
    QString m_base;
    bool m_ipv6 = false;
    QHostAddress m_address;
    std::unique_ptr<WebServerFixture> m_web;
};

namespace {

// "中文" in GBK and "café" in Latin-1: neither is UTF-8.
constexpr QByteArrayView GbkText = "\xD6\xD0\xCE\xC4";
constexpr QByteArrayView Latin1Text = "caf\xE9";
constexpr qsizetype StreamedBytes = 300 * 1024; // above the in-memory cache bound

} // namespace

void tst_HttpServerFiles::initTestCase_data()
{
    addLoopbackRows();
}

bool tst_HttpServerFiles::write(const QString &relative, QByteArrayView bytes)
{
    QFile file(path(relative));
    return QDir().mkpath(QFileInfo(file).path()) && file.open(QIODevice::WriteOnly)
        && file.write(bytes.data(), bytes.size()) == bytes.size();
}

void tst_HttpServerFiles::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_base = QFileInfo(m_dir.path()).canonicalFilePath();
    m_ipv6 = ipv6LoopbackAvailable();

    const QByteArray gbkPage = "<!DOCTYPE html><html><head><meta charset=\"gbk\"><title>" + GbkText.toByteArray()
        + "</title></head><body>" + GbkText.toByteArray() + "</body></html>\n";
    QByteArray bigLatin1 = "<p>" + Latin1Text.toByteArray();
    bigLatin1 += QByteArray(StreamedBytes, 'x');
    const std::pair<const char *, QByteArray> files[] = {
        {"text/gbk.html", gbkPage},
        {"text/latin1.xml", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<a>" + Latin1Text.toByteArray() + "</a>\n"},
        {"text/plain.txt", "Hello, world!\n"},
        {"text/utf8.txt", "gr\xC3\xBC\xC3\x9F dich\n"},
        {"text/latin1.txt", Latin1Text.toByteArray() + '\n'},
        {"text/utf16.txt", QByteArray("\xFF\xFEh\0i\0", 6)},
        {"text/undeclared.html", "<p>" + GbkText.toByteArray() + "</p>\n"},
        {"text/big-latin1.html", bigLatin1},
        {"text/app.cjs", "module.exports = 1;\n"},
        {"text/image.png", "\x89PNG\r\n\x1a\n"},
        {"www404/404.html", gbkPage},
    };
    for (const auto &[relative, bytes] : files)
        QVERIFY2(write(QString::fromLatin1(relative), bytes), relative);
}

void tst_HttpServerFiles::init()
{
    m_address = currentLoopback();
    if (m_address.protocol() == QAbstractSocket::IPv6Protocol && !m_ipv6)
        QSKIP("IPv6 loopback (::1) is not available on this machine");
    m_web = std::make_unique<WebServerFixture>();
    QCOMPARE(m_web->start(config(path(u"text"_s))), QString());
}

void tst_HttpServerFiles::cleanup()
{
    m_web.reset();
}

Net::WebServerConfig tst_HttpServerFiles::config(const QString &root) const
{
    Net::WebServerConfig config = WebServerFixture::config(m_address, root);
    config.directoryListing = true;
    return config;
}

std::optional<ParsedResponse> tst_HttpServerFiles::fetch(QByteArrayView target, quint16 port)
{
    RawClient client;
    if (!client.connectTo(m_address, port ? port : m_web->port()))
        return std::nullopt;
    return client.exchange(get(target));
}

void tst_HttpServerFiles::charsetOfServedFiles_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("contentType");

    // The page's own label, never a forced utf-8 that would turn it into mojibake.
    QTest::newRow("gbk page with meta") << "/gbk.html"_ba << "text/html; charset=gbk"_ba;
    QTest::newRow("latin-1 xml with declaration") << "/latin1.xml"_ba << "application/xml; charset=iso-8859-1"_ba;
    // No label: UTF-8 only when the bytes are UTF-8 (ASCII is), else none.
    QTest::newRow("ascii txt") << "/plain.txt"_ba << "text/plain; charset=utf-8"_ba;
    QTest::newRow("utf-8 txt") << "/utf8.txt"_ba << "text/plain; charset=utf-8"_ba;
    QTest::newRow("latin-1 txt") << "/latin1.txt"_ba << "text/plain"_ba;
    QTest::newRow("gbk page without meta") << "/undeclared.html"_ba << "text/html"_ba;
    QTest::newRow("streamed latin-1 page") << "/big-latin1.html"_ba << "text/html"_ba;
    QTest::newRow("utf-16 bom") << "/utf16.txt"_ba << "text/plain; charset=utf-16le"_ba;
    QTest::newRow("commonjs module") << "/app.cjs"_ba << "text/javascript; charset=utf-8"_ba;
    QTest::newRow("binary") << "/image.png"_ba << "image/png"_ba;
}

void tst_HttpServerFiles::charsetOfServedFiles()
{
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, contentType);
    const auto response = fetch(target);
    QCOMPARE(statusOf(response), 200);
    QCOMPARE(response->header("Content-Type"), contentType);
    QCOMPARE(response->header("X-Content-Type-Options"), "nosniff"_ba);
}

void tst_HttpServerFiles::ownPagesAreUtf8()
{
    for (const QByteArrayView target : {"/", "/missing.html"}) {
        const auto response = fetch(target);
        QVERIFY(response);
        QCOMPARE(response->header("Content-Type"), "text/html; charset=utf-8"_ba);
    }
}

void tst_HttpServerFiles::customNotFoundPageKeepsItsCharset()
{
    WebServerFixture web;
    QCOMPARE(web.start(config(path(u"www404"_s))), QString());
    const auto response = fetch("/missing.html", web.port());
    QCOMPARE(statusOf(response), 404);
    QVERIFY(response->body.contains(GbkText.toByteArray()));
    QCOMPARE(response->header("Content-Type"), "text/html; charset=gbk"_ba);
}

QTEST_GUILESS_MAIN(tst_HttpServerFiles)
#include "tst_httpserver_files.moc"
