// The real wirebench binary in --headless mode, end to end: command line,
// the "listening" line, serving, the access log on stdout, exit codes and
// clean termination. The server runs in another process, so the blocking
// waitFor*() calls are fine here.

#include "parsedresponse.h"
#include "rawclient.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QUdpSocket>
#include <QTest>

#include <optional>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace HttpTest;

namespace {

constexpr int ProcessTimeoutMs = 10000;
constexpr QByteArrayView IndexPage = "<!DOCTYPE html>\n<p>headless test index</p>\n";
constexpr qint64 BigFileBytes = 8 * 1024 * 1024; // streamed, and more than loopback's socket buffers hold

// "web: listening on http://127.0.0.1:8080/ (root /srv/www)"
const QRegularExpression ListeningLine(uR"(^web: listening on http://(\d+\.\d+\.\d+\.\d+|\[[0-9a-f:]+\]):(\d+)/ \(root (.+)\)$)"_s);

// One wirebench process in headless mode.
class Headless
{
public:
    explicit Headless(const QString &binary)
    {
        m_process.setProgram(binary);
    }
    ~Headless()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(ProcessTimeoutMs);
        }
    }

    // Starts with `arguments` (after --headless) and waits for the web
    // server's listening line. The echo servers stay off unless asked for,
    // so tests running side by side never fight over port 7007.
    bool start(const QStringList &arguments)
    {
        m_process.setArguments(QStringList{u"--headless"_s} + withoutDefaultEcho(arguments));
        m_process.start();
        if (!m_process.waitForStarted(ProcessTimeoutMs))
            return false;
        const QRegularExpressionMatch match = waitForLine(ListeningLine);
        if (!match.hasMatch())
            return false;
        const QString host = match.captured(1);
        address = QHostAddress(host.startsWith(u'[') ? host.mid(1, host.size() - 2) : host);
        port = quint16(match.captured(2).toUInt());
        root = match.captured(3);
        return true;
    }

    // Runs to the end with `arguments` (not necessarily headless).
    bool runToEnd(const QStringList &arguments)
    {
        m_process.setArguments(arguments.contains(u"--headless"_s) ? withoutDefaultEcho(arguments) : arguments);
        m_process.start();
        return m_process.waitForFinished(ProcessTimeoutMs);
    }

    // The next stdout line matching `pattern`, reading as output arrives.
    QRegularExpressionMatch waitForLine(const QRegularExpression &pattern, int timeoutMs = ProcessTimeoutMs)
    {
        QDeadlineTimer deadline(timeoutMs);
        for (;;) {
            while (m_scanned < m_lines.size()) {
                const QRegularExpressionMatch match = pattern.match(m_lines[m_scanned++]);
                if (match.hasMatch())
                    return match;
            }
            if (deadline.hasExpired() || !m_process.waitForReadyRead(int(deadline.remainingTime())))
                return {};
            readLines();
        }
    }

    // SIGTERM, then the exit.
    bool terminate()
    {
        m_process.terminate();
        const bool finished = m_process.waitForFinished(ProcessTimeoutMs);
        readLines();
        return finished;
    }

    QStringList lines()
    {
        readLines();
        return m_lines;
    }
    QString standardError() { return QString::fromLocal8Bit(m_process.readAllStandardError()); }
    QString allOutput() { return QString::fromLocal8Bit(m_process.readAllStandardOutput()); }
    QProcess &process() { return m_process; }

    QHostAddress address;
    quint16 port = 0;
    QString root;

private:
    static QStringList withoutDefaultEcho(const QStringList &arguments)
    {
        if (arguments.contains(u"--echo-port"_s) || arguments.contains(u"--udp-echo-port"_s))
            return arguments;
        return arguments + QStringList{u"--no-echo"_s, u"--no-udp-echo"_s};
    }

    void readLines()
    {
        m_pending += m_process.readAllStandardOutput();
        qsizetype newline;
        while ((newline = m_pending.indexOf('\n')) >= 0) {
            m_lines.append(QString::fromUtf8(m_pending.first(newline)));
            m_pending.remove(0, newline + 1);
        }
    }

    QProcess m_process;
    QByteArray m_pending;
    QStringList m_lines;
    qsizetype m_scanned = 0;
};

