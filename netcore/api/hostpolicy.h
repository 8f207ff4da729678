#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QStringList>

class QHostAddress;

namespace Net {

class HttpRequest;

// Which names a request may call the server by: the defence against DNS
// rebinding. A web page can point a name it owns at 127.0.0.1 and then read
// a loopback server as its own origin, but the browser still sends that name
// in Host. So a server bound to loopback answers only requests addressed to
// a localhost name (localhost, *.localhost: RFC 6761 keeps them off DNS), an
// IP literal (no DNS answer stands behind one) or a name the user allowed.
// Bound to any other address the user chose to be reachable, under whatever
// names point at the machine, so the check applies there only once allowed
// names are given. No I/O: the handler asks, tests feed it values.
class HostPolicy
{
public:
    enum class Verdict {
        Allowed,
        Misdirected, // a well-formed name this server does not answer to → 421
        Malformed,   // not host [":" port] (RFC 9112 §3.2) → 400
    };

    HostPolicy() = default; // checks syntax only
    HostPolicy(const QHostAddress &bindAddress, const QStringList &allowedHosts);

    // Whether names are checked at all (syntax always is).
    bool enforced() const { return m_enforced; }

    // The host a request names: an absolute-form target's authority (which
    // RFC 9112 §3.2.2 puts before Host), else the Host field.
    Verdict check(const HttpRequest &request) const;
    // `authority` is host [":" port]. A null view (HTTP/1.0 without Host)
    // and an empty one name no host and pass.
    Verdict check(QByteArrayView authority) const;

    // Whether `name` may be given as an allowed host: dot-separated labels
    // of letters, digits, '-' and '_', no port, at most 253 bytes.
    static bool isValidName(const QString &name);

private:
    bool m_enforced = false;
    QList<QByteArray> m_allowed; // lower case, without a trailing dot
};

} // namespace Net
