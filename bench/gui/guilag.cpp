// G1: the real window under load. Opens the MainWindow (offscreen unless a
// display is chosen), starts its web server on the given port and root, and
// measures how late a 10 ms precise timer fires on the GUI thread while a
// load tool hammers the server. Prints "ready PORT" once listening; on
// "stop" (a line on stdin) prints one JSON object with the figures and exits.
//
//   guilag PORT ROOT LOG_CAPACITY

#include "mainwindow.h"
#include "serverspanel.h"
#include "settings.h"
#include "trafficlogmodel.h"
#include "trafficlogpanel.h"

#include "api/netcontroller.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSocketNotifier>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

constexpr int TICK_MS = 10;

double percentile(std::vector<qint64> values, double fraction)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const size_t index = std::min(values.size() - 1, size_t(fraction * double(values.size())));
    return double(values[index]) / 1000.0; // µs → ms
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    if (argc < 4) {
        std::fprintf(stderr, "usage: guilag PORT ROOT LOG_CAPACITY\n");
        return 2;
    }
    QTemporaryDir settingsDir;
    Settings settings(settingsDir.filePath(u"guilag.ini"_s));
    Net::NetController net;
    MainWindow window(net, settings);
    window.resize(1500, 940);
    window.show();
    window.log()->setCapacity(QByteArray(argv[3]).toInt());

    ServerCard *web = window.servers()->card(Net::ServerKind::Web);
    ServerCardState state;
    state.address = u"127.0.0.1"_s;
    state.port = quint16(QByteArray(argv[1]).toUInt());
    state.rootPath = QString::fromLocal8Bit(argv[2]);
    web->setState(state);

    std::vector<qint64> lateness; // µs past the 10 ms a tick should have taken
    lateness.reserve(1 << 16);
    QElapsedTimer clock;
    QTimer tick;
    tick.setTimerType(Qt::PreciseTimer);
    tick.setInterval(TICK_MS);
    qint64 last = 0;
    QObject::connect(&tick, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed() / 1000;
        lateness.push_back(std::max<qint64>(0, now - last - TICK_MS * 1000));
        last = now;
    });

    QObject::connect(&net, &Net::NetController::serverStatusChanged, [&](const Net::ServerStatus &status) {
        if (status.kind != Net::ServerKind::Web)
            return;
        if (!status.running && status.error.isEmpty())
            return; // the card's server added, not started yet
        if (!status.running) {
            std::fprintf(stderr, "guilag: %s\n", qPrintable(status.error));
            QCoreApplication::exit(1);
            return;
        }
        std::printf("ready %u\n", unsigned(status.port));
        std::fflush(stdout);
        clock.start();
        tick.start();
    });

    QSocketNotifier input(STDIN_FILENO, QSocketNotifier::Read);
    QObject::connect(&input, &QSocketNotifier::activated, [&] {
        char line[64];
        if (::read(STDIN_FILENO, line, sizeof line) <= 0 || std::string_view(line).starts_with("stop")) {
            input.setEnabled(false);
            tick.stop();
            net.flushNow();
            // Let the last batch reach the window before reading its counters.
            QTimer::singleShot(500, [&] {
                const TrafficLogModel *log = window.log()->model();
                QJsonObject result{
                    {u"lag_p50_ms"_s, percentile(lateness, 0.50)},
                    {u"lag_p99_ms"_s, percentile(lateness, 0.99)},
                    {u"lag_max_ms"_s, percentile(lateness, 1.0)},
                    {u"ticks"_s, qint64(lateness.size())},
                    {u"log_rows"_s, log->rowCount()},
                    {u"log_capacity"_s, log->capacity()},
                    {u"log_not_shown"_s, log->notShown()},
                    {u"requests_counted"_s, net.totals(web->serverId()).requests},
                    {u"connections_total"_s, net.totals(web->serverId()).connectionsTotal},
                };
                std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
                std::fflush(stdout);
                QCoreApplication::quit();
            });
        }
    });

    web->start();
    return app.exec();
}
