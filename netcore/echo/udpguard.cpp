#include "udpguard.h"

#include <QStringList>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {
// Ports below this are system services (RFC 6335): echo 7, discard 9,
// daytime 13, qotd 17, chargen 19, time 37, DNS 53, NTP 123, NetBIOS 137,
// SNMP 161, LDAP 389, and more. No client sends from them.
constexpr quint16 FIRST_USER_PORT = 1024;
// Known UDP reflectors above that: MS-SQL browser, SSDP, Apple Remote
// Desktop, WS-Discovery, mDNS, LLMNR, CoAP, Ubiquiti discovery, memcached,
// Steam and Quake game queries. Sorted, for the binary search.
constexpr quint16 REFLECTOR_PORTS[] = {1434, 1900, 3283, 3702, 5353, 5355, 5683, 10001, 11211, 27015, 27960};
// Refill arithmetic stops adding after this long: the bucket is full by then.
constexpr qint64 MAX_REFILL_MS = 60 * 1000;
} // namespace

namespace Net {

bool isKnownReflectorPort(quint16 port)
{
    return std::binary_search(std::cbegin(REFLECTOR_PORTS), std::cend(REFLECTOR_PORTS), port);
}

UdpRefusal refusalForSource(quint16 sourcePort, quint16 ownPort)
{
    if (sourcePort == 0)
        return UdpRefusal::NoPort;
    if (sourcePort == ownPort)
        return UdpRefusal::OwnPort;
    if (sourcePort < FIRST_USER_PORT || isKnownReflectorPort(sourcePort))
        return UdpRefusal::ServicePort;
    return UdpRefusal::None;
}

bool TokenBucket::take(qint64 nowMs, int rate)
{
    if (rate <= 0)
        return true;
    const qint64 capacity = 1000 * qMax<qint64>(rate / 10, BURST_FLOOR);
    if (m_milliTokens < 0) {
        m_milliTokens = capacity;
        m_lastMs = nowMs;
    } else if (nowMs > m_lastMs) {
        // `rate` datagrams a second is `rate` thousandths of one a millisecond.
        m_milliTokens = qMin(capacity, m_milliTokens + qMin(nowMs - m_lastMs, MAX_REFILL_MS) * rate);
        m_lastMs = nowMs;
    } else {
        m_lastMs = nowMs; // a clock set back: count from here rather than wait for the old time to come again
    }
    if (m_milliTokens < 1000)
        return false;
    m_milliTokens -= 1000;
    return true;
}

void UdpDropTally::add(UdpRefusal why, const SocketAddress &from)
{
    if (why == UdpRefusal::RateLimited) {
        if (limited++ == 0)
            limitedFrom = from;
    } else if (why != UdpRefusal::None) {
        if (refused++ == 0)
            refusedFrom = from;
    }
}

QString UdpDropTally::sentence(int rate, qint64 total) const
{
    QStringList parts;
    if (refused > 0) {
        parts += u"%1 from a service port or this server's own port (e.g. %2), where an echo could start a loop"_s
                     .arg(refused)
                     .arg(hostPort(refusedFrom.address(), refusedFrom.port()));
    }
    if (limited > 0) {
        parts += u"%1 over the rate of %2 a second per peer (e.g. %3)"_s.arg(limited).arg(rate).arg(
            hostPort(limitedFrom.address(), limitedFrom.port()));
    }
    return u"UDP datagrams not echoed: %1; %2 since the server started."_s.arg(parts.join(u"; "_s)).arg(total);
}

} // namespace Net
