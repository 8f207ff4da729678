#include "headlessrunner.h"
#include "servespec.h"

#include <QTimer>

using namespace Qt::StringLiterals;

HeadlessRunner::HeadlessRunner(const CommandLineOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
{
    connect(&m_net, &Net::NetController::serverStatusChanged, this, &HeadlessRunner::onStatus);
    connect(&m_net, &Net::NetController::trafficBatch, this, &HeadlessRunner::onBatch);
    connect(&m_net, &Net::NetController::notice, this, [](const QString &sentence) {
        std::fprintf(stderr, "wirebench: %s\n", qPrintable(sentence));
    });
    Net::MonitorOptions monitor;
    monitor.captureEvents = !options.quiet;
    m_net.setMonitorOptions(monitor);
    m_net.setShutdownTimeout(options.shutdownTimeoutSec * 1000);
}

void HeadlessRunner::start()
{
    const QList<Net::ServerSpec> servers = headlessServers(m_options);
    for (const Net::ServerSpec &spec : servers) {
        const Net::ServerId id = m_net.addServer(spec);
        m_format.setServerName(id, spec.displayName());
        m_net.startServer(id);
    }
    if (servers.isEmpty()) {
        std::fprintf(stderr, "wirebench: %s\n", qPrintable(tr("nothing to run: every server is switched off.")));
        QTimer::singleShot(0, this, [this] { emit finished(2); });
    }
}

void HeadlessRunner::stop(int exitCode)
{
    if (m_stopping)
        return;
    m_stopping = true;
    // The last batch (what happened up to the stop) arrives before stopped().
    const auto finish = [this, exitCode] {
        if (m_finished)
            return;
        m_finished = true;
        std::fflush(stdout);
        emit finished(exitCode);
    };
    connect(&m_net, &Net::NetController::stopped, this, finish, Qt::SingleShotConnection);
    m_net.shutdown();
    // Should the network thread be wedged, do not wait for it here: the
    // controller's destructor then ends the process within the same timeout.
    QTimer::singleShot(m_options.shutdownTimeoutSec * 1000, this, finish);
}

void HeadlessRunner::onStatus(const Net::ServerStatus &status)
{
    if (m_stopping)
        return;
    if (!status.error.isEmpty()) {
        std::fprintf(stderr, "wirebench: %s: %s\n", qPrintable(status.name), qPrintable(status.error));
        stop(1);
        return;
    }
    if (!status.running)
        return;
    QString line = status.name + u": listening on "_s + status.url();
    if (status.kind == Net::ServerKind::Web)
        line += u" (root "_s + status.rootPath + u')';
    writeOut(line.toUtf8() + '\n');
}

void HeadlessRunner::onBatch(const Net::TrafficBatch &batch)
{
    if (m_options.quiet)
        return;
    m_lines.clear();
    for (const Net::TrafficEvent &event : batch.events)
        m_format.append(event, m_lines);
    if (batch.eventsDropped > 0)
        m_lines += QByteArray::number(batch.eventsDropped) + " events not logged: the log fell behind\n";
    if (!m_lines.isEmpty())
        writeOut(m_lines);
}

void HeadlessRunner::writeOut(const QByteArray &bytes)
{
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}
