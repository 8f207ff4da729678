#include "http/documentroot.h"

#include <QDir>
#include <QFile>
#include <QLocalServer>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace Net;

using Verdict = DecodedPath::Verdict;
using Kind = DocumentRoot::Kind;
Q_DECLARE_METATYPE(Net::DecodedPath::Verdict)
Q_DECLARE_METATYPE(Net::DocumentRoot::Kind)

class tst_DocumentRoot : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void decode_data();
    void decode();
    void rootValidity();
    void contains();
    void resolve_data();
    void resolve();
    void traversal_data();
    void traversal();
    void handBuiltPaths();
    void dotPath_data();
    void dotPath();
    void dotfilesServedWhenAsked_data();
    void dotfilesServedWhenAsked();
    void randomTargetsStayInside();

private:
    QString www(const QString &relative = {}) const;

    QTemporaryDir m_dir;
    QLocalServer m_socket;
    QString m_root;
};

namespace {

const QString UnicodeName = u"space and ümlaut ✓.txt"_s;
constexpr QByteArrayView UnicodeTarget = "/space%20and%20%C3%BCmlaut%20%E2%9C%93.txt";

bool writeFile(const QString &path, QByteArrayView content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content.data(), content.size()) == content.size();
}

} // namespace

QString tst_DocumentRoot::www(const QString &relative) const
{
    return relative.isEmpty() ? m_root : m_root + u'/' + relative;
}

void tst_DocumentRoot::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QString base = QFileInfo(m_dir.path()).canonicalFilePath();
    m_root = base + u"/www"_s;
    QDir dir(base);
    for (const auto &sub : {u"www"_s, u"www/docs"_s, u"www/empty"_s, u"outside"_s, u"www-private"_s, u"www/.git"_s,
                            u"www/.well-known/acme-challenge"_s, u"www/docs/.well-known"_s})
        QVERIFY(dir.mkpath(sub));

    for (const auto &file : {u"index.html"_s, u"a.txt"_s, u".hidden"_s, u"docs/index.html"_s,
                             u"docs/guide.txt"_s, UnicodeName, u"locked.txt"_s, u"...txt"_s, u".git/config"_s,
                             u"docs/.env"_s, u".well-known/security.txt"_s, u".well-known/acme-challenge/token"_s,
                             u".well-known/.secret"_s, u"docs/.well-known/x"_s})
        QVERIFY(writeFile(www(file), "inside"));
    QVERIFY(writeFile(base + u"/outside/secret.txt"_s, "secret"));
    QVERIFY(writeFile(base + u"/www-private/x.txt"_s, "private"));

    QVERIFY(QFile::link(www(u"a.txt"_s), www(u"link-inside"_s)));
    QVERIFY(QFile::link(www(u"docs"_s), www(u"linkdir-inside"_s)));
    QVERIFY(QFile::link(base + u"/outside/secret.txt"_s, www(u"link-outside"_s)));
    QVERIFY(QFile::link(base + u"/outside"_s, www(u"linkdir-outside"_s)));
    QVERIFY(QFile::link(base + u"/www-private/x.txt"_s, www(u"link-private"_s)));
    QVERIFY(QFile::link(u"/etc/passwd"_s, www(u"link-etc"_s)));
    QVERIFY(QFile::link(www(u"nothing-here"_s), www(u"dangling"_s)));
    QVERIFY(QFile::link(m_root, base + u"/rootlink"_s));
    QVERIFY(QFile::link(www(u".hidden"_s), www(u"env-link"_s)));
    QVERIFY(QFile::link(www(u".git"_s), www(u"git-link"_s)));

    QVERIFY(QFile::setPermissions(www(u"locked.txt"_s), QFileDevice::Permissions()));
    QCOMPARE(::mkfifo(QFile::encodeName(www(u"fifo"_s)).constData(), 0644), 0);
    m_socket.setSocketOptions(QLocalServer::UserAccessOption);
    QVERIFY2(m_socket.listen(www(u"socket"_s)), qPrintable(m_socket.errorString()));
}

