#include "clienthub.h"
#include "clientsession.h"
#include "clienttraffic.h"
#include "httpclientsession.h"
#include "tcpclientsession.h"
#include "udpclientsession.h"
#include "tracking/trafficmonitor.h"

#include <QDateTime>
#include <QNetworkAccessManager>
#include <QNetworkProxy>

#include <utility>

using namespace Qt::StringLiterals;

namespace Net {

ClientHub::ClientHub(TrafficMonitor &monitor, QObject *parent)
    : QObject(parent)
    , m_monitor(monitor)
{
}

ClientHub::~ClientHub()
{
    // The sessions go before the access manager (also a child, deleted after
    // this body) so that no HTTP reply outlives the manager that made it.
    const auto sessions = std::exchange(m_sessions, {});
    for (ClientSession *session : sessions) {
        session->abandon();
        delete session;
    }
}

void ClientHub::open(quint64 id, ClientProtocol protocol)
{
    if (m_sessions.contains(id)) {
        postError(id, tr("Client session %1 is already open.").arg(id));
        return;
    }
    ClientSession *session = nullptr;
    switch (protocol) {
    case ClientProtocol::Tcp:
        session = new TcpClientSession(id, *this);
        break;
    case ClientProtocol::Udp:
        session = new UdpClientSession(id, *this);
        break;
    case ClientProtocol::Http:
        session = new HttpClientSession(id, *this, networkAccess());
        break;
    }
    if (session)
        m_sessions.insert(id, session);
}

// Closing is idempotent: the pane may close a session the hub already forgot.
void ClientHub::close(quint64 id)
{
    ClientSession *session = m_sessions.take(id);
    if (!session)
        return;
    session->abandon();
    // Later, not now: the call may come from inside one of its own callbacks.
    session->deleteLater();
}

void ClientHub::closeAll()
{
    const auto sessions = std::exchange(m_sessions, {});
    for (ClientSession *session : sessions) {
        session->abandon();
        session->deleteLater();
    }
}

void ClientHub::connectTo(quint64 id, const QString &host, quint16 port)
{
    if (ClientSession *session = find(id))
        session->connectTo(host, port);
}

void ClientHub::send(quint64 id, const QByteArray &bytes)
{
    if (ClientSession *session = find(id))
        session->send(bytes);
}

void ClientHub::disconnectFrom(quint64 id)
{
    if (ClientSession *session = find(id))
        session->disconnectFrom();
}

void ClientHub::sendHttp(quint64 id, const HttpClientRequest &request)
{
    if (ClientSession *session = find(id))
        session->sendHttp(request);
}

void ClientHub::setOptions(quint64 id, const ClientOptions &options)
{
    if (ClientSession *session = find(id))
        session->setOptions(options);
}

void ClientHub::sendFile(quint64 id, const QString &path)
{
    if (ClientSession *session = find(id))
        session->sendFile(path);
}

void ClientHub::cancelFile(quint64 id)
{
    if (ClientSession *session = find(id))
        session->cancelFile();
}

void ClientHub::saveReceived(quint64 id, const QString &path)
{
    if (ClientSession *session = find(id))
        session->saveReceived(path);
}

void ClientHub::post(ClientEvent &&event, const QHostAddress &target, quint16 targetPort)
{
    // The monitor's clock, not the session's: the one queue stays in time order.
    event.timeMs = m_monitor.nowMs();
    m_monitor.postClient(clientTrafficEvent(std::move(event), target, targetPort));
}

ClientSession *ClientHub::find(quint64 id)
{
    ClientSession *session = m_sessions.value(id);
    if (!session)
        postError(id, tr("There is no client session %1: it was closed or never opened.").arg(id));
    return session;
}

void ClientHub::postError(quint64 id, const QString &sentence)
{
    ClientEvent event;
    event.kind = ClientEvent::Kind::Error;
    event.sessionId = id;
    event.timeMs = QDateTime::currentMSecsSinceEpoch();
    event.text = sentence;
    post(std::move(event));
}

QNetworkAccessManager &ClientHub::networkAccess()
{
    if (!m_http) {
        m_http = new QNetworkAccessManager(this);
        // A proxy from the environment must never intercept what the user
        // aims at a host, least of all a loopback server.
        m_http->setProxy(QNetworkProxy::NoProxy);
        // Users see 301/302 as answers, not the page they lead to.
        m_http->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    }
    return *m_http;
}

} // namespace Net
