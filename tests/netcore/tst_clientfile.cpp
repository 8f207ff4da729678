// Files through a client session: a TCP session streams a file of any size
// to its peer (byte-exact, progress monotonic, ending at the file's size,
// cancellable), and any session can append what it receives to a file.
// Real sockets on loopback and real files in a QTemporaryDir.

#include "clienttesthelpers.h"

#include <QFile>
#include <QFileInfo>
#include <QNetworkDatagram>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>

#include <memory>

using namespace Net;
using namespace Qt::StringLiterals;
using Kind = ClientEvent::Kind;

namespace {

constexpr int WAIT_MS = 20000;

// A file of `size` bytes whose content depends on the position, so a
// dropped, repeated or reordered chunk shows.
QString writeFile(const QTemporaryDir &dir, const QString &name, qint64 size)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    QByteArray block(64 * 1024, Qt::Uninitialized);
    for (qint64 written = 0; written < size;) {
        for (qsizetype i = 0; i < block.size(); ++i)
            block[i] = char((written + i) * 7 + (written + i) / 251);
        const qint64 n = std::min<qint64>(block.size(), size - written);
        file.write(block.constData(), n);
        written += n;
    }
    return path;
}

// A sparse file of zeros: as large as wanted without writing it.
QString sparseFile(const QTemporaryDir &dir, const QString &name, qint64 size)
{
    QFile file(dir.filePath(name));
    return file.open(QIODevice::WriteOnly) && file.resize(size) ? file.fileName() : QString();
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Accepts one connection and keeps everything it sends (or, paused, reads nothing).
struct Sink
{
    Sink()
    {
        QObject::connect(&server, &QTcpServer::newConnection, &server, [this] {
            socket.reset(server.nextPendingConnection());
            // Paused, the socket holds at most 64 KiB, so the kernel's buffers
            // fill and the sender meets real back-pressure.
            if (paused)
                socket->setReadBufferSize(64 * 1024);
            QObject::connect(socket.get(), &QIODevice::readyRead, socket.get(), [this] {
                if (!paused)
                    received += socket->readAll();
            });
        });
    }
    QTcpServer server;
    std::unique_ptr<QTcpSocket> socket;
    QByteArray received;
    bool paused = false;
};

} // namespace

class tst_ClientFile final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void streamsAFileByteExact_data();
    void streamsAFileByteExact();
    void cancelStopsTheStream();
    void missingFileIsASentence();
    void sendWhileStreamingIsRefused();
    void disconnectStopsTheStream();
    void savesEveryReceivedByteOverTcp();
    void savesEveryDatagramOverUdp();
    void unopenableSaveFileIsASentence();

private:
    bool connectSession();

    std::unique_ptr<ClientTest::HubRecorder> m_rec;
    std::unique_ptr<Sink> m_sink;
    QTemporaryDir m_dir;
};

void tst_ClientFile::init()
{
    QVERIFY(m_dir.isValid());
    m_rec = std::make_unique<ClientTest::HubRecorder>();
    m_sink = std::make_unique<Sink>();
    QVERIFY(m_sink->server.listen(QHostAddress::LocalHost, 0));
}

void tst_ClientFile::cleanup()
{
    m_rec.reset();
    m_sink.reset();
}

bool tst_ClientFile::connectSession()
{
    m_rec->hub.open(1, ClientProtocol::Tcp);
    m_rec->hub.connectTo(1, u"127.0.0.1"_s, m_sink->server.serverPort());
    return QTest::qWaitFor([this] { return m_rec->lastState(1) == ClientState::Connected && m_sink->socket; },
                           WAIT_MS);
}

void tst_ClientFile::streamsAFileByteExact_data()
{
    QTest::addColumn<qint64>("size");
    QTest::addRow("empty") << qint64(0);
    QTest::addRow("one byte") << qint64(1);
    QTest::addRow("one chunk and a bit") << qint64(256 * 1024 + 3);
    QTest::addRow("24 MiB") << qint64(24 * 1024 * 1024 + 17);
}

