// "wirebench send", end to end: the real binary as a child process against
// servers in this test (a TCP and a UDP echo, a refused port, a server that
// never answers). Exact stdout bytes and exit codes. The servers run in this
// thread, so the test waits for the child with the event loop running
// (QTRY_*), never with the blocking waitFor*().

#include "sendexitcodes.h"
#include "sendrequest.h"

#include <QCoreApplication>
#include <QDir>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QUdpSocket>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

constexpr int ProcessTimeoutMs = 20000;

// A loopback TCP server that echoes every byte, or (silent) only records them.
class TcpPeer : public QObject
{
public:
    explicit TcpPeer(bool echo)
    {
        QVERIFY(m_server.listen(QHostAddress::LocalHost, 0));
        connect(&m_server, &QTcpServer::newConnection, this, [this, echo] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                ++connections;
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket, echo] {
                    const QByteArray bytes = socket->readAll();
                    received += bytes;
                    if (echo)
                        socket->write(bytes);
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }
    quint16 port() const { return m_server.serverPort(); }

    QByteArray received;
    int connections = 0;

private:
    QTcpServer m_server;
};

class UdpEcho : public QObject
{
public:
    UdpEcho()
    {
        QVERIFY(m_socket.bind(QHostAddress::LocalHost, 0));
        connect(&m_socket, &QUdpSocket::readyRead, this, [this] {
            while (m_socket.hasPendingDatagrams()) {
                QHostAddress sender;
                quint16 senderPort = 0;
                QByteArray datagram(int(m_socket.pendingDatagramSize()), Qt::Uninitialized);
                m_socket.readDatagram(datagram.data(), datagram.size(), &sender, &senderPort);
                received += datagram;
                m_socket.writeDatagram(datagram, sender, senderPort);
            }
        });
    }
    quint16 port() const { return m_socket.localPort(); }

    QByteArray received;

private:
    QUdpSocket m_socket;
};

// A port where nothing listens (TCP and UDP): bound, noted, released.
quint16 closedPort()
{
    QUdpSocket udp;
    if (!udp.bind(QHostAddress::LocalHost, 0))
        return 0;
    const quint16 port = udp.localPort();
    QTcpServer tcp;
    return tcp.listen(QHostAddress::LocalHost, port) ? port : closedPort();
}

QString target(const char *scheme, quint16 port)
{
    return u"%1://127.0.0.1:%2"_s.arg(QLatin1StringView(scheme)).arg(port);
}

} // namespace

class tst_SendCommand : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void tcpEchoText();
    void udpEchoText();
    void hexBothWays();
    void binaryReplyIsHexDumped();
    void stdinMessage_data();
    void stdinMessage();
    void refused_data();
    void refused();
    void hostNotFound();
    void silentServerIsNoReply();
    void noWaitStillDeliversEveryByte();
    void serverClosesWithoutReply();
    void badCommandLine_data();
    void badCommandLine();
    void escapes_data();
    void escapes();

private:
    // Runs "wirebench send ARGUMENTS" with `input` on stdin, to the end.
    bool run(const QStringList &arguments, const QByteArray &input = {});

    QString m_binary;
    std::unique_ptr<QProcess> m_process;
    QByteArray m_stdout;
    QString m_stderr;
    int m_exitCode = -1;
};

void tst_SendCommand::initTestCase()
{
    m_binary = QDir::cleanPath(QCoreApplication::applicationDirPath() + u"/../wirebench"_s);
    QVERIFY2(QFileInfo::exists(m_binary), "build the 'wirebench' target first");
}

bool tst_SendCommand::run(const QStringList &arguments, const QByteArray &input)
{
    m_process = std::make_unique<QProcess>();
    m_process->start(m_binary, QStringList{u"send"_s} + arguments);
    if (!m_process->waitForStarted(ProcessTimeoutMs))
        return false;
    m_process->write(input);
    m_process->closeWriteChannel();
    // The servers live in this thread: keep its event loop running meanwhile.
    if (!QTest::qWaitFor([this] { return m_process->state() == QProcess::NotRunning; }, ProcessTimeoutMs)
        || m_process->exitStatus() != QProcess::NormalExit)
        return false;
    m_stdout = m_process->readAllStandardOutput();
    m_stderr = QString::fromUtf8(m_process->readAllStandardError());
    m_exitCode = m_process->exitCode();
    return true;
}

void tst_SendCommand::tcpEchoText()
{
    TcpPeer echo(true);
    QVERIFY(run({target("tcp", echo.port()), u"ping\\r\\n"_s}));
    QCOMPARE(m_exitCode, SendExit::Ok);
    QCOMPARE(m_stdout, QByteArray("ping\r\n")); // byte for byte, nothing added
    QCOMPARE(echo.received, QByteArray("ping\r\n"));
    QVERIFY2(m_stderr.isEmpty(), qPrintable(m_stderr));
}

