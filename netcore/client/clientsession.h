#pragma once

#include "clientevent.h"

#include <QObject>

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

private:
    void unsupported(const QString &what);

    ClientHub &m_hub;
    // Where the session last connected to: named on the traffic log's rows.
    QHostAddress m_target;
    quint16 m_targetPort = 0;
    const quint64 m_id;
    const ClientProtocol m_protocol;
    ClientState m_state = ClientState::Idle;
};

} // namespace Net