void tst_DocumentRoot::cleanupTestCase()
{
    m_socket.close();
    QFile::setPermissions(www(u"locked.txt"_s), QFileDevice::ReadOwner | QFileDevice::WriteOwner);
}

namespace {

void ok(const char *name, const QByteArray &target, const QString &relative, bool trailingSlash)
{
    QTest::addRow("%s", name) << target << Verdict::Ok << relative << trailingSlash;
}

void refused(const char *name, const QByteArray &target, Verdict verdict)
{
    QTest::addRow("%s", name) << target << verdict << QString() << false;
}

void addAcceptedRows()
{
    ok("root", "/", u""_s, true);
    ok("file", "/index.html", u"index.html"_s, false);
    ok("directory", "/docs/", u"docs"_s, true);
    ok("directory without slash", "/docs", u"docs"_s, false);
    ok("dot names the directory", "/docs/.", u"docs"_s, true);
    ok("encoded dot names the directory", "/docs/%2e", u"docs"_s, true);
    ok("double slashes collapse", "//docs//a.txt", u"docs/a.txt"_s, false);
    ok("dot segments dropped", "/./docs/./a.txt", u"docs/a.txt"_s, false);
    ok("query dropped", "/a.txt?x=1&y=/../", u"a.txt"_s, false);
    ok("fragment dropped", "/a.txt#top", u"a.txt"_s, false);
    ok("empty query", "/docs/?", u"docs"_s, true);
    ok("utf-8 with spaces", UnicodeTarget.toByteArray(), UnicodeName, false);
    ok("lower-case hex", "/%e2%9c%93", u"✓"_s, false);
    ok("raw utf-8", "/\xc3\xbc", u"ü"_s, false);
    ok("replacement character itself", "/%EF%BF%BD", u"\uFFFD"_s, false);
    ok("decoded once only", "/a%2525", u"a%25"_s, false);
    ok("encoded letters", "/%41%62c", u"Abc"_s, false);
    ok("three dots are a name", "/...", u"..."_s, false);
    ok("dots inside a name", "/..a/b..", u"..a/b.."_s, false);
    ok("hidden file", "/.hidden", u".hidden"_s, false);
    ok("absolute-form", "http://example.com/docs/a.txt", u"docs/a.txt"_s, false);
    ok("absolute-form https and port", "HTTPS://example.com:8443/a?q", u"a"_s, false);
    ok("absolute-form without path", "http://example.com", u""_s, true);
    ok("absolute-form query only", "http://example.com?x", u""_s, true);
    ok("double slash stays inside", "//etc/passwd", u"etc/passwd"_s, false);
}

void addRefusedRows()
{
    refused("empty", "", Verdict::Forbidden);
    refused("relative", "a/b", Verdict::Forbidden);
    refused("asterisk", "*", Verdict::Forbidden);
    refused("other scheme", "ftp://h/x", Verdict::Forbidden);
    refused("dotdot", "/../etc/passwd", Verdict::Forbidden);
    refused("dotdot at end", "/a/..", Verdict::Forbidden);
    refused("dotdot that stays inside", "/a/../b", Verdict::Forbidden);
    refused("encoded dotdot", "/%2e%2e/x", Verdict::Forbidden);
    refused("encoded slash", "/a%2fb", Verdict::Forbidden);
    refused("encoded backslash", "/a%5Cb", Verdict::Forbidden);
    refused("raw backslash", "/a\\b", Verdict::Forbidden);
    refused("encoded nul", "/x%00.html", Verdict::Forbidden);
    refused("raw nul", QByteArray("/x\0y", 4), Verdict::Forbidden);
    refused("encoded newline", "/x%0a", Verdict::Forbidden);
    refused("raw tab", "/x\ty", Verdict::Forbidden);
    refused("delete", "/x%7F", Verdict::Forbidden);
    refused("c1 control", "/x%c2%85", Verdict::Forbidden);
    refused("invalid byte", "/%ff", Verdict::Forbidden);
    refused("raw invalid byte", "/\xff", Verdict::Forbidden);
    refused("truncated sequence", "/%c3", Verdict::Forbidden);
    refused("surrogate", "/%ed%a0%80", Verdict::Forbidden);
    refused("overlong slash", "/%c0%af", Verdict::Forbidden);
    refused("escape without digits", "/%zz", Verdict::BadRequest);
    refused("escape with one digit", "/%4", Verdict::BadRequest);
    refused("lone percent", "/%", Verdict::BadRequest);
    refused("half hex", "/a%g0", Verdict::BadRequest);
    refused("double percent", "/%%41", Verdict::BadRequest);
}

} // namespace

