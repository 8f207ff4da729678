#include "clientpane.h"
#include "api/netcontroller.h"
#include "transcriptview.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace Qt::StringLiterals;
using Net::ServerKind;

namespace {

constexpr int WAIT_MS = 10000;
const QString NO_TRAFFIC = u"Sent 0 B in 0 messages · Received 0 B in 0 messages"_s;

QString counterText(qint64 sent, qint64 sentMessages, qint64 received, qint64 receivedMessages)
{
    const auto messages = [](qint64 n) { return n == 1 ? u"1 message"_s : u"%1 messages"_s.arg(n); };
    return u"Sent %1 B in %2 · Received %3 B in %4"_s.arg(sent)
        .arg(messages(sentMessages))
        .arg(received)
        .arg(messages(receivedMessages));
}

} // namespace

class tst_ClientPane : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();

    void controlsAreNamedAndAccessible();
    void tabOrderFollowsTheForm();
    void tcpConnectSendAndReceive();
    void ctrlReturnSends();
    void hexModeSendsBytes();
    void invalidHexIsPointedOutAndNotSent();
    void crlfLineEndingIsAppended();
    void repeatSendsUntilUnchecked();
    void historyUpRecallsPreviousMessages();
    void disconnectShowsDisconnected();
    void closedPortShowsRefused();
    void udpRoundTrip();
    void httpGetLocalWeb();
    void httpMissingPathIs404();
    void reasonPhraseShowsAsPlainText();
    void malformedHeaderIsPointedOut();
    void localEchoButtonConnects();
    void quickTargetsNeedRunningServers();
    void transcriptHexToggleRerenders();
    void clearResetsTranscriptAndCounters();
    void transcriptIsBoundedAndCountsExactly();
    void protocolSwitchAndDestructorCloseTheSession();
    void stateRoundTrips();
    void historyRoundTrips();

private:
    template<typename T>
    T *find(const QString &name) const
    {
        T *widget = m_pane->findChild<T *>(name);
        if (!widget)
            qFatal("no %s named %s", T::staticMetaObject.className(), qPrintable(name));
        return widget;
    }
    QPlainTextEdit *editor() const { return find<QPlainTextEdit>(u"clientMessageEdit"_s); }
    QString transcript() const { return find<QPlainTextEdit>(u"clientTranscript"_s)->toPlainText(); }
    QString counters() const { return find<QLabel>(u"clientCountersLabel"_s)->text(); }
    QString stateText() const { return find<QLabel>(u"clientStateLabel"_s)->text(); }
    qint64 sentMessages() const;
    void click(const QString &buttonName) const;
    void setProtocol(int index) const { find<QComboBox>(u"clientProtocolCombo"_s)->setCurrentIndex(index); }
    // Sets TCP to the local echo server, connects and waits for "Connected".
    bool connectToEcho();
    void typeAndSend(const QString &text);
    int echoConnections() const { return int(m_net->totals(m_net->status(ServerKind::Tcp).id).connectionsNow); }

    QTemporaryDir m_root;
    std::unique_ptr<Net::NetController> m_net;
    std::unique_ptr<ClientPane> m_pane;
    quint16 m_tcpPort = 0;
    quint16 m_udpPort = 0;
    QString m_webUrl;
};

void tst_ClientPane::initTestCase()
{
    QVERIFY(m_root.isValid());
    QFile index(m_root.filePath(u"index.html"_s));
    QVERIFY(index.open(QIODevice::WriteOnly));
    index.write("<p>hello from the web</p>\n");
    index.close();

    m_net = std::make_unique<Net::NetController>();
    Net::WebServerConfig web;
    web.port = 0;
    web.rootPath = m_root.path();
    Net::EchoServerConfig echo;
    echo.port = 0;
    m_net->startWeb(web);
    m_net->startTcp(echo);
    m_net->startUdp(echo);
    QTRY_VERIFY_WITH_TIMEOUT(m_net->status(ServerKind::Web).running && m_net->status(ServerKind::Tcp).running
                                 && m_net->status(ServerKind::Udp).running,
                             WAIT_MS);
    m_tcpPort = m_net->status(ServerKind::Tcp).port;
    m_udpPort = m_net->status(ServerKind::Udp).port;
    m_webUrl = m_net->status(ServerKind::Web).url();
    QVERIFY(m_tcpPort != 0 && m_udpPort != 0);
}

void tst_ClientPane::init()
{
    m_pane = std::make_unique<ClientPane>(*m_net);
    m_pane->resize(900, 700);
    m_pane->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_pane.get()));
}

void tst_ClientPane::cleanup()
{
    m_pane.reset();
}

void tst_ClientPane::cleanupTestCase()
{
    m_net.reset();
}

