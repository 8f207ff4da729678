#include "hexdump.h"
#include "testserverids.h"
#include "api/netcontroller.h"
#include "queuedevents.h"
#include "trafficlogmodel.h"
#include "trafficlogpanel.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>
#include <QToolButton>

#include <memory>

using namespace Qt::StringLiterals;
using Net::Direction;
using Net::ServerKind;
using Net::TrafficBatch;
using Net::TrafficEvent;

namespace {

TrafficEvent dataEvent(quint64 connection, const QByteArray &payload)
{
    TrafficEvent event;
    event.kind = TrafficEvent::Kind::Data;
    setServer(event, ServerKind::Tcp);
    event.direction = Direction::In;
    event.connectionId = connection;
    event.timeMs = 1714557600000;
    event.size = payload.size();
    event.payload = payload;
    event.peerAddress = QHostAddress(u"127.0.0.1"_s);
    event.peerPort = 53412;
    return event;
}

TrafficEvent httpEvent(quint64 connection, const QByteArray &target, int status)
{
    TrafficEvent event;
    event.kind = TrafficEvent::Kind::Http;
    setServer(event, ServerKind::Web);
    event.direction = Direction::Out;
    event.connectionId = connection;
    event.timeMs = 1714557600000;
    event.status = status;
    event.requestHead = "GET " + target + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
    event.responseHead = "HTTP/1.1 " + QByteArray::number(status) + " X\r\n\r\n";
    event.size = event.responseHead.size();
    return event;
}

// What a tooltip shows: QToolTip's label renders its text as HTML whenever
// Qt::mightBeRichText() guesses so, and as plain text otherwise.
QString shownAsToolTip(const QString &tip)
{
    if (!Qt::mightBeRichText(tip))
        return tip;
    QTextDocument document;
    document.setHtml(tip);
    return document.toPlainText();
}

TrafficBatch batchOf(const QList<TrafficEvent> &events)
{
    TrafficBatch batch;
    batch.events = events;
    return batch;
}

} // namespace

class tst_TrafficLogPanel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void controlsAreNamed();
    void batchesFromTheFacadeReachTheTable();
    void typingFiltersRows();
    void comboBoxesFilterRows();
    void pauseButtonFreezes();
    void detailPaneShowsSelectedRow();
    void ctrlFFocusesTheFilter();
    void autoScrollFollowsOnlyFromTheBottom();
    void showConnectionAddsARemovableChip();
    void notShownLabelAppearsWhenEventsAreLost();
    void exportToWritesTheVisibleRows();
    void harExportNamesTheWebServerForABadHost();
    void toolTipsShowNetworkTextLiterally();
    void stateRoundTrips();

