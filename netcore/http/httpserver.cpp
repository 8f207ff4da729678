#include "httpserver.h"
#include "httpconnection.h"
#include "tracking/trafficmonitor.h"

#include <QFileInfo>
#include <QLoggingCategory>

#include <csignal>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcHttp, "wirebench.net.http", QtWarningMsg)

namespace {
constexpr qsizetype SCRATCH_BYTES = 64 * 1024;
} // namespace

namespace Net {

HttpServer::HttpServer(TrafficMonitor &monitor, ServerId id, QObject *parent)
    : Server(monitor, id, ServerKind::Web, parent)
    , m_core(monitor, id, this) // a child, so it moves to the network thread with us
    , m_shared(this, [this](quint64 connectionId) { budgetFreed(connectionId); })
{
    // sendfile() has no MSG_NOSIGNAL: a client that resets mid-download must
    // cost us an EPIPE, never the process.
    std::signal(SIGPIPE, SIG_IGN);
    connect(&m_core, &TcpServerCore::acceptFailed, this, &HttpServer::acceptFailed);
    connect(&m_core, &TcpServerCore::acceptFailed, this, &Server::notice);
    m_shared.scratch.resize(SCRATCH_BYTES);
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

    m_shared.config = config;
    m_shared.handler = std::move(handler);
    const QString error = m_core.start(config.address, config.port, TcpAdmission{config.maxConnections, 0, true},
                                       [this](qintptr descriptor) {
                                           // registers itself with the core
                                           new HttpConnection(descriptor, m_core, m_shared);
                                       });
    if (!error.isEmpty()) {
        m_shared.handler.reset();
        return error;
    }
    m_shared.budget.start(config.limits.maxQueuedOutputTotal);
    qCInfo(lcHttp) << "listening on" << status().url() << "root" << m_shared.handler->root().canonicalPath();
    return {};
}

void HttpServer::stop()
{
    if (!m_core.isRunning())
        return;
    m_core.stop();
    m_shared.handler.reset();
}

ServerStatus HttpServer::status() const
{
    ServerStatus status = baseStatus();
    if (m_core.isRunning()) {
        status.address = m_core.serverAddress();
        status.port = m_core.serverPort();
        status.rootPath = m_shared.handler->root().canonicalPath();
    }
    return status;
}

void HttpServer::budgetFreed(quint64 id)
{
    if (TcpConnection *connection = m_core.find(id))
        static_cast<HttpConnection *>(connection)->budgetAvailable();
}

} // namespace Net