void tst_DocumentRoot::decode_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<Verdict>("verdict");
    QTest::addColumn<QString>("relative");
    QTest::addColumn<bool>("trailingSlash");

    addAcceptedRows();
    addRefusedRows();
}

void tst_DocumentRoot::decode()
{
    QFETCH(QByteArray, target);
    QFETCH(Verdict, verdict);
    QFETCH(QString, relative);
    QFETCH(bool, trailingSlash);

    const DecodedPath path = decodeRequestPath(target);
    QCOMPARE(path.verdict, verdict);
    if (verdict == Verdict::Ok) {
        QCOMPARE(path.relative, relative);
        QCOMPARE(path.trailingSlash, trailingSlash);
    }
}

void tst_DocumentRoot::rootValidity()
{
    QVERIFY(DocumentRoot(m_root).isValid());
    QCOMPARE(DocumentRoot(m_root + u"/"_s).canonicalPath(), m_root);
    QCOMPARE(DocumentRoot(m_root + u"/docs/.."_s).canonicalPath(), m_root);
    QVERIFY(!DocumentRoot(QString()).isValid());
    QVERIFY(!DocumentRoot(www(u"missing"_s)).isValid());
    QVERIFY(!DocumentRoot(www(u"a.txt"_s)).isValid());

    // A root reached through a symlink is judged by where it lands.
    const DocumentRoot viaLink(QFileInfo(m_root).path() + u"/rootlink"_s);
    QCOMPARE(viaLink.canonicalPath(), m_root);
    QCOMPARE(viaLink.resolve(decodeRequestPath("/link-inside")).kind, Kind::File);

    const DocumentRoot invalid(www(u"missing"_s));
    QCOMPARE(invalid.resolve(decodeRequestPath("/")).kind, Kind::NotFound);
}

void tst_DocumentRoot::contains()
{
    const DocumentRoot root(m_root);
    QVERIFY(root.contains(m_root));
    QVERIFY(root.contains(www(u"a.txt"_s)));
    QVERIFY(root.contains(www(u"docs/guide.txt"_s)));
    QVERIFY(!root.contains(m_root + u"-private/x.txt"_s));
    QVERIFY(!root.contains(QFileInfo(m_root).path()));
    QVERIFY(!root.contains(u"/etc/passwd"_s));
    QVERIFY(!root.contains(QString()));

    const DocumentRoot filesystem(u"/"_s);
    QCOMPARE(filesystem.canonicalPath(), u"/"_s);
    QVERIFY(filesystem.contains(u"/etc/passwd"_s));
    QVERIFY(filesystem.contains(u"/"_s));
    QCOMPARE(filesystem.resolve(decodeRequestPath("/etc/")).kind, Kind::Directory);
}

