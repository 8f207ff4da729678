#include "serverconfig.h"
#include "socketaddress.h"

using namespace Qt::StringLiterals;

namespace Net {

QString ServerStatus::url() const
{
    const QString where = hostPort(address, port);
    switch (kind) {
    case ServerKind::Web: return u"http://"_s + where + u'/';
    case ServerKind::TcpEcho:
    case ServerKind::Relay: return u"tcp://"_s + where;
    case ServerKind::UdpEcho: return u"udp://"_s + where;
    }
    return where;
}

} // namespace Net
