#pragma once

#include "api/clientevent.h"
#include "api/clientoptions.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

namespace Net {
class NetController;
}

// The client pane's one session, driven through the façade: opened on first
// use, closed when the protocol changes or the link goes away. It turns the
// session's events into what the pane shows: transcript lines (its own
// session's only), a state sentence, and when a repeat has to stop.
class ClientLink final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClientLink)

public:
    explicit ClientLink(Net::NetController &net, QObject *parent = nullptr);
    ~ClientLink() override;

    Net::ClientProtocol protocol() const { return m_protocol; }
    // Closes the current session; the next call opens one of the new protocol.
    void setProtocol(Net::ClientProtocol protocol);
    Net::ClientState state() const { return m_state; }
    // The session's id, or 0 while none is open.
    quint64 sessionId() const { return m_id; }
    // TCP is resolving, connecting, connected or closing: "Disconnect" applies.
    bool isActive() const;

    // TCP only. Connecting again to a new target drops the old connection.
    void connectTo(const QString &host, quint16 port);
    void disconnectFrom();
    // TCP: to the connected peer. UDP: one datagram to host:port; the session
    // is readied again first when the target changed. False if nothing could go.
    bool send(const QString &host, quint16 port, const QByteArray &bytes);
    void sendHttp(const Net::HttpClientRequest &request);
    // TCP: streams a file to the peer (fileProgress follows); cancelFile() stops it.
    // False (with the state sentence) when not connected.
    bool sendFile(const QString &path);
    void cancelFile();
    // Every byte received from now on is appended to `path` (empty: stop).
    void saveReceived(const QString &path);
    // The local address and port: for TCP from the next connect, for UDP
    // from the next send (its socket is readied again).
    void setOptions(const Net::ClientOptions &options);

signals:
    // Events of this link's session, in order, one list per façade batch.
    void transcript(const QList<Net::ClientEvent> &events);
    void note(const QString &sentence);
    void stateText(const QString &sentence, bool error);
    void activeChanged(bool active);
    // A file being sent: `sent` of `total` bytes went out (sent == total: done).
    void fileProgress(qint64 sent, qint64 total);
    // An error, or the connection or socket closed: a repeat must stop.
    void interrupted();

private:
    quint64 session();
    void closeSession();
    bool readyUdpTarget(const QString &host, quint16 port);
    void onClientEvents(const QList<Net::ClientEvent> &events, qint64 dropped);
    void onEvent(const Net::ClientEvent &event);
    void onTcpState(const Net::ClientEvent &event);
    void onUdpState(const Net::ClientEvent &event);
    void setState(Net::ClientState state);

    Net::NetController &m_net;
    // Checked in the destructor: the façade may go first during shutdown.
    QPointer<Net::NetController> m_netAlive;
    Net::ClientProtocol m_protocol = Net::ClientProtocol::Tcp;
    Net::ClientOptions m_options;
    QString m_saveReceivedPath;
    quint64 m_id = 0; // 0: no session open
    Net::ClientState m_state = Net::ClientState::Idle;
    bool m_errorShown = false; // an error stays the state sentence until the next attempt
    // UDP: the target the session was readied for, and datagrams held while a name resolves.
    QString m_udpHost;
    quint16 m_udpPort = 0;
    bool m_udpResolving = false;
    QList<QByteArray> m_udpPending;
};