// Sends raw request bytes on their own connection and reads to the end.
std::optional<ParsedResponse> exchangeRaw(const QHostAddress &address, quint16 port, const QByteArray &bytes)
{
    QTcpSocket socket;
    socket.connectToHost(address, port);
    if (!socket.waitForConnected(ProcessTimeoutMs))
        return std::nullopt;
    socket.write(bytes);
    QByteArray data;
    while (socket.waitForReadyRead(ProcessTimeoutMs))
        data += socket.readAll();
    data += socket.readAll();
    ParsedResponse response;
    if (readResponse(data, false, true, response) != ReadStatus::Complete)
        return std::nullopt;
    return response;
}

// One request on its own connection with Connection: close, read to the end.
std::optional<ParsedResponse> fetch(const QHostAddress &address, quint16 port, QByteArrayView target)
{
    return exchangeRaw(address, port, get(target, "Connection: close\r\n"));
}

bool writeFile(const QString &path, QByteArrayView content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content.data(), content.size()) == content.size();
}

} // namespace

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
    void runsEchoServersAndLogsTraffic();
    void keepAliveTimeoutIsConfigurable();
    void echoPortInUseFails();
    void interruptedDownloadLogsBytesSent();
    void allowedHostIsAnswered();
    void invalidAllowedHostFails();
    void invalidLimit_data();
    void invalidLimit();
    void echoIdleTimeoutIsConfigurable();
    void refusedDatagramsAreReported();
    void sigtermEndsAProcessWithStalledStdout();
    void rulesModeAnswersByTheRulesFile();
    void badModeOrRulesFail_data();
    void badModeOrRulesFail();
    void serveRunsTwoWebServers();
    void serveRunsTcpServerBesideShorthand();
    void badServeSpecExitsWithTwo_data();
    void badServeSpecExitsWithTwo();
    void serveRunsRulesFromTheRulesFile();
    void serveRelayLogsBothDirections();

private:
    QString m_binary;
    QTemporaryDir m_dir;
    QString m_root;
};

