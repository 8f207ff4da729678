#pragma once

#include "server/connectionset.h"
#include "server/outputbudget.h"
#include "server/serverconfig.h"
#include "staticfilehandler.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <memory>

namespace Net {

class HttpConnection;
class TcpListener;
class TrafficMonitor;

// The static-file web server: accepts connections, owns them, and sweeps
// their timeouts with one timer. Lives on the network thread.
class HttpServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpServer)

public:
    explicit HttpServer(TrafficMonitor &monitor, QObject *parent = nullptr);
    ~HttpServer() override;

    // Starts listening; returns a sentence on failure (root missing, port in
    // use...) and leaves the server stopped, else an empty string.
    QString start(const WebServerConfig &config);
    void stop();

    bool isRunning() const;
    ServerStatus status() const;
    qsizetype connectionCount() const { return m_connections.size(); }
    bool closeConnection(quint64 id);
    // What the connections hold for clients that have not read it yet, now
    // and at most since start(), against the total budget.
    const OutputBudget &outputBudget() const { return m_budget; }

    // For the connections.
    TrafficMonitor &monitor() { return m_monitor; }
    StaticFileHandler &handler() { return *m_handler; }
    const WebServerConfig &config() const { return m_config; }
    QByteArray &scratch() { return m_scratch; }
    OutputBudget &budget() { return m_budget; }
    qint64 nowMs() const { return m_startMs + m_clock.elapsed(); }
    qint64 nowNs() const { return m_clock.nsecsElapsed(); }
    void connectionOpened(HttpConnection *connection);
    void retire(HttpConnection *connection);

signals:
    void acceptFailed(const QString &sentence);

private:
    void accept(qintptr descriptor);
    void budgetFreed(quint64 id);
    void sweep();

    TrafficMonitor &m_monitor;
    WebServerConfig m_config;
    std::unique_ptr<StaticFileHandler> m_handler;
    TcpListener *m_listener = nullptr;
    ConnectionSet<HttpConnection> m_connections{this};
    OutputBudget m_budget;
    QTimer m_sweepTimer;
    QElapsedTimer m_clock;
    qint64 m_startMs = 0;
    QByteArray m_scratch; // one read buffer shared by every connection of this thread
};

} // namespace Net
