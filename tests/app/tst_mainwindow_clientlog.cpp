// The client pane's traffic in the traffic log, through the real window
// (offscreen): a TCP send and its reply become log rows named "client #N"
// with the target, they are in the CSV export, an HTTP fetch is a HAR entry,
// and a row the client sent can be sent again.

#include "windowtesthelpers.h"

#include "logexport.h"

#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QStatusBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QTcpServer>
#include <QTcpSocket>

#include <optional>

using namespace Qt::StringLiterals;
using Net::ServerKind;
using Net::TrafficEvent;
using namespace WindowTest;

namespace {

// A loopback TCP echo in the test's thread that records what it received.
class RecordingEcho
{
public:
    RecordingEcho()
    {
        if (!m_server.listen(QHostAddress::LocalHost, 0))
            qFatal("no loopback port for the echo server");
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    const QByteArray bytes = socket->readAll();
                    received += bytes;
                    socket->write(bytes);
                });
            }
        });
    }
    quint16 port() const { return m_server.serverPort(); }

    QByteArray received;

private:
    QTcpServer m_server;
};

} // namespace

class tst_MainWindowClientLog : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void clientSendIsALogRowAndExported();
    void clientHttpExchangeIsAHarEntry();
    void sendAgainResendsThroughTheSession();
    void sendAgainFromAnyDataRowUsesThePanesSession();
    void sendAgainToAClosedSessionSendsNothing();
    void sendAgainNeedsTheWholeBytes();

private:
    QString transcript() const { return m_fx->find<QPlainTextEdit>(u"clientTranscript"_s)->toPlainText(); }
    void setProtocol(const QString &name) const
    {
        auto *combo = m_fx->find<QComboBox>(u"clientProtocolCombo"_s);
        combo->setCurrentIndex(combo->findText(name));
    }
    // Connects the pane's TCP client to `port` through the form and sends `text`.
    bool connectAndSend(quint16 port, const QString &text);
    // The log's rows of client events (of one kind), in order.
    QList<TrafficEvent> clientRows(std::optional<TrafficEvent::Kind> kind = std::nullopt) const;
    // Makes the first visible log row that `pick` accepts the current one; false if none.
    bool selectRow(const std::function<bool(const TrafficEvent &)> &pick) const;
    QAction *sendAgain() const { return m_fx->find<QAction>(u"sendAgainAction"_s); }

    WindowFixture *m_fx = nullptr;
};

void tst_MainWindowClientLog::init()
{
    m_fx = new WindowFixture;
    QVERIFY(m_fx->create());
}

void tst_MainWindowClientLog::cleanup()
{
    delete m_fx;
    m_fx = nullptr;
}

bool tst_MainWindowClientLog::connectAndSend(quint16 port, const QString &text)
{
    setProtocol(u"TCP"_s);
    auto *host = m_fx->find<QLineEdit>(u"clientHostEdit"_s);
    host->clear();
    QTest::keyClicks(host, u"127.0.0.1"_s);
    m_fx->find<QSpinBox>(u"clientPortSpin"_s)->setValue(port);
    QTest::mouseClick(m_fx->find<QPushButton>(u"clientConnectButton"_s), Qt::LeftButton);
    auto *label = m_fx->find<QLabel>(u"clientStateLabel"_s);
    if (!QTest::qWaitFor([&] { return label->text() == u"Connected to 127.0.0.1:%1"_s.arg(port); }, WaitMs))
        return false;
    auto *editor = m_fx->find<QPlainTextEdit>(u"clientMessageEdit"_s);
    editor->clear();
    QTest::keyClicks(editor, text);
    QTest::mouseClick(m_fx->find<QPushButton>(u"clientSendButton"_s), Qt::LeftButton);
    return true;
}

QList<TrafficEvent> tst_MainWindowClientLog::clientRows(std::optional<TrafficEvent::Kind> kind) const
{
    QList<TrafficEvent> rows;
    for (const TrafficEvent &event : m_fx->logModel()->visibleEvents()) {
        if (event.source == Net::EventSource::Client && (!kind || event.kind == *kind))
            rows.append(event);
    }
    return rows;
}