void tst_SendCommand::udpEchoText()
{
    UdpEcho echo;
    QVERIFY(run({target("udp", echo.port()), u"héllo\\t1"_s}));
    QCOMPARE(m_exitCode, SendExit::Ok);
    QCOMPARE(m_stdout, QByteArray("h\xc3\xa9llo\t1"));
    QCOMPARE(echo.received, QByteArray("h\xc3\xa9llo\t1"));
}

void tst_SendCommand::hexBothWays()
{
    TcpPeer echo(true);
    QVERIFY(run({u"--hex"_s, target("tcp", echo.port()), u"70 69 6e 67 ff"_s}));
    QCOMPARE(m_exitCode, SendExit::Ok);
    QCOMPARE(echo.received, QByteArray("ping\xff"));
    QCOMPARE(m_stdout, QByteArray("70 69 6e 67 ff\n"));
}

void tst_SendCommand::binaryReplyIsHexDumped()
{
    UdpEcho echo;
    QVERIFY(run({target("udp", echo.port()), u"\\x00\\x01abc"_s}));
    QCOMPARE(m_exitCode, SendExit::Ok);
    QCOMPARE(echo.received, QByteArray("\x00\x01" "abc", 5));
    QCOMPARE(m_stdout, QByteArray("00000000  00 01 61 62 63                                    |..abc|\n"));
}

void tst_SendCommand::stdinMessage_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("sent");
    QTest::addColumn<QByteArray>("printed");
    // From stdin the text is sent as it is: no escapes.
    QTest::addRow("text") << QStringList{} << QByteArray("two\nlines\\n\n") << QByteArray("two\nlines\\n\n")
                          << QByteArray("two\nlines\\n\n");
    QTest::addRow("hex") << QStringList{u"--hex"_s} << QByteArray("68 69\n0a") << QByteArray("hi\n")
                         << QByteArray("68 69 0a\n");
}

void tst_SendCommand::stdinMessage()
{
    QFETCH(QStringList, options);
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, sent);
    QFETCH(QByteArray, printed);
    TcpPeer echo(true);
    QVERIFY(run(options + QStringList{target("tcp", echo.port()), u"-"_s}, input));
    QCOMPARE(m_exitCode, SendExit::Ok);
    QCOMPARE(echo.received, sent);
    QCOMPARE(m_stdout, printed);
}

void tst_SendCommand::refused_data()
{
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<QString>("sentence");
    QTest::addRow("tcp") << u"tcp"_s << u"Connection refused by 127.0.0.1:%1: nothing is listening there."_s;
    QTest::addRow("udp") << u"udp"_s << u"127.0.0.1:%1 refused the datagram (nothing is listening there)."_s;
}

void tst_SendCommand::refused()
{
    QFETCH(QString, scheme);
    QFETCH(QString, sentence);
    const quint16 port = closedPort();
    QVERIFY(port != 0);
    QVERIFY(run({target(scheme.toLatin1().constData(), port), u"x"_s}));
    QCOMPARE(m_exitCode, SendExit::NetworkError);
    QVERIFY(m_stdout.isEmpty());
    QCOMPARE(m_stderr, u"wirebench: "_s + sentence.arg(port) + u'\n');
}

void tst_SendCommand::hostNotFound()
{
    // .invalid never resolves (RFC 6761).
    QVERIFY(run({u"tcp://no-such-host.invalid:25000"_s, u"x"_s}));
    QCOMPARE(m_exitCode, SendExit::NetworkError);
    QVERIFY(m_stdout.isEmpty());
    QCOMPARE(m_stderr, u"wirebench: Host \"no-such-host.invalid\" was not found.\n"_s);
}

void tst_SendCommand::silentServerIsNoReply()
{
    TcpPeer silent(false);
    QVERIFY(run({u"--wait-reply"_s, u"300"_s, target("tcp", silent.port()), u"hello?"_s}));
    QCOMPARE(m_exitCode, SendExit::NoReply);
    QVERIFY(m_stdout.isEmpty());
    QCOMPARE(m_stderr, u"wirebench: No reply from 127.0.0.1:%1 within 300 ms.\n"_s.arg(silent.port()));
    QTRY_COMPARE(silent.received, QByteArray("hello?"));
}

void tst_SendCommand::noWaitStillDeliversEveryByte()
{
    // Exiting right after the send must not drop bytes still in the socket's
    // buffer: more than loopback's socket buffers hold.
    TcpPeer silent(false);
    const QByteArray big(4 * 1024 * 1024, 'z');
    QVERIFY(run({u"--wait-reply"_s, u"0"_s, target("tcp", silent.port()), u"-"_s}, big));
    QCOMPARE(m_exitCode, SendExit::Ok);
    QVERIFY(m_stdout.isEmpty());
    QTRY_COMPARE(silent.received.size(), big.size());
    QCOMPARE(silent.received, big);
}

