#include "httpserver.h"
#include "httpconnection.h"
#include "server/tcplistener.h"
#include "tracking/trafficmonitor.h"

#include <QDateTime>
#include <QFileInfo>
#include <QLoggingCategory>

#include <csignal>
#include <unistd.h>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcHttp, "wirebench.net.http", QtWarningMsg)

namespace {
constexpr int SWEEP_INTERVAL_MS = 1000;
constexpr qsizetype SCRATCH_BYTES = 64 * 1024;
} // namespace

namespace Net {

HttpServer::HttpServer(TrafficMonitor &monitor, QObject *parent)
    : QObject(parent)
    , m_monitor(monitor)
    , m_budget(this, [this](quint64 id) { budgetFreed(id); })
    , m_sweepTimer(this) // a child, so it moves to the network thread with us
{
    // sendfile() has no MSG_NOSIGNAL: a client that resets mid-download must
    // cost us an EPIPE, never the process.
    std::signal(SIGPIPE, SIG_IGN);
    m_sweepTimer.setInterval(SWEEP_INTERVAL_MS);
    connect(&m_sweepTimer, &QTimer::timeout, this, &HttpServer::sweep);
    m_scratch.resize(SCRATCH_BYTES);
}

HttpServer::~HttpServer()
{
    stop();
}

QString HttpServer::start(const WebServerConfig &config)
{
    stop();
    const QFileInfo root(config.rootPath);
    if (config.rootPath.isEmpty())
        return tr("No document root was given.");
    if (!root.exists())
        return tr("Document root %1 does not exist.").arg(config.rootPath);
    if (!root.isDir())
        return tr("Document root %1 is not a folder.").arg(config.rootPath);
    if (!root.isReadable() || !root.isExecutable())
        return tr("Document root %1 cannot be read (permission denied).").arg(config.rootPath);

    auto handler = std::make_unique<StaticFileHandler>(StaticFileHandler::Options{
        config.rootPath, config.directoryListing, config.serveDotfiles, HostPolicy(config.address, config.allowedHosts)});
    if (!handler->isValid())
        return tr("Document root %1 cannot be opened.").arg(config.rootPath);

    auto *listener = new TcpListener([this](qintptr descriptor) { accept(descriptor); }, this);
    const QString error = listener->start(config.address, config.port);
    if (!error.isEmpty()) {
        delete listener;
        return error;
    }
    connect(listener, &TcpListener::acceptFailed, this, &HttpServer::acceptFailed);
    connect(listener, &TcpListener::acceptFailed, this,
            [this](const QString &sentence) { m_monitor.reportError(ServerKind::Web, sentence); });
    m_config = config;
    m_handler = std::move(handler);
    m_listener = listener;
    m_budget.start(config.limits.maxQueuedOutputTotal);
    m_clock.start();
    m_startMs = QDateTime::currentMSecsSinceEpoch();
    m_sweepTimer.start();
    qCInfo(lcHttp) << "listening on" << status().url() << "root" << m_handler->root().canonicalPath();
    return {};
}

void HttpServer::stop()
{
    if (!m_listener)
        return;
    m_sweepTimer.stop();
    delete m_listener;
    m_listener = nullptr;
    const auto connections = m_connections.all();
    for (HttpConnection *connection : connections)
        connection->close(u"server stopped"_s);
    m_connections.reap();
    m_handler.reset();
}

bool HttpServer::isRunning() const
{
    return m_listener != nullptr;
}

ServerStatus HttpServer::status() const
{
    ServerStatus status;
    status.kind = ServerKind::Web;
    status.running = isRunning();
    if (m_listener) {
        status.address = m_listener->serverAddress();
        status.port = m_listener->serverPort();
        status.rootPath = m_handler->root().canonicalPath();
    }
    return status;
}

bool HttpServer::closeConnection(quint64 id)
{
    HttpConnection *connection = m_connections.find(id);
    if (!connection)
        return false;
    connection->close(u"closed by the user"_s);
    return true;
}

void HttpServer::accept(qintptr descriptor)
{
    if (m_connections.size() >= m_config.maxConnections) {
        // Over the cap: refuse at once rather than let the peer wait on a dead socket.
        ::close(int(descriptor));
        m_monitor.addError(ServerKind::Web);
        return;
    }
    new HttpConnection(descriptor, *this); // registers itself through connectionOpened()
}

void HttpServer::connectionOpened(HttpConnection *connection)
{
    m_connections.add(connection);
}

void HttpServer::retire(HttpConnection *connection)
{
    m_connections.retire(connection);
}

void HttpServer::budgetFreed(quint64 id)
{
    if (HttpConnection *connection = m_connections.find(id))
        connection->budgetAvailable();
}

void HttpServer::sweep()
{
    const qint64 now = nowMs();
    const auto connections = m_connections.all();
    for (HttpConnection *connection : connections)
        connection->sweep(now);
}

} // namespace Net
