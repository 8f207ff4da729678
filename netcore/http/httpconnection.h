#pragma once

#include "httpresponse.h"
#include "requestparser.h"
#include "server/outputqueue.h"
#include "server/streamsocket.h"

#include <QByteArray>
#include <QString>

namespace Net {

class HttpServer;
struct TrackedConnection;

// One HTTP/1.1 connection: reads requests through the parser, asks the
// handler for answers and writes them in order, streaming large files with
// sendfile paced by writability. It reads nothing more while a response is
// still queued above a high-water mark, so a client that pipelines without
// reading cannot grow the server's memory.
class HttpConnection
{
    Q_DISABLE_COPY_MOVE(HttpConnection)

public:
    HttpConnection(qintptr descriptor, HttpServer &server);
    ~HttpConnection();

    quint64 id() const { return m_id; }

    // Called once a second by the server: idle, slow-request and stalled-send deadlines.
    void sweep(qint64 nowMs);
    // Closes at once, e.g. when the user closes it or the server stops.
    void close(const QString &reason);

private:
    enum class State { Active, Lingering, Closed };

    void onReadable();
    void onWritable();
    qsizetype processInput(QByteArrayView input);
    void resumeInput();
    void handleRequest(const HttpRequest &request);
    void handleParseError(const ParseResult &result, QByteArrayView unparsed);
    void updateRequestDeadline();
    void queueResponse(HttpResponse &&response);
    int openStreamedFile(const HttpResponse &response);
    void flushOutput();
    bool sendFileChunks();
    void finishStreamedResponse();
    void afterOutputDrained();
    void startLingeringClose();
    void postExchange(const HttpResponse &response, qint64 bytesSent);
    bool paused() const;

    HttpServer &m_server;
    StreamSocket m_socket;
    RequestParser m_parser;
    OutputQueue m_out;
    TrackedConnection *m_tracked = nullptr;
    quint64 m_id = 0;
    State m_state = State::Active;

    QByteArray m_in;            // unconsumed input: a partial request, or requests waiting while paused
    bool m_peerClosed = false;  // the peer shut down its write side
    bool m_closeAfterResponse = false;
    bool m_sentContinue = false;

    int m_fileFd = -1;          // file being streamed, with what is left of it
    qint64 m_fileOffset = 0;
    qint64 m_fileRemaining = 0;

    // The last response queued, with its request: reported as an access
    // record at once, or when its file has been streamed.
    HttpResponse m_current;
    QByteArray m_currentRequestHead;
    qint64 m_currentStartNs = 0;

    qint64 m_lastActivityMs = 0;
    qint64 m_requestStartMs = 0; // first byte of a request not yet complete; 0 when none
    qint64 m_lingerStartMs = 0;
    qint64 m_lingerDiscarded = 0;
};

} // namespace Net
