#include "urlauthority.h"

#include <QHostAddress>

namespace {

bool isAsciiAlnum(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9');
}

bool isAsciiHexDigit(QChar c)
{
    return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
}

// RFC 3986 §3.2.2: reg-name = *( unreserved / pct-encoded / sub-delims ),
// which covers IPv4address too.
bool isRegName(QStringView host)
{
    static constexpr QStringView Allowed = u"-._~!$&'()*+,;=";
    for (qsizetype i = 0; i < host.size(); ++i) {
        const QChar c = host.at(i);
        if (c == u'%') {
            if (i + 2 >= host.size() || !isAsciiHexDigit(host.at(i + 1)) || !isAsciiHexDigit(host.at(i + 2)))
                return false;
            i += 2;
        } else if (!isAsciiAlnum(c) && !Allowed.contains(c)) {
            return false;
        }
    }
    return !host.isEmpty();
}

// "[2001:db8::1]": an IPv6 address without a zone (RFC 6874 zones are %25-encoded, and rare in a Host).
bool isIpv6Literal(QStringView host)
{
    if (host.size() < 3 || host.front() != u'[' || host.back() != u']')
        return false;
    const QStringView inner = host.sliced(1, host.size() - 2);
    QHostAddress address;
    return !inner.contains(u'%') && address.setAddress(inner.toString())
        && address.protocol() == QAbstractSocket::IPv6Protocol;
}

// RFC 3986 §3.2.3 allows any number of digits; a TCP port has at most five and ends at 65535.
bool isPort(QStringView port)
{
    if (port.isEmpty() || port.size() > 5)
        return false;
    for (const QChar c : port) {
        if (c < u'0' || c > u'9')
            return false;
    }
    return port.toInt() <= 65535;
}

} // namespace

namespace UrlAuthority {

bool isValid(QStringView authority)
{
    // The port follows the last ':' outside an IPv6 literal's brackets.
    const qsizetype bracket = authority.lastIndexOf(u']');
    const qsizetype colon = authority.lastIndexOf(u':');
    const bool hasPort = colon >= 0 && colon > bracket;
    const QStringView host = hasPort ? authority.first(colon) : authority;
    if (hasPort && !isPort(authority.sliced(colon + 1)))
        return false;
    return host.startsWith(u'[') ? isIpv6Literal(host) : isRegName(host);
}

} // namespace UrlAuthority
