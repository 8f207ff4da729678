#pragma once

#include "api/relayconfig.h"
#include "relaypipe.h"
#include "server/streamsocket.h"
#include "server/tcpconnection.h"
#include "api/trafficevent.h"

#include <QCoreApplication>
#include <QTimer>

#include <array>
#include <memory>

namespace Net {

class ConnectionContext;
class UpstreamConnector;
struct TrackedConnection;

// One accepted client and its own connection to the upstream, with a pipe
// per direction: upstream (client → server, logged as In) and downstream
// (server → client, logged as Out). The client is not read until the
// upstream has answered; an upstream that refuses or does not answer ends
// the client's connection with a sentence saying so.
//
// Faults that act on the connection as a whole live here (the timeout's
// close, reset_peer); those that act on the bytes live in the pipes.
class RelayConnection final : public TcpConnection
{
    Q_DISABLE_COPY_MOVE(RelayConnection)
    Q_DECLARE_TR_FUNCTIONS(Net::RelayConnection)

public:
    // `config` is the server's: it outlives the connection (a restart closes
    // every connection first), and its faults are what new connections start with.
    RelayConnection(qintptr descriptor, ConnectionContext &server, const RelayConfig &config);
    ~RelayConnection() override;

    QHostAddress peerAddress() const override { return m_client.peerAddress(); }
    void setFaults(const RelayFaults &faults);
    void close(const QString &reason) override;
    // The relay's deadlines are its fault timers and the upstream connect
    // timeout, each with its own timer: the core's sweep has nothing to do.
    void sweep(qint64) override {}
    // Bytes read from one side and not yet written to the other, both ways.
    qint64 held() const { return m_up.held() + m_down.held(); }

    // For the pipes.
    qint64 nowUs() const;
    qint64 maxBuffered() const;
    void noteRead(Direction direction, const char *data, qint64 size);
    void noteWritten(Direction direction, qint64 size);
    // A socket failed (read or write): the connection ends, saying which side.
    void fail(const StreamSocket &side, const QString &reason);
    void pipeFinished(Direction direction);
    void limitReached(Direction direction, qint64 bytes);

private:
    void onUpstreamConnected(int descriptor);
    void applyConnectionFaults(const RelayFaults &before);
    void armFaultTimer(std::unique_ptr<QTimer> &timer, bool enabled, int ms, std::function<void()> fire);
    void resetReceiver(Direction direction);
    void timeOut(Direction direction);
    StreamSocket &receiver(Direction direction);
    QString sideName(Direction direction) const;

    ConnectionContext &m_server;
    const RelayConfig &m_config;
    StreamSocket m_client;
    std::unique_ptr<StreamSocket> m_upstream;
    std::unique_ptr<UpstreamConnector> m_connector;
    RelayPipe m_up{*this, Direction::In};    // client → upstream
    RelayPipe m_down{*this, Direction::Out}; // upstream → client
    RelayFaults m_faults;
    // Per direction (0 upstream, 1 downstream); made only when their fault is on.
    std::array<std::unique_ptr<QTimer>, 2> m_resetTimers;
    std::array<std::unique_ptr<QTimer>, 2> m_timeoutTimers;
    TrackedConnection *m_tracked = nullptr;
    bool m_established = false;
    bool m_closed = false;
};

} // namespace Net
