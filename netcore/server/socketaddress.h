#pragma once

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

// What a failed bind()/socket() errno means, in QAbstractSocket's terms, so
// the raw servers report failures with the same sentences as the others.
QAbstractSocket::SocketError socketErrorFromErrno(int error);

} // namespace Net
