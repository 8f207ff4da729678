#include "serverfactory.h"
#include "echo/tcpserver.h"
#include "echo/udpserver.h"
#include "http/httpserver.h"
#include "relay/relayserver.h"

#include <QCoreApplication>

namespace Net {

Server *createServer(const ServerSpec &spec, TrafficMonitor &monitor, QObject *parent, QString *error)
{
    switch (spec.kind) {
    case ServerKind::Web: return new HttpServer(monitor, spec.id, parent);
    case ServerKind::Tcp: return new TcpServer(monitor, spec.id, parent);
    case ServerKind::Udp: return new UdpServer(monitor, spec.id, parent);
    case ServerKind::Relay: return new RelayServer(monitor, spec.id, parent);
    }
    *error = QCoreApplication::translate("Net::NetworkEngine", "%1 servers are not available in this build.")
                 .arg(serverKindName(spec.kind));
    return nullptr;
}

} // namespace Net
