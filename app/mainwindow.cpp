#include "mainwindow.h"
#include "commandline.h"
#include "languagemenu.h"
#include "settings.h"

#include "windowplacement.h"

#include "clientpane.h"
#include "connectionspanel.h"
#include "elidedlabel.h"
#include "format.h"
#include "serverspanel.h"
#include "throughputchart.h"
#include "toolbarnames.h"
#include "trafficlogpanel.h"

#include "api/netcontroller.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QStatusBar>
#include <QToolBar>

using namespace Qt::StringLiterals;

namespace {
constexpr int NOTICE_SHOWN_MS = 8000;
// Bumped when the docks change, so an old saved layout is not applied to new docks.
constexpr int LAYOUT_VERSION = 2;
// What the window opens at where the screen has room; smaller screens get
// the window maximised.
constexpr QSize PREFERRED_SIZE{1500, 940};
// A scrolled dock still shows this much before its scroll bars take over.
constexpr QSize SCROLLED_DOCK_MINIMUM{180, 120};

// Panels that need more room than a small screen has scroll instead of
// making the whole window larger than the screen.
QScrollArea *scrollable(QWidget *content, const QString &objectName)
{
    auto *area = new QScrollArea;
    area->setObjectName(objectName);
    area->setAccessibleName(content->accessibleName());
    area->setWidgetResizable(true);
    area->setFrameShape(QFrame::NoFrame);
    area->setMinimumSize(SCROLLED_DOCK_MINIMUM);
    area->setWidget(content);
    return area;
}

// The width a scrolled dock needs to show its content whole, with room for
// a vertical scroll bar in case the screen is short.
int wholeWidth(const QScrollArea *area)
{
    return area->widget()->minimumSizeHint().width() + area->verticalScrollBar()->sizeHint().width()
         + 2 * area->frameWidth();
}

QDockWidget *makeDock(const QString &title, const QString &objectName, QWidget *content, QWidget *parent)
{
    auto *dock = new QDockWidget(title, parent);
    dock->setObjectName(objectName);
    dock->setAccessibleName(title);
    dock->setWidget(content);
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable
                      | QDockWidget::DockWidgetClosable);
    return dock;
}
} // namespace

