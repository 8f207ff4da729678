#pragma once

#include "httpresponse.h"
#include "requestparser.h"
#include "server/outputqueue.h"
#include "server/streamsocket.h"
#include "server/tcpconnection.h"
#include "streamedfile.h"

#include <QByteArray>
#include <QString>

namespace Net {

class ConnectionContext;
struct HttpShared;
struct TrackedConnection;

// One HTTP/1.1 connection: reads requests through the parser, asks the
// handler for answers and writes them in order, streaming large files with
// sendfile paced by writability. It takes no new request while its queued
// answers fill its share of the output budget, or while the whole server's
// budget is spent (then it waits to be woken), so clients that pipeline
// without reading cannot grow the server's memory. Its send deadline runs on
// bytes that actually leave, not on anything the client sends.
class HttpConnection final : public TcpConnection
{
    Q_DISABLE_COPY_MOVE(HttpConnection)

public:
    HttpConnection(qintptr descriptor, ConnectionContext &server, HttpShared &http);

    QHostAddress peerAddress() const override { return m_socket.peerAddress(); }
    // Called once a second by the server: idle, slow-request, stalled-send
    // and lingering deadlines.
    void sweep(qint64 nowMs) override;
    // Closes at once, e.g. when the user closes it or the server stops.
    void close(const QString &reason) override;
    // The server's output budget has room again (after wait()).
    void budgetAvailable();

private:
    enum class State { Active, Lingering, Closed };

    void onReadable();
    void readRequests(qint64 n);
    void onWritable();
    qsizetype processInput(QByteArrayView input);
    void resumeInput();
    void handleRequest(const HttpRequest &request);
    void handleParseError(const ParseResult &result, QByteArrayView unparsed);
    void updateRequestDeadline();
    void answerTimeout();
    void queueResponse(HttpResponse &&response);
    void queueBytes(const QByteArray &bytes);
    void flushOutput();
    bool sendFileChunks();
    void afterOutputDrained();
    void startLingeringClose();
    void postExchange(const HttpResponse &response, qint64 bytesSent, bool interrupted = false);
    void recordExchange(const QByteArray &requestHead, qint64 startNs);
    void noteProgress();

    bool sending() const { return !m_out.isEmpty() || m_file.remaining() > 0; }
    qint64 heldBytes() const;
    bool heldBack() const;     // by this connection's own output: no new request for now
    bool budgetSpent() const;  // the server holds all it may: no new request for now
    bool paused() const { return heldBack() || budgetSpent(); }
    void updateReading();
    void account();

    ConnectionContext &m_server;
    HttpShared &m_http;
    StreamSocket m_socket;
    RequestParser m_parser;
    OutputQueue m_out;
    TrackedConnection *m_tracked = nullptr;
    State m_state = State::Active;

    QByteArray m_in;            // unconsumed input: a partial request, or requests waiting while paused
    bool m_peerClosed = false;  // the peer shut down its write side
    bool m_closeAfterResponse = false;
    bool m_sentContinue = false;

    StreamedFile m_file;        // the current response's file, while it is being streamed

    // The last response queued, with its request: reported as an access
    // record at once, or when its file has been streamed.
    HttpResponse m_current;
    QByteArray m_currentRequestHead;
    qint64 m_currentStartNs = 0;

    qint64 m_lastActivityMs = 0; // bytes in or out: the idle deadline
    qint64 m_lastProgressMs = 0; // queued output last moved, or began to wait: the send deadline
    qint64 m_requestStartMs = 0; // first byte of a request not yet complete; 0 when none
    qint64 m_lingerStartMs = 0;
    qint64 m_lingerDiscarded = 0;
    qint64 m_accounted = 0;      // what the server's output budget counts for us
    bool m_waitingForBudget = false;
};

} // namespace Net
