#pragma once

#include <QHostAddress>

namespace Net {

// Where a TCP or UDP client session sends from. Applied at the next connect
// (TCP) or when the target is readied (UDP); HTTP sessions ignore it.
struct ClientOptions
{
    QHostAddress localAddress; // null: the system picks (Any for TCP, per target for UDP)
    quint16 localPort = 0;     // 0: the system picks a free port

    friend bool operator==(const ClientOptions &, const ClientOptions &) = default;
};

} // namespace Net
