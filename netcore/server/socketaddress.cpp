#include "socketaddress.h"

#include <cerrno>
#include <cstring>
#include <netinet/in.h>

namespace Net {

SocketAddress SocketAddress::from(const QHostAddress &address, quint16 port)
{
    SocketAddress result;
    if (address.protocol() == QAbstractSocket::IPv4Protocol || address == QHostAddress(QHostAddress::AnyIPv4)) {
        auto &in = reinterpret_cast<sockaddr_in &>(result.storage);
        in.sin_family = AF_INET;
        in.sin_port = htons(port);
        in.sin_addr.s_addr = htonl(address.toIPv4Address());
        result.length = sizeof(sockaddr_in);
        return result;
    }
    auto &in6 = reinterpret_cast<sockaddr_in6 &>(result.storage);
    in6.sin6_family = AF_INET6;
    in6.sin6_port = htons(port);
    if (address != QHostAddress(QHostAddress::Any)) { // Any: the dual-stack wildcard "::"
        const Q_IPV6ADDR bytes = address.toIPv6Address();
        std::memcpy(&in6.sin6_addr, bytes.c, sizeof bytes.c);
        in6.sin6_scope_id = address.scopeId().toUInt();
    }
    result.length = sizeof(sockaddr_in6);
    return result;
}

QHostAddress SocketAddress::address() const
{
    QHostAddress address(reinterpret_cast<const sockaddr *>(&storage));
    bool mapped = false;
    const quint32 v4 = address.toIPv4Address(&mapped);
    if (mapped && address.protocol() == QAbstractSocket::IPv6Protocol)
        return QHostAddress(v4);
    return address;
}

quint16 SocketAddress::port() const
{
    if (storage.ss_family == AF_INET)
        return ntohs(reinterpret_cast<const sockaddr_in &>(storage).sin_port);
    if (storage.ss_family == AF_INET6)
        return ntohs(reinterpret_cast<const sockaddr_in6 &>(storage).sin6_port);
    return 0;
}

bool SocketAddress::operator==(const SocketAddress &other) const
{
    return length == other.length && std::memcmp(&storage, &other.storage, length) == 0;
}

QAbstractSocket::SocketError socketErrorFromErrno(int error)
{
    switch (error) {
    case EADDRINUSE: return QAbstractSocket::AddressInUseError;
    case EACCES:
    case EPERM: return QAbstractSocket::SocketAccessError;
    case EADDRNOTAVAIL: return QAbstractSocket::SocketAddressNotAvailableError;
    case EAFNOSUPPORT:
    case EPROTONOSUPPORT: return QAbstractSocket::UnsupportedSocketOperationError;
    case EMFILE:
    case ENFILE:
    case ENOBUFS:
    case ENOMEM: return QAbstractSocket::SocketResourceError;
    default: return QAbstractSocket::UnknownSocketError;
    }
}

} // namespace Net
