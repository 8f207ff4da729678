// The client pane inside the real window, offscreen: an HTTP fetch from the
// web card's server, a TCP exchange with the echo card's server that shows up
// in the transcript, the connections view and the traffic log, and invalid
// hex that is refused before anything leaves.

#include "windowtesthelpers.h"
#include "testserverids.h"

#include "connectionsmodel.h"

#include <QComboBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>

using namespace Qt::StringLiterals;
using Net::ServerKind;
using namespace WindowTest;

class tst_MainWindowClient : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void httpModeFetchesTheDemoPage();
    void tcpEchoShowsInTranscriptConnectionsAndLog();
    void invalidHexIsRefusedAndNothingIsSent();

private:
    QString transcript() const { return m_fx->find<QPlainTextEdit>(u"clientTranscript"_s)->toPlainText(); }
    QString stateText() const { return m_fx->find<QLabel>(u"clientStateLabel"_s)->text(); }
    void click(const QString &name) const
    {
        auto *button = m_fx->find<QAbstractButton>(name);
        QVERIFY2(button->isEnabled(), qPrintable(name));
        QTest::mouseClick(button, Qt::LeftButton);
    }
    void setProtocol(const QString &name) const
    {
        auto *combo = m_fx->find<QComboBox>(u"clientProtocolCombo"_s);
        combo->setCurrentIndex(combo->findText(name));
        QCOMPARE(combo->currentText(), name);
    }
    // Starts the echo card and connects the pane's TCP client to it, through the form.
    bool connectToEcho();

    WindowFixture *m_fx = nullptr;
};

void tst_MainWindowClient::init()
{
    m_fx = new WindowFixture;
    QVERIFY(m_fx->create());
}

void tst_MainWindowClient::cleanup()
{
    delete m_fx;
    m_fx = nullptr;
}

bool tst_MainWindowClient::connectToEcho()
{
    if (!m_fx->start(ServerKind::Tcp))
        return false;
    const quint16 port = m_fx->net->status(ServerKind::Tcp).port;
    setProtocol(u"TCP"_s);
    auto *host = m_fx->find<QLineEdit>(u"clientHostEdit"_s);
    host->clear();
    QTest::keyClicks(host, u"127.0.0.1"_s);
    m_fx->find<QSpinBox>(u"clientPortSpin"_s)->setValue(port);
    click(u"clientConnectButton"_s);
    const QString connected = u"Connected to 127.0.0.1:%1"_s.arg(port);
    if (!QTest::qWaitFor([&] { return stateText() == connected; }, WaitMs)) {
        qWarning("Not connected: %s", qPrintable(stateText()));
        return false;
    }
    return m_fx->find<QPushButton>(u"clientConnectButton"_s)->text() == u"Dis&connect"_s;
}

