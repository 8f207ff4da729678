#pragma once

#include "api/hostport.h"

#include <QAbstractSocket>
#include <QHostAddress>

#include <sys/socket.h>

namespace Net {

// Conversions between QHostAddress and the sockaddr the raw socket calls
// take, for the servers that run on bare descriptors.
struct SocketAddress
{
    sockaddr_storage storage{};
    socklen_t length = 0;

    static SocketAddress from(const QHostAddress &address, quint16 port);
    QHostAddress address() const; // IPv4-mapped IPv6 addresses come back as IPv4
    quint16 port() const;
    bool operator==(const SocketAddress &other) const;
};

// Over the address bytes the kernel filled in, so it agrees with operator==.
size_t qHash(const SocketAddress &address, size_t seed = 0) noexcept;

// What a failed bind()/socket() errno means, in QAbstractSocket's terms.
QAbstractSocket::SocketError socketErrorFromErrno(int error);

// The sentence for a failed bind, shared by the TCP and UDP servers.
QString bindErrorSentence(QAbstractSocket::SocketError error, const QHostAddress &address, quint16 port,
                          const QString &systemText);

// A non-blocking socket of `type` (SOCK_STREAM or SOCK_DGRAM) bound to
// address:port, or the sentence saying why not. "::" (QHostAddress::Any)
// binds dual-stack. Stream sockets get SO_REUSEADDR so a server restarts on
// its port at once; datagram sockets do not, or a second server could bind
// the same UDP port unnoticed.
struct BoundSocket
{
    int fd = -1;
    quint16 port = 0;
    QString error;
};
BoundSocket bindSocket(int type, const QHostAddress &address, quint16 port);

} // namespace Net
