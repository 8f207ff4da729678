#include "serverconfig.h"
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

QString serverModeName(ServerMode mode)
{
    switch (mode) {
    case ServerMode::Echo: return u"echo"_s;
    case ServerMode::Listen: return u"listen"_s;
    case ServerMode::Rules: return u"rules"_s;
    }
    return {};
}

bool serverModeFromString(QStringView text, ServerMode *mode)
{
    for (ServerMode candidate : {ServerMode::Echo, ServerMode::Listen, ServerMode::Rules}) {
        if (text == serverModeName(candidate)) {
            *mode = candidate;
            return true;
        }
    }
    return false;
}

} // namespace Net
