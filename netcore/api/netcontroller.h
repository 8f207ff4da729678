#pragma once

#include "api/serverspec.h"
#include "api/clientevent.h"
#include "api/clientoptions.h"
#include "api/monitoroptions.h"
#include "api/trafficevent.h"

#include <QDeadlineTimer>
#include <QHash>
#include <QObject>
#include <QThread>

#include <atomic>
#include <memory>
#include <optional>

class tst_NetController;

namespace Net {

class NetworkEngine;

// The one façade the app and the widgets talk to. It lives on the caller's
// (GUI) thread and forwards every call to the NetworkEngine on the network
// thread; results come back as signals with plain values. The GUI never
// blocks the servers and the servers never block the GUI.
class NetController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NetController)

public:
    // The exit status when stopping overran the shutdown timeout.
    static constexpr int ExitStuckShutdown = 3;

    explicit NetController(QObject *parent = nullptr);
    // Stops the servers and the network thread, waiting at most the shutdown
    // timeout (counted from shutdown() when that came first). Should the
    // thread not end by then, the process exits with ExitStuckShutdown and a
    // sentence on stderr rather than hang.
    ~NetController() override;
    void setShutdownTimeout(int ms);

    // Servers by id. addServer() hands out the id at once, on the caller's
    // thread, so calls naming it can follow before the network thread has
    // created the server; it starts stopped. A spec with an id of 0 gets a
    // new one; a non-zero id is kept (and later ids go past it).
    ServerId addServer(const ServerSpec &spec);
    void startServer(ServerId id);
    void stopServer(ServerId id);
    // Stops and forgets the server; serverRemoved() says when it is gone.
    void removeServer(ServerId id);
    // Live changes (rules, faults) or a restart on a new address; a stopped
    // server keeps the spec for its next start.
    void updateServer(ServerId id, const ServerSpec &spec);
    void stopAll();

    // Conveniences: addServer() and startServer() with a spec of that kind.
    ServerId startWeb(const WebServerConfig &config, const QString &name = {});
    ServerId startTcp(const EchoServerConfig &config, const QString &name = {});
    ServerId startUdp(const EchoServerConfig &config, const QString &name = {});

    // Closes a TCP connection, or forgets a UDP peer.
    void closeConnection(quint64 id);
    // "Server sends to client": bytes to one echo connection or UDP peer, or
    // to every client of an echo server.
    void sendToConnection(quint64 id, const QByteArray &bytes);
    void sendToAll(ServerId id, const QByteArray &bytes);
    void setMonitorOptions(const MonitorOptions &options);
    // Asks for a batch now instead of at the next interval (tests).
    void flushNow();
    // Stops everything; stopped() follows the last trafficBatch(). Starts
    // the shutdown timeout.
    void shutdown();

    // Client sessions for the client pane. openClient() returns the id every
    // other call takes; the session's transcript arrives as clientEvents(),
    // split out of the same batches that carry its traffic to trafficBatch().
    quint64 openClient(ClientProtocol protocol);
    void closeClient(quint64 id);
    // TCP: connect. UDP: resolve the target and get a local socket ready.
    void clientConnect(quint64 id, const QString &host, quint16 port);
    void clientSend(quint64 id, const QByteArray &bytes);
    void clientDisconnect(quint64 id);
    void clientHttp(quint64 id, const HttpClientRequest &request);
    // Local address and port for the session's next connect (TCP) or target (UDP).
    void clientSetOptions(quint64 id, const ClientOptions &options);
    // TCP: streams a file of any size to the peer; Progress events follow.
    void clientSendFile(quint64 id, const QString &path);
    void clientCancelFile(quint64 id);
    // Appends every byte the session receives to `path` (empty: stop saving).
    void clientSaveReceived(quint64 id, const QString &path);
    // Whether a session was opened and not closed since (its protocol, if so).
    std::optional<ClientProtocol> clientProtocol(quint64 id) const;

    // The last status reported for a server (a default one for an unknown id).
    ServerStatus status(ServerId id) const { return m_status.value(id); }
    // The totals as of the last batch.
    ServerTotals totals(ServerId id) const { return m_totals.value(id); }
    // The first running server of a kind, else the first of that kind: the
    // local server the client pane offers to talk to.
    ServerStatus status(ServerKind kind) const;
    // The spec a server was added or last updated with.
    ServerSpec spec(ServerId id) const { return m_specs.value(id); }
    // Every server added and not removed, in the order of their ids.
    QList<ServerStatus> servers() const;
    // "web", "echo", a user's name: what views show for a server id.
    QString serverName(ServerId id) const;

signals:
    void serverStatusChanged(const Net::ServerStatus &status);
    void serverRemoved(Net::ServerId id);
    // One batch of events, changed connections and totals. Handle it in the
    // slot; the next batch is held back until this one returns.
    void trafficBatch(const Net::TrafficBatch &batch);
    void notice(const QString &sentence);
    // The client events of one trafficBatch() (emitted right after it), as
    // the transcript's values; `dropped` counts client events the queue lost.
    void clientEvents(const QList<Net::ClientEvent> &events, qint64 dropped);
    void stopped();

private:
    friend class ::tst_NetController; // wedges the network thread to check the bound on the wait above

    ServerId addAndStart(const ServerSpec &spec);
    void startShutdownClock();
    void onBatch(const TrafficBatch &batch);
    void onStatus(const ServerStatus &status);
    void onRemoved(ServerId id);
    void emitClientEvents(const TrafficBatch &batch);

    QThread m_thread;
    NetworkEngine *m_engine;
    std::shared_ptr<std::atomic<int>> m_inFlight;
    quint64 m_nextClientId = 1;
    ServerId m_nextServerId = 1;
    QHash<quint64, ClientProtocol> m_clients; // open sessions
    int m_shutdownTimeoutMs = 5000;
    QDeadlineTimer m_shutdownDeadline{QDeadlineTimer::Forever};
    QHash<ServerId, ServerSpec> m_specs;
    QHash<ServerId, QString> m_names; // kept after removal: the log still shows the server's events
    QHash<ServerId, ServerStatus> m_status;
    QHash<ServerId, ServerTotals> m_totals;
};

} // namespace Net