void tst_ClientFile::streamsAFileByteExact()
{
    QFETCH(qint64, size);
    const QString path = writeFile(m_dir, u"out.bin"_s, size);
    QVERIFY(connectSession());
    m_rec->hub.sendFile(1, path);
    QTRY_VERIFY_WITH_TIMEOUT(!m_rec->events(1, Kind::Progress).isEmpty()
                                 && m_rec->events(1, Kind::Progress).constLast().size == size,
                             WAIT_MS);
    QTRY_COMPARE_WITH_TIMEOUT(m_sink->received.size(), size, WAIT_MS);
    QVERIFY(m_sink->received == readFile(path));
    qint64 last = -1;
    for (const ClientEvent &event : m_rec->events(1, Kind::Progress)) {
        QVERIFY2(event.size > last, "progress must only grow");
        QCOMPARE(event.total, size);
        QCOMPARE(event.text, path);
        last = event.size;
    }
    QVERIFY(!m_rec->has(1, Kind::Error));
    // The session is free again for ordinary sends.
    m_rec->hub.send(1, "tail"_ba);
    QTRY_VERIFY_WITH_TIMEOUT(m_sink->received.endsWith("tail"), WAIT_MS);
}

void tst_ClientFile::cancelStopsTheStream()
{
    const qint64 size = 256 * 1024 * 1024; // far more than socket buffers hold
    const QString path = sparseFile(m_dir, u"big.bin"_s, size);
    m_sink->paused = true; // back-pressure: the sender can only fill the buffers
    QVERIFY(connectSession());
    m_rec->hub.sendFile(1, path);
    QTRY_VERIFY_WITH_TIMEOUT(!m_rec->events(1, Kind::Progress).isEmpty(), WAIT_MS);
    m_rec->hub.cancelFile(1);
    QTRY_VERIFY_WITH_TIMEOUT(m_rec->has(1, Kind::Error, u"bytes: cancelled."_s), WAIT_MS);
    QVERIFY2(m_rec->firstText(1, Kind::Error).startsWith(u"Sending %1 stopped after "_s.arg(path)),
             qPrintable(m_rec->firstText(1, Kind::Error)));
    QVERIFY(m_rec->events(1, Kind::Progress).constLast().size < size);
    QCOMPARE(m_rec->lastState(1), ClientState::Connected); // the connection stays
    m_rec->hub.cancelFile(1);
    QTRY_VERIFY_WITH_TIMEOUT(m_rec->has(1, Kind::Error, u"No file is being sent."_s), WAIT_MS);
}

void tst_ClientFile::missingFileIsASentence()
{
    QVERIFY(connectSession());
    const QString path = m_dir.filePath(u"nope.bin"_s);
    m_rec->hub.sendFile(1, path);
    QTRY_VERIFY_WITH_TIMEOUT(m_rec->has(1, Kind::Error), WAIT_MS);
    QVERIFY2(m_rec->firstText(1, Kind::Error).startsWith(u"Could not open %1: "_s.arg(path)),
             qPrintable(m_rec->firstText(1, Kind::Error)));
}

void tst_ClientFile::sendWhileStreamingIsRefused()
{
    const QString path = sparseFile(m_dir, u"big.bin"_s, 64 * 1024 * 1024);
    m_sink->paused = true;
    QVERIFY(connectSession());
    m_rec->hub.sendFile(1, path);
    m_rec->hub.send(1, "interleaved"_ba);
    QTRY_VERIFY_WITH_TIMEOUT(m_rec->has(1, Kind::Error, u"A file is being sent"_s), WAIT_MS);
    QVERIFY(m_rec->events(1, Kind::Sent).isEmpty());
}

