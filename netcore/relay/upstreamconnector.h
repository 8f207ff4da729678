#pragma once

#include <QCoreApplication>
#include <QHostAddress>
#include <QTimer>

#include <functional>
#include <memory>

class QSocketNotifier;

namespace Net {

// One non-blocking connect to the relay's upstream. The outcome always
// arrives from the event loop, never from inside start(): a connection that
// fails at once is still fully set up when it hears about it.
class UpstreamConnector
{
    Q_DISABLE_COPY_MOVE(UpstreamConnector)
    Q_DECLARE_TR_FUNCTIONS(Net::UpstreamConnector)

public:
    using Connected = std::function<void(int descriptor)>; // the caller takes the descriptor
    using Failed = std::function<void(const QString &sentence)>;

    UpstreamConnector(Connected connected, Failed failed);
    ~UpstreamConnector(); // closes a descriptor that was not handed over

    void start(const QHostAddress &address, quint16 port, int timeoutMs);
    // No outcome will be reported any more (safe from inside a callback).
    void cancel();

private:
    void finish();
    void failWith(int error);
    void dropNotifier();

    Connected m_connected;
    Failed m_failed;
    QHostAddress m_address;
    quint16 m_port = 0;
    int m_timeoutMs = 0;
    int m_fd = -1;
    int m_immediateError = -1; // connect() answered at once (0 = connected); reported from the loop
    std::unique_ptr<QSocketNotifier> m_notifier;
    QTimer m_timer; // the connect timeout, or the zero-time hop for an immediate answer
};

} // namespace Net
