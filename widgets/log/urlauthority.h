#pragma once

#include <QStringView>

// The authority part of an http(s) URL, as a request names it.
namespace UrlAuthority {

// Whether `authority` is a host[:port] as a Host header may carry it
// (RFC 9110 §7.2, RFC 3986 §3.2.2–3): a reg-name or IPv4 address, or an IPv6
// address in brackets, then an optional port of 1 to 5 digits up to 65535.
// No userinfo, path, query, space or byte outside ASCII.
bool isValid(QStringView authority);

} // namespace UrlAuthority
