// The real wirebench binary in --headless mode, end to end: command line,
// the "listening" line, the web server, the access log on stdout, exit codes
// and clean termination. The other servers and --serve are in
// tst_headless_servers.cpp; the child-process helpers in headlessprocess.h.

#include "headlessprocess.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QUdpSocket>
#include <QTest>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace HttpTest;
using namespace HeadlessTest;

namespace {
constexpr qint64 BigFileBytes = 8 * 1024 * 1024; // streamed, and more than loopback's socket buffers hold
}

class tst_Headless : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void servesPageLogsItAndStopsOnSigterm();
    void interruptExitsCleanly();
    void quietLogsNoRequests();
    void missingRootFails();
    void portInUseFails();
    void invalidPort_data();
    void invalidPort();
    void helpListsOptions();
    void versionPrintsVersion();
    void defaultRootServesDemoSite();
    void bindsIpv6Loopback();
    void listingListsDirectory();
    void dotfilesAreServedOnlyWhenAsked();
    void keepAliveTimeoutIsConfigurable();
    void interruptedDownloadLogsBytesSent();
    void allowedHostIsAnswered();
    void invalidAllowedHostFails();
    void invalidLimit_data();
    void invalidLimit();
    void sigtermEndsAProcessWithStalledStdout();

private:
    QString m_binary;
    QTemporaryDir m_dir;
    QString m_root;
};

void tst_Headless::initTestCase()
{
    m_binary = binaryPath();
    if (m_binary.isEmpty())
        QSKIP("The wirebench binary is not beside the tests: build the 'wirebench' target first.");
    m_root = makeRoot(m_dir);
    QVERIFY(!m_root.isEmpty());
    QVERIFY(QDir(m_root).mkpath(u"notes"_s));
    QVERIFY(writeFile(m_root + u"/notes/first note.txt"_s, "first\n"));
    QVERIFY(writeFile(m_root + u"/.env"_s, "SECRET=1\n"));
    QVERIFY(writeFile(m_root + u"/big.bin"_s, QByteArray(BigFileBytes, 'b')));
}

void tst_Headless::servesPageLogsItAndStopsOnSigterm()
{
    Headless wirebench(m_binary);
    QVERIFY2(wirebench.start({u"--web-port"_s, u"0"_s, u"--web-root"_s, m_root}), qPrintable(wirebench.standardError()));
    QCOMPARE(wirebench.address, QHostAddress(QHostAddress::LocalHost));
    QVERIFY(wirebench.port != 0);
    QCOMPARE(wirebench.root, m_root);

    const auto response = fetch(wirebench.address, wirebench.port, "/");
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QCOMPARE(response->body, IndexPage.toByteArray());

    // host ident authuser [date] "request line" status bytes
    const QRegularExpression clf(uR"(^127\.0\.0\.1 - - \[\d\d/[A-Z][a-z]{2}/\d{4}:\d\d:\d\d:\d\d [+-]\d{4}\] "GET / HTTP/1\.1" 200 (\d+)$)"_s);
    const QRegularExpressionMatch logged = wirebench.waitForLine(clf, 5000);
    QVERIFY2(logged.hasMatch(), qPrintable(wirebench.lines().join(u'\n')));
    QCOMPARE(logged.captured(1).toLongLong(), response->body.size());

    QVERIFY(wirebench.terminate());
    QCOMPARE(wirebench.process().exitStatus(), QProcess::NormalExit);
    QCOMPARE(wirebench.process().exitCode(), 0);
}

void tst_Headless::interruptExitsCleanly()
{
    Headless wirebench(m_binary);
    QVERIFY(wirebench.start({u"--web-port"_s, u"0"_s, u"--web-root"_s, m_root}));
    ::kill(pid_t(wirebench.process().processId()), SIGINT);
    QVERIFY(wirebench.process().waitForFinished(ProcessTimeoutMs));
    QCOMPARE(wirebench.process().exitStatus(), QProcess::NormalExit);
    QCOMPARE(wirebench.process().exitCode(), 0);
}

