// The client pane's send options through the real pane (offscreen): escapes,
// encodings, repeat with a count and the local port, against servers the
// test runs itself on loopback, so the exact bytes on the wire are checked.

#include "client/filetransferrow.h"
#include "clientpane.h"
#include "namedchild.h"
#include "api/netcontroller.h"
#include "recordingserver.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkDatagram>
#include <QFile>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

constexpr int WAIT_MS = 10000;

} // namespace

class tst_ClientPaneFeatures : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void escapesProduceExactBytes();
    void encodingRoundTripsThroughEcho();
    void repeatCountSendsExactlyN();
    void udpSendsFromTheChosenLocalPort();
    void tcpLocalPortInUseIsShown();
    void sendFileStreamsItWithProgress();
    void multicastOptionsReachTheSocket();
    void saveReceivedAppendsToAFile();

private:
    template<typename T>
    T *find(const QString &name) const
    {
        return namedChild<T>(m_pane.get(), name);
    }
    QPlainTextEdit *editor() const { return find<QPlainTextEdit>(u"clientMessageEdit"_s); }
    QString stateText() const { return find<QLabel>(u"clientStateLabel"_s)->text(); }
    QString transcript() const { return find<QPlainTextEdit>(u"clientTranscript"_s)->toPlainText(); }
    bool connectTo(quint16 port);
    void send(const QString &text);

    std::unique_ptr<Net::NetController> m_net;
    std::unique_ptr<ClientPane> m_pane;
    std::unique_ptr<RecordingServer> m_server;
};

void tst_ClientPaneFeatures::init()
{
    m_net = std::make_unique<Net::NetController>();
    m_pane = std::make_unique<ClientPane>(*m_net);
    m_pane->resize(900, 700);
    m_pane->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_pane.get()));
    m_server = std::make_unique<RecordingServer>();
    QVERIFY(m_server->server.listen(QHostAddress::LocalHost, 0));
}

void tst_ClientPaneFeatures::cleanup()
{
    m_pane.reset();
    m_net.reset();
    m_server.reset();
}

bool tst_ClientPaneFeatures::connectTo(quint16 port)
{
    find<QComboBox>(u"clientProtocolCombo"_s)->setCurrentIndex(0);
    find<QLineEdit>(u"clientHostEdit"_s)->setText(u"127.0.0.1"_s);
    find<QSpinBox>(u"clientPortSpin"_s)->setValue(port);
    QTest::mouseClick(find<QPushButton>(u"clientConnectButton"_s), Qt::LeftButton);
    return QTest::qWaitFor([&] { return stateText().startsWith(u"Connected to"_s); }, WAIT_MS);
}

void tst_ClientPaneFeatures::send(const QString &text)
{
    editor()->setPlainText(text);
    QTest::mouseClick(find<QPushButton>(u"clientSendButton"_s), Qt::LeftButton);
}

void tst_ClientPaneFeatures::escapesProduceExactBytes()
{
    QVERIFY(find<QCheckBox>(u"clientEscapesCheck"_s)->isChecked()); // the default
    QVERIFY(connectTo(m_server->server.serverPort()));
    send(u"a\\r\\n\\x00\\t\\\\b"_s);
    const QByteArray expected("a\r\n\0\t\\b", 7);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->received, expected, WAIT_MS);

    // Off: what was typed goes out as typed.
    find<QCheckBox>(u"clientEscapesCheck"_s)->setChecked(false);
    send(u"\\n"_s);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->received, expected + "\\n"_ba, WAIT_MS);

    // With CRLF endings a typed line break becomes CRLF, an escaped "\n" stays LF.
    find<QCheckBox>(u"clientEscapesCheck"_s)->setChecked(true);
    find<QComboBox>(u"clientLineEndingCombo"_s)->setCurrentIndex(2);
    send(u"x\\ny\nz"_s);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->received, expected + "\\n"_ba + "x\ny\r\nz\r\n"_ba, WAIT_MS);
}

