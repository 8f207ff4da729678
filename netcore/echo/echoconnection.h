#pragma once

#include "rules/delayedreplies.h"
#include "server/outputqueue.h"
#include "server/streamsocket.h"
#include "server/tcpconnection.h"
#include "api/trafficevent.h"

#include <QByteArray>
#include <QString>

#include <memory>

namespace Net {

class ConnectionContext;
struct EchoServerConfig;
class ServerRules;
struct TrackedConnection;

// One TCP echo connection: every byte read goes back, in order. Reads land
// in a chunk that is then queued for sending as it is (no copy). While more
// than the configured bound waits to be sent, the connection is not read, so
// a client that sends without reading is held back by TCP flow control, not
// by our memory. When the client shuts down its write side, what is still
// queued goes out first and then the connection closes.
//
// In Listen mode what is read is only counted and logged. In Rules mode each
// read chunk (one write of the client, usually, on a quiet link) is given to
// the server's rules, and the reply is queued like "send to client" output,
// at once or after the rule's delay. Delayed replies keep their order; while
// MAX_DELAYED_REPLIES wait the connection is not read, and closing cancels them.
// The mode and the rules are the server's, read on every chunk, so a live
// change of either reaches connections that are already open.
class EchoConnection final : public TcpConnection
{
    Q_DISABLE_COPY_MOVE(EchoConnection)

public:
    EchoConnection(qintptr descriptor, ConnectionContext &server, const EchoServerConfig &config, ServerRules &rules);

    QHostAddress peerAddress() const override { return m_socket.peerAddress(); }
    // Bytes from the server side ("send to client"), queued after any pending echo.
    void sendFromServer(const QByteArray &bytes);
    void close(const QString &reason) override;
    // Called once a second by the server with its clock: drops a client that
    // stopped reading, or that sent and read nothing for the idle time.
    void sweep(qint64 nowMs) override;

private:
    void onReadable();
    bool echoOnce(); // true when another read may find more at once
    void flush();
    void queueUnsent(qint64 from, qint64 to);
    void updateInterest();
    void postData(Direction direction, const QByteArray &sample, qint64 size);
    // Rules mode: answers one read chunk; false when the connection closed.
    bool answerByRules(qint64 size);
    void sendReply(const QByteArray &bytes, bool closeAfter);
    bool repliesWaiting() const { return m_delayed && !m_delayed->isEmpty(); }

    ConnectionContext &m_server;
    const EchoServerConfig &m_config;
    ServerRules &m_rules;
    StreamSocket m_socket;
    OutputQueue m_out;
    QByteArray m_chunk;          // the read buffer; replaced when queued, reused when sent at once
    TrackedConnection *m_tracked = nullptr;
    qint64 m_lastProgressMs = 0; // when queued output last moved (or started waiting)
    qint64 m_lastActivityMs = 0; // when bytes last came in or went out
    std::unique_ptr<DelayedReplies> m_delayed; // Rules mode, made for the first delayed reply
    bool m_closeWhenSent = false; // a rule asked to close once its reply is out
    bool m_peerClosed = false;
    bool m_closed = false;
};

} // namespace Net