void tst_DocumentRoot::resolve_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QString>("path"); // absolutePath relative to the root, for the inside kinds

    QTest::addRow("root") << "/"_ba << Kind::Directory << QString();
    QTest::addRow("index") << "/index.html"_ba << Kind::File << u"index.html"_s;
    QTest::addRow("directory without slash") << "/docs"_ba << Kind::RedirectToSlash << u"docs"_s;
    QTest::addRow("directory") << "/docs/"_ba << Kind::Directory << u"docs"_s;
    QTest::addRow("directory without index") << "/empty/"_ba << Kind::Directory << u"empty"_s;
    QTest::addRow("nested file") << "/docs/guide.txt"_ba << Kind::File << u"docs/guide.txt"_s;
    QTest::addRow("file with trailing slash") << "/docs/guide.txt/"_ba << Kind::NotFound << QString();
    QTest::addRow("missing") << "/missing"_ba << Kind::NotFound << QString();
    QTest::addRow("missing directory") << "/missing/x"_ba << Kind::NotFound << QString();
    // Dot files are not found (not even forbidden: their existence does not show).
    QTest::addRow("hidden file") << "/.hidden"_ba << Kind::NotFound << QString();
    QTest::addRow("hidden folder") << "/.git/"_ba << Kind::NotFound << QString();
    QTest::addRow("hidden folder without slash") << "/.git"_ba << Kind::NotFound << QString();
    QTest::addRow("in a hidden folder") << "/.git/config"_ba << Kind::NotFound << QString();
    QTest::addRow("hidden file in a folder") << "/docs/.env"_ba << Kind::NotFound << QString();
    QTest::addRow("encoded dot") << "/%2Ehidden"_ba << Kind::NotFound << QString();
    QTest::addRow("symlink to a dot file") << "/env-link"_ba << Kind::NotFound << QString();
    QTest::addRow("through a symlink to a dot folder") << "/git-link/config"_ba << Kind::NotFound << QString();
    QTest::addRow("well-known") << "/.well-known/security.txt"_ba << Kind::File << u".well-known/security.txt"_s;
    QTest::addRow("well-known folder") << "/.well-known/"_ba << Kind::Directory << u".well-known"_s;
    QTest::addRow("acme challenge") << "/.well-known/acme-challenge/token"_ba << Kind::File
                                    << u".well-known/acme-challenge/token"_s;
    QTest::addRow("dot file in well-known") << "/.well-known/.secret"_ba << Kind::NotFound << QString();
    QTest::addRow("well-known below the top") << "/docs/.well-known/x"_ba << Kind::NotFound << QString();
    QTest::addRow("dots in a name") << "/...txt"_ba << Kind::NotFound << QString(); // a dot file too
    QTest::addRow("utf-8 name") << UnicodeTarget.toByteArray() << Kind::File << UnicodeName;
    QTest::addRow("absolute-form") << "http://h/docs/guide.txt?x"_ba << Kind::File << u"docs/guide.txt"_s;
    QTest::addRow("symlink inside") << "/link-inside"_ba << Kind::File << u"a.txt"_s;
    QTest::addRow("symlinked dir inside") << "/linkdir-inside/"_ba << Kind::Directory << u"docs"_s;
    QTest::addRow("through symlinked dir") << "/linkdir-inside/guide.txt"_ba << Kind::File
                                           << u"docs/guide.txt"_s;
    QTest::addRow("symlink outside") << "/link-outside"_ba << Kind::Forbidden << QString();
    QTest::addRow("symlink to /etc/passwd") << "/link-etc"_ba << Kind::Forbidden << QString();
    QTest::addRow("symlink to sibling with root prefix") << "/link-private"_ba << Kind::Forbidden << QString();
    QTest::addRow("symlinked dir outside") << "/linkdir-outside/"_ba << Kind::Forbidden << QString();
    QTest::addRow("symlinked dir outside, no slash") << "/linkdir-outside"_ba << Kind::Forbidden << QString();
    QTest::addRow("through symlinked dir outside") << "/linkdir-outside/secret.txt"_ba << Kind::Forbidden
                                                   << QString();
    QTest::addRow("dangling symlink") << "/dangling"_ba << Kind::NotFound << QString();
    QTest::addRow("fifo") << "/fifo"_ba << Kind::Forbidden << QString();
    QTest::addRow("socket") << "/socket"_ba << Kind::Forbidden << QString();
    QTest::addRow("unreadable") << "/locked.txt"_ba << Kind::Forbidden << QString();
}