void tst_ClientPaneFeatures::encodingRoundTripsThroughEcho()
{
    auto *encoding = find<QComboBox>(u"clientEncodingCombo"_s);
    QCOMPARE(encoding->count(), 5);
    encoding->setCurrentText(u"GBK"_s);
    QVERIFY(connectTo(m_server->server.serverPort()));
    send(u"中文"_s);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->received, "\xd6\xd0\xce\xc4"_ba, WAIT_MS);
    // The echo comes back as GBK and reads as the same text.
    QTRY_VERIFY2_WITH_TIMEOUT(transcript().contains(u"← 4 B  中文"_s), qPrintable(transcript()), WAIT_MS);
    QVERIFY2(transcript().contains(u"→ 4 B  中文"_s), qPrintable(transcript()));

    encoding->setCurrentText(u"Shift_JIS"_s);
    send(u"テ"_s);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->received, "\xd6\xd0\xce\xc4\x83\x65"_ba, WAIT_MS);
    QTRY_VERIFY2_WITH_TIMEOUT(transcript().contains(u"← 2 B  テ"_s), qPrintable(transcript()), WAIT_MS);
}

void tst_ClientPaneFeatures::repeatCountSendsExactlyN()
{
    QVERIFY(connectTo(m_server->server.serverPort()));
    find<QSpinBox>(u"clientRepeatSpin"_s)->setValue(20);
    auto *count = find<QSpinBox>(u"clientRepeatCountSpin"_s);
    QCOMPARE(count->text(), u"until stopped"_s); // the default
    count->setValue(3);
    editor()->setPlainText(u"tick"_s);
    auto *repeat = find<QCheckBox>(u"clientRepeatCheck"_s);
    repeat->click();
    QVERIFY(repeat->isChecked());
    // The first message went with the click.
    QCOMPARE(find<QLabel>(u"clientRepeatRemainingLabel"_s)->text(), u"2 left"_s);
    // The box unchecks itself after the third message: the timer is stopped then.
    QTRY_VERIFY_WITH_TIMEOUT(!repeat->isChecked(), WAIT_MS);
    QVERIFY(find<QLabel>(u"clientRepeatRemainingLabel"_s)->text().isEmpty());
    // A message sent now arrives after every tick there was.
    send(u"end"_s);
    QTRY_VERIFY_WITH_TIMEOUT(m_server->received.endsWith("end"), WAIT_MS);
    QCOMPARE(m_server->received, "ticktickticktickend"_ba.sliced(4));

    // A count of 1 sends one message and stops at once.
    count->setValue(1);
    editor()->setPlainText(u"one"_s);
    repeat->click();
    QVERIFY(!repeat->isChecked());
    send(u"end"_s);
    QTRY_VERIFY_WITH_TIMEOUT(m_server->received.endsWith("oneend"), WAIT_MS);
}

void tst_ClientPaneFeatures::udpSendsFromTheChosenLocalPort()
{
    QUdpSocket echo;
    QVERIFY(echo.bind(QHostAddress::LocalHost, 0));
    int senderPort = -1;
    connect(&echo, &QIODevice::readyRead, &echo, [&] {
        while (echo.hasPendingDatagrams()) {
            const QNetworkDatagram datagram = echo.receiveDatagram();
            senderPort = datagram.senderPort();
            echo.writeDatagram(datagram.makeReply(datagram.data()));
        }
    });
    quint16 local = 0;
    {
        QUdpSocket probe;
        QVERIFY(probe.bind(QHostAddress::LocalHost, 0));
        local = probe.localPort();
    }
    find<QComboBox>(u"clientProtocolCombo"_s)->setCurrentIndex(1);
    find<QSpinBox>(u"clientPortSpin"_s)->setValue(echo.localPort());
    auto *localPort = find<QSpinBox>(u"clientLocalPortSpin"_s);
    QCOMPARE(localPort->text(), u"any"_s);
    localPort->setValue(local);
    send(u"hi"_s);
    QTRY_COMPARE_WITH_TIMEOUT(senderPort, int(local), WAIT_MS);
    QTRY_VERIFY2_WITH_TIMEOUT(stateText().contains(u"from local port %1"_s.arg(local)), qPrintable(stateText()),
                              WAIT_MS);
}