private:
    template<typename T>
    T *find(const QString &name) const
    {
        T *widget = m_panel->findChild<T *>(name);
        if (!widget)
            qFatal("no %s named %s", T::staticMetaObject.className(), qPrintable(name));
        return widget;
    }
    void feed(const QList<TrafficEvent> &events) { emit m_net->trafficBatch(batchOf(events)); }
    // As the façade reports a server it added: the server combo follows.
    void announce(ServerKind kind, const QString &name)
    {
        Net::ServerStatus status;
        status.id = testServerId(kind);
        status.kind = kind;
        status.name = name;
        emit m_net->serverStatusChanged(status);
    }
    int rows() const { return find<QTableView>(u"logTable"_s)->model()->rowCount(); }

    std::unique_ptr<Net::NetController> m_net;
    std::unique_ptr<TrafficLogPanel> m_panel;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void tst_TrafficLogPanel::init()
{
    m_net = std::make_unique<Net::NetController>();
    m_panel = std::make_unique<TrafficLogPanel>(*m_net);
    m_tester = std::make_unique<QAbstractItemModelTester>(m_panel->model(),
                                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_panel->resize(900, 600);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
}

void tst_TrafficLogPanel::cleanup()
{
    m_tester.reset();
    m_panel.reset();
    m_net.reset();
}

void tst_TrafficLogPanel::controlsAreNamed()
{
    const QStringList names{u"logFilterEdit"_s, u"logServerCombo"_s, u"logStatusCombo"_s, u"logPauseButton"_s,
                            u"logAutoScrollCheck"_s, u"logClearButton"_s, u"logExportButton"_s,
                            u"logNotShownLabel"_s, u"logTable"_s, u"logDetailTabs"_s, u"logEncodingCombo"_s,
                            u"logHexView"_s, u"logTextView"_s, u"logHttpView"_s, u"logConnectionChip"_s,
                            u"logSplitter"_s, u"logDetailPane"_s};
    for (const QString &name : names) {
        const auto *widget = m_panel->findChild<QWidget *>(name);
        QVERIFY2(widget, qPrintable(name));
        QVERIFY2(!widget->accessibleName().isEmpty(), qPrintable(name));
    }
    QCOMPARE(find<QLineEdit>(u"logFilterEdit"_s)->placeholderText(), u"Filter: text, address, path…"_s);
    QVERIFY(find<QLineEdit>(u"logFilterEdit"_s)->isClearButtonEnabled());
    QCOMPARE(find<QComboBox>(u"logServerCombo"_s)->count(), 1); // "All servers"; the servers follow
    announce(ServerKind::Web, u"web"_s);
    announce(ServerKind::Tcp, u"echo"_s);
    announce(ServerKind::Udp, u"udp-echo"_s);
    announce(ServerKind::Tcp, u"echo"_s); // a later status of the same server adds nothing
    QCOMPARE(find<QComboBox>(u"logServerCombo"_s)->count(), 4);
    QCOMPARE(find<QComboBox>(u"logServerCombo"_s)->itemText(2), u"echo"_s);
    emit m_net->serverRemoved(testServerId(ServerKind::Udp));
    QCOMPARE(find<QComboBox>(u"logServerCombo"_s)->count(), 3);
    QCOMPARE(find<QComboBox>(u"logStatusCombo"_s)->count(), 6);
    QCOMPARE(find<QComboBox>(u"logEncodingCombo"_s)->itemData(0).toByteArray(), "UTF-8"_ba);
    QVERIFY(!find<QLabel>(u"logNotShownLabel"_s)->isVisible());
    QCOMPARE(m_panel->capacity(), TrafficLogModel::DefaultCapacity);
    m_panel->setCapacity(500);
    QCOMPARE(m_panel->capacity(), 500);
}

void tst_TrafficLogPanel::batchesFromTheFacadeReachTheTable()
{
    feed({dataEvent(1, "hello"), httpEvent(2, "/index.html", 200)});
    QCOMPARE(rows(), 2);
    find<QToolButton>(u"logClearButton"_s)->click();
    QCOMPARE(rows(), 0);
}

void tst_TrafficLogPanel::typingFiltersRows()
{
    feed({dataEvent(1, "hello"), httpEvent(2, "/index.html", 200), httpEvent(2, "/style.css", 200)});
    auto *filter = find<QLineEdit>(u"logFilterEdit"_s);
    QTest::keyClicks(filter, u"INDEX"_s);
    QTRY_COMPARE(rows(), 1);
    QCOMPARE(m_panel->model()->eventAt(0).target().toByteArray(), "/index.html"_ba);
    feed({httpEvent(3, "/index.html?again", 200), dataEvent(1, "no match")});
    QCOMPARE(rows(), 2);
    filter->clear();
    QTRY_COMPARE(rows(), 5);
}

void tst_TrafficLogPanel::comboBoxesFilterRows()
{
    feed({dataEvent(1, "hello"), httpEvent(2, "/a", 200), httpEvent(2, "/b", 404), httpEvent(2, "/c", 500)});
    auto *status = find<QComboBox>(u"logStatusCombo"_s);
    status->setCurrentIndex(status->findText(u"Errors"_s));
    QCOMPARE(rows(), 2);
    status->setCurrentIndex(0);
    announce(ServerKind::Web, u"web"_s);
    announce(ServerKind::Tcp, u"echo"_s);
    auto *server = find<QComboBox>(u"logServerCombo"_s);
    server->setCurrentIndex(server->findText(u"echo"_s));
    QCOMPARE(rows(), 1);
}

void tst_TrafficLogPanel::pauseButtonFreezes()
{
    feed({dataEvent(1, "a")});
    auto *pause = find<QToolButton>(u"logPauseButton"_s);
    QVERIFY(pause->isCheckable());
    QTest::mouseClick(pause, Qt::LeftButton);
    QVERIFY(m_panel->model()->isPaused());
    feed({dataEvent(1, "b"), dataEvent(1, "c"), dataEvent(1, "d")});
    QCOMPARE(rows(), 1);
    QCOMPARE(pause->text(), u"Resume"_s);
    auto *paused = find<QLabel>(u"logPausedLabel"_s);
    QVERIFY(paused->isVisible());
    QCOMPARE(paused->text(), u"Paused — 3 new"_s);
    QTest::mouseClick(pause, Qt::LeftButton);
    QCOMPARE(rows(), 4);
    QCOMPARE(pause->text(), u"Pause"_s);
    QVERIFY(!paused->isVisible());
}

void tst_TrafficLogPanel::detailPaneShowsSelectedRow()
{
    const QByteArray payload = "GET / HTTP/1.1\r\n\x00\x01\xff"_ba;
    feed({dataEvent(1, "first"), dataEvent(1, payload), httpEvent(2, "/x", 200)});
    auto *table = find<QTableView>(u"logTable"_s);
    auto *tabs = find<QTabWidget>(u"logDetailTabs"_s);
    table->selectRow(1);
    QCOMPARE(find<QPlainTextEdit>(u"logHexView"_s)->toPlainText(), HexDump::hexDump(payload));
    // QPlainTextEdit keeps lines, not line ends: compare without the CR.
    QCOMPARE(find<QPlainTextEdit>(u"logTextView"_s)->toPlainText(),
             HexDump::decodePayload(payload, "UTF-8").remove(u'\r'));
    QCOMPARE(find<QPlainTextEdit>(u"logHttpView"_s)->toPlainText(), QString());

    TrafficEvent sampled = dataEvent(1, QByteArray(16, 'a'));
    sampled.size = 10000; // only the first bytes of a chunk are kept
    feed({sampled});
    table->selectRow(3);
    QVERIFY(find<QPlainTextEdit>(u"logHexView"_s)->toPlainText().endsWith(u"the first 16 B of 9.8 KiB were kept"_s));

    tabs->setCurrentIndex(2);
    table->selectRow(2);
    QCOMPARE(tabs->currentIndex(), 2);
    QVERIFY(find<QPlainTextEdit>(u"logHttpView"_s)->toPlainText().startsWith(u"GET /x HTTP/1.1"_s));
    QVERIFY(find<QPlainTextEdit>(u"logHttpView"_s)->toPlainText().contains(u"HTTP/1.1 200 X"_s));

    auto *encoding = find<QComboBox>(u"logEncodingCombo"_s);
    table->selectRow(0);
    encoding->setCurrentIndex(encoding->findData("UTF-16LE"_ba));
    QCOMPARE(find<QPlainTextEdit>(u"logTextView"_s)->toPlainText(),
             HexDump::decodePayload("first", "UTF-16LE"));
}

void tst_TrafficLogPanel::ctrlFFocusesTheFilter()
{
    QVERIFY(QTest::qWaitForWindowActive(m_panel.get()));
    auto *table = find<QTableView>(u"logTable"_s);
    table->setFocus();
    QTRY_VERIFY(table->hasFocus());
    QTest::keyClick(table, Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(find<QLineEdit>(u"logFilterEdit"_s)->hasFocus());
}

void tst_TrafficLogPanel::autoScrollFollowsOnlyFromTheBottom()
{
    auto *table = find<QTableView>(u"logTable"_s);
    QScrollBar *bar = table->verticalScrollBar();
    const auto feedMany = [this](int count) {
        QList<TrafficEvent> events;
        for (int i = 0; i < count; ++i)
            events.append(dataEvent(1, QByteArray::number(i)));
        feed(events);
    };
    feedMany(500);
    QTRY_VERIFY(bar->maximum() > 0);
    QTRY_COMPARE(bar->value(), bar->maximum()); // started at the bottom, so it follows

    bar->setValue(10); // the user scrolls up to read
    feedMany(100);
    QTRY_COMPARE(rows(), 600);
    QVERIFY(TestEvents::runQueued()); // a delayed layout or scroll would have run by now
    QCOMPARE(bar->value(), 10);

    // Front rows evicted while the user reads: the rows under the eye stay put.
    const quint64 shownSequence = m_panel->model()->sequenceAt(10);
    m_panel->setCapacity(590);
    QCOMPARE(bar->value(), 0);
    QCOMPARE(m_panel->model()->sequenceAt(0), shownSequence);

    bar->setValue(bar->maximum());
    feedMany(100);
    QTRY_COMPARE(bar->value(), bar->maximum());
    QCOMPARE(m_panel->model()->sequenceAt(rows() - 1),
             m_panel->model()->sequenceAt(0) + quint64(rows()) - 1);
    QVERIFY(table->rowAt(table->viewport()->height() - 2) >= rows() - 2); // the newest rows are in view

    find<QCheckBox>(u"logAutoScrollCheck"_s)->setChecked(false);
    feedMany(100);
    QVERIFY(TestEvents::runQueued());
    QVERIFY(bar->value() < bar->maximum());
}

void tst_TrafficLogPanel::showConnectionAddsARemovableChip()
{
    feed({dataEvent(1, "a"), dataEvent(7, "b"), dataEvent(7, "c")});
    m_panel->showConnection(7);
    auto *chip = find<QToolButton>(u"logConnectionChip"_s);
    QVERIFY(chip->isVisible());
    QCOMPARE(chip->text(), u"Connection #7 ✕"_s);
    QCOMPARE(rows(), 2);
    QTest::mouseClick(chip, Qt::LeftButton);
    QVERIFY(!chip->isVisible());
    QCOMPARE(rows(), 3);
}

void tst_TrafficLogPanel::notShownLabelAppearsWhenEventsAreLost()
{
    m_panel->setCapacity(2);
    auto *label = find<QLabel>(u"logNotShownLabel"_s);
    feed({dataEvent(1, "a"), dataEvent(1, "b")});
    QVERIFY(!label->isVisible());
    TrafficBatch batch = batchOf({dataEvent(1, "c"), dataEvent(1, "d"), dataEvent(1, "e")});
    batch.eventsDropped = 4;
    emit m_net->trafficBatch(batch);
    QVERIFY(label->isVisible());
    QCOMPARE(label->text(), u"7 events not shown"_s);
    m_panel->clear();
    QVERIFY(!label->isVisible());
}

void tst_TrafficLogPanel::exportToWritesTheVisibleRows()
{
    feed({dataEvent(1, "a"), httpEvent(2, "/x", 200), dataEvent(3, "b")});
    m_panel->showConnection(2);
    QTemporaryDir dir;
    const QString path = dir.filePath(u"log.har"_s);
    QCOMPARE(m_panel->exportTo(path, ExportFormat::Har), QString());
    QVERIFY(QFile::exists(path));
    const QString csv = dir.filePath(u"log.csv"_s);
    QCOMPARE(m_panel->exportTo(csv, ExportFormat::Csv), QString());
    QFile file(csv);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll().count('\n'), 2); // the header and the one visible row
    QVERIFY(!m_panel->exportTo(dir.filePath(u"missing/log.csv"_s), ExportFormat::Csv).isEmpty());
}

// A Host header that is not a host[:port] gives way to the web server's own
// address (a wildcard reached through loopback), never the client's.
void tst_TrafficLogPanel::harExportNamesTheWebServerForABadHost()
{
    Net::ServerStatus web;
    web.kind = ServerKind::Web;
    web.running = true;
    web.address = QHostAddress(QHostAddress::AnyIPv4);
    web.port = 18080;
    emit m_net->serverStatusChanged(web);
    TrafficEvent exchange = httpEvent(2, "/x", 200);
    exchange.requestHead = "GET /x HTTP/1.1\r\nHost: evil/path\r\n\r\n";
    exchange.peerAddress = QHostAddress(u"127.0.0.1"_s);
    exchange.peerPort = 40000;
    feed({exchange});

    QTemporaryDir dir;
    const auto exportedUrl = [&] {
        const QString path = dir.filePath(u"log.har"_s);
        if (!m_panel->exportTo(path, ExportFormat::Har).isEmpty())
            return QString();
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return QString();
        const QJsonArray entries =
            QJsonDocument::fromJson(file.readAll()).object().value(u"log"_s).toObject().value(u"entries"_s).toArray();
        return entries.at(0).toObject().value(u"request"_s).toObject().value(u"url"_s).toString();
    };
    QCOMPARE(exportedUrl(), u"http://127.0.0.1:18080/x"_s);
    // A stopped server still names the exchanges it served.
    web.running = false;
    emit m_net->serverStatusChanged(web);
    QCOMPARE(exportedUrl(), u"http://127.0.0.1:18080/x"_s);
}

// Payload previews and request targets are the network's text; a tooltip
// must show them as they are, not as HTML ("<b>" bold, "<img>" loaded).
void tst_TrafficLogPanel::toolTipsShowNetworkTextLiterally()
{
    const QByteArray payload = "<b>x</b>  &lt; <img src=y>";
    feed({dataEvent(1, payload), httpEvent(2, "/<b>x</b><img%20src=y>", 200), dataEvent(3, "fish & chips")});
    const QAbstractItemModel *model = find<QTableView>(u"logTable"_s)->model();
    const auto tip = [model](int row) {
        return model->index(row, TrafficLogModel::SummaryColumn).data(Qt::ToolTipRole).toString();
    };
    for (int row = 0; row < 3; ++row) {
        QVERIFY2(!tip(row).contains(u"<b>"_s) && !tip(row).contains(u"<img"_s), qPrintable(tip(row)));
        QVERIFY(Qt::mightBeRichText(tip(row))); // read as HTML, so its entities are decoded
    }
    QCOMPARE(shownAsToolTip(tip(0)), u"← %1 B \"%2\""_s.arg(payload.size()).arg(QString::fromLatin1(payload)));
    const QString summary = model->index(1, TrafficLogModel::SummaryColumn).data().toString();
    QVERIFY2(summary.startsWith(u"GET /<b>x</b><img%20src=y> → 200"_s), qPrintable(summary));
    QCOMPARE(shownAsToolTip(tip(1)), summary);
    // No markup, but escaped all the same: so it must be read as HTML too.
    QCOMPARE(shownAsToolTip(tip(2)), u"← 12 B \"fish & chips\""_s);
}

void tst_TrafficLogPanel::stateRoundTrips()
{
    find<QCheckBox>(u"logAutoScrollCheck"_s)->setChecked(false);
    auto *encoding = find<QComboBox>(u"logEncodingCombo"_s);
    encoding->setCurrentIndex(encoding->findData("ISO-8859-1"_ba));
    const QByteArray state = m_panel->saveState();

    TrafficLogPanel other(*m_net);
    other.restoreState("garbage"_ba); // ignored, not a crash
    QVERIFY(other.findChild<QCheckBox *>(u"logAutoScrollCheck"_s)->isChecked());
    other.restoreState(state);
    QVERIFY(!other.findChild<QCheckBox *>(u"logAutoScrollCheck"_s)->isChecked());
    QCOMPARE(other.findChild<QComboBox *>(u"logEncodingCombo"_s)->currentData().toByteArray(), "ISO-8859-1"_ba);
}

QTEST_MAIN(tst_TrafficLogPanel)
#include "tst_trafficlogpanel.moc"
