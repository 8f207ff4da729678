// FileCache and the handler against files that are not what they were when
// looked at: a regular file swapped for a FIFO between the type check and the
// open. A blocking open() of a FIFO waits for a writer, and on the network
// thread that stops the web and both echo servers; every call here must
// return promptly with a refusal instead.

#include "http/documentroot.h"
#include "http/filecache.h"
#include "http/httprequest.h"
#include "http/mimetypes.h"
#include "http/regularfile.h"
#include "http/requestparser.h"
#include "http/staticfilehandler.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <fcntl.h>
#include <functional>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace Net;

class tst_FileCache : public QObject
{
    Q_OBJECT

private slots:
    void init();

    void fifoIsNotOpened();
    void fileSwappedForFifoAfterResolve();
    void cachedFileSwappedForFifo();
    void handlerAnswersFifoPromptly();
    void streamedFileSwappedForFifo();
    void regularFileOpens();

private:
    QString path(const QString &name) const { return m_root + u'/' + name; }
    bool write(const QString &name, QByteArrayView bytes);
    bool swapForFifo(const QString &name);
    // Runs `work` on a helper thread. Should it block (in open() on a FIFO),
    // a writer opens the FIFO so the test can end, and the result is false.
    bool returnsPromptly(const QString &fifoPath, const std::function<void()> &work);

    QTemporaryDir m_dir;
    QString m_root;
};

namespace {

// Long enough for a loaded machine under ASan; a blocked open never returns.
constexpr int PromptMs = 5000;
constexpr qsizetype StreamedBytes = 512 * 1024; // above the cache's in-memory bound

HttpRequest parsed(const QByteArray &bytes)
{
    RequestParser parser;
    const ParseResult result = parser.parse(bytes);
    return result.status == ParseStatus::Complete ? parser.request() : HttpRequest();
}

} // namespace

void tst_FileCache::init()
{
    QVERIFY(m_dir.isValid());
    m_root = QFileInfo(m_dir.path()).canonicalFilePath() + u"/www-"_s + QString::fromLatin1(QTest::currentTestFunction());
    QVERIFY(QDir().mkpath(m_root));
}

bool tst_FileCache::write(const QString &name, QByteArrayView bytes)
{
    QFile file(path(name));
    return file.open(QIODevice::WriteOnly) && file.write(bytes.data(), bytes.size()) == bytes.size();
}

bool tst_FileCache::swapForFifo(const QString &name)
{
    // rename() over the file: the path never stops existing, as in a real swap.
    const QByteArray fifo = QFile::encodeName(path(name + u".fifo"_s));
    return ::mkfifo(fifo.constData(), 0644) == 0
        && ::rename(fifo.constData(), QFile::encodeName(path(name)).constData()) == 0;
}