qint64 tst_ClientPane::sentMessages() const
{
    static const QRegularExpression pattern(u"^Sent .* in (\\d+) message"_s);
    return pattern.match(counters()).captured(1).toLongLong();
}

void tst_ClientPane::click(const QString &buttonName) const
{
    auto *button = find<QAbstractButton>(buttonName);
    QVERIFY2(button->isEnabled(), qPrintable(buttonName));
    QTest::mouseClick(button, Qt::LeftButton);
}

bool tst_ClientPane::connectToEcho()
{
    setProtocol(0);
    find<QLineEdit>(u"clientHostEdit"_s)->setText(u"127.0.0.1"_s);
    find<QSpinBox>(u"clientPortSpin"_s)->setValue(m_tcpPort);
    click(u"clientConnectButton"_s);
    const QString connected = u"Connected to 127.0.0.1:%1"_s.arg(m_tcpPort);
    if (!QTest::qWaitFor([&] { return stateText() == connected; }, WAIT_MS)) {
        qWarning("Still not connected: %s", qPrintable(stateText()));
        return false;
    }
    return find<QPushButton>(u"clientConnectButton"_s)->text() == u"Dis&connect"_s;
}

void tst_ClientPane::typeAndSend(const QString &text)
{
    editor()->clear();
    QTest::keyClicks(editor(), text);
    click(u"clientSendButton"_s);
}

void tst_ClientPane::controlsAreNamedAndAccessible()
{
    const QStringList names = {
        u"clientProtocolCombo"_s, u"clientHostEdit"_s, u"clientPortSpin"_s, u"clientConnectButton"_s,
        u"clientStateLabel"_s, u"clientMessageEdit"_s, u"clientModeCombo"_s, u"clientHexErrorLabel"_s,
        u"clientLineEndingCombo"_s, u"clientSendButton"_s, u"clientRepeatCheck"_s, u"clientRepeatSpin"_s,
        u"clientRepeatCountSpin"_s, u"clientRepeatRemainingLabel"_s, u"clientEncodingCombo"_s,
        u"clientEscapesCheck"_s, u"clientLocalPortSpin"_s,
        u"clientLibraryList"_s, u"clientLibrarySendButton"_s, u"clientLibrarySaveButton"_s,
        u"clientLibraryRenameButton"_s, u"clientLibraryDeleteButton"_s, u"clientLibraryImportButton"_s,
        u"clientLibraryExportButton"_s, u"clientLibraryErrorLabel"_s,
        u"clientSendFileButton"_s, u"clientFileProgress"_s, u"clientFileCancelButton"_s,
        u"clientSaveReceivedCheck"_s, u"clientSaveReceivedPathLabel"_s,
        u"clientMulticastGroupEdit"_s, u"clientMulticastInterfaceCombo"_s, u"clientMulticastTtlSpin"_s,
        u"clientMulticastLoopbackCheck"_s, u"clientTabs"_s, u"clientAddTabButton"_s,
        u"clientHttpMethodCombo"_s, u"clientUrlEdit"_s, u"clientHttpHeadersEdit"_s, u"clientHttpBodyEdit"_s,
        u"clientHttpErrorLabel"_s, u"clientTranscript"_s, u"clientTranscriptModeCombo"_s,
        u"clientCountersLabel"_s, u"clientClearButton"_s, u"clientLocalEchoButton"_s,
        u"clientLocalWebButton"_s, u"clientLocalUdpButton"_s,
    };
    for (const QString &name : names) {
        const QWidget *widget = find<QWidget>(name);
        QVERIFY2(!widget->accessibleName().isEmpty(), qPrintable(name));
    }
    QCOMPARE(find<QLineEdit>(u"clientHostEdit"_s)->text(), u"127.0.0.1"_s);
    QCOMPARE(find<QSpinBox>(u"clientPortSpin"_s)->value(), 7007);
    QCOMPARE(find<QSpinBox>(u"clientRepeatSpin"_s)->minimum(), 10);
    QCOMPARE(find<QSpinBox>(u"clientRepeatSpin"_s)->maximum(), 3600000);
    QCOMPARE(find<QSpinBox>(u"clientRepeatSpin"_s)->value(), 1000);
    QCOMPARE(find<QLineEdit>(u"clientUrlEdit"_s)->text(), u"http://127.0.0.1:8080/"_s);
    QCOMPARE(find<QComboBox>(u"clientHttpMethodCombo"_s)->count(), 7);
    QVERIFY(find<QComboBox>(u"clientHttpMethodCombo"_s)->isEditable());
    QCOMPARE(stateText(), u"Disconnected"_s);
    QCOMPARE(counters(), NO_TRAFFIC);
    // Every label with a mnemonic leads somewhere.
    for (const QLabel *label : m_pane->findChildren<QLabel *>()) {
        if (label->text().contains(u'&'))
            QVERIFY2(label->buddy(), qPrintable(label->text()));
    }
}

