#include "clientpanestate.h"
#include "testserverids.h"
#include "connectionsmodel.h"
#include "connectionspanel.h"
#include "api/netcontroller.h"

#include <QAction>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QDialog>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTcpSocket>
#include <QTest>

#include <limits>

using namespace Qt::StringLiterals;

namespace {

constexpr int TIMEOUT_MS = 10000;

Net::ConnectionRecord record(quint64 id, Net::ServerKind server, qint64 bytesIn = 0)
{
    Net::ConnectionRecord r;
    r.id = id;
    setServer(r, server);
    r.udp = server == Net::ServerKind::Udp;
    r.peerAddress = QHostAddress(QHostAddress::LocalHost);
    r.peerPort = quint16(50000 + id);
    r.localAddress = QHostAddress(QHostAddress::LocalHost);
    r.openedMs = QDateTime::currentMSecsSinceEpoch();
    r.bytesIn = bytesIn;
    return r;
}

Net::TrafficBatch batchOf(const QList<Net::ConnectionRecord> &records)
{
    Net::TrafficBatch batch;
    batch.changedConnections = records;
    return batch;
}

QTableView *table(ConnectionsPanel &panel)
{
    return panel.findChild<QTableView *>(u"connectionsTable"_s);
}

QAction *action(ConnectionsPanel &panel, const QString &name)
{
    return panel.findChild<QAction *>(name);
}

// Selects the row of connection `id` as a click would; false when it is not shown.
bool selectId(ConnectionsPanel &panel, quint64 id)
{
    QTableView *view = table(panel);
    for (int row = 0; row < view->model()->rowCount(); ++row) {
        if (view->model()->index(row, 0).data(ConnectionsModel::IdRole).toULongLong() == id) {
            view->selectRow(row);
            return true;
        }
    }
    return false;
}

QStringList columnTexts(ConnectionsPanel &panel, int column)
{
    QStringList texts;
    const QAbstractItemModel *model = table(panel)->model();
    for (int row = 0; row < model->rowCount(); ++row)
        texts.append(model->index(row, column).data().toString());
    return texts;
}

quint64 idForPeerPort(const ConnectionsModel &model, quint16 port)
{
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.recordAt(row)->peerPort == port)
            return model.recordAt(row)->id;
    }
    return 0;
}

} // namespace

class tst_ConnectionsPanel : public QObject
{
    Q_OBJECT

private slots:
    void namesAndFixedRows();
    void sortingByBytesInIsNumeric();
    void actionsFollowTheSelection();
    void contextMenuHoldsTheActions();
    void showClosedHidesClosedRows();
    void stateRoundTrips();
    void tenThousandSortedRows();
    void liveEchoConnection();
    void invalidHexIsNeverSent();

private:
    // Starts TCP echo on a free port and connects `socket`; returns the row's id.
    quint64 connectClient(Net::NetController &net, ConnectionsPanel &panel, QTcpSocket &socket);
};

void tst_ConnectionsPanel::namesAndFixedRows()
{
    Net::NetController net;
    ConnectionsPanel panel(net);
    const QStringList names = {u"connectionsTable"_s, u"connectionsSummaryLabel"_s, u"connectionsShowClosedCheck"_s};
    for (const QString &name : names) {
        auto *widget = panel.findChild<QWidget *>(name);
        QVERIFY2(widget, qPrintable(name));
        QVERIFY2(!widget->accessibleName().isEmpty(), qPrintable(name));
    }
    for (const QString &name : {u"closeConnectionAction"_s, u"sendToClientAction"_s, u"copyAddressAction"_s,
                                u"showTrafficAction"_s})
        QVERIFY2(action(panel, name), qPrintable(name));
    QCOMPARE(action(panel, u"closeConnectionAction"_s)->shortcut(), QKeySequence(QKeySequence::Delete));

    QHeaderView *rows = table(panel)->verticalHeader();
    QCOMPARE(rows->sectionResizeMode(0), QHeaderView::Fixed);
    QVERIFY(rows->defaultSectionSize() >= table(panel)->fontMetrics().height());
    QCOMPARE(table(panel)->selectionBehavior(), QAbstractItemView::SelectRows);
    QVERIFY(table(panel)->isSortingEnabled());
    QCOMPARE(panel.findChild<QLabel *>(u"connectionsSummaryLabel"_s)->text(), u"0 open, 0 total"_s);
}

