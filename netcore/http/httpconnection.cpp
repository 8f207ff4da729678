#include "httpconnection.h"
#include "httpshared.h"
#include "server/connectioncontext.h"
#include "tracking/trafficmonitor.h"

using namespace Qt::StringLiterals;

namespace {
// After a final error answer we read and discard what the client still sends
// before closing, so our answer is not destroyed by a reset (RFC 9112 §9.6,
// "lingering close"). As nginx's lingering_time and lingering_timeout: this
// long at most in all, and this long at most without a byte. The byte bound
// is HttpLimits::maxLingerDiscardBytes.
constexpr qint64 LINGER_TOTAL_MS = 30000;
constexpr qint64 LINGER_IDLE_MS = 5000;
// How much of an unfinished request the log keeps with a 408.
constexpr qsizetype REQUEST_HEAD_SAMPLE = 1024;
} // namespace

namespace Net {

HttpConnection::HttpConnection(qintptr descriptor, ConnectionContext &server, HttpShared &http)
    : m_server(server)
    , m_http(http)
    , m_socket(descriptor)
    , m_parser(http.config.limits)
{
    m_tracked = server.monitor().openConnection(server.serverId(), m_socket.peerAddress(), m_socket.peerPort(),
                                                m_socket.localAddress(), m_socket.localPort());
    m_id = m_tracked->record.id;
    m_lastActivityMs = server.nowMs();
    m_lastProgressMs = m_lastActivityMs;
    m_socket.onReadable([this] { onReadable(); });
    m_socket.onWritable([this] { onWritable(); });
    server.connectionOpened(this);
}

qint64 HttpConnection::heldBytes() const
{
    // Pipelined requests count once they wait behind output. A request that
    // is still arriving is the request deadline's business, so a slow client
    // cannot make the others wait.
    return m_out.size() + (sending() ? m_in.size() : 0);
}

bool HttpConnection::heldBack() const
{
    return m_file.remaining() > 0 || m_closeAfterResponse
        || m_out.size() >= m_http.config.limits.maxQueuedOutputPerConnection;
}

bool HttpConnection::budgetSpent() const
{
    // The server's count lags behind ours until account(): use ours.
    const OutputBudget &budget = m_http.budget;
    return budget.used() - m_accounted + heldBytes() >= budget.limit();
}

// Reads while no answer holds the connection back; when only the server's
// budget does, also waits to be woken when it has room.
void HttpConnection::updateReading()
{
    if (m_state != State::Active)
        return;
    const bool wantsMore = !heldBack();
    const bool spent = wantsMore && budgetSpent();
    if (spent && !m_waitingForBudget) {
        m_waitingForBudget = true;
        m_http.budget.wait(m_id);
    }
    m_socket.setReadEnabled(wantsMore && !spent && !m_peerClosed);
}

// Reports what we hold to the server's budget. Called as each entry point
// (socket callbacks, sweep, wake-up, close) returns, so the server's total
// is exact whenever the event loop runs.
void HttpConnection::account()
{
    const qint64 held = m_state == State::Closed ? 0 : heldBytes();
    if (held != m_accounted) {
        m_http.budget.adjust(held - m_accounted);
        m_accounted = held;
    }
}

void HttpConnection::budgetAvailable()
{
    m_waitingForBudget = false;
    if (m_state != State::Active)
        return;
    if (!m_in.isEmpty())
        resumeInput();
    else
        updateReading();
    account();
}

void HttpConnection::onReadable()
{
    if (m_state == State::Active && budgetSpent()) {
        // What the client sent stays in the kernel until the server has room.
        updateReading();
        return;
    }
    QByteArray &scratch = m_http.scratch;
    const qint64 n = m_socket.read(scratch.data(), scratch.size());
    if (n == StreamSocket::WouldBlock)
        return;
    if (n == StreamSocket::Failed) {
        close(m_socket.failureReason());
        return;
    }
    if (n == 0) {
        // The peer shut down its side: answer what it already asked, then close.
        m_peerClosed = true;
        m_socket.setReadEnabled(false);
        if (m_state == State::Lingering || !sending())
            close(u"closed by peer"_s);
        return;
    }
    m_lastActivityMs = m_server.nowMs();
    m_server.monitor().addBytesIn(m_tracked, n);
    if (m_state == State::Lingering) {
        m_lingerDiscarded += n;
        if (m_lingerDiscarded > m_http.config.limits.maxLingerDiscardBytes)
            close(u"closed after error: the client sent more than the lingering close discards"_s);
        return;
    }
    readRequests(n);
    account();
}

void HttpConnection::readRequests(qint64 n)
{
    const QByteArrayView fresh(m_http.scratch.constData(), n);
    if (m_in.isEmpty()) {
        // The common case: parse straight from the shared buffer, keep only a remainder.
        const qsizetype used = processInput(fresh);
        if (m_state == State::Closed)
            return;
        if (used < n)
            m_in = fresh.sliced(used).toByteArray();
    } else {
        m_in.append(fresh);
        const qsizetype used = processInput(m_in);
        if (m_state == State::Closed)
            return;
        m_in.remove(0, used);
    }
    updateRequestDeadline();
    flushOutput();
}

void HttpConnection::updateRequestDeadline()
{
    // A request whose body is still arriving is still a request in progress:
    // its deadline keeps running, or a trickled body would never time out.
    if (m_in.isEmpty() && !m_parser.readingBody())
        m_requestStartMs = 0;
    else if (m_requestStartMs == 0)
        m_requestStartMs = m_server.nowMs();
}

qsizetype HttpConnection::processInput(QByteArrayView input)
{
    qsizetype used = 0;
    while (m_state == State::Active && !paused() && used < input.size()) {
        const ParseResult result = m_parser.parse(input.sliced(used));
        used += result.consumed;
        if (result.status == ParseStatus::NeedMore) {
            if (m_parser.readingBody() && m_parser.request().expectContinue && !m_sentContinue) {
                // RFC 9110 §10.1.1: tell the client to send the body we will discard.
                queueBytes(QByteArrayLiteral("HTTP/1.1 100 Continue\r\n\r\n"));
                m_sentContinue = true;
            }
            break;
        }
        if (result.status == ParseStatus::Error) {
            handleParseError(result, input.sliced(used));
            break;
        }
        handleRequest(m_parser.request());
        m_parser.reset();
        m_sentContinue = false;
        m_requestStartMs = 0; // the next one's clock starts when it is found incomplete
    }
    // While paused the socket is not read, so the kernel's buffer and TCP flow
    // control hold the client back instead of our memory.
    updateReading();
    return used;
}

void HttpConnection::handleRequest(const HttpRequest &request)
{
    const qint64 startNs = m_server.nowNs();
    m_server.monitor().addRequest(m_tracked);
    const bool keepAlive = request.wantsKeepAlive() && !m_peerClosed;
    HttpResponse response = m_http.handler->respond(request, keepAlive);
    const bool headOnly = request.methodView() == "HEAD";
    if (headOnly) {
        // A HEAD answer announces the GET body's length but carries none.
        response.body.clear();
        response.filePath.clear();
        response.fileLength = 0;
    }
    queueResponse(std::move(response));
    recordExchange(request.head, startNs);
}

void HttpConnection::handleParseError(const ParseResult &result, QByteArrayView unparsed)
{
    m_server.monitor().addRequest(m_tracked);
    m_server.monitor().addError(m_server.serverId());
    const qint64 startNs = m_server.nowNs();
    HttpResponse response = m_http.handler->errorResponse(result.errorStatus,
                                                             QString::fromLatin1(result.errorReason));
    queueResponse(std::move(response));
    // A head that failed was never copied out: log what the client sent.
    const QByteArray &head = m_parser.request().head;
    recordExchange(head.isEmpty() ? unparsed.first(qMin(unparsed.size(), REQUEST_HEAD_SAMPLE)).toByteArray() : head,
                   startNs);
}

void HttpConnection::queueResponse(HttpResponse &&response)
{
    if (!sending())
        m_lastProgressMs = m_server.nowMs(); // the send clock starts with the first byte waiting
    if (response.streamsFile() && response.fileLength > 0 && !m_file.open(response, m_http.handler->root())) {
        // Gone or replaced since the handler looked. Earlier pipelined
        // answers stay queued; this one becomes an error that closes.
        m_http.handler->clearCache();
        response = m_http.handler->errorResponse(500, u"The file changed while being opened."_s);
    }
    m_out.append(response.head);
    m_out.append(response.body);
    if (response.closeConnection)
        m_closeAfterResponse = true;
    m_current = std::move(response);
}

void HttpConnection::queueBytes(const QByteArray &bytes)
{
    if (!sending())
        m_lastProgressMs = m_server.nowMs();
    m_out.append(bytes);
}

void HttpConnection::onWritable()
{
    flushOutput();
    account();
}

void HttpConnection::noteProgress()
{
    m_lastProgressMs = m_server.nowMs();
    m_lastActivityMs = m_lastProgressMs;
}

void HttpConnection::flushOutput()
{
    if (m_state == State::Closed)
        return;
    if (!m_out.isEmpty()) {
        const qint64 sent = m_out.flushTo(m_socket);
        if (sent == StreamSocket::Failed) {
            close(m_socket.failureReason());
            return;
        }
        if (sent > 0) {
            m_server.monitor().addBytesOut(m_tracked, sent);
            noteProgress();
        }
    }
    if (m_out.isEmpty() && m_file.remaining() > 0 && !sendFileChunks())
        return;
    const bool pending = sending();
    m_socket.setWriteEnabled(pending);
    if (!pending)
        afterOutputDrained();
    else if (!heldBack() && !m_in.isEmpty())
        resumeInput();
}

bool HttpConnection::sendFileChunks()
{
    const StreamedFile::Progress progress = m_file.sendTo(m_socket);
    if (progress.bytes > 0) {
        m_server.monitor().addBytesOut(m_tracked, progress.bytes);
        noteProgress();
    }
    switch (progress.status) {
    case StreamedFile::Status::Blocked:
        return true;
    case StreamedFile::Status::Done:
        if (m_server.monitor().capturing())
            postExchange(m_current, m_current.head.size() + m_current.fileLength);
        return true;
    case StreamedFile::Status::Failed:
        close(m_socket.failureReason());
        return false;
    case StreamedFile::Status::Shrank:
        close(u"file shrank while being sent"_s);
        return false;
    }
    return false;
}

void HttpConnection::afterOutputDrained()
{
    if (m_closeAfterResponse) {
        if (m_peerClosed)
            close(u"closed by peer"_s);
        else if (m_current.status < 400 && m_in.isEmpty() && m_socket.pendingInput() == 0)
            close(u"closed"_s); // a clean end with nothing unread: close() sends FIN, not a reset
        else
            startLingeringClose();
    } else if (!m_in.isEmpty()) {
        resumeInput();
    } else if (m_peerClosed) {
        close(u"closed by peer"_s);
    } else {
        updateReading(); // paused while the response was big; listen again
    }
}

void HttpConnection::resumeInput()
{
    // Requests that arrived while we were busy: take them up now.
    const qsizetype used = processInput(m_in);
    if (m_state == State::Closed)
        return;
    m_in.remove(0, used);
    // Served what was waiting: an idle connection must not keep a request
    // deadline running (a request completed resets it in processInput()).
    updateRequestDeadline();
    if (used > 0)
        flushOutput();
    else if (m_peerClosed && !sending() && !m_waitingForBudget)
        close(u"closed by peer mid-request"_s); // what is left can never complete
}

void HttpConnection::startLingeringClose()
{
    m_state = State::Lingering;
    m_lingerStartMs = m_server.nowMs();
    m_lingerDiscarded = 0;
    m_in.clear();
    m_socket.shutdownWrite();
    m_socket.setWriteEnabled(false);
    m_socket.setReadEnabled(!m_peerClosed);
}

void HttpConnection::postExchange(const HttpResponse &response, qint64 bytesSent, bool interrupted)
{
    TrafficEvent event;
    event.kind = TrafficEvent::Kind::Http;
    event.server = m_server.serverId();
    event.serverKind = ServerKind::Web;
    event.direction = Direction::Out;
    event.connectionId = m_id;
    event.peerAddress = m_tracked->record.peerAddress;
    event.peerPort = m_tracked->record.peerPort;
    // The monitor's clock, as for the connection's own events: the server's
    // monotonic clock stops during a suspend and drifts from the wall clock,
    // which put exchanges before the connection that carried them.
    event.timeMs = m_server.monitor().nowMs();
    event.status = response.status;
    event.size = bytesSent;
    event.bodySize = qMax<qint64>(0, bytesSent - response.head.size());
    event.durationUs = (m_server.nowNs() - m_currentStartNs) / 1000;
    event.interrupted = interrupted;
    event.requestHead = m_currentRequestHead;
    event.responseHead = response.head;
    m_server.monitor().post(std::move(event));
}

// Keeps what was asked for the access record of the response just queued,
// and posts that record at once, unless its file has yet to be streamed.
void HttpConnection::recordExchange(const QByteArray &requestHead, qint64 startNs)
{
    const bool streaming = m_file.remaining() > 0;
    if (!streaming && !m_server.monitor().capturing())
        return;
    m_currentRequestHead = requestHead;
    m_currentStartNs = startNs;
    if (!streaming)
        postExchange(m_current, m_current.head.size() + m_current.body.size());
}

void HttpConnection::sweep(qint64 nowMs)
{
    if (m_state == State::Lingering) {
        if (nowMs - m_lingerStartMs > LINGER_TOTAL_MS || nowMs - m_lastActivityMs > LINGER_IDLE_MS)
            close(u"closed"_s);
        return;
    }
    if (m_state == State::Closed)
        return;
    const WebServerConfig &config = m_http.config;
    if (sending() && nowMs - m_lastProgressMs > config.sendTimeoutMs) {
        // Only bytes that leave count: a client that keeps sending but reads
        // nothing is as stuck as one that went silent.
        close(u"send timeout: the client stopped reading"_s);
        return;
    }
    if (m_requestStartMs != 0) {
        if (paused())
            m_requestStartMs = nowMs; // held back by us, not slow: its clock stands still
        else if (nowMs - m_requestStartMs > config.requestTimeoutMs)
            answerTimeout();
    } else if (!sending() && !m_waitingForBudget && nowMs - m_lastActivityMs > config.keepAliveTimeoutMs) {
        close(u"idle timeout"_s);
        return;
    }
    account();
}

void HttpConnection::answerTimeout()
{
    m_server.monitor().addError(m_server.serverId());
    HttpResponse response = m_http.handler->errorResponse(408, u"The request took too long to arrive."_s);
    queueResponse(std::move(response));
    m_requestStartMs = 0;
    // The log shows what the slow client managed to send.
    recordExchange(m_parser.readingBody() ? m_parser.request().head : m_in.left(REQUEST_HEAD_SAMPLE),
                   m_server.nowNs());
    flushOutput();
}

void HttpConnection::close(const QString &reason)
{
    if (m_state == State::Closed)
        return;
    if (m_file.remaining() > 0 && m_server.monitor().capturing()) {
        // A download cut short is still an exchange: log what went out of
        // it. Its head left ahead of the file, behind what was queued before.
        const qint64 headUnsent = qMin<qint64>(m_out.size(), m_current.head.size());
        postExchange(m_current, m_current.head.size() - headUnsent + m_file.sent(), true);
    }
    m_state = State::Closed;
    m_socket.setReadEnabled(false);
    m_socket.setWriteEnabled(false);
    account(); // what we hold is freed with us, from the event loop
    m_server.monitor().closeConnection(m_tracked, reason);
    m_tracked = nullptr;
    m_server.retire(this);
}

} // namespace Net
