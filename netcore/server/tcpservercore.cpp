#include "tcpservercore.h"
#include "socketaddress.h"
#include "tcplistener.h"
#include "tracking/trafficmonitor.h"

#include <QDateTime>

#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {
constexpr int SWEEP_INTERVAL_MS = 1000;
} // namespace

namespace Net {

TcpServerCore::TcpServerCore(TrafficMonitor &monitor, ServerId serverId, QObject *parent)
    : QObject(parent)
    , ConnectionContext(monitor, serverId)
    , m_sweepTimer(this) // a child, so it moves to the network thread with us
{
    m_sweepTimer.setInterval(SWEEP_INTERVAL_MS);
    connect(&m_sweepTimer, &QTimer::timeout, this, &TcpServerCore::sweep);
}

TcpServerCore::~TcpServerCore()
{
    stop();
}

QString TcpServerCore::start(const QHostAddress &address, quint16 port, const TcpAdmission &admission,
                             ConnectionFactory factory)
{
    stop();
    auto *listener = new TcpListener([this](qintptr descriptor) { accept(descriptor); }, this);
    const QString error = listener->start(address, port);
    if (!error.isEmpty()) {
        delete listener;
        return error;
    }
    connect(listener, &TcpListener::acceptFailed, this, &TcpServerCore::acceptFailed);
    connect(listener, &TcpListener::acceptFailed, this,
            [this](const QString &sentence) { monitor().reportError(serverId(), sentence); });
    m_admission = admission;
    m_factory = std::move(factory);
    m_listener = listener;
    // Anchored to the wall clock once, then monotonic: never 0, never backwards.
    startClock(QDateTime::currentMSecsSinceEpoch());
    m_sweepTimer.start();
    return {};
}

void TcpServerCore::stop()
{
    if (!m_listener)
        return;
    m_sweepTimer.stop();
    delete m_listener;
    m_listener = nullptr;
    const auto connections = m_connections.all();
    for (TcpConnection *connection : connections)
        connection->close(u"server stopped"_s);
    m_connections.reap();
    m_perAddress.clear();
    m_capReported.clear();
    m_factory = nullptr;
}

QHostAddress TcpServerCore::serverAddress() const
{
    return m_listener ? m_listener->serverAddress() : QHostAddress();
}

quint16 TcpServerCore::serverPort() const
{
    return m_listener ? m_listener->serverPort() : 0;
}

bool TcpServerCore::closeConnection(quint64 id)
{
    TcpConnection *connection = m_connections.find(id);
    if (!connection)
        return false;
    connection->close(u"closed by the user"_s);
    return true;
}

void TcpServerCore::accept(qintptr descriptor)
{
    if (m_connections.size() >= m_admission.maxConnections) {
        // Over the cap: refuse at once rather than let the peer wait on a dead socket.
        ::close(int(descriptor));
        monitor().addError(serverId());
        return;
    }
    if (m_admission.maxConnectionsPerAddress > 0) {
        // A client that reset before we got here has no address any more: it
        // is let through, and its connection finds out about the reset as usual.
        SocketAddress peer;
        peer.length = sizeof peer.storage;
        if (::getpeername(int(descriptor), reinterpret_cast<sockaddr *>(&peer.storage), &peer.length) == 0
            && !admits(peer.address())) {
            ::close(int(descriptor));
            monitor().addError(serverId());
            return;
        }
    }
    m_factory(descriptor);
}

bool TcpServerCore::admits(const QHostAddress &address)
{
    if ((m_admission.loopbackExempt && address.isLoopback())
        || m_perAddress.value(address) < m_admission.maxConnectionsPerAddress)
        return true;
    if (!m_capReported.contains(address)) {
        m_capReported.insert(address);
        const QString sentence = u"%1 holds %2 %3 connections, the most one address may: its further connections "
                                 "are refused until some close."_s.arg(address.toString())
                                     .arg(m_admission.maxConnectionsPerAddress)
                                     .arg(m_admission.connectionNoun);
        monitor().reportNote(serverId(), sentence);
        emit acceptFailed(sentence);
    }
    return false;
}

void TcpServerCore::connectionOpened(TcpConnection *connection)
{
    m_connections.add(connection);
    if (m_admission.maxConnectionsPerAddress > 0)
        ++m_perAddress[connection->peerAddress()];
}

void TcpServerCore::retire(TcpConnection *connection)
{
    if (m_admission.maxConnectionsPerAddress > 0) {
        const QHostAddress address = connection->peerAddress();
        const auto count = m_perAddress.find(address);
        if (count != m_perAddress.end()) {
            if (--*count < m_admission.maxConnectionsPerAddress)
                m_capReported.remove(address);
            if (*count <= 0)
                m_perAddress.erase(count);
        }
    }
    m_connections.retire(connection);
}

void TcpServerCore::sweep()
{
    const qint64 now = nowMs();
    const auto connections = m_connections.all();
    for (TcpConnection *connection : connections)
        connection->sweep(now);
}

} // namespace Net