void tst_ClientFile::disconnectStopsTheStream()
{
    const QString path = sparseFile(m_dir, u"big.bin"_s, 64 * 1024 * 1024);
    m_sink->paused = true;
    QVERIFY(connectSession());
    m_rec->hub.sendFile(1, path);
    QTRY_VERIFY_WITH_TIMEOUT(!m_rec->events(1, Kind::Progress).isEmpty(), WAIT_MS);
    m_rec->hub.disconnectFrom(1);
    QTRY_VERIFY_WITH_TIMEOUT(m_rec->has(1, Kind::Error, u"bytes: disconnected."_s), WAIT_MS);
    m_sink->paused = false; // let the buffered tail drain so the close completes
    m_sink->socket->setReadBufferSize(0);
    m_sink->received += m_sink->socket->readAll();
    QTRY_COMPARE_WITH_TIMEOUT(m_rec->lastState(1), ClientState::Closed, WAIT_MS);
    QVERIFY(m_sink->received.size() < 64 * 1024 * 1024);
}

void tst_ClientFile::savesEveryReceivedByteOverTcp()
{
    const QString path = m_dir.filePath(u"received.bin"_s);
    QVERIFY(connectSession());
    m_rec->hub.saveReceived(1, path);
    // More than one transcript event keeps (1 MiB): the file still gets all of it.
    QByteArray big(3 * 1024 * 1024 + 5, 'x');
    big[0] = 'a';
    big[big.size() - 1] = 'z';
    m_sink->socket->write(big);
    QTRY_COMPARE_WITH_TIMEOUT(QFileInfo(path).size(), big.size(), WAIT_MS);
    m_rec->hub.saveReceived(1, {}); // stop: closes the file
    QVERIFY(readFile(path) == big);
    m_sink->socket->write("after");
    QTRY_VERIFY_WITH_TIMEOUT(m_rec->received(1).endsWith("after"), WAIT_MS);
    QCOMPARE(QFileInfo(path).size(), big.size());
}

void tst_ClientFile::savesEveryDatagramOverUdp()
{
    QUdpSocket echo;
    QVERIFY(echo.bind(QHostAddress::LocalHost, 0));
    connect(&echo, &QIODevice::readyRead, &echo, [&echo] {
        while (echo.hasPendingDatagrams()) {
            const QNetworkDatagram datagram = echo.receiveDatagram();
            echo.writeDatagram(datagram.makeReply(datagram.data()));
        }
    });
    const QString path = m_dir.filePath(u"datagrams.bin"_s);
    {
        QFile existing(path); // saving appends
        QVERIFY(existing.open(QIODevice::WriteOnly));
        existing.write("old;");
    }
    m_rec->hub.open(2, ClientProtocol::Udp);
    m_rec->hub.saveReceived(2, path);
    m_rec->hub.connectTo(2, u"127.0.0.1"_s, echo.localPort());
    m_rec->hub.send(2, "one;"_ba);
    QTRY_COMPARE_WITH_TIMEOUT(m_rec->received(2), "one;"_ba, WAIT_MS);
    m_rec->hub.send(2, "two"_ba);
    QTRY_COMPARE_WITH_TIMEOUT(m_rec->received(2), "one;two"_ba, WAIT_MS);
    m_rec->hub.close(2);
    QTRY_COMPARE_WITH_TIMEOUT(readFile(path), "old;one;two"_ba, WAIT_MS);
}

void tst_ClientFile::unopenableSaveFileIsASentence()
{
    m_rec->hub.open(1, ClientProtocol::Tcp);
    const QString path = m_dir.filePath(u"no/such/folder/r.bin"_s);
    m_rec->hub.saveReceived(1, path);
    QTRY_VERIFY_WITH_TIMEOUT(m_rec->has(1, Kind::Error), WAIT_MS);
    QVERIFY2(m_rec->firstText(1, Kind::Error).startsWith(u"Could not open %1 to save received data: "_s.arg(path)),
             qPrintable(m_rec->firstText(1, Kind::Error)));
}

QTEST_GUILESS_MAIN(tst_ClientFile)
#include "tst_clientfile.moc"
