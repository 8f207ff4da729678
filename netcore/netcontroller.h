#pragma once

#include "client/clientevent.h"
#include "relay/relayconfig.h"
#include "server/serverconfig.h"
#include "tracking/monitoroptions.h"
#include "tracking/trafficevent.h"

#include <QDeadlineTimer>
#include <QObject>
#include <QThread>

#include <atomic>
#include <memory>

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

    void startWeb(const WebServerConfig &config);
    void startTcpEcho(const EchoServerConfig &config);
    void startUdpEcho(const EchoServerConfig &config);
    void startRelay(const RelayConfig &config);
    // Faults for the running relay's open connections and the next ones.
    void setRelayFaults(const RelayFaults &faults);
    void stopServer(ServerKind kind);
    void stopAll();

    // Closes a TCP connection, or forgets a UDP peer.
    void closeConnection(quint64 id);
    // "Server sends to client": bytes to one echo connection or UDP peer, or
    // to every client of an echo server.
    void sendToConnection(quint64 id, const QByteArray &bytes);
    void sendToAll(ServerKind kind, const QByteArray &bytes);
    void setMonitorOptions(const MonitorOptions &options);
    // Asks for a batch now instead of at the next interval (tests).
    void flushNow();
    // Stops everything; stopped() follows the last trafficBatch(). Starts
    // the shutdown timeout.
    void shutdown();

    // Client sessions for the client pane. openClient() returns the id every
    // other call takes; the session's transcript arrives as clientEvents().
    quint64 openClient(ClientProtocol protocol);
    void closeClient(quint64 id);
    // TCP: connect. UDP: resolve the target and get a local socket ready.
    void clientConnect(quint64 id, const QString &host, quint16 port);
    void clientSend(quint64 id, const QByteArray &bytes);
    void clientDisconnect(quint64 id);
    void clientHttp(quint64 id, const HttpClientRequest &request);

    // The last status reported for a server.
    ServerStatus status(ServerKind kind) const { return m_status[int(kind)]; }
    // The totals as of the last batch.
    ServerTotals totals(ServerKind kind) const { return m_totals[int(kind)]; }

signals:
    void serverStatusChanged(const Net::ServerStatus &status);
    // One batch of events, changed connections and totals. Handle it in the
    // slot; the next batch is held back until this one returns.
    void trafficBatch(const Net::TrafficBatch &batch);
    void notice(const QString &sentence);
    void clientEvents(const QList<Net::ClientEvent> &events, qint64 dropped);
    void stopped();

private:
    friend class ::tst_NetController; // wedges the network thread to check the bound on the wait above

    void startShutdownClock();
    void onBatch(const TrafficBatch &batch);
    void onStatus(const ServerStatus &status);
    void onClientEvents(const QList<ClientEvent> &events, qint64 dropped);

    QThread m_thread;
    NetworkEngine *m_engine;
    std::shared_ptr<std::atomic<int>> m_inFlight;
    std::shared_ptr<std::atomic<int>> m_clientInFlight;
    quint64 m_nextClientId = 1;
    int m_shutdownTimeoutMs = 5000;
    QDeadlineTimer m_shutdownDeadline{QDeadlineTimer::Forever};
    ServerStatus m_status[ServerKindCount];
    ServerTotals m_totals[ServerKindCount];
};

} // namespace Net
