#pragma once

#include <QHostAddress>
#include <QString>

namespace Net {

// Where a TCP or UDP client session sends from. Applied at the next connect
// (TCP) or when the target is readied (UDP); HTTP sessions ignore it.
struct ClientOptions
{
    QHostAddress localAddress; // null: the system picks (Any for TCP, per target for UDP)
    quint16 localPort = 0;     // 0: the system picks a free port

    // UDP. Broadcasts (255.255.255.255, a subnet's) need nothing here: Qt
    // allows them (SO_BROADCAST) on every UDP socket.
    QHostAddress multicastGroup; // joined after binding, to receive the group's datagrams; null: none
    QString multicastInterface;  // the interface's name (QNetworkInterface); empty: the system's choice
    int multicastTtl = 1;        // hops a multicast datagram may take (IP_MULTICAST_TTL)
    bool multicastLoopback = true; // whether this host's sockets see what is sent to a group

    friend bool operator==(const ClientOptions &, const ClientOptions &) = default;
};

} // namespace Net
