// The web server when the files under it change while it serves: a document
// root deleted or made unreadable, a file that shrinks or grows while it is
// being sent, a file the server may not read. Every request gets an answer
// or a closed connection, never a crash, and the server keeps accepting.

#include "faulttesthelpers.h"
#include "testserverids.h"
#include "parsedresponse.h"
#include "rawclient.h"
#include "webserverfixture.h"

#include <QDir>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace HttpTest;
using EchoTest::RawPeer;
using EchoTest::waitUntil;

namespace {

constexpr qint64 MiB = 1024 * 1024;
constexpr qint64 HugeBytes = 32 * MiB;  // streamed with sendfile, far more than the socket buffers hold
constexpr qint64 MediumBytes = 4 * MiB; // streamed too (the in-memory limit is 256 KiB)
constexpr qint64 ReadFirst = 2 * MiB;   // what the slow reader takes before the file changes
constexpr int SmallReceiveBuffer = 16 * 1024;
constexpr int TransferWaitMs = 20000;
constexpr QByteArrayView Hello = "Hello, faults!\n";
constexpr QByteArrayView HelloAgain = "Hello again, from a new root\n";

QByteArray pattern(qint64 size, quint32 seed)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator random(seed); // fixed: a failure reproduces
    random.generate(reinterpret_cast<quint32 *>(bytes.data()), reinterpret_cast<quint32 *>(bytes.data() + size));
    return bytes;
}

bool writeFile(const QString &path, QByteArrayView content, QIODevice::OpenMode mode = QIODevice::WriteOnly)
{
    QFile file(path);
    return file.open(mode) && file.write(content.data(), content.size()) == content.size();
}

bool isErrorAnswer(int status)
{
    return status == 403 || status == 404 || status == 500;
}

// The response at the front of what a RawPeer received: its head, even while the body is still arriving.
ParsedResponse headOf(const QByteArray &received)
{
    ParsedResponse response;
    readResponse(received, false, false, response);
    return response;
}

} // namespace

class tst_FaultsFiles : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data();
    void initTestCase();
    void init();
    void cleanup();

    void documentRootVanishes_data();
    void documentRootVanishes();
    void fileShrinksWhileSent();
    void fileGrowsWhileSent();
    void unreadableFile_data();
    void unreadableFile();

private:
    QString path(const char *name) const { return m_root + u'/' + QString::fromLatin1(name); }
    bool writeSite();
    // Opens a slow reader on `target`: it asks, takes ReadFirst bytes, then
    // stops reading while the transfer is still far from done.
    bool startSlowDownload(RawPeer &reader, const QByteArray &target);
    const Net::ServerTotals &totals() const { return m_web->monitor.totals(testServerId(Net::ServerKind::Web)); }

    bool m_ipv6 = false;
    QHostAddress m_address;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_root;
    std::unique_ptr<WebServerFixture> m_web;
};

void tst_FaultsFiles::initTestCase_data()
{
    addLoopbackRows();
}

void tst_FaultsFiles::initTestCase()
{
    m_ipv6 = ipv6LoopbackAvailable();
}

void tst_FaultsFiles::init()
{
    m_address = currentLoopback();
    if (m_address.protocol() == QAbstractSocket::IPv6Protocol && !m_ipv6)
        QSKIP("IPv6 loopback (::1) is not available on this machine");
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_root = m_dir->path() + u"/www"_s;
    QVERIFY(writeSite());
    m_web = std::make_unique<WebServerFixture>();
    QCOMPARE(m_web->start(WebServerFixture::config(m_address, m_root)), QString());
}

