#include "clientlink.h"

#include "format.h"
#include "api/netcontroller.h"
#include "api/hostport.h"

#include <utility>

using namespace Qt::StringLiterals;
using Net::ClientProtocol;
using Net::ClientState;
using Kind = Net::ClientEvent::Kind;

namespace {
// Datagrams sent while a host name resolves, delivered once it has an address.
constexpr qsizetype MAX_PENDING_DATAGRAMS = 64;
} // namespace

ClientLink::ClientLink(Net::NetController &net, QObject *parent)
    : QObject(parent)
    , m_net(net)
    , m_netAlive(&net)
{
    connect(&m_net, &Net::NetController::clientEvents, this, &ClientLink::onClientEvents);
}

ClientLink::~ClientLink()
{
    if (m_id != 0 && m_netAlive)
        m_net.closeClient(m_id);
}

void ClientLink::setProtocol(ClientProtocol protocol)
{
    closeSession();
    m_protocol = protocol;
    switch (protocol) {
    case ClientProtocol::Tcp: emit stateText(tr("Disconnected"), false); break;
    case ClientProtocol::Udp: emit stateText(tr("The first send opens a socket to the target."), false); break;
    case ClientProtocol::Http: emit stateText({}, false); break;
    }
}

bool ClientLink::isActive() const
{
    return m_state == ClientState::Resolving || m_state == ClientState::Connecting
        || m_state == ClientState::Connected || m_state == ClientState::Closing;
}

quint64 ClientLink::session()
{
    if (m_id == 0) {
        m_id = m_net.openClient(m_protocol);
        if (m_protocol != ClientProtocol::Http && m_options != Net::ClientOptions())
            m_net.clientSetOptions(m_id, m_options);
        if (m_protocol != ClientProtocol::Http && !m_saveReceivedPath.isEmpty())
            m_net.clientSaveReceived(m_id, m_saveReceivedPath);
    }
    return m_id;
}

void ClientLink::closeSession()
{
    if (m_id != 0)
        m_net.closeClient(m_id);
    m_id = 0;
    m_errorShown = false;
    m_udpHost.clear();
    m_udpPort = 0;
    m_udpResolving = false;
    m_udpPending.clear();
    setState(ClientState::Idle);
}

void ClientLink::setOptions(const Net::ClientOptions &options)
{
    if (options == m_options)
        return;
    m_options = options;
    if (m_id == 0 || m_protocol == ClientProtocol::Http)
        return;
    m_net.clientSetOptions(m_id, m_options);
    m_udpHost.clear(); // the next datagram readies a socket from the new port
    m_udpPort = 0;
}

bool ClientLink::sendFile(const QString &path)
{
    if (m_protocol != ClientProtocol::Tcp || m_state != ClientState::Connected) {
        emit stateText(tr("Not connected: connect first."), true);
        return false;
    }
    m_net.clientSendFile(m_id, path);
    return true;
}

void ClientLink::cancelFile()
{
    if (m_id != 0)
        m_net.clientCancelFile(m_id);
}

void ClientLink::saveReceived(const QString &path)
{
    m_saveReceivedPath = path;
    if (m_id != 0 && m_protocol != ClientProtocol::Http)
        m_net.clientSaveReceived(m_id, path);
}

void ClientLink::connectTo(const QString &host, quint16 port)
{
    m_errorShown = false;
    emit stateText(tr("Connecting…"), false);
    m_net.clientConnect(session(), host.trimmed(), port);
}

void ClientLink::disconnectFrom()
{
    if (m_id != 0)
        m_net.clientDisconnect(m_id);
}

bool ClientLink::send(const QString &host, quint16 port, const QByteArray &bytes)
{
    if (m_protocol == ClientProtocol::Tcp) {
        if (m_state != ClientState::Connected) {
            emit stateText(tr("Not connected: connect first."), true);
            return false;
        }
        if (bytes.isEmpty())
            return false; // an empty write sends nothing over TCP
        m_net.clientSend(m_id, bytes);
        return true;
    }
    if (!readyUdpTarget(host.trimmed(), port))
        return false;
    if (!m_udpResolving)
        m_net.clientSend(m_id, bytes);
    else if (m_udpPending.size() < MAX_PENDING_DATAGRAMS)
        m_udpPending.append(bytes);
    return true;
}

