#pragma once

#include <QString>
#include <QtGlobal>

namespace Net {

// A server instance: handed out by NetController::addServer() on the caller's
// thread, so calls naming it can be queued before the network thread has
// created it. 0 is never a server.
using ServerId = quint32;

enum class ServerKind : quint8 { Web, Tcp, Udp, Relay };

// "web", "tcp", "udp", "relay": the kind's name on the command line
// (--serve tcp:...) and a server's name when it was given none.
QString serverKindName(ServerKind kind);

} // namespace Net
