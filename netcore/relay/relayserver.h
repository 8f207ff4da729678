#pragma once

#include "relayconfig.h"
#include "server/addresscap.h"
#include "server/connectionset.h"
#include "server/serverconfig.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>

namespace Net {

class RelayConnection;
class TcpListener;
class TrafficMonitor;

// A TCP relay: every accepted client gets its own connection to the
// upstream host:port, and bytes flow both ways through the configured
// network faults. Lives on the network thread.
class RelayServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RelayServer)

public:
    explicit RelayServer(TrafficMonitor &monitor, QObject *parent = nullptr);
    ~RelayServer() override;

    // Listens on config.address:config.port; returns a sentence on failure, else "".
    QString start(const RelayConfig &config);
    void stop();
    bool isRunning() const { return m_listener != nullptr; }
    ServerStatus status() const;
    const RelayConfig &config() const { return m_config; }

    // New faults for the open connections and the ones to come. Bytes a
    // fault already holds keep their release times; see FaultShaper.
    void setFaults(const RelayFaults &faults);
    RelayFaults faults() const { return m_config.faults; }

    bool closeConnection(quint64 id);
    qsizetype connectionCount() const { return m_connections.size(); }
    // Bytes read from one side and not yet written to the other, over all connections.
    qint64 bufferedBytes() const;

    // For the connections.
    TrafficMonitor &monitor() { return m_monitor; }
    qint64 nowUs() const { return m_clock.nsecsElapsed() / 1000; }
    void connectionOpened(RelayConnection *connection);
    void retire(RelayConnection *connection);

signals:
    void acceptFailed(const QString &sentence);

private:
    void accept(qintptr descriptor);
    bool admits(const QHostAddress &address);

    TrafficMonitor &m_monitor;
    RelayConfig m_config;
    TcpListener *m_listener = nullptr;
    ConnectionSet<RelayConnection> m_connections{this};
    AddressCap m_perAddress;
    QElapsedTimer m_clock;
};

} // namespace Net