void tst_ClientPane::tabOrderFollowsTheForm()
{
    const auto chain = [this] {
        QStringList names;
        QWidget *start = find<QWidget>(u"clientProtocolCombo"_s);
        for (QWidget *w = start; names.size() < 40; w = w->nextInFocusChain()) {
            if (w->objectName().startsWith(u"client"_s) && w->isVisibleTo(m_pane.get())
                && (w->focusPolicy() & Qt::TabFocus))
                names.append(w->objectName());
            if (w->nextInFocusChain() == start)
                break;
        }
        return names.join(u", "_s); // a mismatch then shows where
    };
    const QStringList sendRow = {
        u"clientSendButton"_s, u"clientRepeatCheck"_s, u"clientRepeatSpin"_s, u"clientRepeatCountSpin"_s,
    };
    const QStringList quickRow = {u"clientLocalEchoButton"_s, u"clientLocalWebButton"_s, u"clientLocalUdpButton"_s};
    const QStringList files = {u"clientSendFileButton"_s, u"clientSaveReceivedCheck"_s};
    const QStringList library = {
        u"clientLibraryList"_s, u"clientLibrarySendButton"_s, u"clientLibrarySaveButton"_s,
        u"clientLibraryRenameButton"_s, u"clientLibraryDeleteButton"_s, u"clientLibraryImportButton"_s,
        u"clientLibraryExportButton"_s,
    };
    const QStringList transcript = {u"clientTranscriptModeCombo"_s, u"clientClearButton"_s, u"clientTranscript"_s};
    // The tabs sit above the session: the walk reaches them last, wrapping round.
    const QStringList tabs = {u"clientTabs"_s, u"clientAddTabButton"_s};
    QString walked = chain();
    QVERIFY2(walked == (QStringList{u"clientProtocolCombo"_s, u"clientHostEdit"_s, u"clientPortSpin"_s,
                                   u"clientConnectButton"_s, u"clientLocalPortSpin"_s, u"clientMessageEdit"_s,
                                   u"clientModeCombo"_s, u"clientLineEndingCombo"_s, u"clientEncodingCombo"_s,
                                   u"clientEscapesCheck"_s}
                     + sendRow + files + quickRow + transcript + library + tabs)
                 .join(u", "_s),
             qPrintable(walked));
    setProtocol(2);
    walked = chain();
    QVERIFY2(walked == (QStringList{u"clientProtocolCombo"_s, u"clientHttpMethodCombo"_s, u"clientUrlEdit"_s,
                                   u"clientHttpHeadersEdit"_s, u"clientHttpBodyEdit"_s}
                     + sendRow + quickRow + transcript + tabs)
                 .join(u", "_s),
             qPrintable(walked));
}

void tst_ClientPane::tcpConnectSendAndReceive()
{
    QVERIFY(connectToEcho());
    typeAndSend(u"hello"_s);
    QTRY_COMPARE_WITH_TIMEOUT(counters(), counterText(5, 1, 5, 1), WAIT_MS);
    const QString text = transcript();
    QVERIFY2(text.contains(u"→ 5 B  hello"_s), qPrintable(text));
    QVERIFY2(text.contains(u"← 5 B  hello"_s), qPrintable(text));
    QVERIFY2(text.contains(u"• Connected to 127.0.0.1:%1"_s.arg(m_tcpPort)), qPrintable(text));
    // Timestamps lead every line: "14:03:07.123 → …".
    QVERIFY(QRegularExpression(u"^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} "_s).match(text).hasMatch());
    QCOMPARE(editor()->toPlainText(), u"hello"_s); // kept, to send again
}

void tst_ClientPane::ctrlReturnSends()
{
    QVERIFY(connectToEcho());
    editor()->setPlainText(u"ping"_s);
    QTest::keyClick(editor(), Qt::Key_Return, Qt::ControlModifier);
    QTRY_COMPARE_WITH_TIMEOUT(counters(), counterText(4, 1, 4, 1), WAIT_MS);
    QCOMPARE(editor()->toPlainText(), u"ping"_s); // Ctrl+Return sent; it typed no newline
}