void tst_DocumentRoot::resolve()
{
    QFETCH(QByteArray, target);
    QFETCH(Kind, kind);
    QFETCH(QString, path);

    const DocumentRoot root(m_root);
    const DecodedPath decoded = decodeRequestPath(target);
    QCOMPARE(decoded.verdict, Verdict::Ok);
    const DocumentRoot::Resolved resolved = root.resolve(decoded);

    if (target == "/locked.txt") {
        QFile probe(www(u"locked.txt"_s));
        if (probe.open(QIODevice::ReadOnly))
            QSKIP("Running with privileges that read a mode-000 file; nothing to refuse.");
    }
    QCOMPARE(resolved.kind, kind);
    if (kind == Kind::NotFound || kind == Kind::Forbidden) {
        QVERIFY(resolved.absolutePath.isEmpty());
    } else {
        QCOMPARE(resolved.absolutePath, www(path));
        QVERIFY(root.contains(resolved.absolutePath));
    }
}

void tst_DocumentRoot::traversal_data()
{
    QTest::addColumn<QByteArray>("target");

    const char *const targets[] = {
        "/../etc/passwd", "/a/../../x", "/%2e%2e/x", "/%2E%2E/x", "/.%2e/x", "/%2e./x",
        "/a%2f..%2fb", "/..%5c..%5cx", "/a\\..\\b", "/x%00.html", "//etc/passwd",
        "http://h/../x", "/%c0%ae%c0%ae/x", "/%e0%80%ae%e0%80%ae/x", "/%c0%ae%c0%ae%c0%af",
        "/%f0%80%80%ae/x", "/..", "/../", "/docs/../../outside/secret.txt", "/linkdir-outside/../../www/a.txt",
        "/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/..;/x", "/%252e%252e/x", "/..%00/x", "/%u002e%u002e/x",
        "/link-outside/", "/linkdir-outside/secret.txt", "/link-etc",
    };
    for (const char *target : targets)
        QTest::addRow("%s", target) << QByteArray(target);
    QTest::addRow("raw nul") << QByteArray("/x\0y", 4);
    QTest::addRow("raw nul before dotdot") << QByteArray("/\0/../x", 7);
}

void tst_DocumentRoot::traversal()
{
    QFETCH(QByteArray, target);
    const DocumentRoot root(m_root);
    const DecodedPath decoded = decodeRequestPath(target);
    const DocumentRoot::Resolved resolved = root.resolve(decoded);
    QVERIFY2(resolved.kind == Kind::Forbidden || resolved.kind == Kind::NotFound,
             qPrintable(u"kind %1 for %2"_s.arg(int(resolved.kind)).arg(resolved.absolutePath)));
    QVERIFY(resolved.absolutePath.isEmpty());
}

void tst_DocumentRoot::handBuiltPaths()
{
    // resolve() must not trust a DecodedPath that did not come from the decoder.
    const DocumentRoot root(m_root);
    const auto resolveRelative = [&root](const QString &relative, Verdict verdict = Verdict::Ok) {
        DecodedPath path;
        path.verdict = verdict;
        path.relative = relative;
        return root.resolve(path).kind;
    };
    QCOMPARE(resolveRelative(u"../outside/secret.txt"_s), Kind::Forbidden);
    QCOMPARE(resolveRelative(u"docs/../../outside"_s), Kind::Forbidden);
    QCOMPARE(resolveRelative(u".."_s), Kind::Forbidden);
    QCOMPARE(resolveRelative(u"/etc/passwd"_s), Kind::Forbidden);
    QCOMPARE(resolveRelative(u"docs\\..\\a.txt"_s), Kind::Forbidden);
    QCOMPARE(resolveRelative(u"a.txt\0x"_s), Kind::Forbidden);
    QCOMPARE(resolveRelative(u"a.txt"_s, Verdict::BadRequest), Kind::Forbidden);
    QCOMPARE(resolveRelative(u"a.txt"_s, Verdict::Forbidden), Kind::Forbidden);
    QCOMPARE(resolveRelative(u"a.txt"_s), Kind::File);
    QCOMPARE(resolveRelative(QString()), Kind::RedirectToSlash); // the root, named without its slash
}

