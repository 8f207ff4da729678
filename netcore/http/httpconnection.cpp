#include "httpconnection.h"
#include "httpserver.h"
#include "tracking/trafficmonitor.h"

#include <QFile>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {
// Stop taking new requests while this much response data waits to be sent.
constexpr qint64 OUTPUT_HIGH_WATER = 256 * 1024;
// sendfile() at most this much per call, so one big download cannot hog the thread.
constexpr qint64 SENDFILE_CHUNK = 1024 * 1024;
// After a final response we read and discard for a while before closing, so
// our reply is not destroyed by a reset (RFC 9112 §9.6, "lingering close").
constexpr qint64 LINGER_MS = 2000;
constexpr qint64 LINGER_MAX_DISCARD = 256 * 1024;
// How much of an unfinished request the log keeps with a 408.
constexpr qsizetype REQUEST_HEAD_SAMPLE = 1024;
} // namespace

namespace Net {

HttpConnection::HttpConnection(qintptr descriptor, HttpServer &server)
    : m_server(server)
    , m_socket(descriptor)
    , m_parser(server.config().limits)
{
    m_tracked = server.monitor().openConnection(ServerKind::Web, m_socket.peerAddress(), m_socket.peerPort(),
                                                m_socket.localAddress(), m_socket.localPort());
    m_id = m_tracked->record.id;
    m_lastActivityMs = server.nowMs();
    m_socket.onReadable([this] { onReadable(); });
    m_socket.onWritable([this] { onWritable(); });
    server.connectionOpened(this);
}

HttpConnection::~HttpConnection()
{
    if (m_fileFd >= 0)
        ::close(m_fileFd);
}

bool HttpConnection::paused() const
{
    return m_fileRemaining > 0 || m_out.size() > OUTPUT_HIGH_WATER || m_closeAfterResponse;
}

void HttpConnection::onReadable()
{
    QByteArray &scratch = m_server.scratch();
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
        if (m_state == State::Lingering || (m_out.isEmpty() && m_fileRemaining == 0))
            close(u"closed by peer"_s);
        return;
    }
    m_lastActivityMs = m_server.nowMs();
    m_server.monitor().addBytesIn(m_tracked, n);
    if (m_state == State::Lingering) {
        m_lingerDiscarded += n;
        if (m_lingerDiscarded > LINGER_MAX_DISCARD)
            close(u"closed after error"_s);
        return;
    }

    const QByteArrayView fresh(scratch.constData(), n);
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
                m_out.append(QByteArrayLiteral("HTTP/1.1 100 Continue\r\n\r\n"));
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
    m_socket.setReadEnabled(m_state != State::Closed && !paused() && !m_peerClosed);
    return used;
}

void HttpConnection::handleRequest(const HttpRequest &request)
{
    const qint64 startNs = m_server.nowNs();
    m_server.monitor().addRequest(m_tracked);
    const bool keepAlive = request.wantsKeepAlive() && !m_peerClosed;
    HttpResponse response = m_server.handler().respond(request, keepAlive);
    const bool headOnly = request.methodView() == "HEAD";
    if (headOnly) {
        // A HEAD answer announces the GET body's length but carries none.
        response.body.clear();
        response.filePath.clear();
        response.fileLength = 0;
    }
    queueResponse(std::move(response));
    if (m_fileRemaining > 0) {
        m_currentRequestHead = request.head;
        m_currentStartNs = startNs;
        return;
    }
    if (m_server.monitor().capturing()) {
        m_currentRequestHead = request.head;
        m_currentStartNs = startNs;
        postExchange(m_current, m_current.head.size() + m_current.body.size());
    }
}

void HttpConnection::handleParseError(const ParseResult &result, QByteArrayView unparsed)
{
    m_server.monitor().addRequest(m_tracked);
    m_server.monitor().addError(ServerKind::Web);
    const qint64 startNs = m_server.nowNs();
    HttpResponse response = m_server.handler().errorResponse(result.errorStatus,
                                                             QString::fromLatin1(result.errorReason));
    queueResponse(std::move(response));
    if (m_server.monitor().capturing()) {
        // A head that failed was never copied out: log what the client sent.
        const QByteArray &head = m_parser.request().head;
        m_currentRequestHead = head.isEmpty() ? unparsed.first(qMin(unparsed.size(), REQUEST_HEAD_SAMPLE)).toByteArray()
                                              : head;
        m_currentStartNs = startNs;
        postExchange(m_current, m_current.head.size() + m_current.body.size());
    }
}

void HttpConnection::queueResponse(HttpResponse &&response)
{
    if (response.streamsFile() && response.fileLength > 0) {
        const int fd = openStreamedFile(response);
        if (fd < 0) {
            // Gone or replaced since the handler looked. Earlier pipelined
            // answers stay queued; this one becomes an error that closes.
            m_server.handler().clearCache();
            response = m_server.handler().errorResponse(500, u"The file changed while being opened."_s);
        } else {
            m_fileFd = fd;
            m_fileOffset = response.fileOffset;
            m_fileRemaining = response.fileLength;
        }
    }
    m_out.append(response.head);
    m_out.append(response.body);
    if (response.closeConnection)
        m_closeAfterResponse = true;
    m_current = std::move(response);
}

