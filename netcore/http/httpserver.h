#pragma once

#include "httpshared.h"
#include "server/server.h"
#include "server/tcpservercore.h"

namespace Net {

class HttpConnection;

// The static-file web server: the TCP core accepts, owns and sweeps the
// connections; this adds the document root, the handler and the output
// budget they share. Lives on the network thread.
class HttpServer final : public Server
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpServer)

public:
    explicit HttpServer(TrafficMonitor &monitor, ServerId id = 1, QObject *parent = nullptr);
    ~HttpServer() override;

    ServerKind kind() const override { return ServerKind::Web; }
    QString start(const ServerSpec &spec) override { return start(spec.web); }
    // Starts listening; returns a sentence on failure (root missing, port in
    // use...) and leaves the server stopped, else an empty string.
    QString start(const WebServerConfig &config);
    void stop() override;

    bool isRunning() const override { return m_core.isRunning(); }
    ServerStatus status() const override;
    qsizetype connectionCount() const { return m_core.size(); }
    bool closeConnection(quint64 id) override { return m_core.closeConnection(id); }
    bool sendTo(quint64, const QByteArray &) override { return false; }
    int sendToAll(const QByteArray &) override { return 0; }
    bool takesRawBytes() const override { return false; }
    // What the connections hold for clients that have not read it yet, now
    // and at most since start(), against the total budget.
    const OutputBudget &outputBudget() const { return m_shared.budget; }

signals:
    void acceptFailed(const QString &sentence);

private:
    void budgetFreed(quint64 id);

    TcpServerCore m_core;
    HttpShared m_shared;
};

} // namespace Net
