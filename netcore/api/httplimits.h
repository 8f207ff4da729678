#pragma once

#include <QtGlobal>

namespace Net {

// Every bound the HTTP side enforces, in one value so the server, the
// parser and the tests agree. The defaults follow common server practice
// (nginx, QtHttpServer) and are the limits the README documents.
struct HttpLimits
{
    qsizetype maxRequestLineBytes = 8 * 1024;  // longer → 414 URI Too Long
    qsizetype maxHeaderBytes = 16 * 1024;      // header section, without the request line → 431
    int maxHeaderFields = 100;                 // more fields → 431
    qint64 maxBodyBytes = 1024 * 1024;         // request bodies are read and discarded; larger → 413

    // Memory held for clients that do not read their answers: response bytes
    // queued but not yet sent, and the pipelined requests waiting behind them.
    // A connection takes no new request while it holds its share, nor while
    // the whole server holds the total; each may go past by one response.
    qint64 maxQueuedOutputPerConnection = 128 * 1024;
    qint64 maxQueuedOutputTotal = 64 * 1024 * 1024;
    // After an error answer the rest of the request is read and thrown away
    // (lingering close) so that a client still sending gets to read the
    // answer instead of a reset; at most this much.
    qint64 maxLingerDiscardBytes = 64 * 1024 * 1024;
};

} // namespace Net