void tst_ConnectionsPanel::sortingByBytesInIsNumeric()
{
    Net::NetController net;
    ConnectionsPanel panel(net);
    panel.resize(900, 300);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.model()->ingest(batchOf({record(1, Net::ServerKind::Tcp, 100), record(2, Net::ServerKind::Tcp, 9),
                                   record(3, Net::ServerKind::Tcp, 1000), record(4, Net::ServerKind::Tcp, 20)}));

    QHeaderView *header = table(panel)->horizontalHeader();
    const int column = ConnectionsModel::BytesInColumn;
    const QPoint centre(header->sectionViewportPosition(column) + header->sectionSize(column) / 2, header->height() / 2);
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, centre);
    // Counts sort biggest first on the first click; as text "9 B" would come first.
    QCOMPARE(columnTexts(panel, column), QStringList({u"1000 B"_s, u"100 B"_s, u"20 B"_s, u"9 B"_s}));
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, centre);
    QCOMPARE(columnTexts(panel, column), QStringList({u"9 B"_s, u"20 B"_s, u"100 B"_s, u"1000 B"_s}));

    // Dynamic sorting: a row that grows moves.
    panel.model()->ingest(batchOf({record(2, Net::ServerKind::Tcp, 5000)}));
    QCOMPARE(columnTexts(panel, column).last(), u"4.9 KiB"_s);
}

void tst_ConnectionsPanel::actionsFollowTheSelection()
{
    Net::NetController net;
    ConnectionsPanel panel(net);
    Net::ConnectionRecord gone = record(3, Net::ServerKind::Tcp);
    gone.state = Net::ConnectionState::Closed;
    panel.model()->ingest(batchOf({record(1, Net::ServerKind::Web), record(2, Net::ServerKind::Tcp), gone,
                                   record(4, Net::ServerKind::Udp)}));
    QAction *close = action(panel, u"closeConnectionAction"_s);
    QAction *send = action(panel, u"sendToClientAction"_s);
    QAction *copy = action(panel, u"copyAddressAction"_s);
    QAction *traffic = action(panel, u"showTrafficAction"_s);

    QVERIFY(!close->isEnabled() && !send->isEnabled() && !copy->isEnabled() && !traffic->isEnabled());
    QVERIFY(selectId(panel, 1)); // web
    QVERIFY(close->isEnabled() && copy->isEnabled() && traffic->isEnabled());
    QVERIFY(!send->isEnabled());
    QVERIFY2(send->toolTip().contains(u"HTTP"_s), qPrintable(send->toolTip()));
    QVERIFY(selectId(panel, 2)); // TCP echo
    QVERIFY(close->isEnabled() && send->isEnabled());
    QVERIFY(selectId(panel, 4)); // UDP peer
    QVERIFY(close->isEnabled() && send->isEnabled());
    QVERIFY(selectId(panel, 3)); // closed
    QVERIFY(!close->isEnabled() && !send->isEnabled());
    QVERIFY(copy->isEnabled() && traffic->isEnabled());

    // The selected row closing disables "Close" without a selection change.
    QVERIFY(selectId(panel, 2));
    Net::ConnectionRecord two = record(2, Net::ServerKind::Tcp);
    two.state = Net::ConnectionState::Closed;
    panel.model()->ingest(batchOf({two}));
    QVERIFY(!close->isEnabled());
}

void tst_ConnectionsPanel::contextMenuHoldsTheActions()
{
    Net::NetController net;
    ConnectionsPanel panel(net);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    emit table(panel)->customContextMenuRequested(QPoint(5, 5));
    auto *menu = panel.findChild<QMenu *>(u"connectionsContextMenu"_s);
    QVERIFY(menu);
    QStringList names;
    for (const QAction *item : menu->actions()) {
        if (!item->isSeparator())
            names.append(item->objectName());
    }
    QCOMPARE(names, QStringList({u"closeConnectionAction"_s, u"sendToClientAction"_s, u"copyAddressAction"_s,
                                 u"showTrafficAction"_s}));
    menu->close();
}

void tst_ConnectionsPanel::showClosedHidesClosedRows()
{
    Net::NetController net;
    ConnectionsPanel panel(net);
    Net::ConnectionRecord gone = record(2, Net::ServerKind::Tcp);
    gone.state = Net::ConnectionState::Closed;
    panel.model()->ingest(batchOf({record(1, Net::ServerKind::Tcp), gone}));
    auto *check = panel.findChild<QCheckBox *>(u"connectionsShowClosedCheck"_s);
    QVERIFY(check->isChecked());
    QCOMPARE(table(panel)->model()->rowCount(), 2);
    check->setChecked(false);
    QCOMPARE(table(panel)->model()->rowCount(), 1);
    // A row that closes while hidden-closed is on leaves the view at once.
    Net::ConnectionRecord one = record(1, Net::ServerKind::Tcp);
    one.state = Net::ConnectionState::Closed;
    panel.model()->ingest(batchOf({one}));
    QCOMPARE(table(panel)->model()->rowCount(), 0);
    check->setChecked(true);
    QCOMPARE(table(panel)->model()->rowCount(), 2);
}