void tst_ClientPane::hexModeSendsBytes()
{
    QVERIFY(connectToEcho());
    find<QComboBox>(u"clientModeCombo"_s)->setCurrentIndex(1);
    QVERIFY(!find<QComboBox>(u"clientLineEndingCombo"_s)->isEnabled()); // only text gets an ending
    editor()->setPlainText(u"68 69"_s);
    click(u"clientSendButton"_s);
    QTRY_COMPARE_WITH_TIMEOUT(counters(), counterText(2, 1, 2, 1), WAIT_MS);
    QVERIFY2(transcript().contains(u"← 2 B  hi"_s), qPrintable(transcript()));
    // Switching the editor back to text carries the message over.
    find<QComboBox>(u"clientModeCombo"_s)->setCurrentIndex(0);
    QCOMPARE(editor()->toPlainText(), u"hi"_s);
}

void tst_ClientPane::invalidHexIsPointedOutAndNotSent()
{
    QVERIFY(connectToEcho());
    auto *error = find<QLabel>(u"clientHexErrorLabel"_s);
    find<QComboBox>(u"clientModeCombo"_s)->setCurrentIndex(1);
    QVERIFY(!error->isVisible());
    editor()->setPlainText(u"6g"_s);
    QVERIFY(error->isVisible()); // pointed out while typing
    QVERIFY2(error->text().contains(u"'g'"_s), qPrintable(error->text()));
    QCOMPARE(editor()->extraSelections().size(), 1);
    QCOMPARE(editor()->extraSelections().constFirst().cursor.selectedText(), u"g"_s);

    click(u"clientSendButton"_s);
    QCOMPARE(editor()->textCursor().selectedText(), u"g"_s);
    QCOMPARE(counters(), NO_TRAFFIC);

    editor()->setPlainText(u"67"_s);
    QVERIFY(!error->isVisible());
    QVERIFY(editor()->extraSelections().isEmpty());
    // The valid message goes out and comes back alone: had the invalid one
    // been sent, it would have been counted first.
    click(u"clientSendButton"_s);
    QTRY_COMPARE_WITH_TIMEOUT(counters(), counterText(1, 1, 1, 1), WAIT_MS);
}

void tst_ClientPane::crlfLineEndingIsAppended()
{
    QVERIFY(connectToEcho());
    find<QComboBox>(u"clientLineEndingCombo"_s)->setCurrentIndex(2);
    typeAndSend(u"hello"_s);
    QTRY_COMPARE_WITH_TIMEOUT(counters(), counterText(7, 1, 7, 1), WAIT_MS);
    QVERIFY2(transcript().contains(u"← 7 B  hello\\r\\n"_s), qPrintable(transcript()));
}

void tst_ClientPane::repeatSendsUntilUnchecked()
{
    QVERIFY(connectToEcho());
    editor()->setPlainText(u"tick"_s);
    find<QSpinBox>(u"clientRepeatSpin"_s)->setValue(50);
    auto *repeat = find<QCheckBox>(u"clientRepeatCheck"_s);
    click(u"clientRepeatCheck"_s);
    QVERIFY(repeat->isChecked());
    QTRY_VERIFY_WITH_TIMEOUT(sentMessages() >= 3, WAIT_MS);
    click(u"clientRepeatCheck"_s);
    QVERIFY(!repeat->isChecked());
    // Ticks sent before the click may still be on their way back: a message
    // sent now is listed after all of them.
    const auto ticks = [this] { return transcript().count(u"→ 4 B  tick"_s); };
    editor()->setPlainText(u"halt"_s);
    click(u"clientSendButton"_s);
    QTRY_COMPARE_WITH_TIMEOUT(transcript().count(u"→ 4 B  halt"_s), 1, WAIT_MS);
    const qint64 stopped = ticks();
    // A repeat timer still running would fire within one interval, so before
    // a timer started now for two; a message sent after that would be listed
    // after its tick.
    QTimer twoIntervals;
    twoIntervals.setSingleShot(true);
    twoIntervals.setTimerType(Qt::PreciseTimer);
    QSignalSpy elapsed(&twoIntervals, &QTimer::timeout);
    twoIntervals.start(2 * find<QSpinBox>(u"clientRepeatSpin"_s)->value());
    QVERIFY(elapsed.wait(WAIT_MS));
    click(u"clientSendButton"_s);
    QTRY_COMPARE_WITH_TIMEOUT(transcript().count(u"→ 4 B  halt"_s), 2, WAIT_MS);
    QCOMPARE(ticks(), stopped);

    // Disconnecting stops a repeat and unchecks the box.
    click(u"clientRepeatCheck"_s);
    QVERIFY(repeat->isChecked());
    click(u"clientConnectButton"_s);
    QTRY_COMPARE_WITH_TIMEOUT(stateText(), u"Disconnected"_s, WAIT_MS);
    QVERIFY(!repeat->isChecked());
}