// One session serves every UDP target: when the host or the port changed
// since it was readied, it is readied again. The façade keeps the order of
// calls, so datagrams sent after this go to the new target.
bool ClientLink::readyUdpTarget(const QString &host, quint16 port)
{
    if (host.isEmpty()) {
        emit stateText(tr("No host was given: enter an address or a host name."), true);
        return false;
    }
    const quint64 id = session();
    if (host == m_udpHost && port == m_udpPort)
        return true;
    m_udpHost = host;
    m_udpPort = port;
    m_udpPending.clear();
    // A literal address is ready at once; a name only after its lookup.
    m_udpResolving = QHostAddress(host).isNull();
    m_errorShown = false;
    m_net.clientConnect(id, host, port);
    return true;
}

void ClientLink::sendHttp(const Net::HttpClientRequest &request)
{
    m_errorShown = false;
    emit stateText(tr("Waiting for %1…").arg(request.url.host()), false);
    m_net.clientHttp(session(), request);
}

void ClientLink::onClientEvents(const QList<Net::ClientEvent> &events, qint64 dropped)
{
    if (m_id == 0)
        return;
    QList<Net::ClientEvent> mine;
    for (const Net::ClientEvent &event : events) {
        if (event.sessionId != m_id)
            continue;
        if (event.kind == Kind::Progress) {
            emit fileProgress(event.size, event.total);
            if (event.size < event.total)
                continue; // only the finished file is a transcript line
        }
        mine.append(event);
    }
    if (dropped > 0)
        emit note(tr("%1 events were not shown: they came faster than the window could take them.").arg(dropped));
    if (mine.isEmpty())
        return;
    emit transcript(mine);
    for (const Net::ClientEvent &event : std::as_const(mine)) {
        if (m_id == 0)
            break; // a slot closed the session
        onEvent(event);
    }
}

void ClientLink::onEvent(const Net::ClientEvent &event)
{
    setState(event.state);
    switch (event.kind) {
    case Kind::Error:
        m_errorShown = true;
        emit stateText(event.text, true);
        emit interrupted();
        return;
    case Kind::State:
        if (m_protocol == ClientProtocol::Tcp)
            onTcpState(event);
        else if (m_protocol == ClientProtocol::Udp)
            onUdpState(event);
        return;
    case Kind::HttpReply:
        emit stateText(u"HTTP %1 %2"_s.arg(event.httpStatus).arg(QString::fromLatin1(event.httpReason)), false);
        return;
    case Kind::Sent:
    case Kind::Received:
    case Kind::Progress: return;
    }
}

void ClientLink::onTcpState(const Net::ClientEvent &event)
{
    switch (event.state) {
    case ClientState::Resolving:
        m_errorShown = false;
        emit stateText(event.text, false);
        break;
    case ClientState::Connecting:
        m_errorShown = false;
        emit stateText(tr("Connecting…"), false);
        break;
    case ClientState::Connected:
        emit stateText(tr("Connected to %1").arg(Net::hostPort(event.peerAddress, event.peerPort)), false);
        break;
    case ClientState::Closing: emit stateText(tr("Disconnecting…"), false); break;
    case ClientState::Idle:
    case ClientState::Closed:
        // The error that ended the connection says more than "Disconnected".
        if (!m_errorShown)
            emit stateText(tr("Disconnected"), false);
        emit interrupted();
        break;
    }
}

void ClientLink::onUdpState(const Net::ClientEvent &event)
{
    switch (event.state) {
    case ClientState::Connected:
        emit stateText(event.text, false);
        m_udpResolving = false;
        for (const QByteArray &bytes : std::exchange(m_udpPending, {}))
            m_net.clientSend(m_id, bytes);
        break;
    case ClientState::Idle:
        // The target could not be readied (or was let go): the next send tries again.
        m_udpHost.clear();
        m_udpPort = 0;
        m_udpResolving = false;
        m_udpPending.clear();
        if (!m_errorShown)
            emit stateText(event.text, false);
        emit interrupted();
        break;
    default: emit stateText(event.text, false); break;
    }
}

void ClientLink::setState(ClientState state)
{
    const bool wasActive = isActive();
    m_state = state;
    if (isActive() != wasActive)
        emit activeChanged(isActive());
}
