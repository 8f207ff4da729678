// A scripted session in the real window, for the README's screenshots
// (scripts/screenshot.sh runs it under Xvfb with a window manager and
// photographs the screen). Starts every server on a free port, fetches a few
// pages, talks to the echo server from the client pane, selects a log row for
// the detail pane, then checks that the window fits the screen, prints
// "ready" (and a line per layout problem) and waits to be killed. Settings
// live in a temporary file, so every run is a first run.
//
//   demosession [--maximized] [--relay-card]
//
// --relay-card adds a relay in front of the TCP echo, with two downstream
// faults, and shows its card with the fault editor open (docs/relay-card.png).

#include "mainwindow.h"
#include "servercard.h"
#include "serverspanel.h"
#include "settings.h"
#include "translations.h"
#include "trafficlogmodel.h"
#include "trafficlogpanel.h"

#include "api/netcontroller.h"

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QPlainTextEdit>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>
#include <functional>

using namespace Qt::StringLiterals;

namespace {

constexpr int STEP_PAUSE_MS = 700;

template<typename T>
T *find(QWidget &window, const QString &name)
{
    return window.findChild<T *>(name);
}

void click(QWidget &window, const QString &name)
{
    if (auto *button = find<QAbstractButton>(window, name))
        button->click();
}

// Runs the steps one after another, each after a pause for the window to catch up.
void runSteps(QList<std::function<void()>> steps, int pauseMs)
{
    if (steps.isEmpty())
        return;
    const auto step = steps.takeFirst();
    step();
    QTimer::singleShot(pauseMs, [steps, pauseMs] { runSteps(steps, pauseMs); });
}

// What a person would call clipped: a part of the window off the screen, a
// pane that must be scrolled sideways, a control not shown.
QStringList layoutProblems(QMainWindow &window)
{
    QStringList problems;
    const QRect screen = window.screen()->availableGeometry();
    if (!screen.contains(window.frameGeometry()))
        problems.append(u"the window %1 is not inside the screen %2"_s.arg(QDebug::toString(window.frameGeometry()),
                                                                           QDebug::toString(screen)));
    const QStringList shown{u"serversDock"_s,   u"throughputDock"_s,  u"clientDock"_s,       u"connectionsPanel"_s,
                            u"trafficLogPanel"_s, u"logFilterEdit"_s, u"clientConnectButton"_s,
                            u"clientSendButton"_s, u"webToggleButton"_s, u"udpechoToggleButton"_s};
    // The relay shot scrolls the servers dock down to the relay card on purpose.
    const bool relayShot = qApp->arguments().contains(u"--relay-card"_s);
    for (const QString &name : shown) {
        if (relayShot && name.endsWith(u"ToggleButton"_s))
            continue;
        const auto *widget = window.findChild<QWidget *>(name);
        if (!widget || !widget->isVisible()) {
            problems.append(name + u" is not shown"_s);
            continue;
        }
        const QRect global(widget->mapToGlobal(QPoint(0, 0)), widget->size());
        if (!screen.contains(global))
            problems.append(u"%1 at %2 is not inside the screen"_s.arg(name, QDebug::toString(global)));
    }
    if (!window.statusBar()->isVisible()
        || !screen.contains(QRect(window.statusBar()->mapToGlobal(QPoint(0, 0)), window.statusBar()->size())))
        problems.append(u"the status bar is not on the screen"_s);
    const auto areas = window.findChildren<QScrollArea *>();
    for (const QScrollArea *area : areas) {
        if (area->horizontalScrollBar()->isVisible())
            problems.append(area->objectName() + u" scrolls sideways"_s);
    }
    return problems;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"wirebench"_s);
    QTemporaryDir settingsDir;
    Settings settings(settingsDir.filePath(u"demo.ini"_s));
    const Translations translations(settings.language());
    Net::NetController net;
    MainWindow window(net, settings);
    for (ServerCard *card : window.servers()->cards()) {
        ServerCardState state = card->state();
        state.port = 0; // any free port: the demo never takes a port someone uses
        card->setState(state);
    }
    if (app.arguments().contains(u"--maximized"_s))
        window.showMaximized();
    else
        window.show();
    QNetworkAccessManager http;
    http.setProxy(QNetworkProxy::NoProxy);
    const auto get = [&http, &net](const QString &path) {
        const QUrl url(u"http://127.0.0.1:%1%2"_s.arg(net.status(Net::ServerKind::Web).port).arg(path));
        QNetworkReply *reply = http.get(QNetworkRequest(url));
        QObject::connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
    };

    runSteps({[&] { window.startAll(); },
              [&] {
                  for (const QString &path : {u"/"_s, u"/style.css"_s, u"/logo.svg"_s, u"/docs/protocols.html"_s,
                                              u"/no-such-page"_s, u"/docs"_s})
                      get(path);
              },
              [&] { click(window, u"clientLocalEchoButton"_s); },
              [&] {
                  find<QPlainTextEdit>(window, u"clientMessageEdit"_s)->setPlainText(u"hello, wirebench"_s);
                  click(window, u"clientSendButton"_s);
              },
              [&] {
                  auto *mode = find<QComboBox>(window, u"clientModeCombo"_s);
                  mode->setCurrentIndex(mode->findData(int(MessageMode::Hex)));
                  find<QPlainTextEdit>(window, u"clientMessageEdit"_s)->setPlainText(u"48 45 4c 4c 4f 00 ff 0d 0a"_s);
                  click(window, u"clientSendButton"_s);
              },
              [&] {
                  // Show an echo row in the detail pane.
                  auto *table = find<QTableView>(window, u"logTable"_s);
                  const TrafficLogModel *model = window.log()->model();
                  for (int row = model->rowCount() - 1; row >= 0; --row) {
                      if (model->eventAt(row).kind == Net::TrafficEvent::Kind::Data) {
                          table->selectRow(row);
                          break;
                      }
                  }
              },
              [&] {
                  if (!app.arguments().contains(u"--relay-card"_s))
                      return;
                  ServerCard *relay = window.servers()->addServer(Net::ServerKind::Relay);
                  ServerCardState state = relay->state();
                  state.port = 0;
                  state.upstreamPort = net.status(Net::ServerKind::Tcp).port;
                  state.faults.downstream.latency = {true, 120, 30};
                  state.faults.downstream.limitData = {true, 65536};
                  relay->setState(state);
                  relay->start();
                  click(window, u"relayFaultsButton"_s);
                  find<QTabWidget>(window, u"relayFaultsTabs"_s)->setCurrentIndex(1); // Downstream
              },
              [&] {
                  if (ServerCard *relay = window.servers()->card(Net::ServerKind::Relay))
                      find<QScrollArea>(window, u"serversScroll"_s)->ensureWidgetVisible(relay, 0, 0);
              },
              [&] {
                  const QStringList problems = layoutProblems(window);
                  std::printf("ready: window %s on screen %s\n", qPrintable(QDebug::toString(window.frameGeometry())),
                              qPrintable(QDebug::toString(window.screen()->availableGeometry())));
                  for (const QString &problem : problems)
                      std::printf("layout problem: %s\n", qPrintable(problem));
                  std::fflush(stdout);
              }},
             STEP_PAUSE_MS);
    return app.exec();
}
