// A scripted session in the real window, for the README's screenshot
// (scripts/screenshot.sh runs it under Xvfb and photographs the screen).
// Starts every server, fetches a few pages, talks to the echo server from the
// client pane, selects a log row for the detail pane, then prints "ready"
// and waits to be killed. Settings live in a temporary file; the language
// follows LANG, and server options (--web-port, --echo-port…) are honoured.

#include "commandline.h"
#include "mainwindow.h"
#include "servercard.h"
#include "serverspanel.h"
#include "settings.h"
#include "translations.h"
#include "trafficlogmodel.h"
#include "trafficlogpanel.h"

#include "netcontroller.h"

#include <QAbstractButton>
#include <QApplication>
#include <QScreen>
#include <QComboBox>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QPlainTextEdit>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>
#include <functional>

using namespace Qt::StringLiterals;

namespace {

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

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"wirebench"_s);
    QTemporaryDir settingsDir;
    Settings settings(settingsDir.filePath(u"demo.ini"_s));
    const Translations translations(settings.language());
    const CommandLineResult parsed = parseCommandLine(app.arguments());
    Net::NetController net;
    MainWindow window(net, settings);
    if (parsed.options)
        window.applyCommandLine(*parsed.options);
    const quint16 webPort = window.servers()->card(Net::ServerKind::Web)->state().port;
    // Xvfb has no window manager to maximise for us: fill the screen ourselves.
    window.setGeometry(QGuiApplication::primaryScreen()->availableGeometry());
    window.show();
    QNetworkAccessManager http;
    http.setProxy(QNetworkProxy::NoProxy);
    const auto get = [&http, webPort](const QString &path) {
        QNetworkReply *reply = http.get(QNetworkRequest(QUrl(u"http://127.0.0.1:%1"_s.arg(webPort) + path)));
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
                  std::printf("ready\n");
                  std::fflush(stdout);
              }},
             700);
    return app.exec();
}
