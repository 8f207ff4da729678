#include "relayconnection.h"
#include "server/connectioncontext.h"
#include "upstreamconnector.h"
#include "tracking/trafficmonitor.h"

#include <sys/socket.h>

namespace {
// Reads of unread input before an orderly close: bytes left unread in a
// socket's receive buffer turn close() into a reset, which could destroy
// what we just sent the other way.
constexpr int MAX_DRAIN_READS = 16;

int index(Net::Direction direction)
{
    return direction == Net::Direction::In ? 0 : 1;
}

void drainInput(Net::StreamSocket &socket)
{
    char scrap[16 * 1024];
    for (int i = 0; i < MAX_DRAIN_READS && socket.isOpen(); ++i) {
        if (socket.read(scrap, sizeof scrap) <= 0)
            return;
    }
}
} // namespace

namespace Net {

RelayConnection::RelayConnection(qintptr descriptor, ConnectionContext &server, const RelayConfig &config)
    : m_server(server)
    , m_config(config)
    , m_client(descriptor)
{
    TrafficMonitor &monitor = server.monitor();
    m_tracked = monitor.openConnection(server.serverId(), m_client.peerAddress(), m_client.peerPort(),
                                       m_client.localAddress(), m_client.localPort());
    m_id = m_tracked->record.id;
    // Nothing is read from the client until there is somewhere to send it.
    m_client.setReadEnabled(false);
    m_faults = config.faults;
    m_connector = std::make_unique<UpstreamConnector>([this](int fd) { onUpstreamConnected(fd); },
                                                      [this](const QString &sentence) { close(sentence); });
    server.connectionOpened(this);
    m_connector->start(config.upstreamAddress(), config.upstreamPort, config.limits.connectTimeoutMs);
}

RelayConnection::~RelayConnection() = default;

void RelayConnection::onUpstreamConnected(int descriptor)
{
    m_upstream = std::make_unique<StreamSocket>(descriptor);
    m_established = true;
    m_up.attach(&m_client, m_upstream.get());
    m_down.attach(m_upstream.get(), &m_client);
    const RelayFaults faults = m_faults;
    m_faults = RelayFaults{};
    setFaults(faults);
}

void RelayConnection::setFaults(const RelayFaults &faults)
{
    if (m_closed)
        return;
    const RelayFaults before = m_faults;
    m_faults = faults;
    if (!m_established)
        return; // applied once the upstream answers: the fault clocks start there
    m_up.setFaults(faults.upstream);
    if (!m_closed)
        m_down.setFaults(faults.downstream);
    if (!m_closed)
        applyConnectionFaults(before);
}

// A fault's clock starts when it is switched on (or when its time changes),
// for a new connection when the upstream answers.
void RelayConnection::applyConnectionFaults(const RelayFaults &before)
{
    for (const Direction direction : {Direction::In, Direction::Out}) {
        const FaultSet &now = direction == Direction::In ? m_faults.upstream : m_faults.downstream;
        const FaultSet &old = direction == Direction::In ? before.upstream : before.downstream;
        const int i = index(direction);
        if (now.resetPeer != old.resetPeer)
            armFaultTimer(m_resetTimers[i], now.resetPeer.enabled, now.resetPeer.ms,
                          [this, direction] { resetReceiver(direction); });
        if (now.timeout != old.timeout)
            armFaultTimer(m_timeoutTimers[i], now.timeout.enabled && now.timeout.ms > 0, now.timeout.ms,
                          [this, direction] { timeOut(direction); });
    }
}

void RelayConnection::armFaultTimer(std::unique_ptr<QTimer> &timer, bool enabled, int ms, std::function<void()> fire)
{
    if (!enabled) {
        timer.reset();
        return;
    }
    timer = std::make_unique<QTimer>();
    timer->setSingleShot(true);
    QObject::connect(timer.get(), &QTimer::timeout, timer.get(), std::move(fire));
    timer->start(ms);
}

StreamSocket &RelayConnection::receiver(Direction direction)
{
    return direction == Direction::In ? *m_upstream : m_client;
}

QString RelayConnection::sideName(Direction direction) const
{
    return direction == Direction::In ? tr("upstream") : tr("downstream");
}

void RelayConnection::resetReceiver(Direction direction)
{
    // Linger on, zero seconds: close() sends a reset instead of a FIN.
    const linger abort{1, 0};
    ::setsockopt(int(receiver(direction).descriptor()), SOL_SOCKET, SO_LINGER, &abort, sizeof abort);
    receiver(direction).close();
    close(direction == Direction::In ? tr("reset_peer fault: the upstream was reset")
                                     : tr("reset_peer fault: the client was reset"));
}

void RelayConnection::timeOut(Direction direction)
{
    const FaultSet &faults = direction == Direction::In ? m_faults.upstream : m_faults.downstream;
    close(tr("timeout fault (%1): closed after %2 ms").arg(sideName(direction)).arg(faults.timeout.ms));
}

qint64 RelayConnection::nowUs() const
{
    return m_server.nowNs() / 1000;
}

qint64 RelayConnection::maxBuffered() const
{
    return m_config.limits.maxBufferedPerDirection;
}

void RelayConnection::noteRead(Direction direction, const char *data, qint64 size)
{
    TrafficMonitor &monitor = m_server.monitor();
    if (direction == Direction::In)
        monitor.addBytesIn(m_tracked, size);
    if (!monitor.capturing())
        return;
    TrafficEvent event;
    event.kind = TrafficEvent::Kind::Data;
    event.server = m_server.serverId();
    event.serverKind = ServerKind::Relay;
    event.direction = direction;
    event.connectionId = m_id;
    event.peerAddress = m_tracked->record.peerAddress;
    event.peerPort = m_tracked->record.peerPort;
    event.timeMs = monitor.nowMs();
    event.size = size;
    event.payload = QByteArray(data, qMin<qint64>(size, monitor.payloadSampleBytes()));
    monitor.post(std::move(event));
}

void RelayConnection::noteWritten(Direction direction, qint64 size)
{
    if (direction == Direction::Out)
        m_server.monitor().addBytesOut(m_tracked, size);
}

void RelayConnection::fail(const StreamSocket &side, const QString &reason)
{
    close(&side == &m_client ? tr("client: %1").arg(reason) : tr("upstream: %1").arg(reason));
}

void RelayConnection::pipeFinished(Direction direction)
{
    if (m_up.finished() && m_down.finished())
        // `direction` ended last: its source closed after the other side had.
        close(direction == Direction::Out ? tr("closed by the upstream after the client")
                                          : tr("closed by the client after the upstream"));
}

void RelayConnection::limitReached(Direction direction, qint64 bytes)
{
    close(tr("limit_data fault (%1): closed after %2 bytes").arg(sideName(direction)).arg(bytes));
}

void RelayConnection::close(const QString &reason)
{
    if (m_closed)
        return;
    m_closed = true;
    m_up.stop();
    m_down.stop();
    // Stopped, not deleted: close() may run inside one of their own signals.
    // They go with the connection, which is deleted from the event loop.
    if (m_connector)
        m_connector->cancel();
    for (auto *timers : {&m_resetTimers, &m_timeoutTimers}) {
        for (const auto &timer : *timers) {
            if (timer)
                timer->stop();
        }
    }
    for (StreamSocket *socket : {&m_client, m_upstream.get()}) {
        if (!socket)
            continue;
        drainInput(*socket);
        socket->close();
    }
    m_server.monitor().closeConnection(m_tracked, reason);
    m_tracked = nullptr;
    m_server.retire(this);
}

} // namespace Net