// Case 2: HTTP mode, URL typed into the form, Send → "HTTP 200" and the page in the transcript.
void tst_MainWindowClient::httpModeFetchesTheDemoPage()
{
    QVERIFY(m_fx->start(ServerKind::Web));
    const QString url = m_fx->net->status(ServerKind::Web).url();
    setProtocol(u"HTTP"_s);
    QVERIFY(!m_fx->find<QLineEdit>(u"clientHostEdit"_s)->isVisible());
    auto *urlEdit = m_fx->find<QLineEdit>(u"clientUrlEdit"_s);
    QVERIFY(urlEdit->isVisible());
    urlEdit->clear();
    QTest::keyClicks(urlEdit, url);
    m_fx->find<QComboBox>(u"clientHttpMethodCombo"_s)->setCurrentText(u"GET"_s);
    click(u"clientSendButton"_s);

    QTRY_VERIFY2_WITH_TIMEOUT(transcript().contains(u"← HTTP 200 OK"_s), qPrintable(transcript()), WaitMs);
    QVERIFY2(transcript().contains(u"It works."_s), qPrintable(transcript()));
    QVERIFY2(transcript().contains(u"→ GET "_s + url + u"\n    GET / HTTP/1.1\n"_s), qPrintable(transcript()));
    QVERIFY2(transcript().contains(u"Content-Length: %1"_s.arg(QFileInfo(demoSitePath() + u"/index.html"_s).size())),
             qPrintable(transcript()));
    QTRY_VERIFY_WITH_TIMEOUT(m_fx->find<QLabel>(u"clientCountersLabel"_s)->text().contains(u"in 1 message"_s),
                             WaitMs);
    // The server side saw it too: one exchange in the log.
    TrafficLogModel *log = m_fx->logModel();
    const auto exchangeLogged = [log] {
        for (int row = 0; row < log->rowCount(); ++row) {
            const QString summary = log->index(row, TrafficLogModel::SummaryColumn).data().toString();
            if (summary.startsWith(u"GET / → 200"_s))
                return true;
        }
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(exchangeLogged(), WaitMs);

    // "GET local web" does the same in one click.
    m_fx->find<QPushButton>(u"clientClearButton"_s)->click();
    QVERIFY(!transcript().contains(u"HTTP 200"_s));
    click(u"clientLocalWebButton"_s);
    QTRY_VERIFY2_WITH_TIMEOUT(transcript().contains(u"← HTTP 200 OK"_s), qPrintable(transcript()), WaitMs);
}

// Case 3: "hello" over TCP → the reply in the transcript, the connection in
// the connections view (by the client's port), both directions in the log.
void tst_MainWindowClient::tcpEchoShowsInTranscriptConnectionsAndLog()
{
    QVERIFY(connectToEcho());
    const quint16 echoPort = m_fx->net->status(ServerKind::Tcp).port;
    auto *editor = m_fx->find<QPlainTextEdit>(u"clientMessageEdit"_s);
    editor->clear();
    QTest::keyClicks(editor, u"hello"_s);
    click(u"clientSendButton"_s);
    QTRY_VERIFY2_WITH_TIMEOUT(transcript().contains(u"← 5 B  hello"_s), qPrintable(transcript()), WaitMs);
    QVERIFY2(transcript().contains(u"→ 5 B  hello"_s), qPrintable(transcript()));

    // The one echo connection is the pane's client; its peer port is the client's port.
    auto *table = m_fx->find<QTableView>(u"connectionsTable"_s);
    QAbstractItemModel *connections = table->model();
    const auto echoRows = [connections] {
        QList<int> rows;
        for (int row = 0; row < connections->rowCount(); ++row) {
            if (connections->index(row, ConnectionsModel::ServerColumn).data().toString() == u"echo"_s)
                rows.append(row);
        }
        return rows;
    };
    QTRY_COMPARE_WITH_TIMEOUT(echoRows().size(), 1, WaitMs);
    const int row = echoRows().constFirst();
    const QString peer = connections->index(row, ConnectionsModel::PeerColumn).data().toString();
    QVERIFY2(peer.startsWith(u"127.0.0.1:"_s), qPrintable(peer));
    const quint16 clientPort = quint16(peer.sliced(10).toUInt());
    QVERIFY(clientPort != 0 && clientPort != echoPort);
    const quint64 id = connections->index(row, ConnectionsModel::IdColumn).data(ConnectionsModel::IdRole).toULongLong();
    QVERIFY(id != 0);
    QTRY_COMPARE_WITH_TIMEOUT(connections->index(row, ConnectionsModel::BytesInColumn).data().toString(), u"5 B"_s,
                              WaitMs);
    QCOMPARE(connections->index(row, ConnectionsModel::BytesOutColumn).data().toString(), u"5 B"_s);

    // The log: the connection opened from the client's port, and "hello" in both directions.
    TrafficLogModel *log = m_fx->logModel();
    const QString connection = u"#%1"_s.arg(id);
    const auto rowsOf = [log, &connection](const QString &direction, const QString &needle) {
        int count = 0;
        for (int r = 0; r < log->rowCount(); ++r) {
            if (log->index(r, TrafficLogModel::ConnectionColumn).data().toString() == connection
                && log->index(r, TrafficLogModel::DirectionColumn).data().toString() == direction
                && log->index(r, TrafficLogModel::SummaryColumn).data().toString().contains(needle))
                ++count;
        }
        return count;
    };
    QTRY_COMPARE_WITH_TIMEOUT(rowsOf(u"←"_s, u"hello"_s), 1, WaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(rowsOf(u"→"_s, u"hello"_s), 1, WaitMs);
    QCOMPARE(rowsOf(u"•"_s, u"connection opened from 127.0.0.1:%1"_s.arg(clientPort)), 1);
}

// Case 6: "6g" in Hex mode is pointed out and refused; the echo server receives nothing.
void tst_MainWindowClient::invalidHexIsRefusedAndNothingIsSent()
{
    QVERIFY(connectToEcho());
    m_fx->find<QComboBox>(u"clientModeCombo"_s)->setCurrentIndex(1); // Hex
    auto *editor = m_fx->find<QPlainTextEdit>(u"clientMessageEdit"_s);
    auto *error = m_fx->find<QLabel>(u"clientHexErrorLabel"_s);

    // A valid message first, so "unchanged" is measured against a server that counts.
    editor->clear();
    QTest::keyClicks(editor, u"68 69"_s);
    QVERIFY(!error->isVisible());
    click(u"clientSendButton"_s);
    QTRY_COMPARE_WITH_TIMEOUT(m_fx->net->totals(testServerId(ServerKind::Tcp)).bytesIn, qint64(2), WaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(transcript().contains(u"← 2 B  hi"_s), WaitMs);
    const QString countersBefore = m_fx->find<QLabel>(u"clientCountersLabel"_s)->text();

    editor->clear();
    QTest::keyClicks(editor, u"6g"_s);
    QVERIFY(error->isVisible());
    QVERIFY(!error->text().isEmpty());
    QVERIFY(!error->accessibleName().isEmpty());
    click(u"clientSendButton"_s);
    QVERIFY(error->isVisible());
    QCOMPARE(editor->textCursor().selectedText(), u"g"_s); // the bad character is selected
    QCOMPARE(editor->toPlainText(), u"6g"_s);                // and nothing was lost

    QCOMPARE(m_fx->find<QLabel>(u"clientCountersLabel"_s)->text(), countersBefore);

    // A valid message after it, over the same ordered connection: once its
    // echo is back, anything sent before it would have arrived too. The
    // server saw exactly the two messages of two bytes, never "6g".
    editor->clear();
    QTest::keyClicks(editor, u"6b 79"_s);
    click(u"clientSendButton"_s);
    QTRY_VERIFY_WITH_TIMEOUT(transcript().contains(u"← 2 B  ky"_s), WaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(m_fx->net->totals(testServerId(ServerKind::Tcp)).bytesOut, qint64(4), WaitMs);
    QCOMPARE(m_fx->net->totals(testServerId(ServerKind::Tcp)).bytesIn, qint64(4));
    QTRY_VERIFY2_WITH_TIMEOUT(m_fx->find<QLabel>(u"echoCountersLabel"_s)->text().contains(u"in 4 B · out 4 B"_s),
                              qPrintable(m_fx->find<QLabel>(u"echoCountersLabel"_s)->text()), WaitMs);
}

QTEST_MAIN(tst_MainWindowClient)
#include "tst_mainwindow_client.moc"
