#include "echoconnection.h"
#include "rules/serverrules.h"
#include "server/connectioncontext.h"
#include "api/serverconfig.h"
#include "tracking/trafficmonitor.h"

using namespace Qt::StringLiterals;

namespace {
// One read takes at most this much; it is also the unit of echo events.
constexpr qsizetype READ_CHUNK = 64 * 1024;
// Reads per readiness notification while each one fills the buffer.
constexpr int MAX_READS_PER_WAKE = 4;
// Unsent remainders at least this big share the read buffer; smaller ones are copied.
// Half the buffer: a queued buffer then holds at most twice what it counts.
constexpr qint64 SHARE_THRESHOLD = READ_CHUNK / 2;
// Rules mode: replies waiting for their delay, at most; then the client is not read.
constexpr qsizetype MAX_DELAYED_REPLIES = 64;
} // namespace

namespace Net {

EchoConnection::EchoConnection(qintptr descriptor, ConnectionContext &server, const EchoServerConfig &config,
                               ServerRules &rules)
    : m_server(server)
    , m_config(config)
    , m_rules(rules)
    , m_socket(descriptor)
{
    m_tracked = server.monitor().openConnection(server.serverId(), m_socket.peerAddress(), m_socket.peerPort(),
                                                m_socket.localAddress(), m_socket.localPort());
    m_id = m_tracked->record.id;
    m_lastActivityMs = server.nowMs();
    m_socket.onReadable([this] { onReadable(); });
    m_socket.onWritable([this] { flush(); });
    server.connectionOpened(this);
}

void EchoConnection::onReadable()
{
    // A full buffer means more is probably waiting: take a few rounds per
    // wake-up instead of going back through the event loop for each 64 KiB,
    // but few enough that one busy client cannot starve the others.
    for (int round = 0; round < MAX_READS_PER_WAKE; ++round) {
        if (!echoOnce())
            return;
    }
}

bool EchoConnection::echoOnce()
{
    if (m_chunk.size() != READ_CHUNK || !m_chunk.isDetached())
        m_chunk = QByteArray(READ_CHUNK, Qt::Uninitialized);
    const qint64 n = m_socket.read(m_chunk.data(), READ_CHUNK);
    if (n == StreamSocket::WouldBlock)
        return false;
    if (n == StreamSocket::Failed) {
        close(m_socket.failureReason());
        return false;
    }
    if (n == 0) {
        // Half-close: the client has sent everything. Finish echoing, then close.
        m_peerClosed = true;
        m_socket.setReadEnabled(false);
        if (m_out.isEmpty() && !repliesWaiting())
            close(u"closed by peer"_s);
        return false;
    }
    m_lastActivityMs = m_server.nowMs();
    TrafficMonitor &monitor = m_server.monitor();
    monitor.addBytesIn(m_tracked, n);
    if (monitor.capturing()) {
        const QByteArray sample(m_chunk.constData(), qMin<qsizetype>(n, monitor.payloadSampleBytes()));
        postData(Direction::In, sample, n);
        if (m_config.mode == ServerMode::Echo)
            postData(Direction::Out, sample, n);
    }
    if (m_config.mode != ServerMode::Echo) {
        if (m_config.mode == ServerMode::Rules && !answerByRules(n))
            return false;
        updateInterest(); // the read buffer is reused: nothing is echoed from it
        // No further read this wake-up once a rule is closing us or the delayed replies are at their cap.
        return n == READ_CHUNK && !m_closeWhenSent && !(m_delayed && m_delayed->isFull());
    }

    if (m_out.isEmpty()) {
        // Nothing queued ahead of us: send straight from the read buffer.
        const qint64 sent = m_socket.write(m_chunk.constData(), n);
        if (sent == StreamSocket::Failed) {
            close(m_socket.failureReason());
            return false;
        }
        const qint64 done = qMax<qint64>(sent, 0);
        if (done > 0)
            monitor.addBytesOut(m_tracked, done);
        if (done == n) {
            updateInterest(); // the buffer is free again and is reused for the next read
            return n == READ_CHUNK;
        }
        queueUnsent(done, n);
    } else {
        queueUnsent(0, n);
    }
    flush();
    return false;
}

void EchoConnection::queueUnsent(qint64 from, qint64 to)
{
    if (m_out.isEmpty())
        m_lastProgressMs = m_server.nowMs(); // the send clock starts with the first byte waiting
    if (to - from >= SHARE_THRESHOLD) {
        // A big remainder is queued as it lies: the queue shares the buffer.
        m_chunk.truncate(to); // keeps the allocation
        m_out.appendFrom(m_chunk, from);
        m_chunk = QByteArray();
    } else {
        // A small one is copied out. Queueing the whole 64 KiB buffer for a
        // few bytes would let a client sending tiny pieces pin far more memory
        // than the pending-output bound counts.
        m_out.append(QByteArray(m_chunk.constData() + from, to - from));
    }
}

void EchoConnection::sendFromServer(const QByteArray &bytes)
{
    if (m_closed || bytes.isEmpty())
        return;
    TrafficMonitor &monitor = m_server.monitor();
    if (monitor.capturing())
        postData(Direction::Out, bytes.first(qMin<qsizetype>(bytes.size(), monitor.payloadSampleBytes())), bytes.size());
    if (m_out.isEmpty())
        m_lastProgressMs = m_server.nowMs();
    m_out.append(bytes);
    flush();
}

bool EchoConnection::answerByRules(qint64 size)
{
    const QByteArrayView received(m_chunk.constData(), size);
    RuleAction action = m_rules.answer(received, m_tracked->record.peerAddress, m_tracked->record.peerPort);
    if (!action.matched())
        return true;
    if (action.delayMs <= 0 && !repliesWaiting()) {
        sendReply(action.reply, action.closeAfter);
        return !m_closed;
    }
    if (!m_delayed) {
        m_delayed = std::make_unique<DelayedReplies>(MAX_DELAYED_REPLIES, true, [this](DelayedReplies::Reply &&reply) {
            sendReply(reply.bytes, reply.closeAfter);
        });
    }
    // Never full here: reading stops while it is (updateInterest).
    m_delayed->add({std::move(action.reply), action.closeAfter, 0}, action.delayMs);
    return true;
}

void EchoConnection::sendReply(const QByteArray &bytes, bool closeAfter)
{
    if (m_closed)
        return;
    if (closeAfter) {
        m_closeWhenSent = true;
        if (m_delayed)
            m_delayed->clear(); // nothing goes out after the closing reply
    }
    if (bytes.isEmpty())
        flush(); // closes now if it was asked to
    else
        sendFromServer(bytes);
}

void EchoConnection::flush()
{
    if (m_closed)
        return;
    if (!m_out.isEmpty()) {
        const qint64 sent = m_out.flushTo(m_socket);
        if (sent == StreamSocket::Failed) {
            close(m_socket.failureReason());
            return;
        }
        if (sent > 0) {
            m_server.monitor().addBytesOut(m_tracked, sent);
            m_lastProgressMs = m_lastActivityMs = m_server.nowMs();
        }
    }
    if (m_out.isEmpty() && m_closeWhenSent) {
        close(u"closed by a reply rule"_s);
        return;
    }
    if (m_out.isEmpty() && m_peerClosed && !repliesWaiting()) {
        close(u"closed by peer"_s);
        return;
    }
    updateInterest();
}

void EchoConnection::updateInterest()
{
    m_socket.setWriteEnabled(!m_out.isEmpty());
    // Back-pressure: stop reading while too much waits to go out.
    // Rules mode also stops reading while a rule is about to close the
    // connection, or while the most delayed replies wait.
    m_socket.setReadEnabled(!m_peerClosed && !m_closeWhenSent && m_out.size() < m_config.maxPendingOutput
                            && !(m_delayed && m_delayed->isFull()));
}

// Out events are posted when bytes are queued, so the log shows what the
// client will get in the order it gets it; the counters follow the socket.
void EchoConnection::postData(Direction direction, const QByteArray &sample, qint64 size)
{
    TrafficMonitor &monitor = m_server.monitor();
    TrafficEvent event;
    event.kind = TrafficEvent::Kind::Data;
    event.server = m_server.serverId();
    event.serverKind = ServerKind::Tcp;
    event.direction = direction;
    event.connectionId = m_id;
    event.peerAddress = m_tracked->record.peerAddress;
    event.peerPort = m_tracked->record.peerPort;
    event.timeMs = monitor.nowMs();
    event.size = size;
    event.payload = sample;
    monitor.post(std::move(event));
}

void EchoConnection::sweep(qint64 nowMs)
{
    if (m_closed)
        return;
    // Output that has not moved for this long belongs to a client that stopped
    // reading: free what it pins rather than hold it forever.
    if (!m_out.isEmpty() && nowMs - m_lastProgressMs > m_config.sendTimeoutMs)
        close(u"send timeout: the client stopped reading"_s);
    // A client that says nothing holds a slot (and a descriptor) for nothing.
    else if (nowMs - m_lastActivityMs > m_config.limits.idleTimeoutMs)
        close(u"idle timeout"_s);
}

void EchoConnection::close(const QString &reason)
{
    if (m_closed)
        return;
    m_closed = true;
    if (m_delayed)
        m_delayed->clear(); // pending replies die with the connection
    m_socket.setReadEnabled(false);
    m_socket.setWriteEnabled(false);
    m_server.monitor().closeConnection(m_tracked, reason);
    m_tracked = nullptr;
    m_server.retire(this);
}

} // namespace Net
