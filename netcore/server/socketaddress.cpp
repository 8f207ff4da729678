#include "socketaddress.h"

#include <QCoreApplication>

#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

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

size_t qHash(const SocketAddress &address, size_t seed) noexcept
{
    return qHashBits(&address.storage, address.length, seed);
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

QString hostPort(const QString &host, quint16 port)
{
    const QString shown = host.contains(u':') ? u'[' + host + u']' : host;
    return shown + u':' + QString::number(port);
}

QString hostPort(const QHostAddress &address, quint16 port)
{
    return hostPort(address.toString(), port);
}

QString bindErrorSentence(QAbstractSocket::SocketError error, const QHostAddress &address, quint16 port,
                          const QString &systemText)
{
    const QString where = hostPort(address, port);
    switch (error) {
    case QAbstractSocket::AddressInUseError:
        return QCoreApplication::translate("Net::SocketAddress", "Port %1 on %2 is already in use by another program.")
            .arg(port)
            .arg(address.toString());
    case QAbstractSocket::SocketAccessError:
        return port < 1024 ? QCoreApplication::translate("Net::SocketAddress",
                                                         "Permission denied for %1: ports below 1024 need "
                                                         "administrator rights.")
                                 .arg(where)
                           : QCoreApplication::translate("Net::SocketAddress", "Permission denied for %1.").arg(where);
    case QAbstractSocket::SocketAddressNotAvailableError:
        return QCoreApplication::translate("Net::SocketAddress", "Address %1 is not available on this machine.")
            .arg(address.toString());
    case QAbstractSocket::UnsupportedSocketOperationError:
        return QCoreApplication::translate("Net::SocketAddress",
                                           "Address %1 is not supported here (is IPv6 switched off?).")
            .arg(address.toString());
    default:
        return QCoreApplication::translate("Net::SocketAddress", "Cannot listen on %1: %2.").arg(where, systemText);
    }
}

BoundSocket bindSocket(int type, const QHostAddress &address, quint16 port)
{
    BoundSocket result;
    const SocketAddress bindAddress = SocketAddress::from(address, port);
    const int fd = ::socket(bindAddress.storage.ss_family, type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    const auto fail = [&](int error) {
        if (fd >= 0)
            ::close(fd);
        result.error = bindErrorSentence(socketErrorFromErrno(error), address, port,
                                         QString::fromLocal8Bit(strerror(error)));
        return result;
    };
    if (fd < 0)
        return fail(errno);
    if (type == SOCK_STREAM) {
        const int on = 1;
        ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    }
    if (address == QHostAddress(QHostAddress::Any) || address == QHostAddress(QHostAddress::AnyIPv6)) {
        const int off = 0; // "::" means every address, IPv4 ones included, whatever net.ipv6.bindv6only says
        ::setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof off);
    }
    if (::bind(fd, reinterpret_cast<const sockaddr *>(&bindAddress.storage), bindAddress.length) != 0)
        return fail(errno);
    SocketAddress local;
    local.length = sizeof local.storage;
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&local.storage), &local.length);
    result.fd = fd;
    result.port = local.port();
    return result;
}

} // namespace Net