void tst_ConnectionsPanel::stateRoundTrips()
{
    Net::NetController net;
    ConnectionsPanel first(net);
    table(first)->horizontalHeader()->resizeSection(ConnectionsModel::PeerColumn, 321);
    table(first)->sortByColumn(ConnectionsModel::BytesOutColumn, Qt::DescendingOrder);
    first.findChild<QCheckBox *>(u"connectionsShowClosedCheck"_s)->setChecked(false);
    const QByteArray state = first.saveState();

    ConnectionsPanel second(net);
    second.restoreState("not a state"_ba);
    second.restoreState({});
    QVERIFY(second.findChild<QCheckBox *>(u"connectionsShowClosedCheck"_s)->isChecked());
    second.restoreState(state);
    QCOMPARE(table(second)->horizontalHeader()->sectionSize(ConnectionsModel::PeerColumn), 321);
    QCOMPARE(qobject_cast<QSortFilterProxyModel *>(table(second)->model())->sortColumn(),
             int(ConnectionsModel::BytesOutColumn));
    QCOMPARE(table(second)->horizontalHeader()->sortIndicatorOrder(), Qt::DescendingOrder);
    QVERIFY(!second.findChild<QCheckBox *>(u"connectionsShowClosedCheck"_s)->isChecked());
}

void tst_ConnectionsPanel::tenThousandSortedRows()
{
    Net::NetController net;
    ConnectionsPanel panel(net);
    panel.resize(900, 400);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    table(panel)->sortByColumn(ConnectionsModel::BytesInColumn, Qt::DescendingOrder);
    QList<Net::ConnectionRecord> records;
    for (quint64 id = 1; id <= 10000; ++id)
        records.append(record(id, Net::ServerKind::Tcp, qint64(id * 7919 % 10007)));

    QElapsedTimer timer;
    timer.start();
    panel.model()->ingest(batchOf(records));
    QCoreApplication::processEvents();
    const qint64 insertMs = timer.restart();
    for (Net::ConnectionRecord &r : records)
        r.bytesIn = 10007 - r.bytesIn; // reverses the order: every row moves
    panel.model()->ingest(batchOf(records));
    QCoreApplication::processEvents();
    const qint64 updateMs = timer.elapsed();
    qInfo("10,000 rows sorted by bytes in: insert %lld ms, all changed %lld ms", insertMs, updateMs);

    QCOMPARE(table(panel)->model()->rowCount(), 10000);
    const QAbstractItemModel *view = table(panel)->model();
    qint64 previous = std::numeric_limits<qint64>::max();
    for (int row = 0; row < view->rowCount(); row += 101) {
        const qint64 bytes = view->index(row, ConnectionsModel::BytesInColumn).data(ConnectionsModel::SortRole).toLongLong();
        QVERIFY(bytes <= previous);
        previous = bytes;
    }
    // Generous bounds: a stutter would be seconds, not these.
    QVERIFY(insertMs < 2000);
    QVERIFY(updateMs < 2000);
}

quint64 tst_ConnectionsPanel::connectClient(Net::NetController &net, ConnectionsPanel &panel, QTcpSocket &socket)
{
    Net::EchoServerConfig config;
    config.port = 0;
    net.startTcp(config);
    if (!QTest::qWaitFor([&] { return net.status(Net::ServerKind::Tcp).running; }, TIMEOUT_MS)) {
        qWarning("TCP echo did not start: %s", qPrintable(net.status(Net::ServerKind::Tcp).error));
        return 0;
    }
    // The server runs on the controller's own thread, so a blocking connect is safe.
    socket.connectToHost(QHostAddress(QHostAddress::LocalHost), net.status(Net::ServerKind::Tcp).port);
    if (!socket.waitForConnected(TIMEOUT_MS)) {
        qWarning("Could not connect: %s", qPrintable(socket.errorString()));
        return 0;
    }
    quint64 id = 0;
    const bool shown = QTest::qWaitFor([&] { return (id = idForPeerPort(*panel.model(), socket.localPort())) != 0; },
                                       TIMEOUT_MS);
    return shown ? id : 0;
}