void tst_Headless::quietLogsNoRequests()
{
    Headless wirebench(m_binary);
    QVERIFY(wirebench.start({u"--quiet"_s, u"--web-port"_s, u"0"_s, u"--web-root"_s, m_root}));
    QCOMPARE(statusOf(fetch(wirebench.address, wirebench.port, "/")), 200);
    QCOMPARE(statusOf(fetch(wirebench.address, wirebench.port, "/missing")), 404);
    // Stopping flushes whatever would have been logged; a quiet run logs nothing.
    QVERIFY(wirebench.terminate());
    QCOMPARE(wirebench.process().exitCode(), 0);
    const QStringList lines = wirebench.lines();
    QCOMPARE(lines.size(), 1);
    QVERIFY(ListeningLine.match(lines.first()).hasMatch());
}

void tst_Headless::missingRootFails()
{
    const QString missing = u"/no/such/dir"_s;
    Headless wirebench(m_binary);
    QVERIFY(wirebench.runToEnd({u"--headless"_s, u"--web-port"_s, u"0"_s, u"--web-root"_s, missing}));
    QCOMPARE(wirebench.process().exitStatus(), QProcess::NormalExit);
    QVERIFY(wirebench.process().exitCode() != 0);
    const QStringList errors = wirebench.standardError().split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors.first().contains(missing), qPrintable(errors.first()));
    QVERIFY(wirebench.lines().isEmpty()); // no listening line
}

void tst_Headless::portInUseFails()
{
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
    Headless wirebench(m_binary);
    QVERIFY(wirebench.runToEnd({u"--headless"_s, u"--web-port"_s, QString::number(squatter.serverPort()),
                                u"--web-root"_s, m_root}));
    QVERIFY(wirebench.process().exitCode() != 0);
    const QStringList errors = wirebench.standardError().split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors.first().contains(u"in use"_s), qPrintable(errors.first()));
}

void tst_Headless::invalidPort_data()
{
    QTest::addColumn<QString>("port");
    QTest::newRow("too large") << u"70000"_s;
    QTest::newRow("not a number") << u"abc"_s;
    QTest::newRow("negative") << u"-1"_s;
}

void tst_Headless::invalidPort()
{
    QFETCH(QString, port);
    Headless wirebench(m_binary);
    QVERIFY(wirebench.runToEnd({u"--headless"_s, u"--web-port"_s, port, u"--web-root"_s, m_root}));
    QCOMPARE(wirebench.process().exitStatus(), QProcess::NormalExit);
    QCOMPARE(wirebench.process().exitCode(), 2);
    const QString errors = wirebench.standardError();
    QVERIFY2(errors.contains(u"--web-port"_s) && errors.contains(port), qPrintable(errors));
}

void tst_Headless::helpListsOptions()
{
    Headless wirebench(m_binary);
    QVERIFY(wirebench.runToEnd({u"--help"_s}));
    QCOMPARE(wirebench.process().exitCode(), 0);
    const QString help = wirebench.allOutput();
    for (const QString &option : {u"Usage:"_s, u"--headless"_s, u"--web-port"_s, u"--web-root"_s, u"--quiet"_s,
                                  u"--bind"_s, u"--listing"_s, u"--echo-idle-timeout"_s,
                                  u"--max-connections-per-address"_s, u"--max-udp-peers"_s, u"--udp-peer-rate"_s,
                                  u"--shutdown-timeout"_s})
        QVERIFY2(help.contains(option), qPrintable(option));
    QVERIFY(help.contains(u"--serve-dotfiles"_s));
}

void tst_Headless::versionPrintsVersion()
{
    Headless wirebench(m_binary);
    QVERIFY(wirebench.runToEnd({u"--version"_s}));
    QCOMPARE(wirebench.process().exitCode(), 0);
    QCOMPARE(wirebench.allOutput().trimmed(), u"wirebench 0.1.0"_s);
}

