// The web server over real loopback sockets against requests that try to
// leave the document root. Next to the root lies outside/secret.txt with a
// known string; whatever a request tries, that string never goes out.

#include "parsedresponse.h"
#include "rawclient.h"
#include "testsite.h"
#include "webserverfixture.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace HttpTest;

class tst_HttpServerTraversal : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data();
    void initTestCase();
    void init();
    void cleanup();

    void escapeIsRefused_data();
    void escapeIsRefused();
    void headOfEscapeIsRefused();
    void absoluteFileSystemPathStaysInRoot();
    void symlinkInsideRootIsServed();
    void escapesOnOneConnection();
    void cachedFileSwappedForOutsideLinkIsNotServed();
    void cachedFileVanishedKeepsEarlierPipelinedAnswer();

private:
    std::optional<ParsedResponse> fetchOnce(WebServerFixture &web, QByteArrayView request);

    TestSite m_site;
    bool m_ipv6 = false;
    QHostAddress m_address;
    std::unique_ptr<WebServerFixture> m_web;
};

namespace {

// A root where /link/big.bin is reached through a symlinked folder, so a test
// can move the real folder after the server has cached the file:
//   www/real/big.bin, www/link -> www/real, www/hello.txt, outside/
class MovableTree
{
public:
    static constexpr qsizetype FileBytes = 512 * 1024; // above the in-memory cache bound: streamed

    bool create()
    {
        m_base = QFileInfo(m_dir.path()).canonicalFilePath();
        m_content = QByteArray(FileBytes, 'i');
        return QDir(m_base).mkpath(u"www/real"_s) && QDir(m_base).mkpath(u"outside"_s)
            && write(u"www/real/big.bin"_s, m_content) && write(u"www/hello.txt"_s, Site::HelloTxt.toByteArray())
            && QFile::link(path(u"www/real"_s), path(u"www/link"_s));
    }
    // Moves www/real to www/moved and points www/link there: the file the
    // link leads to is the very same (inode, size, time), its canonical path is not.
    bool moveRealFolder()
    {
        return QDir(m_base).rename(u"www/real"_s, u"www/moved"_s) && QFile::remove(path(u"www/link"_s))
            && QFile::link(path(u"www/moved"_s), path(u"www/link"_s));
    }
    // Puts a symlink to outside/ where www/real was, with a secret big.bin there.
    bool plantOutsideLink()
    {
        QByteArray secret;
        while (secret.size() < FileBytes)
            secret += Site::Secret;
        secret.truncate(FileBytes);
        return write(u"outside/big.bin"_s, secret) && QFile::link(path(u"outside"_s), path(u"www/real"_s));
    }

    QString root() const { return path(u"www"_s); }
    const QByteArray &content() const { return m_content; }

private:
    QString path(const QString &relative) const { return m_base + u'/' + relative; }
    bool write(const QString &relative, const QByteArray &bytes)
    {
        QFile file(path(relative));
        return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
    }

    QTemporaryDir m_dir;
    QString m_base;
    QByteArray m_content;
};

} // namespace

void tst_HttpServerTraversal::initTestCase_data()
{
    addLoopbackRows();
}

void tst_HttpServerTraversal::initTestCase()
{
    QVERIFY2(m_site.create(), qPrintable(m_site.error()));
    m_ipv6 = ipv6LoopbackAvailable();
}

void tst_HttpServerTraversal::init()
{
    m_address = currentLoopback();
    if (m_address.protocol() == QAbstractSocket::IPv6Protocol && !m_ipv6)
        QSKIP("IPv6 loopback (::1) is not available on this machine");
    m_web = std::make_unique<WebServerFixture>();
    QCOMPARE(m_web->start(WebServerFixture::config(m_address, m_site.root())), QString());
}

void tst_HttpServerTraversal::cleanup()
{
    m_web.reset();
}

std::optional<ParsedResponse> tst_HttpServerTraversal::fetchOnce(WebServerFixture &web, QByteArrayView request)
{
    RawClient client;
    if (!client.connectTo(m_address, web.port()))
        return std::nullopt;
    return client.exchange(request);
}

void tst_HttpServerTraversal::escapeIsRefused_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<int>("status");
    QTest::newRow("dot-dot") << "/../outside/secret.txt"_ba << 403;
    QTest::newRow("dot-dot twice") << "/../../outside/secret.txt"_ba << 403;
    QTest::newRow("dot-dot after a folder") << "/docs/../../outside/secret.txt"_ba << 403;
    QTest::newRow("dot-dot at the end") << "/docs/.."_ba << 403;
    QTest::newRow("dot then dot-dot") << "/./../outside/secret.txt"_ba << 403;
    QTest::newRow("%2e%2e") << "/%2e%2e/outside/secret.txt"_ba << 403;
    QTest::newRow("%2E%2E") << "/%2E%2E/outside/secret.txt"_ba << 403;
    QTest::newRow(".%2e") << "/.%2e/outside/secret.txt"_ba << 403;
    QTest::newRow("%2f") << "/..%2foutside%2fsecret.txt"_ba << 403;
    QTest::newRow("%2F in a name") << "/docs%2F..%2F..%2Foutside%2Fsecret.txt"_ba << 403;
    QTest::newRow("%5c") << "/..%5coutside%5csecret.txt"_ba << 403;
    QTest::newRow("backslash") << "/..\\outside\\secret.txt"_ba << 403;
    QTest::newRow("%00") << "/secret-link%00.html"_ba << 403;
    QTest::newRow("%00 after a real file") << "/hello.txt%00"_ba << 403;
    QTest::newRow("overlong UTF-8 dot") << "/%c0%ae%c0%ae/outside/secret.txt"_ba << 403;
    QTest::newRow("symlink to a file outside") << "/secret-link"_ba << 403;
    QTest::newRow("symlink to a folder outside") << "/outside-dir/secret.txt"_ba << 403;
    QTest::newRow("symlinked folder itself") << "/outside-dir/"_ba << 403;
    QTest::newRow("absolute-form dot-dot") << "http://test.localhost/../outside/secret.txt"_ba << 403;
    QTest::newRow("double slash") << "//outside/secret.txt"_ba << 404;
    QTest::newRow("relative target") << "outside/secret.txt"_ba << 403;
}