void tst_ClientPane::historyUpRecallsPreviousMessages()
{
    QVERIFY(connectToEcho());
    typeAndSend(u"first"_s);
    // Each echo is awaited, so the stream cannot join two answers into one read.
    QTRY_COMPARE_WITH_TIMEOUT(counters(), counterText(5, 1, 5, 1), WAIT_MS);
    find<QComboBox>(u"clientModeCombo"_s)->setCurrentIndex(1);
    editor()->setPlainText(u"73 65 63 6f 6e 64"_s);
    click(u"clientSendButton"_s);
    QTRY_COMPARE_WITH_TIMEOUT(counters(), counterText(11, 2, 11, 2), WAIT_MS);

    find<QComboBox>(u"clientModeCombo"_s)->setCurrentIndex(0);
    editor()->setPlainText(u"draft"_s);
    QTest::keyClick(editor(), Qt::Key_Up);
    QCOMPARE(editor()->toPlainText(), u"73 65 63 6f 6e 64"_s);
    QCOMPARE(find<QComboBox>(u"clientModeCombo"_s)->currentIndex(), 1); // the mode comes back too
    QTest::keyClick(editor(), Qt::Key_Up);
    QCOMPARE(editor()->toPlainText(), u"first"_s);
    QCOMPARE(find<QComboBox>(u"clientModeCombo"_s)->currentIndex(), 0);
    QTest::keyClick(editor(), Qt::Key_Up); // nothing older: stays
    QCOMPARE(editor()->toPlainText(), u"first"_s);
    QTest::keyClick(editor(), Qt::Key_Down);
    QTest::keyClick(editor(), Qt::Key_Down);
    QCOMPARE(editor()->toPlainText(), u"draft"_s);
    QCOMPARE(m_pane->history(), QStringList({u"text:first"_s, u"hex:73 65 63 6f 6e 64"_s}));

    // Up inside a multi-line message moves the cursor, not the history.
    editor()->setPlainText(u"line 1\nline 2"_s);
    editor()->moveCursor(QTextCursor::End);
    QTest::keyClick(editor(), Qt::Key_Up);
    QCOMPARE(editor()->toPlainText(), u"line 1\nline 2"_s);
    QCOMPARE(editor()->textCursor().blockNumber(), 0);
}

void tst_ClientPane::disconnectShowsDisconnected()
{
    QVERIFY(connectToEcho());
    click(u"clientConnectButton"_s);
    QTRY_COMPARE_WITH_TIMEOUT(stateText(), u"Disconnected"_s, WAIT_MS);
    QCOMPARE(find<QPushButton>(u"clientConnectButton"_s)->text(), u"&Connect"_s);
    // Sending now is refused here, before it reaches the network.
    typeAndSend(u"late"_s);
    QCOMPARE(stateText(), u"Not connected: connect first."_s);
}

void tst_ClientPane::closedPortShowsRefused()
{
    quint16 closedPort = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        closedPort = probe.serverPort();
    }
    find<QSpinBox>(u"clientPortSpin"_s)->setValue(closedPort);
    click(u"clientConnectButton"_s);
    QTRY_VERIFY_WITH_TIMEOUT(stateText().contains(u"refused"_s, Qt::CaseInsensitive), WAIT_MS);
    const QLabel *label = find<QLabel>(u"clientStateLabel"_s);
    QCOMPARE(label->palette().color(QPalette::WindowText), QColor(0xc6, 0x28, 0x28));
    QTRY_COMPARE_WITH_TIMEOUT(find<QPushButton>(u"clientConnectButton"_s)->text(), u"&Connect"_s, WAIT_MS);
    QVERIFY(stateText().contains(u"refused"_s, Qt::CaseInsensitive)); // the error stays, not "Disconnected"
    QVERIFY(transcript().contains(u"Error: Connection refused"_s));
}

void tst_ClientPane::udpRoundTrip()
{
    setProtocol(1);
    QVERIFY(!find<QPushButton>(u"clientConnectButton"_s)->isVisible()); // UDP needs no connect
    find<QSpinBox>(u"clientPortSpin"_s)->setValue(m_udpPort);
    typeAndSend(u"datagram"_s);
    QTRY_COMPARE_WITH_TIMEOUT(counters(), counterText(8, 1, 8, 1), WAIT_MS);
    QVERIFY2(transcript().contains(u"← 8 B from 127.0.0.1:%1  datagram"_s.arg(m_udpPort)), qPrintable(transcript()));
    QVERIFY(stateText().startsWith(u"Ready to send to 127.0.0.1:%1"_s.arg(m_udpPort)));
    // Same target: the same socket; a second datagram needs no new setup.
    click(u"clientSendButton"_s);
    QTRY_COMPARE_WITH_TIMEOUT(counters(), counterText(16, 2, 16, 2), WAIT_MS);
    QCOMPARE(transcript().count(u"Ready to send to"_s), 1);
    // A host name is looked up first; what was sent meanwhile follows.
    find<QLineEdit>(u"clientHostEdit"_s)->setText(u"localhost"_s);
    typeAndSend(u"named"_s);
    QTRY_COMPARE_WITH_TIMEOUT(counters(), counterText(21, 3, 21, 3), WAIT_MS);
}

