#pragma once

#include "api/relayconfig.h"
#include "server/server.h"
#include "server/tcpservercore.h"

namespace Net {

class RelayConnection;

// A TCP relay: the shared TCP core accepts and tracks the clients; each
// gets its own connection to the upstream host:port, and bytes flow both
// ways through the configured network faults. Lives on the network thread.
class RelayServer final : public Server
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RelayServer)

public:
    explicit RelayServer(TrafficMonitor &monitor, ServerId id = 1, QObject *parent = nullptr);
    ~RelayServer() override;

    ServerKind kind() const override { return ServerKind::Relay; }
    QString start(const ServerSpec &spec) override { return start(spec.relay); }
    // Listens on config.address:config.port; returns a sentence on failure, else "".
    QString start(const RelayConfig &config);
    void stop() override { m_core.stop(); }
    bool isRunning() const override { return m_core.isRunning(); }
    ServerStatus status() const override;
    // Only the faults changed: they apply to the open connections, which
    // stay; anything else restarts the relay.
    QString update(const ServerSpec &spec) override;
    const RelayConfig &config() const { return m_config; }

    // New faults for the open connections and the ones to come. Bytes a
    // fault already holds keep their release times; see FaultShaper.
    void setFaults(const RelayFaults &faults);
    RelayFaults faults() const { return m_config.faults; }

    bool closeConnection(quint64 id) override { return m_core.closeConnection(id); }
    // A relay connection carries what its two peers send; the server side has no say.
    bool sendTo(quint64, const QByteArray &) override { return false; }
    int sendToAll(const QByteArray &) override { return 0; }
    bool takesRawBytes() const override { return false; }

    qsizetype connectionCount() const { return m_core.size(); }
    // Bytes read from one side and not yet written to the other, over all connections.
    qint64 bufferedBytes() const;

signals:
    void acceptFailed(const QString &sentence);

private:
    TcpServerCore m_core;
    RelayConfig m_config; // the connections read it: they live no longer than a start
};

} // namespace Net
