#pragma once

#include "api/serverkind.h"
#include "api/serverconfig.h"
#include "api/ruleengine.h"
#include "api/servermode.h"

#include <QByteArrayView>

class QHostAddress;

namespace Net {

class TrafficMonitor;

// One TCP or UDP server's rules as its data path sees them: the engine for
// the current rule set, and the hit counts it reports to the monitor under
// the server's id. The server owns one and swaps the rules in place on a
// live update, so its connections keep the same object across the change.
class ServerRules
{
public:
    ServerRules(TrafficMonitor &monitor, ServerId server)
        : m_monitor(monitor)
        , m_server(server)
    {
    }
    Q_DISABLE_COPY_MOVE(ServerRules)

    // Takes a new rule set (only Rules mode answers; other modes hold none),
    // restarts {{counter}} and sets the hit counts back to zero.
    void reset(ServerMode mode, const RuleSet &rules);
    // A running server's update: when `changed` differs from `current` in
    // the mode and the rules only, takes them into `current`, resets as
    // above and returns true; else returns false (the server must restart).
    bool takeLive(EchoServerConfig &current, const EchoServerConfig &changed);
    // What the rules say to bytes from a peer; a match counts as a hit.
    RuleAction answer(QByteArrayView received, const QHostAddress &peer, quint16 peerPort);

private:
    TrafficMonitor &m_monitor;
    ServerId m_server;
    RuleEngine m_engine;
};

} // namespace Net
