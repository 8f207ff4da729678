#pragma once

#include "api/serverspec.h"
#include "api/clientevent.h"
#include "api/monitoroptions.h"
#include "api/trafficevent.h"

#include <QObject>

#include <map>

namespace Net {

class ClientHub;
class Server;
class TrafficMonitor;

// Everything that runs on the network thread: the servers (any number, by
// id), the client sessions and the traffic monitor. Only NetController talks
// to it, with queued calls carrying plain values; it answers with signals
// carrying plain values.
class NetworkEngine final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NetworkEngine)

public:
    explicit NetworkEngine(QObject *parent = nullptr);
    ~NetworkEngine() override;

    TrafficMonitor &monitor() { return *m_monitor; }
    ClientHub &clients() { return *m_clients; }

    // Creates a stopped server from the spec (its id already assigned) and
    // reports its status; a kind that cannot be built reports an error status.
    void addServer(const Net::ServerSpec &spec);
    void startServer(Net::ServerId id);
    void stopServer(Net::ServerId id);
    // Stops the server, then forgets it: serverRemoved() follows its last batch.
    void removeServer(Net::ServerId id);
    // A running server takes the change live or restarts; a stopped one keeps it for its next start.
    void updateServer(Net::ServerId id, const Net::ServerSpec &spec);
    void stopAll();
    void setMonitorOptions(const Net::MonitorOptions &options);
    void closeConnection(quint64 id);
    void sendToConnection(quint64 id, const QByteArray &bytes);
    void sendToAll(Net::ServerId id, const QByteArray &bytes);
    void flushNow();
    // Stops every server and client, delivers the last batch, then emits
    // stopped(): queued signals keep their order, so a consumer that ends on
    // stopped() has seen everything.
    void shutdown();

signals:
    void serverStatusChanged(const Net::ServerStatus &status);
    void serverRemoved(Net::ServerId id);
    void batchReady(const Net::TrafficBatch &batch);
    // Something the user should read that belongs to no single call
    // ("Out of file descriptors...", "Connection #12 is gone").
    void notice(const QString &sentence);
    void stopped();

private:
    struct Entry
    {
        ServerSpec spec;
        Server *server = nullptr;
    };

    Entry *entry(ServerId id);
    // The server a live connection or UDP peer belongs to, or nullptr.
    Server *serverOf(quint64 connectionId);
    void reportStatus(const Entry &entry, const QString &error = {});

    TrafficMonitor *m_monitor;
    ClientHub *m_clients;
    std::map<ServerId, Entry> m_servers; // ordered: servers list in the order they were added
};

} // namespace Net