void tst_ClientPane::httpGetLocalWeb()
{
    click(u"clientLocalWebButton"_s);
    QCOMPARE(find<QComboBox>(u"clientProtocolCombo"_s)->currentText(), u"HTTP"_s);
    QCOMPARE(find<QLineEdit>(u"clientUrlEdit"_s)->text(), m_webUrl);
    QTRY_COMPARE_WITH_TIMEOUT(stateText(), u"HTTP 200 OK"_s, WAIT_MS);
    const QString text = transcript();
    QVERIFY2(text.contains(u"→ GET %1"_s.arg(m_webUrl)), qPrintable(text));
    QVERIFY2(text.contains(u"← HTTP 200 OK · 26 B · "_s), qPrintable(text));
    QVERIFY2(text.contains(u"(headers after "_s), qPrintable(text));
    QVERIFY2(text.contains(u"    <p>hello from the web</p>"_s), qPrintable(text));
    QVERIFY2(text.contains(u"Content-Type: text/html"_s, Qt::CaseInsensitive), qPrintable(text));
    QVERIFY(!find<QPlainTextEdit>(u"clientMessageEdit"_s)->isVisible());
}

void tst_ClientPane::httpMissingPathIs404()
{
    setProtocol(2);
    find<QLineEdit>(u"clientUrlEdit"_s)->setText(m_webUrl + u"missing.html"_s);
    find<QPlainTextEdit>(u"clientHttpHeadersEdit"_s)->setPlainText(u"Accept: text/html\n\nX-Test: 1"_s);
    click(u"clientSendButton"_s);
    QTRY_VERIFY_WITH_TIMEOUT(transcript().contains(u"← HTTP 404"_s), WAIT_MS);
    QVERIFY(transcript().contains(u"    X-Test: 1"_s)); // the request as sent, headers included
    QCOMPARE(stateText(), u"HTTP 404 Not Found"_s);
}

// A server's reason phrase is the network's text: the state label shows it as
// received, never as HTML ("<b>" bold, "<img>" fetched).
void tst_ClientPane::reasonPhraseShowsAsPlainText()
{
    const QByteArray reason = "<b>x</b><img src=\"y\">";
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    connect(&server, &QTcpServer::newConnection, &server, [&server, reason] {
        QTcpSocket *socket = server.nextPendingConnection();
        connect(socket, &QTcpSocket::readyRead, socket, [socket, reason] {
            if (!socket->peek(socket->bytesAvailable()).contains("\r\n\r\n"))
                return;
            socket->readAll();
            socket->write("HTTP/1.1 200 " + reason + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            socket->disconnectFromHost();
        });
    });
    setProtocol(2);
    find<QLineEdit>(u"clientUrlEdit"_s)->setText(u"http://127.0.0.1:%1/"_s.arg(server.serverPort()));
    click(u"clientSendButton"_s);
    QTRY_COMPARE_WITH_TIMEOUT(stateText(), u"HTTP 200 "_s + QString::fromLatin1(reason), WAIT_MS);
    QCOMPARE(find<QLabel>(u"clientStateLabel"_s)->textFormat(), Qt::PlainText);
}

void tst_ClientPane::malformedHeaderIsPointedOut()
{
    setProtocol(2);
    find<QLineEdit>(u"clientUrlEdit"_s)->setText(m_webUrl);
    auto *headers = find<QPlainTextEdit>(u"clientHttpHeadersEdit"_s);
    headers->setPlainText(u"Accept: text/html\nno colon here"_s);
    click(u"clientSendButton"_s);
    auto *error = find<QLabel>(u"clientHttpErrorLabel"_s);
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().startsWith(u"Line 2 "_s), qPrintable(error->text()));
    QCOMPARE(headers->textCursor().selectedText(), u"no colon here"_s);

    find<QLineEdit>(u"clientUrlEdit"_s)->setText(u"ftp://example.com/"_s);
    headers->clear();
    click(u"clientSendButton"_s);
    QVERIFY2(error->text().contains(u"ftp://example.com/"_s), qPrintable(error->text()));
    QCOMPARE(counters(), NO_TRAFFIC);
    QVERIFY(transcript().isEmpty());
    // A good request then is the first in the transcript: had either bad one
    // gone out, it would be listed before.
    find<QLineEdit>(u"clientUrlEdit"_s)->setText(m_webUrl);
    click(u"clientSendButton"_s);
    QTRY_COMPARE_WITH_TIMEOUT(stateText(), u"HTTP 200 OK"_s, WAIT_MS);
    QCOMPARE(transcript().count(u"→ "_s), 1);
    QVERIFY2(transcript().contains(u"→ GET %1"_s.arg(m_webUrl)), qPrintable(transcript()));
}

