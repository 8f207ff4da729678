#include "api/serverconfig.h"
#include "socketaddress.h"

using namespace Qt::StringLiterals;

namespace Net {

QString ServerStatus::url() const
{
    const QString where = hostPort(address, port);
    switch (kind) {
    case ServerKind::Web: return u"http://"_s + where + u'/';
    case ServerKind::Tcp:
    case ServerKind::Relay: return u"tcp://"_s + where;
    case ServerKind::Udp: return u"udp://"_s + where;
    }
    return where;
}

bool differsBeyondRules(const EchoServerConfig &a, const EchoServerConfig &b)
{
    EchoServerConfig sameRules = b;
    sameRules.mode = a.mode;
    sameRules.rules = a.rules;
    return !(sameRules == a);
}

} // namespace Net