MainWindow::MainWindow(Net::NetController &net, Settings &settings, QWidget *parent)
    : QMainWindow(parent)
    , m_net(net)
    , m_settings(settings)
    , m_servers(new ServersPanel(net, this))
    , m_connections(new ConnectionsPanel(net, this))
    , m_log(new TrafficLogPanel(net, this))
    , m_chart(new ThroughputChart(net, this))
    , m_client(new ClientPane(net, this))
    , m_centre(new QSplitter(Qt::Vertical, this))
    , m_serversLabel(new ElidedLabel(this))
    , m_totalsLabel(new QLabel(this))
{
    setObjectName(u"mainWindow"_s);
    setWindowTitle(u"Wirebench"_s);
    setWindowIcon(QIcon(u":/icons/wirebench.png"_s));
    setDockOptions(AnimatedDocks | AllowTabbedDocks | AllowNestedDocks);

    m_centre->setObjectName(u"centreSplitter"_s);
    m_centre->addWidget(m_connections);
    m_centre->addWidget(m_log);
    m_centre->setStretchFactor(0, 1);
    m_centre->setStretchFactor(1, 2);
    m_centre->setChildrenCollapsible(false);
    setCentralWidget(m_centre);

    buildDocks();
    buildMenus();

    m_serversLabel->setObjectName(u"statusServersLabel"_s);
    m_serversLabel->setAccessibleName(tr("Running servers"));
    m_totalsLabel->setObjectName(u"statusTotalsLabel"_s);
    m_totalsLabel->setAccessibleName(tr("Traffic totals"));
    statusBar()->addWidget(m_serversLabel, 1);
    statusBar()->addPermanentWidget(m_totalsLabel);

    connect(&net, &Net::NetController::serverStatusChanged, this, &MainWindow::updateStatusBar);
    connect(&net, &Net::NetController::trafficBatch, this, &MainWindow::onBatch);
    connect(&net, &Net::NetController::notice, this,
            [this](const QString &sentence) { statusBar()->showMessage(sentence, NOTICE_SHOWN_MS); });
    connect(m_connections, &ConnectionsPanel::showTrafficRequested, this, [this](quint64 id) {
        m_log->showConnection(id);
        m_log->setFocus();
    });
    connect(m_log, &TrafficLogPanel::sendAgainRequested, this, &MainWindow::sendAgain);
    connect(m_log, &TrafficLogPanel::exported, this, [this](const QString &path, qsizetype events) {
        statusBar()->showMessage(tr("Exported %1 to %2")
                                     .arg(Format::count(events, tr("event"), tr("events")),
                                          QDir::toNativeSeparators(path)),
                                 NOTICE_SHOWN_MS);
    });

    resize(PREFERRED_SIZE);
    m_defaultLayout = saveState(LAYOUT_VERSION);
    restoreSettings();
    updateStatusBar();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildDocks()
{
    auto *servers = makeDock(tr("Servers"), u"serversDock"_s, scrollable(m_servers, u"serversScroll"_s), this);
    auto *chart = makeDock(tr("Throughput"), u"throughputDock"_s, m_chart, this);
    auto *client = makeDock(tr("Client"), u"clientDock"_s, scrollable(m_client, u"clientScroll"_s), this);
    addDockWidget(Qt::LeftDockWidgetArea, servers);
    addDockWidget(Qt::LeftDockWidgetArea, chart);
    addDockWidget(Qt::RightDockWidgetArea, client);
}

void MainWindow::buildMenus()
{
    // The menus own F, S, L, V and H; the panels' labels use other letters
    // (tst_mainwindow_keys checks that no letter is taken twice).
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_log->exportAction());
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    quit->setObjectName(u"quitAction"_s);

    QMenu *servers = menuBar()->addMenu(tr("&Servers"));
    QAction *startAll = servers->addAction(tr("&Start all"), QKeySequence(Qt::Key_F5), this, &MainWindow::startAll);
    startAll->setObjectName(u"startAllAction"_s);
    QAction *stopAll = servers->addAction(tr("S&top all"), QKeySequence(Qt::SHIFT | Qt::Key_F5), this,
                                          &MainWindow::stopAll);
    stopAll->setObjectName(u"stopAllAction"_s);

    QMenu *log = menuBar()->addMenu(tr("&Log"));
    log->addAction(m_log->findAction());
    log->addAction(m_log->sendAgainAction());
    QAction *clear = log->addAction(tr("&Clear log"), QKeySequence(u"Ctrl+L"_s), m_log, &TrafficLogPanel::clear);
    clear->setObjectName(u"clearLogAction"_s);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    const auto docks = findChildren<QDockWidget *>();
    for (QDockWidget *dock : docks)
        view->addAction(dock->toggleViewAction());
    view->addSeparator();
    view->addAction(tr("&Reset layout"), this, &MainWindow::resetLayout)->setObjectName(u"resetLayoutAction"_s);
    // In View, not a menu of its own: every top-level letter is taken by a
    // pane's field, and the language is how the window reads.
    view->addSeparator();
    view->setObjectName(u"viewMenu"_s);
    view->addMenu(new LanguageMenu(m_settings, this));

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Wirebench"), this, &MainWindow::showAbout)->setObjectName(u"aboutAction"_s);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);

    auto *toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(u"mainToolBar"_s);
    toolbar->setMovable(false);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    addNamedToolButton(toolbar, startAll);
    addNamedToolButton(toolbar, stopAll);
    toolbar->addSeparator();
    addNamedToolButton(toolbar, clear);
}

