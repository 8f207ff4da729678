#pragma once

#include "api/clientevent.h"
#include "api/clientoptions.h"

#include <QAbstractSocket>
#include <QFile>
#include <QObject>

#include <memory>

namespace Net {

class ClientHub;

// "TCP", "UDP", "HTTP": for sentences and the façade.
QString clientProtocolName(ClientProtocol protocol);

// One client session of the client pane, on the network thread. The hub owns
// it (as its QObject parent, so it follows the hub between threads) and
// forwards the caller's requests; everything the session has to say goes
// back through the hub as transcript events. An operation the protocol does
// not have answers with an Error event rather than failing silently.
class ClientSession : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClientSession)

public:
    ~ClientSession() override;

    quint64 id() const { return m_id; }
    ClientProtocol protocol() const { return m_protocol; }
    ClientState state() const { return m_state; }

    virtual void connectTo(const QString &host, quint16 port);
    virtual void send(const QByteArray &bytes);
    virtual void disconnectFrom();
    virtual void sendHttp(const HttpClientRequest &request);
    // Kept for the next connect; a UDP session readies its socket again.
    virtual void setOptions(const ClientOptions &options) { m_options = options; }
    // TCP: streams the file to the peer with Progress events.
    virtual void sendFile(const QString &path);
    virtual void cancelFile();
    // Appends every byte received from now on to the file (empty: stop).
    void saveReceived(const QString &path);

    // Stops all I/O at once and posts nothing more: the hub calls this just
    // before it deletes the session, whose sockets could otherwise still
    // report (and post) from inside their own teardown.
    virtual void abandon() = 0;

protected:
    // The session is created as a child of the hub.
    explicit ClientSession(quint64 id, ClientProtocol protocol, ClientHub &hub);

    // An event stamped with this session's id, its current state and the time.
    ClientEvent makeEvent(ClientEvent::Kind kind) const;
    void post(ClientEvent &&event);

    void postState(ClientState state, const QString &text, const QHostAddress &peer = {}, quint16 peerPort = 0);
    void postError(const QString &sentence);
    // `size` is the real count; `bytes` is capped at `maxBytes`.
    void postSent(const QByteArray &bytes, qint64 size, qint64 maxBytes);
    void postReceived(QByteArray &&bytes, qint64 size, const QHostAddress &peer = {}, quint16 peerPort = 0);

    const ClientOptions &options() const { return m_options; }
    void postProgress(const QString &path, qint64 sent, qint64 total);
    // Appends received bytes to the "save received" file, if one is open.
    void record(QByteArrayView bytes);
    bool isRecording() const { return m_receivedFile != nullptr; }
    // Binds `socket` to the local address and port of the options when one
    // was chosen (true when none was); otherwise posts why it failed ("Port
    // 5000 is in use…") and returns false.
    bool bindLocal(QAbstractSocket &socket, const QHostAddress &fallback, QAbstractSocket::BindMode mode);
    // "Port 5000 is in use: …", for the chosen local port.
    QString localPortInUse() const;

private:
    void unsupported(const QString &what);

    ClientHub &m_hub;
    // Where the session last connected to: named on the traffic log's rows.
    QHostAddress m_target;
    quint16 m_targetPort = 0;
    const quint64 m_id;
    const ClientProtocol m_protocol;
    ClientState m_state = ClientState::Idle;
    ClientOptions m_options;
    std::unique_ptr<QFile> m_receivedFile;
};

} // namespace Net