// "ping" to an echo: the transcript as before, and the log has the sent and
// the received row, named after the session, with the target as peer; the
// CSV export carries them.
void tst_MainWindowClientLog::clientSendIsALogRowAndExported()
{
    RecordingEcho echo;
    QVERIFY(connectAndSend(echo.port(), u"ping"_s));
    QTRY_VERIFY2_WITH_TIMEOUT(transcript().contains(u"← 4 B  ping"_s), qPrintable(transcript()), WaitMs);
    QVERIFY2(transcript().contains(u"→ 4 B  ping"_s), qPrintable(transcript()));

    TrafficLogModel *log = m_fx->logModel();
    QTRY_COMPARE_WITH_TIMEOUT(clientRows(TrafficEvent::Kind::Data).size(), 2, WaitMs);
    const QList<TrafficEvent> data = clientRows(TrafficEvent::Kind::Data);
    QCOMPARE(data.at(0).direction, Net::Direction::Out);
    QCOMPARE(data.at(1).direction, Net::Direction::In);
    const quint64 session = data.at(0).connectionId;
    for (const TrafficEvent &event : data) {
        QCOMPARE(event.payload, "ping"_ba);
        QCOMPARE(event.peerPort, echo.port());
    }
    // Shown as the session, in the Server column.
    int sentRow = -1;
    for (int row = 0; row < log->rowCount(); ++row) {
        if (log->eventAt(row).source == Net::EventSource::Client && log->eventAt(row).direction == Net::Direction::Out)
            sentRow = row;
    }
    QVERIFY(sentRow >= 0);
    QCOMPARE(log->index(sentRow, TrafficLogModel::ServerColumn).data().toString(), u"client #%1"_s.arg(session));
    QCOMPARE(log->index(sentRow, TrafficLogModel::DirectionColumn).data().toString(), u"→"_s);
    // The connected state is a row too.
    const QList<TrafficEvent> rows = clientRows();
    QVERIFY(std::any_of(rows.cbegin(), rows.cend(), [](const TrafficEvent &event) {
        return event.kind == TrafficEvent::Kind::ClientState && event.clientState == Net::ClientState::Connected;
    }));

    const QString csv = QString::fromUtf8(LogExport::toBytes(log->visibleEvents(), ExportFormat::Csv, {}));
    const QString peer = u"127.0.0.1:%1"_s.arg(echo.port());
    QVERIFY2(csv.contains(u",%1,client #%1,out,%2,data,,,,4,,"_s.arg(session).arg(peer)), qPrintable(csv));
    QVERIFY2(csv.contains(u",%1,client #%1,in,%2,data,,,,4,,"_s.arg(session).arg(peer)), qPrintable(csv));
    QVERIFY2(csv.contains(u",70696e67\r\n"_s), qPrintable(csv));
}

// An HTTP fetch from the pane is one HAR entry, with the whole URL and the
// client's timings, next to the web server's own entry for the same exchange.
void tst_MainWindowClientLog::clientHttpExchangeIsAHarEntry()
{
    QVERIFY(m_fx->start(ServerKind::Web));
    const QString url = m_fx->net->status(ServerKind::Web).url();
    setProtocol(u"HTTP"_s);
    auto *urlEdit = m_fx->find<QLineEdit>(u"clientUrlEdit"_s);
    urlEdit->clear();
    QTest::keyClicks(urlEdit, url);
    QTest::mouseClick(m_fx->find<QPushButton>(u"clientSendButton"_s), Qt::LeftButton);
    QTRY_VERIFY2_WITH_TIMEOUT(transcript().contains(u"← HTTP 200 OK"_s), qPrintable(transcript()), WaitMs);

    QTRY_COMPARE_WITH_TIMEOUT(clientRows(TrafficEvent::Kind::Http).size(), 1, WaitMs);
    const TrafficEvent exchange = clientRows(TrafficEvent::Kind::Http).first();
    QCOMPARE(exchange.status, 200);
    QVERIFY(exchange.waitUs > 0 && exchange.waitUs <= exchange.durationUs);

    const QByteArray har = LogExport::toBytes(m_fx->logModel()->visibleEvents(), ExportFormat::Har, {});
    const QJsonArray entries = QJsonDocument::fromJson(har).object()[u"log"_s][u"entries"_s].toArray();
    QJsonObject client;
    for (const QJsonValue &entry : entries) {
        if (entry[u"connection"_s].toString().startsWith(u"client #"_s))
            client = entry.toObject();
    }
    QVERIFY2(!client.isEmpty(), har.constData());
    QCOMPARE(client[u"connection"_s].toString(), u"client #%1"_s.arg(exchange.connectionId));
    QCOMPARE(client[u"request"_s][u"method"_s].toString(), u"GET"_s);
    QCOMPARE(client[u"request"_s][u"url"_s].toString(), url);
    QCOMPARE(client[u"response"_s][u"status"_s].toInt(), 200);
    QCOMPARE(client[u"response"_s][u"statusText"_s].toString(), u"OK"_s);
    QCOMPARE(client[u"timings"_s][u"wait"_s].toDouble(), double(exchange.waitUs) / 1000.0);
}