void MainWindow::applyCommandLine(const CommandLineOptions &options)
{
    const auto has = [&options](const char *name) { return options.given.contains(QLatin1StringView(name)); };
    ServerLimits limits = m_settings.limits();
    if (has("keep-alive-timeout"))
        limits.keepAliveTimeoutMs = options.keepAliveTimeoutSec * 1000;
    if (has("request-timeout"))
        limits.requestTimeoutMs = options.requestTimeoutSec * 1000;
    if (has("max-connections"))
        limits.maxConnections = options.maxConnections;
    if (has("echo-idle-timeout"))
        limits.echo.idleTimeoutMs = options.echoIdleTimeoutSec * 1000;
    if (has("max-connections-per-address"))
        limits.echo.maxConnectionsPerAddress = options.maxConnectionsPerAddress;
    if (has("max-udp-peers"))
        limits.echo.maxUdpPeers = options.maxUdpPeers;
    if (has("udp-peer-rate"))
        limits.echo.udpPeerRate = options.udpPeerRate;
    if (has("serve-dotfiles"))
        limits.serveDotfiles = true;
    if (has("allowed-host"))
        limits.allowedHosts = options.allowedHosts;
    m_servers->setLimits(limits);
    const std::tuple<Net::ServerKind, quint16, const char *> ports[] = {
        {Net::ServerKind::Web, options.webPort, "web-port"},
        {Net::ServerKind::Tcp, options.echoPort, "echo-port"},
        {Net::ServerKind::Udp, options.udpEchoPort, "udp-echo-port"}};
    for (const auto &[kind, port, portOption] : ports) {
        ServerCard *card = m_servers->card(kind); // the first of its kind
        if (!card)
            continue;
        ServerCardState state = card->state();
        if (has("bind"))
            state.address = options.bindAddress.toString();
        if (has(portOption))
            state.port = port;
        if (kind == Net::ServerKind::Web) {
            if (has("web-root"))
                state.rootPath = options.webRoot;
            if (has("listing"))
                state.listing = true;
        } else {
            const bool tcp = kind == Net::ServerKind::Tcp;
            if (has(tcp ? "tcp-mode" : "udp-mode"))
                state.mode = tcp ? options.tcpMode : options.udpMode;
            if (has("rules"))
                state.rules = options.rules;
        }
        card->setState(state);
    }
}

void MainWindow::sendAgain(quint64 session, const QByteArray &bytes)
{
    const quint64 target = session != 0 ? session : m_client->sessionId();
    if (target == 0 || !m_net.clientProtocol(target)) {
        statusBar()->showMessage(session != 0
                                     ? tr("Client #%1 is closed: nothing was sent.").arg(session)
                                     : tr("No client session is open: connect in the client pane first."),
                                 NOTICE_SHOWN_MS);
        return;
    }
    // What happens next (sent, or "Not connected") shows in the pane's
    // transcript when it is the pane's session, and in the log either way.
    m_net.clientSend(target, bytes);
}

void MainWindow::startAll()
{
    m_servers->startAll();
}

void MainWindow::stopAll()
{
    m_servers->stopAll();
}

void MainWindow::restoreSettings()
{
    const QString site = builtinSitePath();
    m_servers->setLimits(m_settings.limits());
    m_servers->setStates(m_settings.serverCards(site));
    m_log->setCapacity(m_settings.logCapacity());
    m_log->restoreState(m_settings.value(u"window/log"_s));
    m_connections->restoreState(m_settings.value(u"window/connections"_s));
    m_client->setState(m_settings.clientPane());
    m_client->setHistory(m_settings.variant(u"client/history"_s).toStringList());
    m_client->setLibrary(m_settings.clientLibrary());
    m_client->setExtraTabs(m_settings.clientExtraTabs());
    m_log->setExportFolder(m_settings.variant(u"log/exportFolder"_s).toString());
    placeOnScreen(m_settings.value(u"window/geometry"_s));
    // No layout saved, or one of an older version: the default dock sizes apply once shown.
    m_firstRun = !restoreState(m_settings.value(u"window/state"_s), LAYOUT_VERSION);
    m_centre->restoreState(m_settings.value(u"window/centre"_s));
}

// A first run takes the preferred size where the screen has room, and is
// maximised where it has not. A saved geometry comes back, moved and shrunk
// as needed to be whole on the screen it lands on (which may be smaller
// than the one it was saved on, or another one).
void MainWindow::placeOnScreen(const QByteArray &savedGeometry)
{
    if (!savedGeometry.isEmpty() && restoreGeometry(savedGeometry)) {
        if (!(windowState() & (Qt::WindowMaximized | Qt::WindowFullScreen))) {
            const QScreen *screen = QGuiApplication::screenAt(geometry().center());
            if (!screen)
                screen = this->screen();
            setGeometry(WindowPlacement::onScreen(geometry(), screen->availableGeometry()));
        }
        return;
    }
    const QRect available = screen()->availableGeometry();
    setGeometry(WindowPlacement::firstRun(PREFERRED_SIZE, available));
    if (!WindowPlacement::fits(PREFERRED_SIZE, available))
        setWindowState(windowState() | Qt::WindowMaximized);
}

