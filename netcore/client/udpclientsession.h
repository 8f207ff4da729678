#pragma once

#include "clientsession.h"

#include <QAbstractSocket>

class QHostInfo;
class QUdpSocket;

namespace Net {

// A UDP client: datagrams to one target (host and port) from a local socket
// of the target's family. "Connected" here means bound and ready to send.
class UdpClientSession final : public ClientSession
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UdpClientSession)

public:
    explicit UdpClientSession(quint64 id, ClientHub &hub);
    ~UdpClientSession() override;

    void connectTo(const QString &host, quint16 port) override;
    void send(const QByteArray &bytes) override;
    void disconnectFrom() override;
    void abandon() override;

private:
    void onLookedUp(const QHostInfo &info);
    void openSocket(QHostAddress target);
    void closeSocket();
    void onReadyRead();
    void onError(QAbstractSocket::SocketError error);
    QString where() const;
    // TTL, loopback and the group to join; false after posting why not.
    bool applyMulticast();
    QString multicastSummary() const;

    QUdpSocket *m_socket = nullptr;
    int m_lookupId = -1;
    QString m_host;
    quint16 m_port = 0;
    QByteArray m_buffer; // room for the largest datagram, reused for every read
};

} // namespace Net
