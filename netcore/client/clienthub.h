#pragma once

#include "clientevent.h"
#include "clientoptions.h"

#include <QHash>
#include <QObject>
#include <QTimer>

#include <atomic>
#include <memory>

class QNetworkAccessManager;

namespace Net {

class ClientSession;

// The client sessions of the client pane, on the network thread. Sessions
// are created and driven by id; what they send and receive comes back as
// transcript events, batched (every ~30 ms, bounded like the server events)
// so a chatty peer cannot flood the GUI thread.
class ClientHub final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClientHub)

public:
    explicit ClientHub(QObject *parent = nullptr);
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

    // Called by sessions.
    void post(ClientEvent &&event);

    // Batches delivered but not yet handled; the consumer decrements it (from
    // any thread) when done, as with TrafficMonitor::inFlight().
    std::shared_ptr<std::atomic<int>> inFlight() const { return m_inFlight; }

signals:
    void eventsReady(const QList<Net::ClientEvent> &events, qint64 dropped);

private:
    void flush();
    // The session with that id, or null after posting an Error event for it.
    ClientSession *find(quint64 id);
    void postError(quint64 id, const QString &sentence);
    QNetworkAccessManager &networkAccess();

    QHash<quint64, ClientSession *> m_sessions;
    QNetworkAccessManager *m_http = nullptr; // created on first HTTP use, on this thread
    QList<ClientEvent> m_queue;
    qint64 m_queuedBytes = 0; // payload bytes in m_queue, bounded as well as the count
    qint64 m_dropped = 0;
    QTimer m_flushTimer;
    std::shared_ptr<std::atomic<int>> m_inFlight = std::make_shared<std::atomic<int>>(0);
};

} // namespace Net