void tst_ClientPane::localEchoButtonConnects()
{
    setProtocol(2);
    click(u"clientLocalEchoButton"_s);
    QCOMPARE(find<QComboBox>(u"clientProtocolCombo"_s)->currentText(), u"TCP"_s);
    QCOMPARE(find<QSpinBox>(u"clientPortSpin"_s)->value(), int(m_tcpPort));
    QTRY_COMPARE_WITH_TIMEOUT(stateText(), u"Connected to 127.0.0.1:%1"_s.arg(m_tcpPort), WAIT_MS);
    QCOMPARE(m_pane->focusWidget(), editor()); // ready to type
    typeAndSend(u"x"_s);
    QTRY_COMPARE_WITH_TIMEOUT(counters(), counterText(1, 1, 1, 1), WAIT_MS);

    click(u"clientLocalUdpButton"_s);
    QCOMPARE(find<QComboBox>(u"clientProtocolCombo"_s)->currentText(), u"UDP"_s);
    QCOMPARE(find<QSpinBox>(u"clientPortSpin"_s)->value(), int(m_udpPort));
}

void tst_ClientPane::quickTargetsNeedRunningServers()
{
    QVERIFY(find<QPushButton>(u"clientLocalEchoButton"_s)->isEnabled());
    QVERIFY(find<QPushButton>(u"clientLocalWebButton"_s)->isEnabled());
    QVERIFY(find<QPushButton>(u"clientLocalUdpButton"_s)->isEnabled());

    Net::NetController idle;
    ClientPane pane(idle);
    for (const QString &name : {u"clientLocalEchoButton"_s, u"clientLocalWebButton"_s, u"clientLocalUdpButton"_s})
        QVERIFY(!pane.findChild<QPushButton *>(name)->isEnabled());
    Net::EchoServerConfig echo;
    echo.port = 0;
    const Net::ServerId tcp = idle.startTcp(echo);
    QTRY_VERIFY_WITH_TIMEOUT(pane.findChild<QPushButton *>(u"clientLocalEchoButton"_s)->isEnabled(), WAIT_MS);
    idle.stopServer(tcp);
    QTRY_VERIFY_WITH_TIMEOUT(!pane.findChild<QPushButton *>(u"clientLocalEchoButton"_s)->isEnabled(), WAIT_MS);
}

void tst_ClientPane::transcriptHexToggleRerenders()
{
    QVERIFY(connectToEcho());
    typeAndSend(u"hello"_s);
    QTRY_COMPARE_WITH_TIMEOUT(counters(), counterText(5, 1, 5, 1), WAIT_MS);
    auto *mode = find<QComboBox>(u"clientTranscriptModeCombo"_s);
    mode->setCurrentIndex(1);
    QString text = transcript();
    QCOMPARE(text.count(u"68 65 6c 6c 6f"_s), 2);
    QVERIFY2(text.contains(u"|hello|"_s), qPrintable(text));
    QVERIFY(!text.contains(u"→ 5 B  hello"_s));
    mode->setCurrentIndex(0);
    text = transcript();
    QVERIFY(text.contains(u"→ 5 B  hello"_s));
    QVERIFY(!text.contains(u"68 65 6c 6c 6f"_s));
}

void tst_ClientPane::clearResetsTranscriptAndCounters()
{
    QVERIFY(connectToEcho());
    typeAndSend(u"hello"_s);
    QTRY_COMPARE_WITH_TIMEOUT(counters(), counterText(5, 1, 5, 1), WAIT_MS);
    click(u"clientClearButton"_s);
    QCOMPARE(counters(), NO_TRAFFIC);
    QVERIFY(transcript().isEmpty());
    // Cleared entries do not come back when the view is rendered again.
    find<QComboBox>(u"clientTranscriptModeCombo"_s)->setCurrentIndex(1);
    QVERIFY(transcript().isEmpty());
}

