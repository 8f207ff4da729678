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
#include <QRegularExpression>
#include <QTest>

#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace HttpTest;

class tst_HttpServerFiles : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data();
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();

    void charsetOfServedFiles_data();
    void charsetOfServedFiles();
    void ownPagesAreUtf8();
    void customNotFoundPageKeepsItsCharset();
    void dotfilesAreNotFound_data();
    void dotfilesAreNotFound();
    void dotfilesServedWhenAsked();
    void listingShowsExactlyWhatCanBeServed_data();
    void listingShowsExactlyWhatCanBeServed();
    void listingOfAFolderReachedThroughASymlink();

private:
    std::optional<ParsedResponse> fetch(QByteArrayView target, quint16 port = 0);
    QString path(const QString &relative) const { return m_base + u'/' + relative; }
    bool write(const QString &relative, QByteArrayView bytes);
    Net::WebServerConfig config(const QString &root) const;
    bool servable(QByteArrayView target, quint16 port);
    bool buildAwkwardFolder();

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
        {"text/latin1.xml",
         "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<a>" + Latin1Text.toByteArray() + "</a>\n"},
        {"text/plain.txt", "Hello, world!\n"},
        {"text/utf8.txt", "gr\xC3\xBC\xC3\x9F dich\n"},
        {"text/latin1.txt", Latin1Text.toByteArray() + '\n'},
        {"text/utf16.txt", QByteArray("\xFF\xFEh\0i\0", 6)},
        {"text/undeclared.html", "<p>" + GbkText.toByteArray() + "</p>\n"},
        {"text/big-latin1.html", bigLatin1},
        {"text/app.cjs", "module.exports = 1;\n"},
        {"text/image.png", "\x89PNG\r\n\x1a\n"},
        {"www404/404.html", gbkPage},
        {"dots/index.html", "<p>dots</p>\n"},
        {"dots/.env", "SECRET=1\n"},
        {"dots/.git/config", "[core]\n"},
        {"dots/.well-known/security.txt", "Contact: mailto:x@example.com\n"},
        {"dots/.well-known/.hidden", "no\n"},
        {"dots/sub/.htpasswd", "user:x\n"},
        {"outside/secret.txt", "TOP-SECRET-listing\n"},
    };
    for (const auto &[relative, bytes] : files)
        QVERIFY2(write(QString::fromLatin1(relative), bytes), relative);
    QVERIFY(QFile::link(path(u"dots/.env"_s), path(u"dots/env-link"_s)));
    QVERIFY(buildAwkwardFolder());
}

void tst_HttpServerFiles::cleanupTestCase()
{
    // Mode-000 files would keep QTemporaryDir from removing the tree.
    const QByteArray folder = QFile::encodeName(path(u"awkward/dir"_s));
    for (const char *locked : {"/unreadable.txt", "/locked-index/index.html"})
        ::chmod((folder + locked).constData(), 0644);
    // QDir works on decoded names and cannot remove these.
    for (const char *notUtf8 : {"/latin1-\xE9.txt", "/bad-\xFF\xFE.txt"})
        ::unlink((folder + notUtf8).constData());
}

