#pragma once

#include "server/socketaddress.h"

#include <QString>
#include <QtGlobal>

namespace Net {

// What keeps the UDP echo server from joining a loop or a flood. UDP source
// addresses can be forged, so a datagram "from" another echo-like service
// would have us echo to it, it would echo back, and the two would ping-pong
// for ever. The server therefore refuses some senders outright and holds
// every other one to a datagram rate.

// Why a datagram is not echoed.
enum class UdpRefusal : quint8 {
    None,
    NoPort,      // source port 0: there is nowhere to reply to
    OwnPort,     // our own port number: our own socket, or a twin echo server
    ServicePort, // a system port (below 1024) or a known UDP reflector
    RateLimited, // the peer sends more than its rate
};

// The reflector ports at or above 1024 that are refused besides every system
// port: UDP services that answer any datagram, as listed in US-CERT alert
// TA14-017A ("UDP-based amplification attacks") and its updates.
// Clients use ephemeral ports (Linux 32768-60999, Windows 49152-65535).
bool isKnownReflectorPort(quint16 port);

// The refusal for a datagram from `sourcePort` to an echo server on
// `ownPort`, by its sender alone (None when it may be echoed).
UdpRefusal refusalForSource(quint16 sourcePort, quint16 ownPort);

// A per-peer token bucket in thousandths of a datagram: `rate` datagrams a
// second, bursts up to a tenth of that (at least BURST_FLOOR). A new bucket
// is full. The clock is the caller's, monotonic, in milliseconds.
class TokenBucket
{
public:
    static constexpr int BURST_FLOOR = 64;

    // Takes one datagram's token; false when the peer is over its rate.
    // `rate` 0 or below: no limit.
    bool take(qint64 nowMs, int rate);

private:
    qint64 m_milliTokens = -1; // -1: not used yet (full)
    qint64 m_lastMs = 0;
};

// The datagrams not echoed since the last report, with one sender of each
// kind to name, for one notice per spell instead of one per datagram.
struct UdpDropTally
{
    qint64 refused = 0;
    qint64 limited = 0;
    SocketAddress refusedFrom;
    SocketAddress limitedFrom;

    void add(UdpRefusal why, const SocketAddress &from);
    bool isEmpty() const { return refused == 0 && limited == 0; }
    // "UDP datagrams not echoed: 3 from a service port ... (e.g. 127.0.0.1:7) ...; 52 since the server started."
    QString sentence(int rate, qint64 total) const;
};

} // namespace Net
