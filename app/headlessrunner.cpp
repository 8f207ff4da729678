#include "headlessrunner.h"

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
    int starting = 0;
    if (m_options.web) {
        Net::WebServerConfig web;
        web.address = m_options.bindAddress;
        web.port = m_options.webPort;
        web.rootPath = m_options.webRoot;
        web.directoryListing = m_options.listing;
        web.serveDotfiles = m_options.serveDotfiles;
        web.keepAliveTimeoutMs = m_options.keepAliveTimeoutSec * 1000;
        web.requestTimeoutMs = m_options.requestTimeoutSec * 1000;
        web.maxConnections = m_options.maxConnections;
        web.allowedHosts = m_options.allowedHosts;
        ++starting;
        m_net.startWeb(web);
    }
    Net::EchoServerConfig echo;
    echo.address = m_options.bindAddress;
    echo.maxConnections = m_options.maxConnections;
    echo.limits.idleTimeoutMs = m_options.echoIdleTimeoutSec * 1000;
    echo.limits.maxConnectionsPerAddress = m_options.maxConnectionsPerAddress;
    echo.limits.maxUdpPeers = m_options.maxUdpPeers;
    echo.limits.udpPeerRate = m_options.udpPeerRate;
    if (m_options.echo) {
        echo.port = m_options.echoPort;
        ++starting;
        m_net.startTcpEcho(echo);
    }
    if (m_options.udpEcho) {
        echo.port = m_options.udpEchoPort;
        ++starting;
        m_net.startUdpEcho(echo);
    }
    if (m_options.relay) {
        Net::RelayConfig relay;
        relay.address = m_options.relayAddress;
        relay.port = m_options.relayPort;
        relay.upstreamHost = m_options.relayUpstreamHost;
        relay.upstreamPort = m_options.relayUpstreamPort;
        relay.limits.maxConnections = m_options.maxConnections;
        relay.limits.maxConnectionsPerAddress = m_options.maxConnectionsPerAddress;
        ++starting;
        m_net.startRelay(relay);
    }
    if (starting == 0) {
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
        std::fprintf(stderr, "wirebench: %s: %s\n", qPrintable(Net::serverKindName(status.kind)),
                     qPrintable(status.error));
        stop(1);
        return;
    }
    if (!status.running)
        return;
    QString line = Net::serverKindName(status.kind) + u": listening on "_s + status.url();
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
