#pragma once

#include "api/serverkind.h"

#include <QElapsedTimer>

namespace Net {

class TcpConnection;
class TrafficMonitor;

// What a TCP connection may see of its server: the monitor it reports to,
// the server's id, the server's monotonic clock, and the way to register and
// retire itself. Not the server: a connection cannot start, stop or reach
// its siblings. The clock and the monitor are plain inline calls, so the
// byte path pays nothing for the indirection; registering and retiring
// (once per connection) go through the core.
class ConnectionContext
{
public:
    TrafficMonitor &monitor() const { return m_monitor; }
    ServerId serverId() const { return m_serverId; }
    // Milliseconds on a monotonic clock, never 0 while running (0 means
    // "not set" in the connections' deadlines).
    qint64 nowMs() const { return m_startMs + m_clock.elapsed(); }
    qint64 nowNs() const { return m_clock.nsecsElapsed(); }

    // A new connection registers itself here from its constructor...
    virtual void connectionOpened(TcpConnection *connection) = 0;
    // ...and retires itself here when it has closed; it is deleted later,
    // from the event loop, never while its own callbacks are on the stack.
    virtual void retire(TcpConnection *connection) = 0;

protected:
    ConnectionContext(TrafficMonitor &monitor, ServerId serverId)
        : m_monitor(monitor)
        , m_serverId(serverId)
    {
    }
    ~ConnectionContext() = default;
    Q_DISABLE_COPY_MOVE(ConnectionContext)

    void startClock(qint64 wallMs)
    {
        m_clock.start();
        m_startMs = wallMs;
    }

private:
    TrafficMonitor &m_monitor;
    ServerId m_serverId;
    QElapsedTimer m_clock;
    qint64 m_startMs = 0;
};

} // namespace Net