void tst_Headless::defaultRootServesDemoSite()
{
    Headless wirebench(m_binary);
    QVERIFY2(wirebench.start({u"--web-port"_s, u"0"_s}), qPrintable(wirebench.standardError()));
    QVERIFY2(wirebench.root.endsWith(u"/site"_s), qPrintable(wirebench.root));
    const auto response = fetch(wirebench.address, wirebench.port, "/");
    QCOMPARE(statusOf(response), 200);
    QVERIFY(response->body.contains("Wirebench"));
    QCOMPARE(response->header("Content-Type"), "text/html; charset=utf-8"_ba);
    QVERIFY(wirebench.terminate());
    QCOMPARE(wirebench.process().exitCode(), 0);
}

void tst_Headless::bindsIpv6Loopback()
{
    if (!ipv6LoopbackAvailable())
        QSKIP("IPv6 loopback (::1) is not available on this machine");
    Headless wirebench(m_binary);
    QVERIFY2(wirebench.start({u"--bind"_s, u"::1"_s, u"--web-port"_s, u"0"_s, u"--web-root"_s, m_root}),
             qPrintable(wirebench.standardError()));
    QCOMPARE(wirebench.address, QHostAddress(QHostAddress::LocalHostIPv6));
    const auto response = fetch(wirebench.address, wirebench.port, "/");
    QCOMPARE(statusOf(response), 200);
    QCOMPARE(response->body, IndexPage.toByteArray());
    const QRegularExpression clf(uR"(^::1 - - \[.+\] "GET / HTTP/1\.1" 200 \d+$)"_s);
    QVERIFY(wirebench.waitForLine(clf, 5000).hasMatch());
    QVERIFY(wirebench.terminate());
    QCOMPARE(wirebench.process().exitCode(), 0);
}

void tst_Headless::listingListsDirectory()
{
    Headless wirebench(m_binary);
    QVERIFY(wirebench.start({u"--listing"_s, u"--web-port"_s, u"0"_s, u"--web-root"_s, m_root}));
    const auto response = fetch(wirebench.address, wirebench.port, "/notes/");
    QCOMPARE(statusOf(response), 200);
    QVERIFY2(response->body.contains("href=\"first%20note.txt\""), response->body.constData());
    QVERIFY(wirebench.terminate());
}

void tst_Headless::dotfilesAreServedOnlyWhenAsked()
{
    for (const bool serve : {false, true}) {
        Headless wirebench(m_binary);
        QStringList arguments = {u"--listing"_s, u"--web-port"_s, u"0"_s, u"--web-root"_s, m_root};
        if (serve)
            arguments << u"--serve-dotfiles"_s;
        QVERIFY2(wirebench.start(arguments), qPrintable(wirebench.standardError()));
        const auto secret = fetch(wirebench.address, wirebench.port, "/.env");
        QCOMPARE(statusOf(secret), serve ? 200 : 404);
        QCOMPARE(secret->body.contains("SECRET"), serve);
        QVERIFY(wirebench.terminate());
    }
}

void tst_Headless::keepAliveTimeoutIsConfigurable()
{
    Headless wirebench(m_binary);
    QVERIFY2(wirebench.start({u"--web-port"_s, u"0"_s, u"--web-root"_s, m_root, u"--keep-alive-timeout"_s, u"1"_s}),
             qPrintable(wirebench.standardError()));
    QTcpSocket idle;
    idle.connectToHost(wirebench.address, wirebench.port);
    QVERIFY(idle.waitForConnected(ProcessTimeoutMs));
    QElapsedTimer clock;
    clock.start();
    // Before the default of 15 s (ProcessTimeoutMs is 10 s), and not before the second asked for.
    QVERIFY(idle.waitForDisconnected(ProcessTimeoutMs));
    QVERIFY2(clock.elapsed() >= 900, qPrintable(QString::number(clock.elapsed())));
    QVERIFY(wirebench.terminate());
}

