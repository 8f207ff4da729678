// The window on the laptop screen most people have: an offscreen screen of
// 1366x768 (the platform reads it from a configuration file this test
// writes before the application starts). The window opens inside it and
// shows the servers, the log and the client without sideways scrolling; its
// minimum size stays within 1024x640; a saved geometry from a larger screen
// comes back inside this one; long sentences never widen a pane; and the
// log's bar does not move when its sentences appear.

#include "windowtesthelpers.h"

#include "clientpane.h"
#include "servercard.h"

#include <QComboBox>
#include <QDockWidget>
#include <QLineEdit>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QSpinBox>
#include <QStatusBar>
#include <QTcpServer>
#include <QToolButton>

using namespace Qt::StringLiterals;
using Net::ServerKind;
using namespace WindowTest;

namespace {

constexpr QSize Screen{1366, 768};
constexpr QSize LargestMinimum{1024, 640};

// The rectangle of `widget` in its window's coordinates.
QRect inWindow(const QWidget *widget)
{
    return QRect(widget->mapTo(widget->window(), QPoint(0, 0)), widget->size());
}

// Widgets the user must see whole, each inside the part of the window
// (a scroll area's viewport, a dock) that shows it.
QStringList clipped(QMainWindow *window)
{
    QStringList problems;
    const QRect all = window->rect();
    const QStringList names{u"serversDock"_s,       u"throughputDock"_s,   u"clientDock"_s,
                            u"connectionsPanel"_s,  u"trafficLogPanel"_s,  u"logFilterEdit"_s,
                            u"logExportButton"_s,   u"clientProtocolCombo"_s, u"clientPortSpin"_s,
                            u"clientConnectButton"_s, u"clientSendButton"_s, u"webToggleButton"_s};
    for (const QString &name : names) {
        const auto *widget = window->findChild<QWidget *>(name);
        if (!widget || !widget->isVisible())
            problems.append(name + u" is not shown"_s);
        else if (!all.contains(inWindow(widget)))
            problems.append(u"%1 %2 is outside the window"_s.arg(name, QDebug::toString(inWindow(widget))));
    }
    const auto areas = window->findChildren<QScrollArea *>();
    for (const QScrollArea *area : areas) {
        if (area->horizontalScrollBar()->isVisible())
            problems.append(area->objectName() + u" scrolls sideways"_s);
        // Whatever is in a scrolled dock must be inside its viewport's width.
        const QRect viewport(area->viewport()->mapTo(window, QPoint(0, 0)), area->viewport()->size());
        for (const char *name : {"clientConnectButton", "clientPortSpin", "webToggleButton"}) {
            const auto *widget = area->findChild<QWidget *>(QLatin1StringView(name));
            if (widget && widget->isVisible()
                && (inWindow(widget).left() < viewport.left() || inWindow(widget).right() > viewport.right()))
                problems.append(QLatin1StringView(name) + u" is cut by the side of "_s + area->objectName());
        }
    }
    return problems;
}

} // namespace

class tst_MainWindowLayout : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void theScreenIsALaptop();
    void firstRunFitsTheScreen();
    void minimumSizeFitsSmallScreens();
    void savedGeometryFromALargerScreenComesBackInside();
    void longStatusSentencesLeavePaneWidthsAlone();
    void logBarDoesNotMoveWhenSentencesAppear();

private:
    WindowFixture *m_fx = nullptr;
};

void tst_MainWindowLayout::init()
{
    m_fx = new WindowFixture;
    QVERIFY(m_fx->create());
}

void tst_MainWindowLayout::cleanup()
{
    delete m_fx;
    m_fx = nullptr;
}

void tst_MainWindowLayout::theScreenIsALaptop()
{
    QCOMPARE(m_fx->window->screen()->availableGeometry().size(), Screen);
}

// 1500x940 does not fit 1366x768: the window opens maximised, and every
// pane is whole, with nothing to scroll sideways.
void tst_MainWindowLayout::firstRunFitsTheScreen()
{
    MainWindow *window = m_fx->window.get();
    QVERIFY(window->isMaximized());
    const QRect available = window->screen()->availableGeometry();
    QVERIFY2(available.contains(window->frameGeometry()), qPrintable(QDebug::toString(window->frameGeometry())));
    const QStringList problems = clipped(window);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u"\n"_s)));
    QVERIFY(window->statusBar()->isVisible());
    QVERIFY(available.contains(QRect(window->statusBar()->mapToGlobal(QPoint(0, 0)), window->statusBar()->size())));

    // The log's filter is not squeezed to "Fi…": its whole placeholder shows.
    auto *filter = m_fx->find<QLineEdit>(u"logFilterEdit"_s);
    QVERIFY2(filter->width() > filter->fontMetrics().horizontalAdvance(filter->placeholderText()),
             qPrintable(QString::number(filter->width())));
}

void tst_MainWindowLayout::minimumSizeFitsSmallScreens()
{
    MainWindow *window = m_fx->window.get();
    const QSize minimum = window->minimumSizeHint().expandedTo(window->minimumSize());
    QVERIFY2(minimum.width() <= LargestMinimum.width() && minimum.height() <= LargestMinimum.height(),
             qPrintable(QDebug::toString(minimum)));
    // Un-maximised and made as small as that, it still shows every pane.
    window->showNormal();
    window->resize(LargestMinimum);
    QTRY_COMPARE_WITH_TIMEOUT(window->size(), LargestMinimum, WaitMs);
    for (const char *name : {"serversDock", "clientDock", "trafficLogPanel", "connectionsPanel"})
        QVERIFY2(window->findChild<QWidget *>(QLatin1StringView(name))->isVisible(), name);
}