void tst_ConnectionsPanel::liveEchoConnection()
{
    Net::NetController net;
    ConnectionsPanel panel(net);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QTcpSocket socket;
    const quint64 id = connectClient(net, panel, socket);
    QVERIFY(id != 0);
    auto *summary = panel.findChild<QLabel *>(u"connectionsSummaryLabel"_s);
    QTRY_COMPARE(summary->text(), u"1 open, 1 total"_s);
    QVERIFY(selectId(panel, id));

    QSignalSpy traffic(&panel, &ConnectionsPanel::showTrafficRequested);
    action(panel, u"showTrafficAction"_s)->trigger();
    QCOMPARE(traffic.size(), 1);
    QCOMPARE(traffic[0][0].toULongLong(), id);

    action(panel, u"copyAddressAction"_s)->trigger();
    QCOMPARE(QGuiApplication::clipboard()->text(), u"127.0.0.1:%1"_s.arg(socket.localPort()));

    // "Send to this client…": the server sends, the client receives.
    action(panel, u"sendToClientAction"_s)->trigger();
    auto *dialog = panel.findChild<QDialog *>(u"sendToClientDialog"_s);
    QVERIFY(dialog);
    // Typing starts in the message; Return is a new line, as in the client pane.
    auto *message = dialog->findChild<QPlainTextEdit *>(u"sendMessageEdit"_s);
    QVERIFY(message);
    QCOMPARE(dialog->focusWidget(), message);
    QTest::keyClicks(message, u"hello"_s);
    QTest::keyClick(message, Qt::Key_Return);
    QTest::keyClicks(message, u"there"_s);
    QVERIFY(panel.findChild<QDialog *>(u"sendToClientDialog"_s)); // Return did not send
    auto *ending = dialog->findChild<QComboBox *>(u"sendLineEndingCombo"_s);
    ending->setCurrentIndex(ending->findData(int(LineEnding::CrLf)));
    dialog->findChild<QPushButton *>(u"sendButton"_s)->click();
    QTRY_COMPARE_WITH_TIMEOUT(socket.bytesAvailable(), qint64(14), TIMEOUT_MS);
    QCOMPARE(socket.readAll(), "hello\r\nthere\r\n"_ba);
    QTRY_VERIFY(!panel.findChild<QDialog *>(u"sendToClientDialog"_s));

    // "Close connection" reaches the real server: the client sees the end.
    QSignalSpy disconnected(&socket, &QTcpSocket::disconnected);
    action(panel, u"closeConnectionAction"_s)->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, TIMEOUT_MS);
    QTRY_COMPARE(panel.model()->recordForId(id)->state, Net::ConnectionState::Closed);
    QVERIFY(!action(panel, u"closeConnectionAction"_s)->isEnabled());
    QTRY_COMPARE(summary->text(), u"0 open, 1 total"_s);
}

void tst_ConnectionsPanel::invalidHexIsNeverSent()
{
    Net::NetController net;
    ConnectionsPanel panel(net);
    panel.show();
    panel.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&panel));
    QTcpSocket socket;
    const quint64 id = connectClient(net, panel, socket);
    QVERIFY(id != 0);
    QVERIFY(selectId(panel, id));

    action(panel, u"sendToClientAction"_s)->trigger();
    auto *dialog = panel.findChild<QDialog *>(u"sendToClientDialog"_s);
    QVERIFY(dialog);
    auto *edit = dialog->findChild<QPlainTextEdit *>(u"sendMessageEdit"_s);
    auto *send = dialog->findChild<QPushButton *>(u"sendButton"_s);
    auto *error = dialog->findChild<QLabel *>(u"sendHexErrorLabel"_s);
    auto *mode = dialog->findChild<QComboBox *>(u"sendModeCombo"_s);
    mode->setCurrentIndex(mode->findData(int(MessageMode::Hex)));
    edit->setPlainText(u"48 6g"_s);
    QVERIFY(!send->isEnabled());
    QVERIFY(!error->isHidden());
    QVERIFY2(error->text().contains(u"position 5"_s), qPrintable(error->text())); // where the 'g' is
    QTest::keyClick(edit, Qt::Key_Return, Qt::ControlModifier); // Send is disabled: nothing happens
    QVERIFY(panel.findChild<QDialog *>(u"sendToClientDialog"_s));
    QCOMPARE(edit->textCursor().selectedText(), u"g"_s); // the bad character is pointed at

    edit->setPlainText(u"48 69"_s);
    QVERIFY(send->isEnabled());
    QVERIFY(error->isHidden());
    QTest::keyClick(edit, Qt::Key_Return, Qt::ControlModifier); // Ctrl+Return sends, as in the client pane
    QTRY_COMPARE_WITH_TIMEOUT(socket.bytesAvailable(), qint64(2), TIMEOUT_MS);
    QCOMPARE(socket.readAll(), "Hi"_ba); // "48 6g" never went out

    // Delete closes the selected connection (a shortcut: the window must be active again).
    QTRY_VERIFY(!panel.findChild<QDialog *>(u"sendToClientDialog"_s));
    panel.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&panel));
    table(panel)->setFocus();
    QSignalSpy disconnected(&socket, &QTcpSocket::disconnected);
    QTest::keyClick(table(panel), Qt::Key_Delete);
    QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, TIMEOUT_MS);
}

QTEST_MAIN(tst_ConnectionsPanel)
#include "tst_connectionspanel.moc"
