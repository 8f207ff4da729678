#include "mainwindow.h"
#include "commandline.h"
#include "languagemenu.h"
#include "settings.h"

#include "clientpane.h"
#include "connectionspanel.h"
#include "format.h"
#include "logexport.h"
#include "serverspanel.h"
#include "throughputchart.h"
#include "toolbarnames.h"
#include "trafficlogpanel.h"

#include "netcontroller.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSplitter>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>

using namespace Qt::StringLiterals;

namespace {
constexpr int NOTICE_SHOWN_MS = 8000;
// Bumped when the docks change, so an old saved layout is not applied to new docks.
constexpr int LAYOUT_VERSION = 1;

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
    , m_serversLabel(new QLabel(this))
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

    resize(1500, 940);
    m_defaultLayout = saveState(LAYOUT_VERSION);
    m_firstRun = m_settings.value(u"window/state"_s).isEmpty();
    restoreSettings();
    updateStatusBar();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildDocks()
{
    auto *servers = makeDock(tr("Servers"), u"serversDock"_s, m_servers, this);
    auto *chart = makeDock(tr("Throughput"), u"throughputDock"_s, m_chart, this);
    auto *client = makeDock(tr("Client"), u"clientDock"_s, m_client, this);
    addDockWidget(Qt::LeftDockWidgetArea, servers);
    addDockWidget(Qt::LeftDockWidgetArea, chart);
    addDockWidget(Qt::RightDockWidgetArea, client);
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QMenu *exportMenu = file->addMenu(tr("&Export log"));
    exportMenu->setObjectName(u"exportMenu"_s);
    for (const ExportFormat format : {ExportFormat::Csv, ExportFormat::JsonLines, ExportFormat::Har}) {
        QAction *action = exportMenu->addAction(LogExport::formatName(format) + u"…"_s);
        action->setObjectName(u"export"_s + LogExport::fileSuffix(format) + u"Action"_s);
        if (format == ExportFormat::Csv)
            action->setShortcut(QKeySequence(u"Ctrl+E"_s));
        connect(action, &QAction::triggered, this, [this, format] {
            const QString suffix = LogExport::fileSuffix(format);
            const QString path = QFileDialog::getSaveFileName(this, tr("Export log"), u"wirebench-log."_s + suffix,
                                                              LogExport::formatName(format) + u" (*."_s + suffix + u')');
            if (path.isEmpty())
                return;
            const QString error = m_log->exportTo(path, format);
            if (!error.isEmpty())
                QMessageBox::warning(this, tr("Export failed"), error);
            else
                statusBar()->showMessage(tr("Log exported to %1").arg(path), NOTICE_SHOWN_MS);
        });
    }
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
    QAction *clear = log->addAction(tr("&Clear log"), QKeySequence(u"Ctrl+L"_s), m_log, &TrafficLogPanel::clear);
    clear->setObjectName(u"clearLogAction"_s);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    const auto docks = findChildren<QDockWidget *>();
    for (QDockWidget *dock : docks)
        view->addAction(dock->toggleViewAction());
    view->addSeparator();
    view->addAction(tr("&Reset layout"), this, &MainWindow::resetLayout)->setObjectName(u"resetLayoutAction"_s);

    QMenu *settingsMenu = menuBar()->addMenu(tr("Se&ttings"));
    settingsMenu->setObjectName(u"settingsMenu"_s);
    settingsMenu->addMenu(new LanguageMenu(m_settings, this));

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
    m_servers->setLimits(limits);
    const std::pair<Net::ServerKind, quint16> ports[] = {{Net::ServerKind::Web, options.webPort},
                                                         {Net::ServerKind::TcpEcho, options.echoPort},
                                                         {Net::ServerKind::UdpEcho, options.udpEchoPort}};
    const char *portOption[] = {"web-port", "echo-port", "udp-echo-port"};
    for (const auto &[kind, port] : ports) {
        ServerCard *card = m_servers->card(kind);
        ServerCardState state = card->state();
        if (has("bind"))
            state.address = options.bindAddress.toString();
        if (has(portOption[int(kind)]))
            state.port = port;
        if (kind == Net::ServerKind::Web) {
            if (has("web-root"))
                state.rootPath = options.webRoot;
            if (has("listing"))
                state.listing = true;
        }
        card->setState(state);
    }
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
    for (int i = 0; i < Net::ServerKindCount; ++i) {
        const auto kind = Net::ServerKind(i);
        m_servers->card(kind)->setState(m_settings.serverCard(kind, site));
    }
    m_servers->bindConfirmation().setConfirmed(m_settings.allInterfacesConfirmed());
    m_servers->setLimits(m_settings.limits());
    m_log->setCapacity(m_settings.logCapacity());
    m_log->restoreState(m_settings.value(u"window/log"_s));
    m_connections->restoreState(m_settings.value(u"window/connections"_s));
    m_client->setState(m_settings.clientPane());
    m_client->setHistory(m_settings.variant(u"client/history"_s).toStringList());
    const QByteArray geometry = m_settings.value(u"window/geometry"_s);
    if (!geometry.isEmpty())
        restoreGeometry(geometry);
    restoreState(m_settings.value(u"window/state"_s), LAYOUT_VERSION);
    m_centre->restoreState(m_settings.value(u"window/centre"_s));
}

void MainWindow::saveSettings()
{
    for (int i = 0; i < Net::ServerKindCount; ++i) {
        const auto kind = Net::ServerKind(i);
        m_settings.setServerCard(kind, m_servers->card(kind)->state());
    }
    m_settings.setAllInterfacesConfirmed(m_servers->bindConfirmation().confirmed());
    m_settings.setLogCapacity(m_log->capacity());
    m_settings.setValue(u"window/log"_s, m_log->saveState());
    m_settings.setValue(u"window/connections"_s, m_connections->saveState());
    m_settings.setClientPane(m_client->state());
    m_settings.setVariant(u"client/history"_s, m_client->history());
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
        QTimer::singleShot(0, this, &MainWindow::applyDefaultDockSizes);
    }
}

void MainWindow::applyDefaultDockSizes()
{
    const auto servers = findChild<QDockWidget *>(u"serversDock"_s);
    const auto client = findChild<QDockWidget *>(u"clientDock"_s);
    resizeDocks({servers, client}, {qMax(300, width() / 5), qMax(360, width() / 4)}, Qt::Horizontal);
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
    for (int i = 0; i < Net::ServerKindCount; ++i) {
        const Net::ServerStatus status = m_net.status(Net::ServerKind(i));
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
    m_totalsLabel->setText(tr("%1 open · in %2 · out %3 · ").arg(sum.connectionsNow)
                               .arg(Format::bytes(sum.bytesIn), Format::bytes(sum.bytesOut))
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
