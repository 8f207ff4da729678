#include "commandline.h"
#include "headlessrunner.h"
#include "mainwindow.h"
#include "sendcommand.h"
#include "serverspanel.h"
#include "settings.h"
#include "translations.h"
#include "unixsignalwatcher.h"

#include "api/netcontroller.h"

#include <QApplication>

#include <cstdio>
#include <memory>

namespace {

void describeApplication()
{
    QCoreApplication::setOrganizationName(QStringLiteral("Wirebench"));
    QCoreApplication::setApplicationName(QStringLiteral("wirebench"));
    QCoreApplication::setApplicationVersion(QStringLiteral(WIREBENCH_VERSION_STRING));
}

int refuse(const CommandLineResult &parsed)
{
    std::fprintf(stderr, "wirebench: %s\n%s\n", qPrintable(parsed.message),
                 qPrintable(QCoreApplication::translate("main", "Try 'wirebench --help'.")));
    return parsed.exitCode;
}

int runHeadless(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    describeApplication();
    const Translations translations(Settings().language());
    const CommandLineResult parsed = parseCommandLine(app.arguments());
    if (!parsed.options)
        return refuse(parsed);
    HeadlessRunner runner(*parsed.options);
    UnixSignalWatcher signalWatcher;
    // A second past the shutdown timeout, for when the main thread itself is
    // stuck (e.g. writing to a stdout nobody reads) and cannot even notice.
    signalWatcher.setWatchdog(parsed.options->shutdownTimeoutSec + 1, Net::NetController::ExitStuckShutdown);
    QObject::connect(&signalWatcher, &UnixSignalWatcher::terminationRequested, &runner, [&runner] { runner.stop(0); });
    QObject::connect(&runner, &HeadlessRunner::finished, &app, &QCoreApplication::exit);
    runner.start();
    return app.exec();
}

int runWindow(int argc, char **argv)
{
    QApplication app(argc, argv);
    describeApplication();
    QGuiApplication::setDesktopFileName(QStringLiteral("org.wirebench.Wirebench"));
    Settings settings;
    const Translations translations(settings.language());
    const CommandLineResult parsed = parseCommandLine(app.arguments());
    if (!parsed.options)
        return refuse(parsed);
    Net::NetController net;
    net.setShutdownTimeout(parsed.options->shutdownTimeoutSec * 1000);
    MainWindow window(net, settings);
    window.applyCommandLine(*parsed.options);
    window.show();
    if (parsed.options->start) {
        const CommandLineOptions &o = *parsed.options;
        const std::pair<Net::ServerKind, bool> wanted[] = {
            {Net::ServerKind::Web, o.web}, {Net::ServerKind::Tcp, o.echo}, {Net::ServerKind::Udp, o.udpEcho}};
        for (const auto &[kind, on] : wanted) {
            if (ServerCard *card = window.servers()->card(kind); on && card)
                card->start();
        }
    }
    return app.exec();
}

} // namespace

int main(int argc, char **argv)
{
    // "wirebench send ..." is a command-line client: no window, no servers.
    if (wantsSendCommand(argc, argv))
        return runSendCommand(argc, argv);
    // --help, --version and --headless must work without a display.
    return wantsConsoleOnly(argc, argv) ? runHeadless(argc, argv) : runWindow(argc, argv);
}
