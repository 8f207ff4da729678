#include "serverrules.h"
#include "tracking/trafficmonitor.h"

namespace Net {

void ServerRules::reset(ServerMode mode, const RuleSet &rules)
{
    m_engine = RuleEngine(mode == ServerMode::Rules ? rules : RuleSet());
    m_monitor.resetRuleHits(m_server, m_engine.size());
}

bool ServerRules::takeLive(EchoServerConfig &current, const EchoServerConfig &changed)
{
    if (differsBeyondRules(current, changed))
        return false;
    current.mode = changed.mode;
    current.rules = changed.rules;
    reset(changed.mode, changed.rules);
    return true;
}

RuleAction ServerRules::answer(QByteArrayView received, const QHostAddress &peer, quint16 peerPort)
{
    RuleAction action = m_engine.respond(received, RuleEngine::liveContext(peer, peerPort));
    if (action.matched())
        m_monitor.addRuleHit(m_server, action.rule);
    return action;
}

} // namespace Net
