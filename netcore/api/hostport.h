#pragma once

#include <QHostAddress>
#include <QString>

namespace Net {

// "127.0.0.1:8080", "[::1]:8080", "example.org:80": a host (an address or a
// name) with its port, IPv6 addresses in brackets. The one place this is spelt.
QString hostPort(const QString &host, quint16 port);
QString hostPort(const QHostAddress &address, quint16 port);

} // namespace Net
