#include "clienthub.h"
#include "clientsession.h"
#include "httpclientsession.h"
#include "tcpclientsession.h"
#include "udpclientsession.h"

#include <QDateTime>
#include <QNetworkAccessManager>
#include <QNetworkProxy>

#include <utility>

using namespace Qt::StringLiterals;

namespace {
constexpr int FLUSH_INTERVAL_MS = 30;
constexpr qsizetype MAX_QUEUED_EVENTS = 10000;
// 10,000 events of up to 1 MiB (8 MiB for HTTP) each would be gigabytes: past
// this many queued payload bytes an event keeps its size but not its bytes.
constexpr qint64 MAX_QUEUED_PAYLOAD_BYTES = 64 * 1024 * 1024;
} // namespace

namespace Net {

ClientHub::ClientHub(QObject *parent)
    : QObject(parent)
    , m_flushTimer(this) // a child, so it moves to the network thread with us
{
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(FLUSH_INTERVAL_MS);
    connect(&m_flushTimer, &QTimer::timeout, this, &ClientHub::flush);
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

void ClientHub::post(ClientEvent &&event)
{
    if (m_queue.size() >= MAX_QUEUED_EVENTS) {
        ++m_dropped;
    } else {
        if (m_queuedBytes + event.data.size() > MAX_QUEUED_PAYLOAD_BYTES)
            event.data.clear(); // `size` still tells the real count
        m_queuedBytes += event.data.size();
        m_queue.append(std::move(event));
    }
    // One flush per interval however many events arrive: the timer is
    // started by the first event and not pushed back by the next ones.
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void ClientHub::flush()
{
    if (m_queue.isEmpty() && m_dropped == 0)
        return;
    // The consumer is still busy with the last batch: keep collecting (the
    // queue is bounded) rather than pile queued signals up on its side.
    if (m_inFlight->load() > 0) {
        m_flushTimer.start();
        return;
    }
    m_inFlight->fetch_add(1);
    const QList<ClientEvent> events = std::exchange(m_queue, {});
    const qint64 dropped = std::exchange(m_dropped, 0);
    m_queuedBytes = 0;
    emit eventsReady(events, dropped);
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
