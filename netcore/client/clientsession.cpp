#include "clientsession.h"
#include "clienthub.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace Net {

QString clientProtocolName(ClientProtocol protocol)
{
    switch (protocol) {
    case ClientProtocol::Tcp: return u"TCP"_s;
    case ClientProtocol::Udp: return u"UDP"_s;
    case ClientProtocol::Http: return u"HTTP"_s;
    }
    return u"?"_s;
}

ClientSession::ClientSession(quint64 id, ClientProtocol protocol, ClientHub &hub)
    : QObject(&hub)
    , m_hub(hub)
    , m_id(id)
    , m_protocol(protocol)
{
}

ClientSession::~ClientSession() = default;

void ClientSession::connectTo(const QString &, quint16)
{
    unsupported(tr("Connecting to a host"));
}

void ClientSession::send(const QByteArray &)
{
    unsupported(tr("Sending raw bytes"));
}

void ClientSession::disconnectFrom()
{
    unsupported(tr("Disconnecting"));
}

void ClientSession::sendHttp(const HttpClientRequest &)
{
    unsupported(tr("Sending an HTTP request"));
}

void ClientSession::unsupported(const QString &what)
{
    postError(tr("%1 is not supported for this protocol (%2).").arg(what, clientProtocolName(m_protocol)));
}

ClientEvent ClientSession::makeEvent(ClientEvent::Kind kind) const
{
    ClientEvent event;
    event.kind = kind;
    event.state = m_state;
    event.sessionId = m_id;
    event.timeMs = QDateTime::currentMSecsSinceEpoch();
    return event;
}

void ClientSession::post(ClientEvent &&event)
{
    m_hub.post(std::move(event), m_target, m_targetPort);
}

void ClientSession::postState(ClientState state, const QString &text, const QHostAddress &peer, quint16 peerPort)
{
    m_state = state;
    if (!peer.isNull()) {
        m_target = peer;
        m_targetPort = peerPort;
    }
    ClientEvent event = makeEvent(ClientEvent::Kind::State);
    event.text = text;
    event.peerAddress = peer;
    event.peerPort = peerPort;
    post(std::move(event));
}

void ClientSession::postError(const QString &sentence)
{
    ClientEvent event = makeEvent(ClientEvent::Kind::Error);
    event.text = sentence;
    post(std::move(event));
}

void ClientSession::postSent(const QByteArray &bytes, qint64 size, qint64 maxBytes)
{
    ClientEvent event = makeEvent(ClientEvent::Kind::Sent);
    // Implicitly shared: no copy unless the transcript has to cut it.
    event.data = bytes.size() > maxBytes ? bytes.first(maxBytes) : bytes;
    event.size = size;
    post(std::move(event));
}

void ClientSession::postReceived(QByteArray &&bytes, qint64 size, const QHostAddress &peer, quint16 peerPort)
{
    ClientEvent event = makeEvent(ClientEvent::Kind::Received);
    event.data = std::move(bytes);
    event.size = size;
    event.peerAddress = peer;
    event.peerPort = peerPort;
    post(std::move(event));
}

} // namespace Net
