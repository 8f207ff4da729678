#include "tcpechoserver.h"
#include "echoconnection.h"
#include "server/socketaddress.h"
#include "server/tcplistener.h"
#include "tracking/trafficmonitor.h"

#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {
constexpr int SWEEP_INTERVAL_MS = 1000;
} // namespace

namespace Net {

TcpEchoServer::TcpEchoServer(TrafficMonitor &monitor, QObject *parent)
    : QObject(parent)
    , m_monitor(monitor)
    , m_sweepTimer(this) // a child, so it moves to the network thread with us
{
    m_sweepTimer.setInterval(SWEEP_INTERVAL_MS);
    connect(&m_sweepTimer, &QTimer::timeout, this, &TcpEchoServer::sweep);
}

TcpEchoServer::~TcpEchoServer()
{
    stop();
}

QString TcpEchoServer::start(const EchoServerConfig &config)
{
    stop();
    auto *listener = new TcpListener([this](qintptr descriptor) { accept(descriptor); }, this);
    const QString error = listener->start(config.address, config.port);
    if (!error.isEmpty()) {
        delete listener;
        return error;
    }
    connect(listener, &TcpListener::acceptFailed, this, &TcpEchoServer::acceptFailed);
    connect(listener, &TcpListener::acceptFailed, this,
            [this](const QString &sentence) { m_monitor.reportError(ServerKind::TcpEcho, sentence); });
    m_config = config;
    m_rules = RuleEngine(config.mode == ServerMode::Rules ? config.rules : RuleSet());
    m_monitor.resetRuleHits(ServerKind::TcpEcho, m_rules.size());
    m_listener = listener;
    m_clock.start();
    m_sweepTimer.start();
    return {};
}

void TcpEchoServer::stop()
{
    if (!m_listener)
        return;
    m_sweepTimer.stop();
    delete m_listener;
    m_listener = nullptr;
    const auto connections = m_connections.all();
    for (EchoConnection *connection : connections)
        connection->close(u"server stopped"_s);
    m_connections.reap();
    m_perAddress.clear();
    m_capReported.clear();
}

ServerStatus TcpEchoServer::status() const
{
    ServerStatus status;
    status.kind = ServerKind::TcpEcho;
    status.running = isRunning();
    if (m_listener) {
        status.address = m_listener->serverAddress();
        status.port = m_listener->serverPort();
    }
    return status;
}

bool TcpEchoServer::closeConnection(quint64 id)
{
    EchoConnection *connection = m_connections.find(id);
    if (!connection)
        return false;
    connection->close(u"closed by the user"_s);
    return true;
}

bool TcpEchoServer::sendTo(quint64 id, const QByteArray &bytes)
{
    EchoConnection *connection = m_connections.find(id);
    if (!connection)
        return false;
    connection->sendFromServer(bytes);
    return true;
}

int TcpEchoServer::sendToAll(const QByteArray &bytes)
{
    const auto connections = m_connections.all();
    for (EchoConnection *connection : connections)
        connection->sendFromServer(bytes);
    return int(connections.size());
}

void TcpEchoServer::accept(qintptr descriptor)
{
    if (m_connections.size() >= m_config.maxConnections) {
        ::close(int(descriptor));
        m_monitor.addError(ServerKind::TcpEcho);
        return;
    }
    // A client that reset before we got here has no address any more: it is
    // let through, and its connection finds out about the reset as usual.
    SocketAddress peer;
    peer.length = sizeof peer.storage;
    if (::getpeername(int(descriptor), reinterpret_cast<sockaddr *>(&peer.storage), &peer.length) == 0
        && !admits(peer.address())) {
        ::close(int(descriptor));
        m_monitor.addError(ServerKind::TcpEcho);
        return;
    }
    new EchoConnection(descriptor, *this); // registers itself through connectionOpened()
}

bool TcpEchoServer::admits(const QHostAddress &address)
{
    const EchoLimits &limits = m_config.limits;
    if ((limits.loopbackExempt && address.isLoopback()) || m_perAddress.value(address) < limits.maxConnectionsPerAddress)
        return true;
    if (!m_capReported.contains(address)) {
        m_capReported.insert(address);
        const QString sentence = u"%1 holds %2 echo connections, the most one address may: its further connections "
                                 "are refused until some close."_s.arg(address.toString())
                                     .arg(limits.maxConnectionsPerAddress);
        m_monitor.reportNote(ServerKind::TcpEcho, sentence);
        emit acceptFailed(sentence);
    }
    return false;
}

RuleAction TcpEchoServer::answer(QByteArrayView received, const QHostAddress &peer, quint16 peerPort)
{
    RuleAction action = m_rules.respond(received, RuleEngine::liveContext(peer, peerPort));
    if (action.matched())
        m_monitor.addRuleHit(ServerKind::TcpEcho, action.rule);
    return action;
}

void TcpEchoServer::connectionOpened(EchoConnection *connection)
{
    m_connections.add(connection);
    ++m_perAddress[connection->peerAddress()];
}

void TcpEchoServer::retire(EchoConnection *connection)
{
    const QHostAddress address = connection->peerAddress();
    const auto count = m_perAddress.find(address);
    if (count != m_perAddress.end()) {
        if (--*count < m_config.limits.maxConnectionsPerAddress)
            m_capReported.remove(address);
        if (*count <= 0)
            m_perAddress.erase(count);
    }
    m_connections.retire(connection);
}

void TcpEchoServer::sweep()
{
    const qint64 now = nowMs();
    const auto connections = m_connections.all();
    for (EchoConnection *connection : connections)
        connection->sweep(now);
}

} // namespace Net
