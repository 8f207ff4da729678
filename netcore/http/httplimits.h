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
};

} // namespace Net