void tst_Headless::interruptedDownloadLogsBytesSent()
{
    Headless wirebench(m_binary);
    QVERIFY2(wirebench.start({u"--web-port"_s, u"0"_s, u"--web-root"_s, m_root}), qPrintable(wirebench.standardError()));
    // A small receive buffer: the server's sending socket (4 MiB at most)
    // and ours together cannot take the whole file before we leave.
    QTcpSocket client;
    client.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 16 * 1024);
    client.setReadBufferSize(64 * 1024);
    client.connectToHost(wirebench.address, wirebench.port);
    QVERIFY(client.waitForConnected(ProcessTimeoutMs));
    client.write(get("/big.bin"));
    qint64 received = 0;
    while (received < 256 * 1024 && client.waitForReadyRead(ProcessTimeoutMs))
        received += client.readAll().size();
    QVERIFY(received >= 256 * 1024);
    client.abort(); // gone mid-download, with more on its way

    // As nginx logs it: the status, and the body bytes that actually went out.
    const QRegularExpression clf(uR"(^127\.0\.0\.1 - - \[.+\] "GET /big\.bin HTTP/1\.1" 200 (\d+)$)"_s);
    const QRegularExpressionMatch logged = wirebench.waitForLine(clf, 5000);
    QVERIFY2(logged.hasMatch(), qPrintable(wirebench.lines().join(u'\n')));
    const qint64 bytes = logged.captured(1).toLongLong();
    QVERIFY2(bytes > 0 && bytes < BigFileBytes, qPrintable(logged.captured(0)));
    QVERIFY(wirebench.terminate());
}

void tst_Headless::allowedHostIsAnswered()
{
    Headless wirebench(m_binary);
    QVERIFY2(wirebench.start({u"--web-port"_s, u"0"_s, u"--web-root"_s, m_root, u"--allowed-host"_s,
                              u"wirebench.example"_s, u"--allowed-host"_s, u"other.example"_s}),
             qPrintable(wirebench.standardError()));
    const auto asking = [&](QByteArrayView host) {
        return statusOf(exchangeRaw(wirebench.address, wirebench.port,
                                    "GET / HTTP/1.1\r\nHost: " + host.toByteArray() + "\r\nConnection: close\r\n\r\n"));
    };
    QCOMPARE(asking("wirebench.example:8080"), 200);
    QCOMPARE(asking("other.example"), 200);
    QCOMPARE(asking("localhost"), 200);
    QCOMPARE(asking("attacker.example"), 421);
    const QRegularExpression refused(uR"(^127\.0\.0\.1 - - \[.+\] "GET / HTTP/1\.1" 421 \d+$)"_s);
    QVERIFY2(wirebench.waitForLine(refused, 5000).hasMatch(), qPrintable(wirebench.lines().join(u'\n')));
    QVERIFY(wirebench.terminate());
}

void tst_Headless::invalidAllowedHostFails()
{
    Headless wirebench(m_binary);
    QVERIFY(wirebench.runToEnd({u"--headless"_s, u"--web-port"_s, u"0"_s, u"--web-root"_s, m_root,
                                u"--allowed-host"_s, u"example.com:8080"_s}));
    QCOMPARE(wirebench.process().exitCode(), 2);
    const QString errors = wirebench.standardError();
    QVERIFY2(errors.contains(u"--allowed-host"_s) && errors.contains(u"example.com:8080"_s), qPrintable(errors));
}

void tst_Headless::invalidLimit_data()
{
    QTest::addColumn<QString>("option");
    QTest::addColumn<QString>("value");
    QTest::newRow("idle timeout 0") << u"--echo-idle-timeout"_s << u"0"_s;
    QTest::newRow("per-address cap 0") << u"--max-connections-per-address"_s << u"0"_s;
    QTest::newRow("peer cap not a number") << u"--max-udp-peers"_s << u"many"_s;
    QTest::newRow("negative rate") << u"--udp-peer-rate"_s << u"-1"_s;
    QTest::newRow("shutdown timeout 0") << u"--shutdown-timeout"_s << u"0"_s;
}