void tst_Headless::initTestCase()
{
    m_binary = QDir::cleanPath(QCoreApplication::applicationDirPath() + u"/../wirebench"_s);
    if (!QFileInfo(m_binary).isExecutable())
        QSKIP(qPrintable(u"The wirebench binary is not at %1: build the 'wirebench' target first."_s.arg(m_binary)));
    QVERIFY(m_dir.isValid());
    m_root = QFileInfo(m_dir.path()).canonicalFilePath();
    QVERIFY(writeFile(m_root + u"/index.html"_s, IndexPage));
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

void tst_Headless::runsEchoServersAndLogsTraffic()
{
    Headless wirebench(m_binary);
    QVERIFY2(wirebench.start({u"--web-port"_s, u"0"_s, u"--web-root"_s, m_root, u"--echo-port"_s, u"0"_s,
                              u"--udp-echo-port"_s, u"0"_s}),
             qPrintable(wirebench.standardError()));
    const QRegularExpression tcpLine(uR"(^echo: listening on tcp://127\.0\.0\.1:(\d+)$)"_s);
    const QRegularExpression udpLine(uR"(^udp-echo: listening on udp://127\.0\.0\.1:(\d+)$)"_s);
    const QRegularExpressionMatch tcp = wirebench.waitForLine(tcpLine);
    const QRegularExpressionMatch udp = wirebench.waitForLine(udpLine);
    QVERIFY(tcp.hasMatch());
    QVERIFY(udp.hasMatch());

    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, quint16(tcp.captured(1).toUInt()));
    QVERIFY(client.waitForConnected(ProcessTimeoutMs));
    client.write("hello");
    QByteArray echoed;
    while (echoed.size() < 5 && client.waitForReadyRead(ProcessTimeoutMs))
        echoed += client.readAll();
    QCOMPARE(echoed, "hello"_ba);

    QUdpSocket datagram;
    QVERIFY(datagram.bind(QHostAddress::LocalHost, 0));
    datagram.writeDatagram("ping", QHostAddress::LocalHost, quint16(udp.captured(1).toUInt()));
    QVERIFY(datagram.waitForReadyRead(ProcessTimeoutMs));
    QByteArray reply(64, Qt::Uninitialized);
    reply.resize(datagram.readDatagram(reply.data(), reply.size()));
    QCOMPARE(reply, "ping"_ba);

    // One log line per echo event: what came in and what went back.
    const QString port = QString::number(client.localPort());
    QVERIFY(wirebench.waitForLine(QRegularExpression(u"\\] echo #\\d+ 127\\.0\\.0\\.1:"_s + port
                                                     + u" <- 5 bytes \"hello\"$"_s)).hasMatch());
    QVERIFY(wirebench.waitForLine(QRegularExpression(u"\\] echo #\\d+ 127\\.0\\.0\\.1:"_s + port
                                                     + u" -> 5 bytes \"hello\"$"_s)).hasMatch());
    QVERIFY(wirebench.waitForLine(QRegularExpression(u"\\] udp-echo #\\d+ .* <- 4 bytes \"ping\"$"_s)).hasMatch());
    QVERIFY(wirebench.terminate());
    QCOMPARE(wirebench.process().exitCode(), 0);
}

void tst_Headless::rulesModeAnswersByTheRulesFile()
{
    QTemporaryDir dir;
    const QString rules = dir.filePath(u"rules.json"_s);
    QFile file(rules);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"version": 1, "rules": [{"match": "exact", "pattern": "PING", "reply": "PONG {{counter}}\n"}]})");
    file.close();
    Headless wirebench(m_binary);
    QVERIFY2(wirebench.start({u"--web-port"_s, u"0"_s, u"--web-root"_s, m_root, u"--echo-port"_s, u"0"_s,
                              u"--udp-echo-port"_s, u"0"_s, u"--tcp-mode"_s, u"rules"_s, u"--udp-mode"_s, u"rules"_s,
                              u"--rules"_s, rules}),
             qPrintable(wirebench.standardError()));
    const QRegularExpressionMatch tcp = wirebench.waitForLine(QRegularExpression(uR"(^echo: listening on tcp://127\.0\.0\.1:(\d+)$)"_s));
    const QRegularExpressionMatch udp = wirebench.waitForLine(QRegularExpression(uR"(^udp-echo: listening on udp://127\.0\.0\.1:(\d+)$)"_s));
    QVERIFY(tcp.hasMatch() && udp.hasMatch());

    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, quint16(tcp.captured(1).toUInt()));
    QVERIFY(client.waitForConnected(ProcessTimeoutMs));
    client.write("PING\r\n");
    QByteArray reply;
    while (reply.size() < 7 && client.waitForReadyRead(ProcessTimeoutMs))
        reply += client.readAll();
    QCOMPARE(reply, "PONG 1\n"_ba);

    QUdpSocket datagram;
    QVERIFY(datagram.bind(QHostAddress::LocalHost, 0));
    datagram.writeDatagram("PING", QHostAddress::LocalHost, quint16(udp.captured(1).toUInt()));
    QVERIFY(datagram.waitForReadyRead(ProcessTimeoutMs));
    QByteArray answer(64, Qt::Uninitialized);
    answer.resize(datagram.readDatagram(answer.data(), answer.size()));
    QCOMPARE(answer, "PONG 1\n"_ba); // each server counts its own replies
    QVERIFY(wirebench.terminate());
    QCOMPARE(wirebench.process().exitCode(), 0);
}

