#pragma once

#include "api/clientevent.h"
#include "api/clientoptions.h"

#include <QHash>
#include <QObject>

class QNetworkAccessManager;

namespace Net {

class ClientSession;
class TrafficMonitor;

// The client sessions of the client pane, on the network thread. Sessions
// are created and driven by id; what they send and receive goes into the
// traffic monitor's one bounded queue, in order with the servers' events, and
// reaches the traffic log and (through the façade) the client pane's
// transcript in the same batches.
class ClientHub final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClientHub)

public:
    explicit ClientHub(TrafficMonitor &monitor, QObject *parent = nullptr);
    ~ClientHub() override;

    // Ids are chosen by the caller (the façade hands them out) so a call can
    // be queued before the session exists on this thread.
    void open(quint64 id, ClientProtocol protocol);
    void close(quint64 id);
    void closeAll();

    // TCP: connect. UDP: resolve and remember the target, bind a local socket.
    void connectTo(quint64 id, const QString &host, quint16 port);
    // TCP: write to the stream. UDP: one datagram to the target.
    void send(quint64 id, const QByteArray &bytes);
    // TCP: close gracefully (pending bytes are sent first).
    void disconnectFrom(quint64 id);
    // HTTP sessions only.
    void sendHttp(quint64 id, const HttpClientRequest &request);
    void setOptions(quint64 id, const ClientOptions &options);
    void sendFile(quint64 id, const QString &path);
    void cancelFile(quint64 id);
    void saveReceived(quint64 id, const QString &path);

    // Called by sessions: `target` is where the session is connected to, for
    // the log's rows (see clientTrafficEvent()).
    void post(ClientEvent &&event, const QHostAddress &target = {}, quint16 targetPort = 0);

private:
    // The session with that id, or null after posting an Error event for it.
    ClientSession *find(quint64 id);
    void postError(quint64 id, const QString &sentence);
    QNetworkAccessManager &networkAccess();

    QHash<quint64, ClientSession *> m_sessions;
    QNetworkAccessManager *m_http = nullptr; // created on first HTTP use, on this thread
    TrafficMonitor &m_monitor;
};

} // namespace Net