bool tst_FileCache::returnsPromptly(const QString &fifoPath, const std::function<void()> &work)
{
    std::atomic<bool> done = false;
    std::thread worker([&] {
        work();
        done = true;
    });
    const bool prompt = QTest::qWaitFor([&] { return done.load(); }, PromptMs);
    if (!prompt) {
        // The worker waits for a writer: give it one, with nothing to say.
        const int writer = ::open(QFile::encodeName(fifoPath).constData(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
        if (writer >= 0)
            ::close(writer);
    }
    worker.join();
    return prompt;
}

void tst_FileCache::fifoIsNotOpened()
{
    QCOMPARE(::mkfifo(QFile::encodeName(path(u"pipe"_s)).constData(), 0644), 0);
    const DocumentRoot root(m_root);
    MimeTypes mime;
    FileCache cache(root, mime);
    const CachedFile *stored = reinterpret_cast<const CachedFile *>(1);
    QVERIFY2(returnsPromptly(path(u"pipe"_s), [&] { stored = cache.store("/pipe", path(u"pipe"_s), path(u"pipe"_s)); }),
             "store() blocked opening a FIFO");
    QCOMPARE(stored, nullptr);
}

void tst_FileCache::fileSwappedForFifoAfterResolve()
{
    QVERIFY(write(u"page.html"_s, "<p>hello</p>"));
    const DocumentRoot root(m_root);
    const DocumentRoot::Resolved resolved = root.resolve(decodeRequestPath("/page.html"));
    QCOMPARE(resolved.kind, DocumentRoot::Kind::File); // a regular file when looked at...

    QVERIFY(swapForFifo(u"page.html"_s)); // ...and a FIFO by the time it is opened
    MimeTypes mime;
    FileCache cache(root, mime);
    const CachedFile *stored = reinterpret_cast<const CachedFile *>(1);
    QVERIFY2(returnsPromptly(path(u"page.html"_s),
                             [&] { stored = cache.store("/page.html", resolved.absolutePath, path(u"page.html"_s)); }),
             "store() blocked opening a file swapped for a FIFO");
    QCOMPARE(stored, nullptr);
}

void tst_FileCache::cachedFileSwappedForFifo()
{
    QVERIFY(write(u"a.txt"_s, "cached"));
    const DocumentRoot root(m_root);
    MimeTypes mime;
    FileCache cache(root, mime);
    QVERIFY(cache.store("/a.txt", path(u"a.txt"_s), path(u"a.txt"_s)));
    QVERIFY(cache.lookup("/a.txt"));

    QVERIFY(swapForFifo(u"a.txt"_s));
    const CachedFile *hit = reinterpret_cast<const CachedFile *>(1);
    QVERIFY(returnsPromptly(path(u"a.txt"_s), [&] { hit = cache.lookup("/a.txt"); }));
    QCOMPARE(hit, nullptr); // the entry's stat is stale: never trusted
}

void tst_FileCache::handlerAnswersFifoPromptly()
{
    QVERIFY(write(u"a.txt"_s, "cached"));
    StaticFileHandler handler({m_root, true, false, {}});
    const HttpRequest request = parsed("GET /a.txt HTTP/1.1\r\nHost: x\r\n\r\n");
    QCOMPARE(handler.respond(request, true).status, 200); // now cached

    QVERIFY(swapForFifo(u"a.txt"_s));
    int status = 0;
    QVERIFY(returnsPromptly(path(u"a.txt"_s), [&] { status = handler.respond(request, true).status; }));
    QVERIFY2(status == 403 || status == 404, qPrintable(QString::number(status)));

    // The listing leaves the FIFO out: its link could not be served.
    QByteArray listing;
    QVERIFY(returnsPromptly(path(u"a.txt"_s),
                            [&] { listing = handler.respond(parsed("GET / HTTP/1.1\r\nHost: x\r\n\r\n"), true).body; }));
    QVERIFY2(!listing.contains("a.txt"), listing.constData());
}

void tst_FileCache::streamedFileSwappedForFifo()
{
    // Large files are opened again by the connection when it streams them:
    // that open must not block either, and must not accept the FIFO.
    QVERIFY(write(u"big.bin"_s, QByteArray(StreamedBytes, 'b')));
    StaticFileHandler handler({m_root, false, false, {}});
    const HttpResponse response = handler.respond(parsed("GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n"), true);
    QCOMPARE(response.status, 200);
    QVERIFY(response.streamsFile());

    QVERIFY(swapForFifo(u"big.bin"_s));
    bool opened = true;
    QVERIFY(returnsPromptly(path(u"big.bin"_s), [&] { opened = RegularFile::open(response.filePath).isOpen(); }));
    QVERIFY(!opened);
}

void tst_FileCache::regularFileOpens()
{
    QVERIFY(write(u"a.txt"_s, "0123456789"));
    RegularFile file = RegularFile::open(path(u"a.txt"_s));
    QVERIFY(file.isOpen());
    QCOMPARE(file.status().st_size, 10);
    QCOMPARE(file.read(2, 5), "23456"_ba);
    QCOMPARE(file.read(8, 100), "89"_ba);

    // The last component must not be a symlink: canonical paths never end in one.
    QVERIFY(QFile::link(path(u"a.txt"_s), path(u"link"_s)));
    QVERIFY(!RegularFile::open(path(u"link"_s)).isOpen());
    QVERIFY(!RegularFile::open(m_root).isOpen()); // a directory is not a regular file
    QVERIFY(!RegularFile::open(path(u"missing"_s)).isOpen());

    const int fd = file.release();
    QVERIFY(fd >= 0);
    QVERIFY(!file.isOpen());
    ::close(fd);
}

QTEST_GUILESS_MAIN(tst_FileCache)
#include "tst_filecache.moc"
