#pragma once

#include "api/serverkind.h"
#include "api/relayconfig.h"
#include "api/serverconfig.h"

#include <QMetaType>

namespace Net {

// Everything needed to create and start one server, as a plain value: what
// the servers panel saves, what --serve parses into, and what
// NetController::addServer()/updateServer() take. Only the part for `kind`
// is used; the others keep their defaults. A new kind adds its own config
// member here.
struct ServerSpec
{
    ServerId id = 0;     // 0: NetController::addServer() assigns one
    ServerKind kind = ServerKind::Web;
    QString name;        // shown in the log, the cards and the headless lines; empty: the kind's name
    WebServerConfig web;
    EchoServerConfig tcp;
    EchoServerConfig udp;
    RelayConfig relay;

    QString displayName() const { return name.isEmpty() ? serverKindName(kind) : name; }
    QHostAddress address() const;
    quint16 port() const;
    void setEndpoint(const QHostAddress &address, quint16 port);
};

} // namespace Net

Q_DECLARE_METATYPE(Net::ServerSpec)