void tst_ClientPaneFeatures::tcpLocalPortInUseIsShown()
{
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
    find<QSpinBox>(u"clientLocalPortSpin"_s)->setValue(squatter.serverPort());
    find<QSpinBox>(u"clientPortSpin"_s)->setValue(m_server->server.serverPort());
    QTest::mouseClick(find<QPushButton>(u"clientConnectButton"_s), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(
        stateText(), u"Port %1 is in use: choose another local port, or 0 for any."_s.arg(squatter.serverPort()),
        WAIT_MS);
}

void tst_ClientPaneFeatures::sendFileStreamsItWithProgress()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QByteArray content(3 * 1024 * 1024 + 11, Qt::Uninitialized);
    for (qsizetype i = 0; i < content.size(); ++i)
        content[i] = char(i * 13 + i / 509);
    QFile file(dir.filePath(u"payload.bin"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
    file.close();

    auto *row = m_pane->findChild<FileTransferRow *>();
    QVERIFY(row);
    QVERIFY(find<QPushButton>(u"clientSendFileButton"_s)->isVisible());
    row->sendFile(file.fileName()); // not connected: refused, no progress left behind
    QCOMPARE(stateText(), u"Not connected: connect first."_s);
    QVERIFY(!find<QProgressBar>(u"clientFileProgress"_s)->isVisible());

    QVERIFY(connectTo(m_server->server.serverPort()));
    row->sendFile(file.fileName());
    QVERIFY(find<QPushButton>(u"clientFileCancelButton"_s)->isVisible());
    QTRY_COMPARE_WITH_TIMEOUT(m_server->received.size(), content.size(), WAIT_MS);
    QVERIFY(m_server->received == content);
    QTRY_VERIFY2_WITH_TIMEOUT(transcript().contains(u"→ 3.0 MiB from the file "_s + file.fileName()),
                              qPrintable(transcript()), WAIT_MS);
    QTRY_VERIFY_WITH_TIMEOUT(!find<QProgressBar>(u"clientFileProgress"_s)->isVisible(), WAIT_MS);
    QCOMPARE(find<QProgressBar>(u"clientFileProgress"_s)->value(), 1000);

    find<QComboBox>(u"clientProtocolCombo"_s)->setCurrentIndex(1);
    QVERIFY(!find<QPushButton>(u"clientSendFileButton"_s)->isVisible()); // TCP only
    QVERIFY(find<QCheckBox>(u"clientSaveReceivedCheck"_s)->isVisible());
}

// TTL and loopback are read back from the socket into the state sentence;
// the datagram goes to a loopback echo only.
void tst_ClientPaneFeatures::multicastOptionsReachTheSocket()
{
    QUdpSocket echo;
    QVERIFY(echo.bind(QHostAddress::LocalHost, 0));
    QVERIFY(!find<QSpinBox>(u"clientMulticastTtlSpin"_s)->isVisible()); // TCP: no multicast
    find<QComboBox>(u"clientProtocolCombo"_s)->setCurrentIndex(1);
    QVERIFY(find<QSpinBox>(u"clientMulticastTtlSpin"_s)->isVisible());
    find<QSpinBox>(u"clientPortSpin"_s)->setValue(echo.localPort());
    find<QSpinBox>(u"clientMulticastTtlSpin"_s)->setValue(3);
    find<QCheckBox>(u"clientMulticastLoopbackCheck"_s)->setChecked(false);
    send(u"m"_s);
    QTRY_VERIFY2_WITH_TIMEOUT(stateText().endsWith(u"; multicast TTL 3, loopback off"_s), qPrintable(stateText()),
                              WAIT_MS);

    auto *group = find<QLineEdit>(u"clientMulticastGroupEdit"_s);
    group->setText(u"not-an-address"_s);
    emit group->editingFinished();
    QCOMPARE(stateText(), u"\"not-an-address\" is not an IP address: enter a multicast group such as 239.1.2.3."_s);
}

void tst_ClientPaneFeatures::saveReceivedAppendsToAFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"received.bin"_s);
    auto *row = m_pane->findChild<FileTransferRow *>();
    row->setSaveReceivedPath(path);
    QVERIFY(find<QCheckBox>(u"clientSaveReceivedCheck"_s)->isChecked());
    QVERIFY(connectTo(m_server->server.serverPort())); // the session opened after the choice saves too
    send(u"abc"_s);
    QTRY_VERIFY_WITH_TIMEOUT(transcript().contains(u"← 3 B  abc"_s), WAIT_MS);
    send(u"def"_s);
    QTRY_VERIFY_WITH_TIMEOUT(transcript().contains(u"← 3 B  def"_s), WAIT_MS);
    find<QCheckBox>(u"clientSaveReceivedCheck"_s)->setChecked(false); // stops and closes the file
    QVERIFY(row->saveReceivedPath().isEmpty());
    const auto saved = [&path] {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    };
    QTRY_COMPARE_WITH_TIMEOUT(saved(), "abcdef"_ba, WAIT_MS);
}

QTEST_MAIN(tst_ClientPaneFeatures)
#include "tst_clientpane_features.moc"
