// The real wirebench binary in --headless mode running the TCP, UDP and
// relay servers and --serve specs, end to end: their listening lines, their
// traffic in the log, modes and rules, and the exit codes of bad input.

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

class tst_HeadlessServers : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void runsEchoServersAndLogsTraffic();
    void rulesModeAnswersByTheRulesFile();
    void badModeOrRulesFail_data();
    void badModeOrRulesFail();
    void echoPortInUseFails();
    void echoIdleTimeoutIsConfigurable();
    void refusedDatagramsAreReported();
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

void tst_HeadlessServers::initTestCase()
{
    m_binary = binaryPath();
    if (m_binary.isEmpty())
        QSKIP("The wirebench binary is not beside the tests: build the 'wirebench' target first.");
    m_root = makeRoot(m_dir);
    QVERIFY(!m_root.isEmpty());
    QVERIFY(QDir(m_root).mkpath(u"notes"_s)); // the second web server's root
    QVERIFY(writeFile(m_root + u"/notes/first note.txt"_s, "first\n"));
}

void tst_HeadlessServers::runsEchoServersAndLogsTraffic()
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

void tst_HeadlessServers::rulesModeAnswersByTheRulesFile()
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

void tst_HeadlessServers::badModeOrRulesFail_data()
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

void tst_HeadlessServers::badModeOrRulesFail()
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

void tst_HeadlessServers::echoPortInUseFails()
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

void tst_HeadlessServers::echoIdleTimeoutIsConfigurable()
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
void tst_HeadlessServers::refusedDatagramsAreReported()
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

void tst_HeadlessServers::serveRunsTwoWebServers()
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

void tst_HeadlessServers::serveRunsTcpServerBesideShorthand()
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

void tst_HeadlessServers::badServeSpecExitsWithTwo_data()
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

void tst_HeadlessServers::badServeSpecExitsWithTwo()
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

void tst_HeadlessServers::serveRunsRulesFromTheRulesFile()
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

void tst_HeadlessServers::serveRelayLogsBothDirections()
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

QTEST_GUILESS_MAIN(tst_HeadlessServers)
#include "tst_headless_servers.moc"