void tst_Headless::badModeOrRulesFail_data()
{
    QTest::addColumn<QByteArray>("json"); // written to the --rules file unless empty
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("sentence");
    QTest::addRow("unknown mode") << QByteArray() << QStringList{u"--tcp-mode"_s, u"reply"_s}
                                  << u"--tcp-mode: \"reply\" is not a mode (echo, listen or rules)."_s;
    QTest::addRow("rules without a file") << QByteArray() << QStringList{u"--udp-mode"_s, u"rules"_s}
                                          << u"Rules mode needs the rules: add --rules FILE."_s;
    QTest::addRow("--serve rules without a file") << QByteArray()
                                                  << QStringList{u"--serve"_s, u"tcp:127.0.0.1:0:rules"_s}
                                                  << u"Rules mode needs the rules: add --rules FILE."_s;
    QTest::addRow("missing file") << QByteArray() << QStringList{u"--rules"_s, u"/nonexistent/rules.json"_s}
                                  << u"--rules: cannot read /nonexistent/rules.json: "_s;
    QTest::addRow("not JSON") << QByteArray("{") << QStringList{u"--tcp-mode"_s, u"rules"_s}
                              << u"The rules file is not valid JSON"_s;
    QTest::addRow("bad regex") << QByteArray(R"({"rules": [{"match": "regex", "pattern": "("}]})")
                               << QStringList{u"--tcp-mode"_s, u"rules"_s}
                               << u"Rule 1: the regular expression is not valid: "_s;
}

void tst_Headless::badModeOrRulesFail()
{
    QFETCH(QByteArray, json);
    QFETCH(QStringList, arguments);
    QFETCH(QString, sentence);
    QTemporaryDir dir;
    if (!json.isEmpty()) {
        QFile file(dir.filePath(u"rules.json"_s));
        QVERIFY(file.open(QIODevice::WriteOnly) && file.write(json) == json.size());
        arguments << u"--rules"_s << file.fileName();
    }
    Headless wirebench(m_binary);
    QVERIFY(wirebench.runToEnd(QStringList{u"--headless"_s, u"--web-port"_s, u"0"_s, u"--web-root"_s, m_root,
                                           u"--echo-port"_s, u"0"_s, u"--udp-echo-port"_s, u"0"_s}
                               + arguments));
    QCOMPARE(wirebench.process().exitCode(), 2);
    const QString errors = wirebench.standardError();
    QVERIFY2(errors.contains(sentence), qPrintable(errors));
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

void tst_Headless::echoPortInUseFails()
{
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
    Headless wirebench(m_binary);
    QVERIFY(wirebench.runToEnd({u"--headless"_s, u"--no-web"_s, u"--no-udp-echo"_s, u"--echo-port"_s,
                                QString::number(squatter.serverPort())}));
    QCOMPARE(wirebench.process().exitStatus(), QProcess::NormalExit);
    QVERIFY(wirebench.process().exitCode() != 0);
    const QString errors = wirebench.standardError();
    QVERIFY2(errors.contains(u"echo"_s) && errors.contains(u"in use"_s), qPrintable(errors));
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

void tst_Headless::echoIdleTimeoutIsConfigurable()
{
    Headless wirebench(m_binary);
    QVERIFY2(wirebench.start({u"--web-port"_s, u"0"_s, u"--web-root"_s, m_root, u"--echo-port"_s, u"0"_s,
                              u"--no-udp-echo"_s, u"--echo-idle-timeout"_s, u"1"_s}),
             qPrintable(wirebench.standardError()));
    const QRegularExpressionMatch tcp = wirebench.waitForLine(QRegularExpression(uR"(^echo: listening on tcp://127\.0\.0\.1:(\d+)$)"_s));
    QVERIFY(tcp.hasMatch());
    QTcpSocket idle;
    idle.connectToHost(QHostAddress::LocalHost, quint16(tcp.captured(1).toUInt()));
    QVERIFY(idle.waitForConnected(ProcessTimeoutMs));
    // Gone after a second or two, long before the default five minutes.
    QVERIFY(idle.waitForDisconnected(ProcessTimeoutMs));
    QVERIFY(wirebench.terminate());
    QCOMPARE(wirebench.process().exitCode(), 0);
}

// A datagram from a port where an echo service could live is not echoed;
// headless says so on stderr and in the log.
void tst_Headless::refusedDatagramsAreReported()
{
    QUdpSocket service;
    bool bound = false;
    for (quint16 port : {27960, 27015, 10001, 5683, 3702, 1434}) {
        if ((bound = service.bind(QHostAddress::LocalHost, port, QUdpSocket::DontShareAddress)))
            break;
    }
    if (!bound)
        QSKIP("no reflector port is free to bind here");
    Headless wirebench(m_binary);
    QVERIFY2(wirebench.start({u"--web-port"_s, u"0"_s, u"--web-root"_s, m_root, u"--udp-echo-port"_s, u"0"_s,
                              u"--no-echo"_s}),
             qPrintable(wirebench.standardError()));
    const QRegularExpressionMatch udp = wirebench.waitForLine(QRegularExpression(uR"(^udp-echo: listening on udp://127\.0\.0\.1:(\d+)$)"_s));
    QVERIFY(udp.hasMatch());
    service.writeDatagram("echo?", QHostAddress::LocalHost, quint16(udp.captured(1).toUInt()));
    const QString expected = u"UDP datagrams not echoed: 1 from a service port"_s;
    QVERIFY2(wirebench.waitForLine(QRegularExpression(u"udp-echo error: "_s + QRegularExpression::escape(expected)))
                 .hasMatch(),
             qPrintable(wirebench.lines().join(u'\n')));
    QVERIFY(!service.hasPendingDatagrams());
    QVERIFY(wirebench.terminate());
    QCOMPARE(wirebench.process().exitCode(), 0);
    const QString errors = wirebench.standardError();
    QVERIFY2(errors.contains(u"wirebench: "_s + expected), qPrintable(errors));
    QVERIFY(errors.contains(QString::number(service.localPort())));
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

void tst_Headless::serveRunsTwoWebServers()
{
    // Two roots, two servers: each answers from its own, each says where it listens.
    const QString other = m_root + u"/notes"_s;
    Headless wirebench(m_binary);
    QVERIFY2(wirebench.start({u"--serve"_s, u"web:127.0.0.1:0:"_s + m_root, u"--serve"_s,
                              u"web:127.0.0.1:0:"_s + other, u"--listing"_s}),
             qPrintable(wirebench.standardError()));
    QCOMPARE(wirebench.root, m_root);
    const QRegularExpressionMatch second = wirebench.waitForLine(QRegularExpression(
        uR"(^web-2: listening on http://127\.0\.0\.1:(\d+)/ \(root (.+)\)$)"_s));
    QVERIFY(second.hasMatch());
    QCOMPARE(second.captured(2), other);
    const quint16 secondPort = quint16(second.captured(1).toUInt());
    QVERIFY(secondPort != wirebench.port);

    const auto first = fetch(wirebench.address, wirebench.port, "/");
    QCOMPARE(statusOf(first), 200);
    QCOMPARE(first->body, IndexPage.toByteArray());
    const auto note = fetch(wirebench.address, secondPort, "/first%20note.txt");
    QCOMPARE(statusOf(note), 200);
    QCOMPARE(note->body, "first\n"_ba);
    QCOMPARE(statusOf(fetch(wirebench.address, wirebench.port, "/first%20note.txt")), 404);
    // No default servers beside them: --serve names every server to run.
    QVERIFY(wirebench.terminate());
    for (const QString &line : wirebench.lines())
        QVERIFY2(!line.contains(u"listening on tcp://"_s) && !line.contains(u"listening on udp://"_s), qPrintable(line));
}

void tst_Headless::serveRunsTcpServerBesideShorthand()
{
    Headless wirebench(m_binary);
    QVERIFY2(wirebench.start({u"--web-port"_s, u"0"_s, u"--web-root"_s, m_root, u"--serve"_s,
                              u"tcp:127.0.0.1:0:echo"_s}),
             qPrintable(wirebench.standardError()));
    const QRegularExpressionMatch tcp =
        wirebench.waitForLine(QRegularExpression(uR"(^tcp: listening on tcp://127\.0\.0\.1:(\d+)$)"_s));
    QVERIFY(tcp.hasMatch());
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, quint16(tcp.captured(1).toUInt()));
    QVERIFY(client.waitForConnected(ProcessTimeoutMs));
    client.write("named");
    QByteArray echoed;
    while (echoed.size() < 5 && client.waitForReadyRead(ProcessTimeoutMs))
        echoed += client.readAll();
    QCOMPARE(echoed, "named"_ba);
    // Its log lines carry its name.
    QVERIFY(wirebench.waitForLine(QRegularExpression(u"\\] tcp #\\d+ 127\\.0\\.0\\.1:\\d+ <- 5 bytes \"named\"$"_s))
                .hasMatch());
    QVERIFY(wirebench.terminate());
}

void tst_Headless::badServeSpecExitsWithTwo_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("expected");
    QTest::newRow("unknown kind") << u"ftp:127.0.0.1:21"_s << u"the kind must be web, tcp, udp or relay"_s;
    QTest::newRow("bad port") << u"tcp:127.0.0.1:70000"_s << u"\"70000\" is not a port number"_s;
    QTest::newRow("v6 without brackets") << u"udp:::1:7007"_s << u"an IPv6 address in brackets"_s;
    QTest::newRow("bad mode") << u"udp:127.0.0.1:0:shout"_s << u"the mode must be echo, listen or rules"_s;
    QTest::newRow("relay without upstream") << u"relay:127.0.0.1:0"_s << u"a relay needs an upstream"_s;
    QTest::newRow("relay to a host name") << u"relay:127.0.0.1:0:example.org:80"_s
                                          << u"the upstream must be an IP address or localhost"_s;
}

void tst_Headless::badServeSpecExitsWithTwo()
{
    QFETCH(QString, spec);
    QFETCH(QString, expected);
    Headless wirebench(m_binary);
    QVERIFY(wirebench.runToEnd({u"--headless"_s, u"--serve"_s, spec}));
    QCOMPARE(wirebench.process().exitStatus(), QProcess::NormalExit);
    QCOMPARE(wirebench.process().exitCode(), 2);
    const QString errors = wirebench.standardError();
    QVERIFY2(errors.contains(u"--serve "_s + spec + u": "_s) && errors.contains(expected), qPrintable(errors));
    QVERIFY(wirebench.lines().isEmpty());
}

void tst_Headless::serveRunsRulesFromTheRulesFile()
{
    // --rules answers for every --serve server in rules mode; one in echo mode still echoes.
    QTemporaryDir dir;
    QFile file(dir.filePath(u"rules.json"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"version": 1, "rules": [{"match": "startsWith", "pattern": "hi", "reply": "hello {{counter}}"}]})");
    file.close();
    Headless wirebench(m_binary);
    QVERIFY2(wirebench.start({u"--web-port"_s, u"0"_s, u"--web-root"_s, m_root, u"--serve"_s, u"tcp:127.0.0.1:0:rules"_s,
                              u"--serve"_s, u"udp:127.0.0.1:0:rules"_s, u"--serve"_s, u"tcp:127.0.0.1:0"_s,
                              u"--rules"_s, file.fileName()}),
             qPrintable(wirebench.standardError()));
    const QRegularExpressionMatch rules = wirebench.waitForLine(QRegularExpression(uR"(^tcp: listening on tcp://127\.0\.0\.1:(\d+)$)"_s));
    const QRegularExpressionMatch udp = wirebench.waitForLine(QRegularExpression(uR"(^udp: listening on udp://127\.0\.0\.1:(\d+)$)"_s));
    const QRegularExpressionMatch echo = wirebench.waitForLine(QRegularExpression(uR"(^tcp-2: listening on tcp://127\.0\.0\.1:(\d+)$)"_s));
    QVERIFY(rules.hasMatch() && udp.hasMatch() && echo.hasMatch());

    for (const auto &[match, expected] : {std::pair{&rules, "hello 1"_ba}, std::pair{&echo, "hi there"_ba}}) {
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, quint16(match->captured(1).toUInt()));
        QVERIFY(client.waitForConnected(ProcessTimeoutMs));
        client.write("hi there");
        QByteArray reply;
        while (reply.size() < expected.size() && client.waitForReadyRead(ProcessTimeoutMs))
            reply += client.readAll();
        QCOMPARE(reply, expected);
    }
    QUdpSocket datagram;
    QVERIFY(datagram.bind(QHostAddress::LocalHost, 0));
    datagram.writeDatagram("hi", QHostAddress::LocalHost, quint16(udp.captured(1).toUInt()));
    QVERIFY(datagram.waitForReadyRead(ProcessTimeoutMs));
    QByteArray answer(64, Qt::Uninitialized);
    answer.resize(datagram.readDatagram(answer.data(), answer.size()));
    QCOMPARE(answer, "hello 1"_ba);
}

void tst_Headless::serveRelayLogsBothDirections()
{
    QTcpServer upstream;
    QVERIFY(upstream.listen(QHostAddress::LocalHost, 0));
    Headless wirebench(m_binary);
    QVERIFY2(wirebench.start({u"--web-port"_s, u"0"_s, u"--web-root"_s, m_root, u"--serve"_s,
                              u"relay:127.0.0.1:0:127.0.0.1:%1"_s.arg(upstream.serverPort())}),
             qPrintable(wirebench.standardError()));
    const QRegularExpressionMatch relay = wirebench.waitForLine(QRegularExpression(uR"(^relay: listening on tcp://127\.0\.0\.1:(\d+)$)"_s));
    QVERIFY(relay.hasMatch());

    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, quint16(relay.captured(1).toUInt()));
    QVERIFY(client.waitForConnected(ProcessTimeoutMs));
    client.write("hello");
    QVERIFY(client.waitForBytesWritten(ProcessTimeoutMs));
    QVERIFY(upstream.waitForNewConnection(ProcessTimeoutMs));
    QTcpSocket *server = upstream.nextPendingConnection();
    QByteArray received;
    while (received.size() < 5 && server->waitForReadyRead(ProcessTimeoutMs))
        received += server->readAll();
    QCOMPARE(received, "hello"_ba);
    server->write("world");
    QVERIFY(server->waitForBytesWritten(ProcessTimeoutMs));
    QByteArray answer;
    while (answer.size() < 5 && client.waitForReadyRead(ProcessTimeoutMs))
        answer += client.readAll();
    QCOMPARE(answer, "world"_ba);

    const QString port = QString::number(client.localPort());
    QVERIFY(wirebench.waitForLine(QRegularExpression(u"\\] relay #\\d+ 127\\.0\\.0\\.1:"_s + port
                                                     + u" <- 5 bytes \"hello\"$"_s)).hasMatch());
    QVERIFY(wirebench.waitForLine(QRegularExpression(u"\\] relay #\\d+ 127\\.0\\.0\\.1:"_s + port
                                                     + u" -> 5 bytes \"world\"$"_s)).hasMatch());
    QVERIFY(wirebench.terminate());
    QCOMPARE(wirebench.process().exitCode(), 0);
}

QTEST_GUILESS_MAIN(tst_Headless)
#include "tst_headless.moc"