int HttpConnection::openStreamedFile(const HttpResponse &response)
{
    const int fd = ::open(QFile::encodeName(response.filePath).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    // The handler checked this inode against the root; a path swapped since
    // (a renamed folder, a re-pointed symlink) must not slip another file in.
    struct stat st;
    if (::fstat(fd, &st) != 0 || st.st_dev != response.fileDevice || st.st_ino != response.fileInode
        || !m_server.handler().root().containsDescriptor(fd)) {
        ::close(fd);
        return -1;
    }
    return fd;
}

void HttpConnection::onWritable()
{
    m_lastActivityMs = m_server.nowMs();
    flushOutput();
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
        if (sent > 0)
            m_server.monitor().addBytesOut(m_tracked, sent);
    }
    if (m_out.isEmpty() && m_fileRemaining > 0 && !sendFileChunks())
        return;
    const bool pending = !m_out.isEmpty() || m_fileRemaining > 0;
    m_socket.setWriteEnabled(pending);
    if (!pending)
        afterOutputDrained();
    else if (m_out.size() <= OUTPUT_HIGH_WATER && m_fileRemaining == 0 && !m_in.isEmpty())
        resumeInput();
}

bool HttpConnection::sendFileChunks()
{
    while (m_fileRemaining > 0) {
        const qint64 sent = m_socket.sendFile(m_fileFd, &m_fileOffset, qMin(m_fileRemaining, SENDFILE_CHUNK));
        if (sent == StreamSocket::WouldBlock)
            return true;
        if (sent == StreamSocket::Failed || sent == 0) {
            // sent == 0: the file shrank under us. The length is promised in
            // the head, so the only honest end is to close the connection.
            close(sent == 0 ? u"file shrank while being sent"_s
                            : (m_socket.failureReason()));
            return false;
        }
        m_fileRemaining -= sent;
        m_server.monitor().addBytesOut(m_tracked, sent);
        if (sent < SENDFILE_CHUNK && m_fileRemaining > 0)
            return true; // the socket buffer is full; wait for writability
    }
    finishStreamedResponse();
    return true;
}

void HttpConnection::finishStreamedResponse()
{
    ::close(m_fileFd);
    m_fileFd = -1;
    if (m_server.monitor().capturing())
        postExchange(m_current, m_current.head.size() + m_current.fileLength);
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
        m_socket.setReadEnabled(true); // paused while the response was big; listen again
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
    else if (m_peerClosed && m_out.isEmpty() && m_fileRemaining == 0)
        close(u"closed by peer mid-request"_s); // what is left can never complete
}

void HttpConnection::startLingeringClose()
{
    m_state = State::Lingering;
    m_lingerStartMs = m_server.nowMs();
    m_in.clear();
    m_socket.shutdownWrite();
    m_socket.setWriteEnabled(false);
    m_socket.setReadEnabled(!m_peerClosed);
}

void HttpConnection::postExchange(const HttpResponse &response, qint64 bytesSent)
{
    TrafficEvent event;
    event.kind = TrafficEvent::Kind::Http;
    event.server = ServerKind::Web;
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
    event.bodySize = bytesSent - response.head.size();
    event.durationUs = (m_server.nowNs() - m_currentStartNs) / 1000;
    event.requestHead = m_currentRequestHead;
    event.responseHead = response.head;
    m_server.monitor().post(std::move(event));
}

void HttpConnection::sweep(qint64 nowMs)
{
    if (m_state == State::Closed)
        return;
    const WebServerConfig &config = m_server.config();
    if (m_state == State::Lingering) {
        if (nowMs - m_lingerStartMs > LINGER_MS)
            close(u"closed"_s);
        return;
    }
    const bool sending = !m_out.isEmpty() || m_fileRemaining > 0;
    if (sending) {
        if (nowMs - m_lastActivityMs > config.sendTimeoutMs)
            close(u"send timeout: the client stopped reading"_s);
        return;
    }
    if (m_requestStartMs != 0) {
        if (nowMs - m_requestStartMs > config.requestTimeoutMs) {
            m_server.monitor().addError(ServerKind::Web);
            HttpResponse response = m_server.handler().errorResponse(408, u"The request took too long to arrive."_s);
            queueResponse(std::move(response));
            m_requestStartMs = 0;
            if (m_server.monitor().capturing()) {
                // The log shows what the slow client managed to send.
                m_currentRequestHead = m_parser.readingBody() ? m_parser.request().head : m_in.left(REQUEST_HEAD_SAMPLE);
                m_currentStartNs = m_server.nowNs();
                postExchange(m_current, m_current.head.size() + m_current.body.size());
            }
            flushOutput();
        }
        return;
    }
    if (nowMs - m_lastActivityMs > config.keepAliveTimeoutMs)
        close(u"idle timeout"_s);
}

void HttpConnection::close(const QString &reason)
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    m_socket.setReadEnabled(false);
    m_socket.setWriteEnabled(false);
    m_server.monitor().closeConnection(m_tracked, reason);
    m_tracked = nullptr;
    m_server.retire(this);
}

} // namespace Net
