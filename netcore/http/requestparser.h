#pragma once

#include "api/httplimits.h"
#include "httprequest.h"

namespace Net {

enum class ParseStatus { NeedMore, Complete, Error };

struct ParseResult
{
    ParseStatus status = ParseStatus::NeedMore;
    // Bytes at the front of the input that the caller must drop now, whatever
    // the status: the whole request once it is complete, and body bytes as they
    // are discarded.
    qsizetype consumed = 0;
    int errorStatus = 0;             // for Error: the HTTP status to answer with
    const char *errorReason = "";    // for Error: a short sentence for the log and the error page
};

// An incremental HTTP/1.1 request parser (RFC 9112) with no I/O: bytes in,
// verdict out. The caller keeps the unconsumed bytes in a buffer and hands the
// whole buffer in after each read; the parser resumes where it stopped, so a
// request that arrives one byte at a time costs O(n). After Complete, the
// caller drops `consumed` bytes, reads request(), calls reset() and parses the
// rest of its buffer again, which gives pipelining for free.
//
// The parser checks syntax and limits only. Which methods are allowed (405,
// 501) is the handler's business; the parser accepts any token as a method.
class RequestParser
{
public:
    explicit RequestParser(const HttpLimits &limits = {}) : m_limits(limits) {}

    ParseResult parse(QByteArrayView buffered);
    const HttpRequest &request() const { return m_request; }
    void reset();

    // True once the header section is complete and the body is being read:
    // the time to send "100 Continue" when the request expects it.
    bool readingBody() const
    {
        return m_state == State::Body || m_state == State::ChunkSize || m_state == State::ChunkData
                || m_state == State::ChunkDataEnd || m_state == State::Trailers;
    }

private:
    enum class State {
        RequestLine, Headers,                                // the head: nothing consumed yet
        Body, ChunkSize, ChunkData, ChunkDataEnd, Trailers,  // the body: consumed as it arrives
        Done, Failed
    };
    struct Failure
    {
        int status = 0; // 0: no failure
        const char *reason = "";
    };
    struct Framing // what Content-Length and Transfer-Encoding fields said
    {
        qint64 length = -1; // -1: no Content-Length
        bool hasCoding = false;
        bool chunkedLast = false;
        int chunkedCount = 0;
        int otherCodings = 0;
    };

    ParseResult parseHead(QByteArrayView in);
    Failure parseRequestLine(QByteArrayView line, qsizetype lineEnd);
    Failure addField(QByteArrayView line);
    ParseResult finishHead(QByteArrayView in, qsizetype headEnd);
    Failure checkFields();
    static bool addCodings(QByteArrayView value, Framing &framing);
    Failure checkFraming(const Framing &framing);
    ParseResult parseBody(QByteArrayView in, qsizetype pos);
    Failure checkPartialHeadLine(QByteArrayView partial) const;
    Failure checkPartialBodyLine(QByteArrayView line) const;
    Failure takeBodyLine(QByteArrayView line, qsizetype lineBytes);
    Failure parseChunkSize(QByteArrayView line);
    ParseResult fail(Failure failure, qsizetype consumed = 0);

    HttpLimits m_limits;
    HttpRequest m_request;
    State m_state = State::RequestLine;
    Failure m_failure;            // repeated if parse() is called again after an error
    // Head offsets count from the front of the buffer, which stays put until
    // the head is complete (nothing is consumed before that).
    qsizetype m_headStart = 0;    // the request line, after skipped empty lines
    qsizetype m_sectionStart = 0; // the header section, just after the request line
    qsizetype m_lineStart = 0;    // the head line being read
    qsizetype m_lineScanned = 0;  // bytes of the current line already searched for its end
    int m_emptyLines = 0;         // empty lines skipped before the request line
    qint64 m_bodyRemaining = 0;   // Content-Length body or current chunk
    qint64 m_bodyTotal = 0;       // body bytes discarded so far (chunked total, for the 413 bound)
    qsizetype m_trailerBytes = 0; // trailer section bytes so far (for the 431 bound)
};

} // namespace Net