void tst_Headless::invalidLimit()
{
    QFETCH(QString, option);
    QFETCH(QString, value);
    Headless wirebench(m_binary);
    QVERIFY(wirebench.runToEnd({u"--headless"_s, u"--web-port"_s, u"0"_s, u"--web-root"_s, m_root, option, value}));
    QCOMPARE(wirebench.process().exitCode(), 2);
    const QString errors = wirebench.standardError();
    QVERIFY2(errors.contains(option) && errors.contains(u'"' + value + u'"'), qPrintable(errors));
}

// Nobody reads its stdout, so the main thread blocks writing the log, where
// no event loop can notice a signal. SIGTERM must still end the process,
// within the shutdown timeout (plus a second), saying why.
void tst_Headless::sigtermEndsAProcessWithStalledStdout()
{
    const QByteArray fifo = QFile::encodeName(m_dir.path() + u"/stalled-stdout"_s);
    QVERIFY(::mkfifo(fifo.constData(), 0600) == 0);
    const int reader = ::open(fifo.constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    QVERIFY(reader >= 0);
    const auto closeReader = qScopeGuard([reader] { ::close(reader); });
    const int capacity = ::fcntl(reader, F_SETPIPE_SZ, 4096); // a small pipe fills fast
    QVERIFY(capacity > 0);

    QProcess process;
    process.setStandardOutputFile(QFile::decodeName(fifo));
    process.start(m_binary, {u"--headless"_s, u"--no-web"_s, u"--no-udp-echo"_s, u"--echo-port"_s, u"0"_s,
                             u"--shutdown-timeout"_s, u"1"_s});
    QVERIFY(process.waitForStarted(ProcessTimeoutMs));
    QByteArray out;
    const QRegularExpression listening(uR"(echo: listening on tcp://127\.0\.0\.1:(\d+)\n)"_s);
    QRegularExpressionMatch match;
    QDeadlineTimer deadline(ProcessTimeoutMs);
    while (!(match = listening.match(QString::fromUtf8(out))).hasMatch() && !deadline.hasExpired()) {
        pollfd readable{reader, POLLIN, 0};
        ::poll(&readable, 1, 100);
        char buffer[512];
        const ssize_t n = ::read(reader, buffer, sizeof buffer);
        if (n > 0)
            out.append(buffer, n);
    }
    QVERIFY2(match.hasMatch(), out.constData());

    // From now on nobody reads. Echo round trips still work (they run on the
    // network thread) and each one logs two lines, until the pipe is full and
    // more is waiting than it could ever take.
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, quint16(match.captured(1).toUInt()));
    QVERIFY(client.waitForConnected(ProcessTimeoutMs));
    const QByteArray chunk(200, '\x01'); // escaped in the log: long lines
    const auto roundTrip = [&] {
        client.write(chunk);
        QByteArray echoed;
        while (echoed.size() < chunk.size() && client.waitForReadyRead(ProcessTimeoutMs))
            echoed += client.readAll();
        return echoed == chunk;
    };
    int queued = 0;
    // The log leaves in batches (every 50 ms): keep going until they have filled the pipe.
    for (QDeadlineTimer filling(ProcessTimeoutMs); queued < capacity - 512 && !filling.hasExpired();) {
        QVERIFY(roundTrip());
        ::ioctl(reader, FIONREAD, &queued);
    }
    QVERIFY2(queued >= capacity - 512, qPrintable(QString::number(queued)));
    for (int trip = 0; trip < 50; ++trip)
        QVERIFY(roundTrip()); // 100 more lines: far more than the pipe holds

    process.terminate();
    QVERIFY2(process.waitForFinished(ProcessTimeoutMs), "SIGTERM did not end a process whose stdout is stalled");
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 3);
    const QString errors = QString::fromLocal8Bit(process.readAllStandardError());
    QVERIFY2(errors.contains(u"wirebench: still running 2 s after the stop signal: exiting without a clean shutdown."_s),
             qPrintable(errors));
}

QTEST_GUILESS_MAIN(tst_Headless)
#include "tst_headless.moc"
