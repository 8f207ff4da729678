#include "serverspec.h"

using namespace Qt::StringLiterals;

namespace Net {

QString serverKindName(ServerKind kind)
{
    switch (kind) {
    case ServerKind::Web: return u"web"_s;
    case ServerKind::Tcp: return u"tcp"_s;
    case ServerKind::Udp: return u"udp"_s;
    case ServerKind::Relay: return u"relay"_s;
    }
    return {};
}

QHostAddress ServerSpec::address() const
{
    switch (kind) {
    case ServerKind::Web: return web.address;
    case ServerKind::Tcp: return tcp.address;
    case ServerKind::Udp: return udp.address;
    case ServerKind::Relay: return relay.address;
    }
    return {};
}

quint16 ServerSpec::port() const
{
    switch (kind) {
    case ServerKind::Web: return web.port;
    case ServerKind::Tcp: return tcp.port;
    case ServerKind::Udp: return udp.port;
    case ServerKind::Relay: return relay.port;
    }
    return 0;
}

void ServerSpec::setEndpoint(const QHostAddress &address, quint16 port)
{
    switch (kind) {
    case ServerKind::Web: web.address = address; web.port = port; return;
    case ServerKind::Tcp: tcp.address = address; tcp.port = port; return;
    case ServerKind::Udp: udp.address = address; udp.port = port; return;
    case ServerKind::Relay: relay.address = address; relay.port = port; return;
    }
}

} // namespace Net