void tst_ClientPane::transcriptIsBoundedAndCountsExactly()
{
    TranscriptView view;
    QList<Net::ClientEvent> burst;
    qint64 burstBytes = 0;
    for (int i = 0; i < 20000; ++i) {
        Net::ClientEvent event;
        event.kind = i % 2 == 0 ? Net::ClientEvent::Kind::Sent : Net::ClientEvent::Kind::Received;
        event.timeMs = 1714557600000 + i;
        event.data = QByteArray::number(i);
        event.size = event.data.size();
        burstBytes += event.size;
        burst.append(event);
    }
    for (int round = 0; round < 5; ++round)
        view.append(burst, false);
    QCOMPARE(view.counters().sentMessages, 50000);
    QCOMPARE(view.counters().receivedMessages, 50000);
    QCOMPARE(view.counters().sentBytes + view.counters().receivedBytes, 5 * burstBytes);
    auto *edit = view.findChild<QPlainTextEdit *>(u"clientTranscript"_s);
    QVERIFY(edit->blockCount() <= 50000);

    // Rendering again uses the kept entries: the newest 5,000.
    view.setMode(MessageMode::Hex);
    QCOMPARE(edit->blockCount(), 5000 * 2); // a header and one dump line each
    view.setMode(MessageMode::Text);
    QCOMPARE(edit->blockCount(), 5000);
    QVERIFY(edit->document()->firstBlock().text().endsWith(u"  15000"_s));
    QVERIFY(edit->document()->lastBlock().text().endsWith(u"← 5 B  19999"_s));
}

void tst_ClientPane::protocolSwitchAndDestructorCloseTheSession()
{
    QTRY_COMPARE_WITH_TIMEOUT(echoConnections(), 0, WAIT_MS); // earlier tests' sessions are gone
    QVERIFY(connectToEcho());
    QTRY_COMPARE_WITH_TIMEOUT(echoConnections(), 1, WAIT_MS);
    setProtocol(1);
    QTRY_COMPARE_WITH_TIMEOUT(echoConnections(), 0, WAIT_MS);
    QCOMPARE(find<QPushButton>(u"clientConnectButton"_s)->text(), u"&Connect"_s);

    setProtocol(0);
    QCOMPARE(stateText(), u"Disconnected"_s);
    QVERIFY(connectToEcho());
    QTRY_COMPARE_WITH_TIMEOUT(echoConnections(), 1, WAIT_MS);
    m_pane.reset();
    QTRY_COMPARE_WITH_TIMEOUT(echoConnections(), 0, WAIT_MS);
}

void tst_ClientPane::stateRoundTrips()
{
    QVERIFY(m_pane->state() == ClientPaneState());
    ClientPaneState state;
    state.protocol = Net::ClientProtocol::Udp;
    state.host = u"::1"_s;
    state.port = 9999;
    state.mode = MessageMode::Hex;
    state.lineEnding = LineEnding::CrLf;
    state.url = u"http://localhost:81/x"_s;
    state.method = u"PROPFIND"_s;
    state.headers = u"Accept: */*\nX-A: 1"_s;
    state.repeatMs = 250;
    state.repeatCount = 7;
    state.escapes = false;
    state.encoding = u"GBK"_s;
    state.localPort = 40001;
    state.transcriptMode = MessageMode::Hex;
    m_pane->setState(state);
    QVERIFY(m_pane->state() == state);
    QCOMPARE(find<QComboBox>(u"clientProtocolCombo"_s)->currentText(), u"UDP"_s);

    ClientPane other(*m_net);
    other.setState(m_pane->state());
    QVERIFY(other.state() == state);
    state.repeatMs = 1; // out of range: clamped, not refused
    other.setState(state);
    QCOMPARE(other.state().repeatMs, 10);
}

void tst_ClientPane::historyRoundTrips()
{
    QVERIFY(m_pane->history().isEmpty());
    m_pane->setHistory({u"text:a"_s, u"hex:68 69"_s, u"text:a"_s, u"text:a"_s, u"plain"_s, u"text:"_s});
    QCOMPARE(m_pane->history(), QStringList({u"text:a"_s, u"hex:68 69"_s, u"text:a"_s, u"text:plain"_s}));
    QTest::keyClick(editor(), Qt::Key_Up);
    QCOMPARE(editor()->toPlainText(), u"plain"_s);
    QTest::keyClick(editor(), Qt::Key_Up);
    QTest::keyClick(editor(), Qt::Key_Up);
    QCOMPARE(editor()->toPlainText(), u"68 69"_s);
    QCOMPARE(find<QComboBox>(u"clientModeCombo"_s)->currentText(), u"Hex"_s);

    QStringList many;
    for (int i = 0; i < 150; ++i)
        many.append(u"text:m%1"_s.arg(i));
    m_pane->setHistory(many);
    QCOMPARE(m_pane->history(), many.mid(50));

    ClientPane other(*m_net);
    other.setHistory(m_pane->history());
    QCOMPARE(other.history(), many.mid(50));
}

QTEST_MAIN(tst_ClientPane)
#include "tst_clientpane.moc"