void tst_HttpServerTraversal::escapeIsRefused()
{
    QFETCH(QByteArray, target);
    QFETCH(int, status);
    RawClient client;
    QVERIFY(client.connectTo(m_address, m_web->port()));
    const auto response = client.exchange(get(target));
    QVERIFY(response);
    QCOMPARE(response->status, status);
    QVERIFY2(!response->body.contains(Site::Secret), "the secret leaked");
    QVERIFY(!response->head.contains(Site::Secret));
    QCOMPARE(response->header("Content-Type"), "text/html; charset=utf-8"_ba);
    // The server keeps working, and the next answer is clean too.
    QCOMPARE(bodyOf(client.exchange(get("/hello.txt"))), Site::HelloTxt.toByteArray());
    QVERIFY(!client.pending().contains(Site::Secret));
}

void tst_HttpServerTraversal::headOfEscapeIsRefused()
{
    RawClient client;
    QVERIFY(client.connectTo(m_address, m_web->port()));
    const auto response = client.exchange(request("HEAD", "/secret-link"), true);
    QCOMPARE(statusOf(response), 403);
    // The refusal must not reveal the secret file's size either.
    QVERIFY(response->contentLength() != Site::Secret.size());
}

void tst_HttpServerTraversal::absoluteFileSystemPathStaysInRoot()
{
    // "/tmp/.../outside/secret.txt" is a path below the root, which has no such folder.
    const QByteArray target = QByteArray(m_site.secretPath().toUtf8()).replace(' ', "%20");
    RawClient client;
    QVERIFY(client.connectTo(m_address, m_web->port()));
    const auto response = client.exchange(get(target));
    QCOMPARE(statusOf(response), 404);
    QVERIFY(!response->body.contains(Site::Secret));
}

void tst_HttpServerTraversal::symlinkInsideRootIsServed()
{
    RawClient client;
    QVERIFY(client.connectTo(m_address, m_web->port()));
    const auto response = client.exchange(get("/hello-link"));
    QCOMPARE(statusOf(response), 200);
    QCOMPARE(response->body, Site::HelloTxt.toByteArray());
}

void tst_HttpServerTraversal::escapesOnOneConnection()
{
    // After a legitimate request fills the server's file cache, attempts on
    // the same connection must still be judged, not served from the cache.
    RawClient client;
    QVERIFY(client.connectTo(m_address, m_web->port()));
    QCOMPARE(statusOf(client.exchange(get("/hello-link"))), 200);
    for (const char *target : {"/secret-link", "/secret-link?x", "/outside-dir/secret.txt", "/%2e%2e/outside/secret.txt"}) {
        const auto response = client.exchange(get(target));
        QVERIFY2(response, target);
        QVERIFY2(response->status == 403 || response->status == 404, target);
        QVERIFY2(!response->body.contains(Site::Secret), target);
    }
}

void tst_HttpServerTraversal::cachedFileSwappedForOutsideLinkIsNotServed()
{
    MovableTree tree;
    QVERIFY(tree.create());
    WebServerFixture web;
    QCOMPARE(web.start(WebServerFixture::config(m_address, tree.root())), QString());
    QVERIFY(bodyOf(fetchOnce(web, get("/link/big.bin"))) == tree.content()); // now cached

    // Someone who may write in the root swaps folders: the cached entry still
    // matches what /link/big.bin leads to, but the path it recorded now
    // leads outside the root.
    QVERIFY(tree.moveRealFolder());
    QVERIFY(tree.plantOutsideLink());
    const auto response = fetchOnce(web, get("/link/big.bin"));
    QVERIFY(response);
    QVERIFY2(!response->body.contains(Site::Secret),
             "a file outside the root was served through a stale cache entry");
    if (response->status == 200)
        QVERIFY(response->body == tree.content());
}

void tst_HttpServerTraversal::cachedFileVanishedKeepsEarlierPipelinedAnswer()
{
    MovableTree tree;
    QVERIFY(tree.create());
    WebServerFixture web;
    QCOMPARE(web.start(WebServerFixture::config(m_address, tree.root())), QString());
    QVERIFY(bodyOf(fetchOnce(web, get("/link/big.bin"))) == tree.content()); // now cached
    QVERIFY(tree.moveRealFolder()); // the cached canonical path no longer exists

    RawClient client;
    QVERIFY(client.connectTo(m_address, web.port()));
    client.send(get("/hello.txt") + get("/link/big.bin"));
    const auto first = client.next();
    QVERIFY(first);
    QCOMPARE(first->status, 200); // answered before the file went missing: must not be lost
    QCOMPARE(first->body, Site::HelloTxt.toByteArray());
    const auto second = client.next();
    QVERIFY(second);
    QVERIFY(second->status == 200 || second->status >= 500);
}

QTEST_GUILESS_MAIN(tst_HttpServerTraversal)
#include "tst_httpserver_traversal.moc"