// A window saved at 1800x1000 on a screen far to the right comes back
// inside this one, frame and all, smaller.
void tst_MainWindowLayout::savedGeometryFromALargerScreenComesBackInside()
{
    MainWindow *window = m_fx->window.get();
    window->showNormal();
    window->setGeometry(QRect(QPoint(2400, 300), QSize(1800, 1000)));
    QVERIFY(window->close());
    QVERIFY(m_fx->reopen());
    window = m_fx->window.get();
    QVERIFY(!window->isMaximized());
    const QRect available = window->screen()->availableGeometry();
    QVERIFY2(available.contains(window->frameGeometry()), qPrintable(QDebug::toString(window->frameGeometry())));
    QVERIFY(window->width() < 1800 && window->height() < 1000);
}

// "Connection refused…" and an error on a card (a long root path) wrap or
// are cut inside their pane; neither the panes nor the window grow.
void tst_MainWindowLayout::longStatusSentencesLeavePaneWidthsAlone()
{
    MainWindow *window = m_fx->window.get();
    auto *clientDock = m_fx->find<QDockWidget>(u"clientDock"_s);
    auto *serversDock = m_fx->find<QDockWidget>(u"serversDock"_s);
    const int clientWidth = clientDock->width();
    const int serversWidth = serversDock->width();
    const QSize minimum = window->minimumSizeHint();

    // Nothing listens on a port just freed.
    quint16 closedPort = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress(QHostAddress::LocalHost), 0));
        closedPort = probe.serverPort();
    }
    m_fx->find<QSpinBox>(u"clientPortSpin"_s)->setValue(closedPort);
    QTest::mouseClick(m_fx->find<QPushButton>(u"clientConnectButton"_s), Qt::LeftButton);
    auto *state = m_fx->find<QLabel>(u"clientStateLabel"_s);
    QTRY_VERIFY2_WITH_TIMEOUT(state->text().contains(u"refused"_s), qPrintable(state->text()), WaitMs);
    // And one far longer than any pane.
    state->setText(state->text() + u" "_s + QString(u"This sentence goes on. "_s).repeated(30));

    ServerCardState web = m_fx->card(ServerKind::Web)->state();
    web.rootPath = u"/no/such/folder/"_s + QString(u"a-very-long-folder-name-without-spaces"_s).repeated(6);
    m_fx->card(ServerKind::Web)->setState(web);
    QTest::mouseClick(m_fx->toggle(ServerKind::Web), Qt::LeftButton);
    QLabel *webStatus = m_fx->statusLabel(ServerKind::Web);
    QTRY_VERIFY_WITH_TIMEOUT(plainText(webStatus) != u"Stopped"_s && plainText(webStatus) != u"Starting…"_s,
                             WaitMs);
    QVERIFY2(plainText(webStatus).contains(u"a-very-long-folder"_s), qPrintable(plainText(webStatus)));

    QCoreApplication::sendPostedEvents(); // pending layout requests
    QCOMPARE(window->minimumSizeHint(), minimum);
    QCOMPARE(clientDock->width(), clientWidth);
    QCOMPARE(serversDock->width(), serversWidth);
    QCOMPARE(window->frameGeometry().width(), window->screen()->availableGeometry().width());
    const QStringList problems = clipped(window);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u"\n"_s)));
}

// Pausing, and events the capped log could not keep, bring sentences into
// the bar; every control keeps its place.
void tst_MainWindowLayout::logBarDoesNotMoveWhenSentencesAppear()
{
    const QStringList names{u"logFilterEdit"_s, u"logServerCombo"_s, u"logStatusCombo"_s, u"logPauseButton"_s,
                            u"logAutoScrollCheck"_s, u"logClearButton"_s, u"logExportButton"_s};
    const auto places = [&] {
        QList<QRect> rects;
        for (const QString &name : names)
            rects.append(inWindow(m_fx->find<QWidget>(name)));
        return rects;
    };
    const QList<QRect> before = places();
    auto *paused = m_fx->find<QLabel>(u"logPausedLabel"_s);
    auto *notShown = m_fx->find<QLabel>(u"logNotShownLabel"_s);
    QVERIFY(!paused->isVisible() && !notShown->isVisible());

    m_fx->window->log()->setCapacity(2);
    QVERIFY(m_fx->start(ServerKind::Tcp));
    QTcpSocket client;
    client.connectToHost(QHostAddress(QHostAddress::LocalHost), m_fx->net->status(ServerKind::Tcp).port);
    QVERIFY(client.waitForConnected(WaitMs));
    QCOMPARE(echoRoundTrip(client, "one"_ba), "one"_ba);
    QTRY_VERIFY_WITH_TIMEOUT(notShown->isVisible(), WaitMs);
    QTest::mouseClick(m_fx->find<QToolButton>(u"logPauseButton"_s), Qt::LeftButton);
    QCOMPARE(echoRoundTrip(client, "two"_ba), "two"_ba);
    QTRY_VERIFY_WITH_TIMEOUT(paused->isVisible() && paused->text() != u"Paused — 0 new"_s, WaitMs);

    QCoreApplication::sendPostedEvents();
    QCOMPARE(places(), before);
}

// Before QApplication exists: a 1366x768 screen for the offscreen platform.
int main(int argc, char **argv)
{
    QTemporaryDir config;
    const QString path = config.filePath(u"screens.json"_s);
    QFile file(path);
    if (!config.isValid() || !file.open(QIODevice::WriteOnly))
        return 1;
    file.write(R"({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768,
                  "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]})");
    file.close();
    qputenv("QT_QPA_PLATFORM", "offscreen:configfile=" + path.toLocal8Bit());
    QApplication app(argc, argv);
    tst_MainWindowLayout test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_mainwindow_layout.moc"
