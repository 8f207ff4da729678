#pragma once

#include "clientsession.h"

#include <QAbstractSocket>
#include <QTimer>

class QTcpSocket;

namespace Net {

class FileSender;

// A TCP client: one stream at a time to a host the user names (IPv4, IPv6 or
// a host name). A connectTo() while connected drops the old stream first.
class TcpClientSession final : public ClientSession
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TcpClientSession)

public:
    explicit TcpClientSession(quint64 id, ClientHub &hub);
    ~TcpClientSession() override;

    void connectTo(const QString &host, quint16 port) override;
    void send(const QByteArray &bytes) override;
    void disconnectFrom() override;
    void sendFile(const QString &path) override;
    void cancelFile() override;
    void abandon() override;

private:
    // Connected and no file streaming; otherwise posts why not.
    bool canWrite();
    // Ends a file being sent, saying how far it got and `why`.
    void stopFile(const QString &why);
    void onStateChanged(QAbstractSocket::SocketState socketState);
    void onConnected();
    void onDisconnected();
    void onError(QAbstractSocket::SocketError error);
    void onReadyRead();
    void onConnectTimeout();
    // Posts State Closed, once per connection attempt.
    void closed(const QString &text);
    QString errorSentence(QAbstractSocket::SocketError error) const;

    QTcpSocket *m_socket;
    FileSender *m_fileSender;
    QTimer m_connectTimer;
    QString m_host;
    quint16 m_port = 0;
    QString m_closeReason; // what the Closed event will say when disconnected() arrives
};

} // namespace Net