void tst_DocumentRoot::dotPath_data()
{
    QTest::addColumn<QString>("relative");
    QTest::addColumn<bool>("dot");
    for (const QString &path : {u".env"_s, u".git"_s, u".git/config"_s, u"a/.ssh/id_rsa"_s, u"a/b/.htpasswd"_s,
                                u".well-known/.x"_s, u"a/.well-known/x"_s, u".well-knownx/y"_s, u"..."_s, u"...txt"_s})
        QTest::addRow("%s", qPrintable(path)) << path << true;
    for (const QString &path : {QString(), u"a"_s, u"a.txt"_s, u"a/b.c/d"_s, u"a./b"_s, u".well-known"_s,
                                u".well-known/security.txt"_s, u".well-known/acme-challenge/t"_s})
        QTest::addRow("%s", qPrintable(path.isEmpty() ? u"(root)"_s : path)) << path << false;
}

void tst_DocumentRoot::dotPath()
{
    QFETCH(QString, relative);
    QFETCH(bool, dot);
    QCOMPARE(isDotPath(relative), dot);
}

void tst_DocumentRoot::dotfilesServedWhenAsked_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<Kind>("kind");
    QTest::addRow("hidden file") << "/.hidden"_ba << Kind::File;
    QTest::addRow("hidden folder") << "/.git/"_ba << Kind::Directory;
    QTest::addRow("in a hidden folder") << "/.git/config"_ba << Kind::File;
    QTest::addRow("hidden file in a folder") << "/docs/.env"_ba << Kind::File;
    QTest::addRow("symlink to a dot file") << "/env-link"_ba << Kind::File;
    QTest::addRow("dot file in well-known") << "/.well-known/.secret"_ba << Kind::File;
    QTest::addRow("three dots are a name") << "/...txt"_ba << Kind::File;
    // Serving dot files changes nothing else.
    QTest::addRow("still no dot-dot") << "/.git/../a.txt"_ba << Kind::Forbidden;
    QTest::addRow("still not outside") << "/link-outside"_ba << Kind::Forbidden;
}

void tst_DocumentRoot::dotfilesServedWhenAsked()
{
    QFETCH(QByteArray, target);
    QFETCH(Kind, kind);
    const DocumentRoot root(m_root, true);
    QCOMPARE(root.resolve(decodeRequestPath(target)).kind, kind);
}

void tst_DocumentRoot::randomTargetsStayInside()
{
    // Whatever the decoder lets through, resolve() only ever names paths
    // inside the root. A fixed seed keeps a failure reproducible.
    static const QByteArray pieces[] = {
        "..", ".", "/", "%2e", "%2f", "%5c", "\\", "%00", "a", "%c0%ae",
        "docs", "linkdir-inside", "linkdir-outside", "link-outside", "a.txt", "secret.txt", "www", "%2E",
    };
    constexpr int Iterations = 5000;
    constexpr int MaxPieces = 12;
    QRandomGenerator random(20240601);
    const DocumentRoot root(m_root);
    int inside = 0;
    for (int i = 0; i < Iterations; ++i) {
        QByteArray target = random.bounded(4) == 0 ? "" : "/";
        const int count = 1 + random.bounded(MaxPieces);
        for (int p = 0; p < count; ++p)
            target += pieces[random.bounded(int(std::size(pieces)))];
        const DecodedPath decoded = decodeRequestPath(target);
        const DocumentRoot::Resolved resolved = root.resolve(decoded);
        if (resolved.kind == Kind::File || resolved.kind == Kind::Directory
            || resolved.kind == Kind::RedirectToSlash) {
            ++inside;
            QVERIFY2(root.contains(resolved.absolutePath), target.constData());
            QCOMPARE(QFileInfo(resolved.absolutePath).canonicalFilePath(), resolved.absolutePath);
        } else {
            QVERIFY2(resolved.absolutePath.isEmpty(), target.constData());
        }
    }
    QVERIFY2(inside > 0, "the alphabet never reached a real file; the loop proves nothing");
}

QTEST_GUILESS_MAIN(tst_DocumentRoot)
#include "tst_documentroot.moc"