void MainWindow::saveSettings()
{
    m_settings.setServerCards(m_servers->states());
    m_settings.setLogCapacity(m_log->capacity());
    m_settings.setValue(u"window/log"_s, m_log->saveState());
    m_settings.setValue(u"window/connections"_s, m_connections->saveState());
    m_settings.setClientPane(m_client->state());
    m_settings.setVariant(u"client/history"_s, m_client->history());
    m_settings.setClientLibrary(m_client->library());
    m_settings.setClientExtraTabs(m_client->extraTabs());
    m_settings.setVariant(u"log/exportFolder"_s, m_log->exportFolder());
    m_settings.setValue(u"window/geometry"_s, saveGeometry());
    m_settings.setValue(u"window/state"_s, saveState(LAYOUT_VERSION));
    m_settings.setValue(u"window/centre"_s, m_centre->saveState());
    m_settings.sync();
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (m_firstRun) {
        // Dock sizes only take once the window has its real size: give the
        // log and the connections in the middle most of the width.
        m_firstRun = false;
        QMetaObject::invokeMethod(this, &MainWindow::applyDefaultDockSizes, Qt::QueuedConnection);
    }
}

// The servers and the client get the width that shows them whole, and at
// least a fifth and a quarter of the window; the log in the middle takes the
// rest. Under the servers, the chart gets what the cards leave (its minimum
// at least: on a short screen the cards scroll).
void MainWindow::applyDefaultDockSizes()
{
    const auto servers = findChild<QDockWidget *>(u"serversDock"_s);
    const auto chart = findChild<QDockWidget *>(u"throughputDock"_s);
    const auto client = findChild<QDockWidget *>(u"clientDock"_s);
    const auto serversScroll = findChild<QScrollArea *>(u"serversScroll"_s);
    const int serversWidth = qMax(wholeWidth(serversScroll), width() / 5);
    const int clientWidth = qMax(wholeWidth(findChild<QScrollArea *>(u"clientScroll"_s)), width() / 4);
    resizeDocks({servers, client}, {serversWidth, clientWidth}, Qt::Horizontal);

    const int column = servers->height() + chart->height();
    const int serversWhole = serversScroll->widget()->minimumSizeHint().height() + servers->height()
                           - serversScroll->height();
    const int serversHeight = qMin(serversWhole, column - chart->minimumSizeHint().height());
    resizeDocks({servers, chart}, {serversHeight, column - serversHeight}, Qt::Vertical);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    event->accept();
}

void MainWindow::resetLayout()
{
    restoreState(m_defaultLayout, LAYOUT_VERSION);
    const auto docks = findChildren<QDockWidget *>();
    for (QDockWidget *dock : docks)
        dock->show();
    applyDefaultDockSizes();
}

void MainWindow::updateStatusBar()
{
    QStringList running;
    for (const Net::ServerStatus &status : m_net.servers()) {
        if (status.running)
            running.append(status.url());
    }
    m_serversLabel->setText(running.isEmpty() ? tr("No server running — press F5 to start them all")
                                              : tr("Running: %1").arg(running.join(u"  ·  "_s)));
}

void MainWindow::onBatch(const Net::TrafficBatch &batch)
{
    Net::ServerTotals sum;
    for (const Net::ServerTotals &t : batch.totals) {
        sum.connectionsNow += t.connectionsNow;
        sum.bytesIn += t.bytesIn;
        sum.bytesOut += t.bytesOut;
        sum.requests += t.requests;
    }
    m_totalsLabel->setText(tr("%1 open · in %2 · out %3 · ")
                               .arg(Format::integer(sum.connectionsNow), Format::bytes(sum.bytesIn),
                                    Format::bytes(sum.bytesOut))
                           + Format::count(sum.requests, tr("request"), tr("requests")));
}

void MainWindow::showAbout()
{
    QMessageBox::about(
        this, tr("About Wirebench"),
        tr("<h3>Wirebench %1</h3>"
           "<p>A network workbench: a static web server, TCP and UDP echo servers, live connections, "
           "a traffic log and a client that speaks TCP, UDP and HTTP.</p>"
           "<p>Servers listen on 127.0.0.1 unless you choose otherwise, and never serve files from "
           "outside their document root.</p>"
           "<p>Built with Qt %2.</p>")
            .arg(QCoreApplication::applicationVersion(), QString::fromLatin1(qVersion())));
}