void tst_FaultsFiles::cleanup()
{
    m_web.reset();
    // Give modes back, so that an unprivileged run can delete the tree.
    if (QFileInfo::exists(m_root)) {
        QFile::setPermissions(m_root, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        for (const QString &name : QDir(m_root).entryList(QDir::Files))
            QFile::setPermissions(m_root + u'/' + name, QFile::ReadOwner | QFile::WriteOwner);
    }
    m_dir.reset();
}

bool tst_FaultsFiles::writeSite()
{
    return QDir().mkpath(m_root) && writeFile(path("hello.txt"), Hello)
        && writeFile(path("index.html"), "<!DOCTYPE html>\n<p>fault suite</p>\n");
}

bool tst_FaultsFiles::startSlowDownload(RawPeer &reader, const QByteArray &target)
{
    if (!reader.connectTo(m_address, m_web->port(), SmallReceiveBuffer))
        return false;
    reader.send(get(target));
    return waitUntil([&] { return reader.bytesReceived() >= ReadFirst || reader.atEof() || reader.error() != 0; },
                     TransferWaitMs)
        && reader.bytesReceived() >= ReadFirst && !reader.atEof();
}

void tst_FaultsFiles::documentRootVanishes_data()
{
    QTest::addColumn<bool>("unreadable");
    QTest::newRow("deleted (rm -rf)") << false;
    QTest::newRow("unreadable (chmod 000)") << true;
}

void tst_FaultsFiles::documentRootVanishes()
{
    QFETCH(bool, unreadable);
    const QByteArray medium = pattern(MediumBytes, 11);
    QVERIFY(writeFile(path("medium.bin"), medium));

    RawClient keeper; // a keep-alive connection from before the fault
    QVERIFY(keeper.connectTo(m_address, m_web->port()));
    QCOMPARE(bodyOf(keeper.exchange(get("/hello.txt"))), Hello.toByteArray());
    RawPeer download; // a download under way when the root goes
    QVERIFY(download.connectTo(m_address, m_web->port(), SmallReceiveBuffer));
    download.setReading(false);
    download.send(get("/medium.bin"));
    QTRY_COMPARE(totals().requests, 2);

    if (unreadable) {
        QVERIFY(QFile::setPermissions(m_root, {}));
        if (FaultTest::readableDespiteMode(path("hello.txt")))
            QSKIP("this process reads files whatever their mode (root or CAP_DAC_OVERRIDE): chmod 000 "
                  "cannot make the root unreadable; run the suite unprivileged to cover this row");
    } else {
        QVERIFY(QDir(m_dir->path()).removeRecursively());
        QVERIFY(!QFileInfo::exists(m_root));
    }

    // Every request gets an error answer, on the old connection and on new ones.
    const QByteArray targets[] = {"/hello.txt"_ba, "/"_ba, "/medium.bin"_ba, "/index.html"_ba, "/missing.txt"_ba,
                                  "/docs/"_ba};
    for (const QByteArray &target : targets) {
        RawClient client;
        QVERIFY(client.connectTo(m_address, m_web->port()));
        const int status = statusOf(client.exchange(get(target)));
        QVERIFY2(isErrorAnswer(status), qPrintable(u"GET %1 answered %2"_s.arg(QString::fromLatin1(target)).arg(status)));
    }
    QVERIFY(isErrorAnswer(statusOf(keeper.exchange(get("/hello.txt")))));
    QVERIFY(m_web->server.isRunning());

    // The open file outlives its name and its folder's mode: the download finishes intact.
    download.setReading(true);
    QVERIFY(waitUntil([&] { return headOf(download.received()).status != 0 && download.bytesReceived()
                                       >= headOf(download.received()).head.size() + MediumBytes; },
                      TransferWaitMs));
    ParsedResponse whole;
    QCOMPARE(readResponse(download.received(), false, false, whole), ReadStatus::Complete);
    QCOMPARE(whole.status, 200);
    QVERIFY(whole.body == medium);

    // Put the root back: the same server serves it again.
    if (unreadable)
        QVERIFY(QFile::setPermissions(m_root, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    else
        QVERIFY(QDir().mkpath(m_root) && writeFile(path("hello.txt"), HelloAgain));
    const QByteArray expected = unreadable ? Hello.toByteArray() : HelloAgain.toByteArray();
    RawClient after;
    QVERIFY(after.connectTo(m_address, m_web->port()));
    QCOMPARE(bodyOf(after.exchange(get("/hello.txt"))), expected);
    if (!keeper.isDisconnected())
        QCOMPARE(bodyOf(keeper.exchange(get("/hello.txt"))), expected);
    QCOMPARE(totals().connectionsTotal, qint64(std::size(targets)) + 3);
}

void tst_FaultsFiles::fileShrinksWhileSent()
{
    const QByteArray content = pattern(HugeBytes, 21);
    QVERIFY(writeFile(path("shrink.bin"), content));
    RawPeer reader;
    QVERIFY(startSlowDownload(reader, "/shrink.bin"));
    reader.setReading(false);
    QVERIFY2(totals().bytesOut < HugeBytes / 2, "the transfer must still be under way when the file shrinks");

    QVERIFY(QFile::resize(path("shrink.bin"), MiB));

    RawClient other; // served while the shrunken download is stuck
    QVERIFY(other.connectTo(m_address, m_web->port()));
    QCOMPARE(bodyOf(other.exchange(get("/hello.txt"))), Hello.toByteArray());

    reader.setReading(true);
    QVERIFY2(waitUntil([&] { return reader.atEof() || reader.error() != 0; }, TransferWaitMs),
             "the server must close a connection whose file shrank under it");
    QCOMPARE(reader.error(), 0); // a clean end of stream: what was sent arrived
    const ParsedResponse head = headOf(reader.received());
    QCOMPARE(head.status, 200);
    QCOMPARE(head.contentLength(), HugeBytes);
    const QByteArray body = reader.received().sliced(head.head.size());
    qInfo("%lld of %lld announced bytes arrived before the close", qint64(body.size()), HugeBytes);
    QVERIFY(body.size() < HugeBytes);
    QVERIFY2(content.startsWith(body), "what arrived must be the file as it was");

    m_web->flush();
    const quint64 id = m_web->idForPeerPort(reader.localPort());
    QVERIFY(id != 0);
    const Net::ConnectionRecord *record = m_web->latestRecord(id);
    QVERIFY(record);
    QCOMPARE(record->state, Net::ConnectionState::Closed);
    QCOMPARE(record->bytesOut, reader.bytesReceived()); // counted exactly what left
    bool noted = false;
    for (const Net::TrafficEvent &event : m_web->eventsOfKind(Net::TrafficEvent::Kind::Closed))
        noted = noted || (event.connectionId == id && event.note.contains(u"shrank"_s));
    QVERIFY2(noted, "the close must say that the file shrank");

    // The others are unaffected, and the file as it is now is served whole.
    QCOMPARE(bodyOf(other.exchange(get("/shrink.bin"))), content.first(MiB));
    QCOMPARE(totals().connectionsNow, 1);
}

void tst_FaultsFiles::fileGrowsWhileSent()
{
    const QByteArray content = pattern(HugeBytes, 31);
    const QByteArray extra = pattern(MiB, 32);
    QVERIFY(writeFile(path("grow.bin"), content));
    RawPeer reader;
    QVERIFY(startSlowDownload(reader, "/grow.bin"));
    reader.setReading(false);
    QVERIFY2(totals().bytesOut < HugeBytes / 2, "the transfer must still be under way when the file grows");

    QVERIFY(writeFile(path("grow.bin"), extra, QIODevice::Append));

    reader.setReading(true);
    const qint64 announced = headOf(reader.received()).head.size() + HugeBytes;
    QVERIFY(waitUntil([&] { return reader.bytesReceived() >= announced || reader.atEof() || reader.error() != 0; },
                      TransferWaitMs));
    QVERIFY(!reader.atEof());
    // Exactly the announced length: the next bytes on the wire begin the next answer.
    reader.send(get("/grow.bin"));
    const qint64 both = announced + MiB / 2 + HugeBytes + MiB; // a generous bound on the second head
    QVERIFY(waitUntil([&] {
        ParsedResponse second;
        return (reader.bytesReceived() > announced
                && readResponse(QByteArrayView(reader.received()).sliced(announced), false, false, second)
                    != ReadStatus::Incomplete)
            || reader.bytesReceived() > both || reader.atEof() || reader.error() != 0;
    }, TransferWaitMs));

    ParsedResponse first;
    QCOMPARE(readResponse(reader.received(), false, false, first), ReadStatus::Complete);
    QCOMPARE(first.status, 200);
    QCOMPARE(first.contentLength(), HugeBytes);
    QVERIFY(first.body == content);
    ParsedResponse second;
    QCOMPARE(readResponse(QByteArrayView(reader.received()).sliced(first.wireSize), false, false, second),
             ReadStatus::Complete);
    QCOMPARE(second.status, 200);
    QCOMPARE(second.contentLength(), HugeBytes + MiB);
    QVERIFY(second.body == content + extra);
    QCOMPARE(qint64(reader.received().size()), first.wireSize + second.wireSize);
    QVERIFY(!reader.atEof());
    QCOMPARE(totals().connectionsNow, 1);
    QCOMPARE(totals().requests, 2);
}

void tst_FaultsFiles::unreadableFile_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<bool>("servedBefore");
    QTest::newRow("small, never served") << "small.txt"_ba << false;
    QTest::newRow("small, served before (cached)") << "small.txt"_ba << true;
    QTest::newRow("streamed, never served") << "medium.bin"_ba << false;
    QTest::newRow("streamed, served before") << "medium.bin"_ba << true;
}

void tst_FaultsFiles::unreadableFile()
{
    QFETCH(QByteArray, name);
    QFETCH(bool, servedBefore);
    const QByteArray content = name.endsWith(".bin") ? pattern(MediumBytes, 41) : "small and secret\n"_ba;
    const QString file = path(name.constData());
    const QByteArray target = '/' + name;
    QVERIFY(writeFile(file, content));
    RawClient client;
    QVERIFY(client.connectTo(m_address, m_web->port()));
    if (servedBefore)
        QVERIFY(bodyOf(client.exchange(get(target))) == content);

    QVERIFY(QFile::setPermissions(file, {}));
    if (FaultTest::readableDespiteMode(file))
        QSKIP("this process reads files whatever their mode (root or CAP_DAC_OVERRIDE): open() cannot fail "
              "with EACCES; run the suite unprivileged to cover this case");

    RawClient fresh;
    QVERIFY(fresh.connectTo(m_address, m_web->port()));
    const auto answer = fresh.exchange(get(target));
    QCOMPARE(statusOf(answer), 403);
    if (!client.isDisconnected())
        QCOMPARE(statusOf(client.exchange(get(target))), 403);
    RawClient other; // the server goes on serving what it may read
    QVERIFY(other.connectTo(m_address, m_web->port()));
    QCOMPARE(bodyOf(other.exchange(get("/hello.txt"))), Hello.toByteArray());

    QVERIFY(QFile::setPermissions(file, QFile::ReadOwner | QFile::WriteOwner));
    QVERIFY(bodyOf(other.exchange(get(target))) == content);
}

QTEST_GUILESS_MAIN(tst_FaultsFiles)
#include "tst_faults_files.moc"