void tst_SendCommand::serverClosesWithoutReply()
{
    QTcpServer closer;
    QVERIFY(closer.listen(QHostAddress::LocalHost, 0));
    QByteArray received;
    connect(&closer, &QTcpServer::newConnection, this, [&] {
        QTcpSocket *socket = closer.nextPendingConnection();
        connect(socket, &QTcpSocket::readyRead, socket, [socket, &received] {
            received += socket->readAll();
            socket->disconnectFromHost();
        });
    });
    QVERIFY(run({u"--wait-reply"_s, u"10000"_s, target("tcp", closer.serverPort()), u"bye"_s}));
    QCOMPARE(m_exitCode, SendExit::NoReply);
    QCOMPARE(received, QByteArray("bye"));
    QCOMPARE(m_stderr, u"wirebench: 127.0.0.1:%1 closed the connection without a reply.\n"_s.arg(closer.serverPort()));
}

void tst_SendCommand::badCommandLine_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("sentence");
    QTest::addRow("no message") << QStringList{u"tcp://127.0.0.1:25000"_s} << u"needs a target and a message"_s;
    QTest::addRow("no port") << QStringList{u"tcp://127.0.0.1"_s, u"x"_s} << u"has no port"_s;
    QTest::addRow("other scheme") << QStringList{u"http://127.0.0.1:25000"_s, u"x"_s} << u"is not a target"_s;
    QTest::addRow("path") << QStringList{u"tcp://127.0.0.1:25000/a"_s, u"x"_s} << u"only a host and a port"_s;
    QTest::addRow("bad escape") << QStringList{u"tcp://127.0.0.1:25000"_s, u"a\\qb"_s} << u"Unknown escape at character 2"_s;
    QTest::addRow("cut \\x") << QStringList{u"tcp://127.0.0.1:25000"_s, u"\\x4"_s} << u"needs two hex digits"_s;
    QTest::addRow("bad hex") << QStringList{u"--hex"_s, u"tcp://127.0.0.1:25000"_s, u"4g"_s} << u"--hex:"_s;
    QTest::addRow("bad wait") << QStringList{u"--wait-reply"_s, u"-1"_s, u"tcp://127.0.0.1:25000"_s, u"x"_s}
                              << u"--wait-reply: \"-1\""_s;
    QTest::addRow("bad encoding") << QStringList{u"--encoding"_s, u"klingon"_s, u"tcp://127.0.0.1:25000"_s, u"x"_s}
                                  << u"--encoding: \"klingon\""_s;
    QTest::addRow("extra") << QStringList{u"tcp://127.0.0.1:25000"_s, u"a"_s, u"b"_s} << u"Unexpected argument: b"_s;
}

void tst_SendCommand::badCommandLine()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, sentence);
    QVERIFY(run(arguments));
    QCOMPARE(m_exitCode, SendExit::BadCommandLine);
    QVERIFY(m_stdout.isEmpty());
    QVERIFY2(m_stderr.startsWith(u"wirebench send: "_s) && m_stderr.contains(sentence), qPrintable(m_stderr));
}

// The escape decoder on its own (in this process).
void tst_SendCommand::escapes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("encoding");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addRow("plain") << u"abc"_s << QByteArray("UTF-8") << QByteArray("abc");
    QTest::addRow("controls") << u"a\\r\\n\\tb"_s << QByteArray("UTF-8") << QByteArray("a\r\n\tb");
    QTest::addRow("backslash") << u"a\\\\n"_s << QByteArray("UTF-8") << QByteArray("a\\n");
    QTest::addRow("hex bytes") << u"\\x00\\xFf\\x7e"_s << QByteArray("UTF-8") << QByteArray("\x00\xff\x7e", 3);
    QTest::addRow("utf-8") << u"é\\x41"_s << QByteArray("UTF-8") << QByteArray("\xc3\xa9" "A");
    QTest::addRow("latin-1") << u"é\\xe9"_s << QByteArray("ISO-8859-1") << QByteArray("\xe9\xe9");
}

void tst_SendCommand::escapes()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, encoding);
    QFETCH(QByteArray, bytes);
    const EscapedText decoded = decodeEscapes(text, encoding);
    QVERIFY2(decoded.error.isEmpty(), qPrintable(decoded.error));
    QCOMPARE(decoded.bytes, bytes);
}

QTEST_GUILESS_MAIN(tst_SendCommand)
#include "tst_sendcommand.moc"