bool tst_MainWindowClientLog::selectRow(const std::function<bool(const TrafficEvent &)> &pick) const
{
    TrafficLogModel *log = m_fx->logModel();
    auto *table = m_fx->find<QTableView>(u"logTable"_s);
    for (int row = 0; row < log->rowCount(); ++row) {
        if (pick(log->eventAt(row))) {
            table->setCurrentIndex(log->index(row, TrafficLogModel::SummaryColumn));
            return true;
        }
    }
    return false;
}

namespace {

bool isClientSent(const TrafficEvent &event)
{
    return event.source == Net::EventSource::Client && event.kind == TrafficEvent::Kind::Data
        && event.direction == Net::Direction::Out;
}

} // namespace

// "ping" to an echo, then the Sent row sent again: with Ctrl+R in the log,
// and from the row's context menu. The echo receives "ping" each time.
void tst_MainWindowClientLog::sendAgainResendsThroughTheSession()
{
    RecordingEcho echo;
    QVERIFY(connectAndSend(echo.port(), u"ping"_s));
    QTRY_COMPARE_WITH_TIMEOUT(echo.received, "ping"_ba, WaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(selectRow(isClientSent), WaitMs);
    QVERIFY(sendAgain()->isEnabled());

    QVERIFY(m_fx->activate());
    auto *table = m_fx->find<QTableView>(u"logTable"_s);
    table->setFocus();
    QTest::keyClick(table, Qt::Key_R, Qt::ControlModifier);
    QTRY_COMPARE_WITH_TIMEOUT(echo.received, "pingping"_ba, WaitMs);

    emit table->customContextMenuRequested(table->visualRect(table->currentIndex()).center());
    auto *menu = m_fx->window->findChild<QMenu *>(u"logContextMenu"_s);
    QVERIFY(menu);
    QVERIFY(menu->actions().contains(sendAgain()));
    QVERIFY(sendAgain()->isEnabled());
    sendAgain()->trigger();
    menu->close();
    QTRY_COMPARE_WITH_TIMEOUT(echo.received, "pingpingping"_ba, WaitMs);
    // The transcript tells the same story: three sends.
    QTRY_COMPARE_WITH_TIMEOUT(transcript().count(u"→ 4 B  ping"_s), 3, WaitMs);
}

// A row the client did not send (here the echo's reply) goes out through
// the pane's current session.
void tst_MainWindowClientLog::sendAgainFromAnyDataRowUsesThePanesSession()
{
    RecordingEcho echo;
    QVERIFY(connectAndSend(echo.port(), u"pong"_s));
    QTRY_VERIFY_WITH_TIMEOUT(selectRow([](const TrafficEvent &event) {
                                 return event.kind == TrafficEvent::Kind::Data && event.direction == Net::Direction::In;
                             }),
                             WaitMs);
    QVERIFY(sendAgain()->isEnabled());
    sendAgain()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(echo.received, "pongpong"_ba, WaitMs);
}

// The session that sent the row is gone (the pane switched to UDP): nothing
// is sent, and the status bar says why.
void tst_MainWindowClientLog::sendAgainToAClosedSessionSendsNothing()
{
    RecordingEcho echo;
    QVERIFY(connectAndSend(echo.port(), u"ping"_s));
    QTRY_VERIFY_WITH_TIMEOUT(selectRow(isClientSent), WaitMs);
    const quint64 session = m_fx->logModel()->eventAt(m_fx->find<QTableView>(u"logTable"_s)->currentIndex().row())
                                .connectionId;
    setProtocol(u"UDP"_s); // closes the TCP session
    QVERIFY(!m_fx->net->clientProtocol(session));
    sendAgain()->trigger();
    QCOMPARE(m_fx->window->statusBar()->currentMessage(),
             u"Client #%1 is closed: nothing was sent."_s.arg(session));
}

// A chunk the log kept only a sample of cannot be sent again.
void tst_MainWindowClientLog::sendAgainNeedsTheWholeBytes()
{
    TrafficEvent chunk;
    chunk.kind = TrafficEvent::Kind::Data;
    chunk.serverKind = ServerKind::Tcp;
    chunk.direction = Net::Direction::In;
    chunk.connectionId = 1;
    chunk.size = 10000;
    chunk.payload = QByteArray(4096, 'x');
    Net::TrafficBatch batch;
    batch.events = {chunk};
    m_fx->logModel()->ingest(batch);
    QVERIFY(selectRow([](const TrafficEvent &event) { return event.size == 10000; }));
    QVERIFY(!sendAgain()->isEnabled());
    QVERIFY2(sendAgain()->toolTip().contains(u"cannot be sent again"_s), qPrintable(sendAgain()->toolTip()));
}

QTEST_MAIN(tst_MainWindowClientLog)
#include "tst_mainwindow_clientlog.moc"
