#include "api/hostpolicy.h"
#include "httprequest.h"

#include <QHostAddress>

#include <algorithm>
#include <array>

namespace {

using Verdict = Net::HostPolicy::Verdict;

constexpr QByteArrayView LOCALHOST = "localhost";
constexpr QByteArrayView LOCALHOST_SUFFIX = ".localhost";
constexpr std::array<QByteArrayView, 2> ABSOLUTE_FORM_SCHEMES = {"http://", "https://"};
constexpr qsizetype MAX_PORT_DIGITS = 5;
constexpr qsizetype MAX_NAME_BYTES = 253; // RFC 1035 §2.3.4, without the trailing dot
constexpr int MAX_OCTET = 255;

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isAlphaNumeric(char c)
{
    const char lower = char(c | 0x20);
    return isDigit(c) || (lower >= 'a' && lower <= 'z');
}

// RFC 3986 §3.2.2 reg-name: unreserved, pct-encoded and sub-delims.
bool isRegNameChar(char c)
{
    return isAlphaNumeric(c) || QByteArrayView("-._~%!$&'()*+,;=").contains(c);
}

// RFC 3986 IPv4address: four decimal octets, nothing else. "127.1" or
// "0x7f.0.0.1" are names here; a browser never sends those forms in Host.
bool isDottedQuad(QByteArrayView host)
{
    int parts = 0;
    int value = -1;
    for (const char c : host) {
        if (c == '.') {
            if (value < 0 || ++parts > 3)
                return false;
            value = -1;
        } else if (isDigit(c)) {
            value = (value < 0 ? 0 : value * 10) + (c - '0');
            if (value > MAX_OCTET)
                return false;
        } else {
            return false;
        }
    }
    return parts == 3 && value >= 0;
}

bool isIpv6Literal(QByteArrayView inside)
{
    const QHostAddress address(QString::fromLatin1(inside));
    return address.protocol() == QAbstractSocket::IPv6Protocol;
}

bool isValidPort(QByteArrayView port)
{
    return port.size() <= MAX_PORT_DIGITS && std::all_of(port.begin(), port.end(), isDigit);
}

bool isLocalhostName(QByteArrayView name)
{
    return name == LOCALHOST || (name.size() > LOCALHOST_SUFFIX.size() && name.endsWith(LOCALHOST_SUFFIX));
}

// The authority of an absolute-form target ("http://host:port/path"), or a
// null view for any other form.
QByteArrayView absoluteFormAuthority(QByteArrayView target)
{
    for (const QByteArrayView scheme : ABSOLUTE_FORM_SCHEMES) {
        if (target.size() < scheme.size() || target.first(scheme.size()).compare(scheme, Qt::CaseInsensitive) != 0)
            continue;
        const QByteArrayView rest = target.sliced(scheme.size());
        qsizetype end = 0;
        while (end < rest.size() && rest[end] != '/' && rest[end] != '?' && rest[end] != '#')
            ++end;
        return rest.first(end);
    }
    return {};
}

} // namespace

namespace Net {

HostPolicy::HostPolicy(const QHostAddress &bindAddress, const QStringList &allowedHosts)
    : m_enforced(bindAddress.isLoopback() || !allowedHosts.isEmpty())
{
    for (const QString &name : allowedHosts) {
        QByteArray lower = name.toLatin1().toLower();
        if (lower.endsWith('.'))
            lower.chop(1);
        m_allowed.append(lower);
    }
}

HostPolicy::Verdict HostPolicy::check(const HttpRequest &request) const
{
    const QByteArrayView authority = absoluteFormAuthority(request.targetView());
    return check(authority.isNull() ? request.header("Host") : authority);
}

HostPolicy::Verdict HostPolicy::check(QByteArrayView authority) const
{
    if (authority.isEmpty())
        return Verdict::Allowed;
    QByteArrayView host = authority;
    QByteArrayView port;
    if (authority.front() == '[') {
        const qsizetype close = authority.indexOf(']');
        if (close < 0 || !isIpv6Literal(authority.sliced(1, close - 1)))
            return Verdict::Malformed;
        host = authority.first(close + 1);
        const QByteArrayView after = authority.sliced(close + 1);
        if (!after.isEmpty() && after.front() != ':')
            return Verdict::Malformed;
        port = after.isEmpty() ? after : after.sliced(1);
    } else if (const qsizetype colon = authority.indexOf(':'); colon >= 0) {
        host = authority.first(colon);
        port = authority.sliced(colon + 1);
    }
    if (host.isEmpty() || !isValidPort(port))
        return Verdict::Malformed;
    if (host.front() == '[' || isDottedQuad(host))
        return Verdict::Allowed;
    if (!std::all_of(host.begin(), host.end(), isRegNameChar))
        return Verdict::Malformed;
    if (!m_enforced)
        return Verdict::Allowed;

    // DNS names are case-insensitive, and "localhost." is "localhost".
    QByteArray name = host.toByteArray().toLower();
    if (name.endsWith('.'))
        name.chop(1);
    return isLocalhostName(name) || m_allowed.contains(name) ? Verdict::Allowed : Verdict::Misdirected;
}

bool HostPolicy::isValidName(const QString &name)
{
    QString labels = name;
    if (labels.endsWith(u'.'))
        labels.chop(1);
    if (labels.isEmpty() || labels.size() > MAX_NAME_BYTES)
        return false;
    for (const QStringView label : QStringView(labels).split(u'.')) {
        if (label.isEmpty())
            return false;
        for (const QChar c : label) {
            if (c.unicode() > 0x7f || !(isAlphaNumeric(char(c.unicode())) || c == u'-' || c == u'_'))
                return false;
        }
    }
    return true;
}

} // namespace Net