// awkward/: every kind of name and file a listing can meet. Some can be
// served, some cannot; the test finds out which by asking the server.
bool tst_HttpServerFiles::buildAwkwardFolder()
{
    const QByteArray folder = QFile::encodeName(path(u"awkward/dir"_s));
    const char *const names[] = {
        // servable, however awkward in a URL ("unreadable.txt" too when run by root)
        "plain.txt", "with space.txt", "100%.txt", "hash#tag.txt", "what?.txt", "a&b<c>'\".txt",
        "\xC3\xBCmlaut \xE2\x9C\x93.txt", "+plus;semi=eq,comma.txt", "sub/inner.txt", "unreadable.txt",
        // refused by the decoder, as dot files, or as folders whose index cannot be served
        "back\\slash.txt", "tab\there.txt", "new\nline.txt", ".env", "latin1-\xE9.txt", "bad-\xFF\xFE.txt",
        "c1-\xC2\x85.txt", "locked-index/index.html", "fifo-index/placeholder"};
    if (!QDir().mkpath(QFile::decodeName(folder)))
        return false;
    // Raw bytes for names, so the names that are not UTF-8 stay what they are;
    // each file holds its own name.
    const auto create = [&folder](const char *name) {
        const QByteArray file = folder + '/' + name;
        ::mkdir(file.first(file.lastIndexOf('/')).constData(), 0755);
        const int fd = ::open(file.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        const qsizetype length = qsizetype(std::strlen(name));
        const bool written = fd >= 0 && ::write(fd, name, size_t(length)) == length;
        return fd >= 0 && ::close(fd) == 0 && written;
    };
    for (const char *name : names) {
        if (!create(name))
            return false;
    }
    ::chmod((folder + "/unreadable.txt").constData(), 0);
    ::chmod((folder + "/locked-index/index.html").constData(), 0);
    return ::mkfifo((folder + "/fifo").constData(), 0644) == 0
        && ::mkfifo((folder + "/fifo-index/index.html").constData(), 0644) == 0
        && QFile::link(path(u"awkward/dir/plain.txt"_s), path(u"awkward/dir/link-in"_s))
        && QFile::link(path(u"awkward/dir/sub"_s), path(u"awkward/dir/dir-link-in"_s))
        && QFile::link(path(u"outside/secret.txt"_s), path(u"awkward/dir/link-out"_s))
        && QFile::link(path(u"outside"_s), path(u"awkward/dir/dir-link-out"_s))
        && QFile::link(path(u"awkward/dir/nothing"_s), path(u"awkward/dir/dangling"_s));
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

void tst_HttpServerFiles::dotfilesAreNotFound_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<int>("status");
    QTest::newRow("dot file") << "/.env"_ba << 404;
    QTest::newRow("encoded dot") << "/%2Eenv"_ba << 404;
    QTest::newRow("dot folder") << "/.git/"_ba << 404;
    QTest::newRow("dot folder without slash") << "/.git"_ba << 404;
    QTest::newRow("in a dot folder") << "/.git/config"_ba << 404;
    QTest::newRow("dot file in a folder") << "/sub/.htpasswd"_ba << 404;
    QTest::newRow("symlink to a dot file") << "/env-link"_ba << 404;
    QTest::newRow("dot file in well-known") << "/.well-known/.hidden"_ba << 404;
    QTest::newRow("well-known") << "/.well-known/security.txt"_ba << 200;
    QTest::newRow("well-known folder") << "/.well-known/"_ba << 200;
}

void tst_HttpServerFiles::dotfilesAreNotFound()
{
    QFETCH(QByteArray, target);
    QFETCH(int, status);
    WebServerFixture web;
    QCOMPARE(web.start(config(path(u"dots"_s))), QString());
    const auto response = fetch(target, web.port());
    QCOMPARE(statusOf(response), status);
    QVERIFY(!response->body.contains("SECRET") && !response->body.contains("[core]"));
    if (status == 404)
        QCOMPARE(response->header("Content-Type"), "text/html; charset=utf-8"_ba); // our page, not the file

    // Nor does the listing give them away.
    const auto listing = fetch("/sub/", web.port());
    QCOMPARE(statusOf(listing), 200);
    QVERIFY2(!listing->body.contains(".htpasswd"), listing->body.constData());
}

void tst_HttpServerFiles::dotfilesServedWhenAsked()
{
    WebServerFixture web;
    Net::WebServerConfig serving = config(path(u"dots"_s));
    serving.serveDotfiles = true;
    QCOMPARE(web.start(serving), QString());
    QCOMPARE(bodyOf(fetch("/.env", web.port())), "SECRET=1\n"_ba);
    QCOMPARE(bodyOf(fetch("/env-link", web.port())), "SECRET=1\n"_ba);
    QCOMPARE(statusOf(fetch("/.git/config", web.port())), 200);
    QVERIFY(bodyOf(fetch("/sub/", web.port())).contains("href=\".htpasswd\""));
}

bool tst_HttpServerFiles::servable(QByteArrayView target, quint16 port)
{
    const auto response = fetch(target, port);
    if (statusOf(response) == 301) { // a folder: its address ends in '/'
        const QByteArray folder = target.toByteArray() + '/';
        return response->header("Location") == folder && statusOf(fetch(folder, port)) == 200;
    }
    return statusOf(response) == 200;
}

void tst_HttpServerFiles::listingShowsExactlyWhatCanBeServed_data()
{
    QTest::addColumn<bool>("serveDotfiles");
    QTest::newRow("dot files refused") << false;
    QTest::newRow("dot files served") << true;
}

void tst_HttpServerFiles::listingShowsExactlyWhatCanBeServed()
{
    QFETCH(bool, serveDotfiles);
    WebServerFixture web;
    Net::WebServerConfig listing = config(path(u"awkward"_s));
    listing.serveDotfiles = serveDotfiles;
    QCOMPARE(web.start(listing), QString());
    const auto page = fetch("/dir/", web.port());
    QCOMPARE(statusOf(page), 200);

    // Every link on the page works...
    QSet<QByteArray> listed;
    static const QRegularExpression hrefs(u"href=\"([^\"]*)\""_s);
    for (const QRegularExpressionMatch &match : hrefs.globalMatch(QString::fromUtf8(page->body))) {
        const QByteArray href = match.captured(1).toUtf8();
        QVERIFY2(!href.contains('&') && !href.contains('<'), href.constData()); // percent-encoded, nothing to unescape
        // A browser or wget resolves "../" before asking; the server refuses a literal one.
        const auto response = fetch(href == "../" ? "/"_ba : "/dir/" + href, web.port());
        QVERIFY2(statusOf(response) == 200, href.constData());
        if (href != "../")
            listed.insert(href.endsWith('/') ? href.chopped(1) : href);
    }
    // ...and every entry that can be served has a link: ask for each name on disk.
    QSet<QByteArray> servedNames;
    DIR *dir = ::opendir(QFile::encodeName(path(u"awkward/dir"_s)).constData());
    QVERIFY(dir);
    while (const dirent *entry = ::readdir(dir)) {
        const QByteArray name(entry->d_name);
        if (name == "." || name == "..")
            continue;
        const QByteArray encoded = name.toPercentEncoding();
        const bool served = servable("/dir/" + encoded, web.port());
        QVERIFY2(served == listed.contains(encoded),
                 qPrintable(u"%1 is %2 but %3"_s.arg(QString::fromLatin1(encoded), served ? u"served"_s : u"refused"_s,
                                                    listed.contains(encoded) ? u"listed"_s : u"not listed"_s)));
        if (served)
            servedNames.insert(encoded);
    }
    ::closedir(dir);
    QCOMPARE(listed, servedNames);

    // The awkward names that can be served are there, the others are not.
    for (const QByteArrayView name : {"plain.txt", "with%20space.txt", "100%25.txt", "hash%23tag.txt", "what%3F.txt",
                                      "%C3%BCmlaut%20%E2%9C%93.txt", "link-in", "dir-link-in", "sub"})
        QVERIFY2(listed.contains(name.toByteArray()), name.data());
    for (const QByteArrayView name : {"link-out", "dir-link-out", "dangling", "fifo", "fifo-index", "back%5Cslash.txt",
                                      "tab%09here.txt", "latin1-%E9.txt", "bad-%FF%FE.txt", "c1-%C2%85.txt"})
        QVERIFY2(!listed.contains(name.toByteArray()), name.data());
    QCOMPARE(listed.contains(".env"), serveDotfiles);
    // Nothing about what lies outside the root: not its name, not its size.
    QVERIFY(!page->body.contains("secret") && !page->body.contains("link-out"));
}

void tst_HttpServerFiles::listingOfAFolderReachedThroughASymlink()
{
    WebServerFixture web;
    QCOMPARE(web.start(config(path(u"awkward"_s))), QString());
    const auto page = fetch("/dir/dir-link-in/", web.port());
    QCOMPARE(statusOf(page), 200);
    QVERIFY2(page->body.contains("href=\"inner.txt\""), page->body.constData());
    QCOMPARE(bodyOf(fetch("/dir/dir-link-in/inner.txt", web.port())), "sub/inner.txt"_ba);
}

QTEST_GUILESS_MAIN(tst_HttpServerFiles)
#include "tst_httpserver_files.moc"
