#include "requestparser.h"

#include <array>
#include <cstring>
#include <limits>
#include <string_view>

namespace Net {

using FieldSyntax::equalsNoCase;
using FieldSyntax::forEachListElement;
using FieldSyntax::trimOws;
using FieldSyntax::isOws;
using FieldSyntax::hexValue;

namespace {

// RFC 9112 §2.2 lets a server skip "at least one" empty line before the
// request line (left over from a client's previous POST); a few are enough.
constexpr int kMaxLeadingEmptyLines = 2;
// Chunk extensions are ignored, so this only bounds what a client can make us
// buffer while looking for the end of a chunk-size line.
constexpr qsizetype kMaxChunkLineBytes = 4 * 1024;

constexpr qsizetype kNeedMore = -1;
constexpr qsizetype kBareCr = -2;

// tchar, RFC 9110 §5.6.2: the bytes of methods, field names and codings.
constexpr auto kTchar = [] {
    std::array<bool, 256> table{};
    const std::string_view tchars = "!#$%&'*+-.^_`|~0123456789"
                                    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    for (const char c : tchars)
        table[uchar(c)] = true;
    return table;
}();

bool isTchar(char c) { return kTchar[uchar(c)]; }
bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isTargetChar(char c) { return c > 0x20 && c < 0x7F; } // visible ASCII
// field-vchar, SP and HTAB (RFC 9110 §5.5): everything but CTLs, HTAB aside.
bool isValueChar(char c) { return (uchar(c) >= 0x20 && c != 0x7F) || c == '\t'; }

// 1*DIGIT (base 10) or 1*HEXDIG (base 16) that fits in a qint64, or -1.
qint64 parseNumber(QByteArrayView digits, int base)
{
    qint64 n = digits.isEmpty() ? -1 : 0;
    for (const char c : digits) {
        const int digit = base == 16 ? hexValue(c) : isDigit(c) ? c - '0' : -1;
        if (digit < 0 || n > (std::numeric_limits<qint64>::max() - digit) / base)
            return -1;
        n = n * base + digit;
    }
    return n;
}

// Index of the LF ending the line at the front of `in`, kNeedMore, or kBareCr
// (then `*bareCr` is the stray CR's index). `scanned` carries over between
// calls so no byte is searched twice.
qsizetype findLineEnd(QByteArrayView in, qsizetype &scanned, qsizetype *bareCr)
{
    if (scanned >= in.size())
        return kNeedMore;
    const char *data = in.data();
    const auto *lf = static_cast<const char *>(std::memchr(data + scanned, '\n', in.size() - scanned));
    const qsizetype end = lf ? lf - data : in.size();
    // RFC 9112 §2.2: a CR not followed by LF is invalid. Only the byte just
    // before the LF (or the last byte, while waiting) may be a CR.
    if (end - 1 > scanned) {
        if (const auto *cr = static_cast<const char *>(std::memchr(data + scanned, '\r', end - 1 - scanned))) {
            *bareCr = cr - data;
            return kBareCr;
        }
    }
    if (!lf) {
        scanned = in.back() == '\r' ? in.size() - 1 : in.size();
        return kNeedMore;
    }
    return end;
}

// RFC 9112 §2.2: a bare LF is accepted as a line end, so drop a CR only.
QByteArrayView lineContent(QByteArrayView line)
{
    return line.endsWith('\r') ? line.chopped(1) : line;
}

// Splits "name: value" (RFC 9112 §5) into views of `line`, the value without
// its surrounding whitespace. Returns nullptr or why it is a 400.
const char *splitField(QByteArrayView line, QByteArrayView &name, QByteArrayView &value)
{
    // RFC 9112 §5.2: obs-fold is rejected; a server may not unfold it.
    if (isOws(line.front()))
        return "Obsolete line folding in header";
    qsizetype colon = 0;
    while (colon < line.size() && isTchar(line[colon]))
        ++colon;
    // RFC 9112 §5.1: no whitespace between a field name and the colon.
    if (colon < line.size() && isOws(line[colon]))
        return "Whitespace before colon in header";
    if (colon == 0 || colon == line.size() || line[colon] != ':')
        return "Malformed header field";
    name = line.first(colon);
    value = trimOws(line.sliced(colon + 1));
    for (const char c : value) {
        if (!isValueChar(c))
            return "Invalid character in header value";
    }
    return nullptr;
}

// Merges one Content-Length field into `length` (-1 while none was seen). A
// list ("5, 5") or repeated fields are accepted only when every value is the
// same (RFC 9110 §8.6). Returns nullptr or why it is a 400.
const char *mergeContentLength(QByteArrayView value, qint64 &length)
{
    const char *reason = nullptr;
    forEachListElement(value, [&](QByteArrayView element) {
        const qint64 n = parseNumber(element, 10);
        if (n < 0)
            reason = "Invalid Content-Length";
        else if (length >= 0 && n != length)
            reason = "Conflicting Content-Length";
        length = n;
        return !reason;
    });
    return reason;
}

} // namespace

void RequestParser::reset()
{
    // Start afresh but keep the field array's heap buffer if it grew one: the
    // next request on a connection tends to look like this one.
    auto fields = std::move(m_request.fields);
    fields.clear();
    *this = RequestParser(m_limits);
    m_request.fields = std::move(fields);
}

ParseResult RequestParser::parse(QByteArrayView buffered)
{
    if (m_state == State::Failed)
        return {ParseStatus::Error, 0, m_failure.status, m_failure.reason};
    const bool inHead = m_state == State::RequestLine || m_state == State::Headers;
    return inHead ? parseHead(buffered) : parseBody(buffered, 0);
}

ParseResult RequestParser::fail(Failure failure, qsizetype consumed)
{
    m_state = State::Failed;
    m_failure = failure;
    return {ParseStatus::Error, consumed, failure.status, failure.reason};
}

ParseResult RequestParser::parseHead(QByteArrayView in)
{
    for (;;) {
        const QByteArrayView rest = in.sliced(m_lineStart);
        qsizetype bareCr = 0;
        const qsizetype lf = findLineEnd(rest, m_lineScanned, &bareCr);
        if (lf == kBareCr) {
            // The verdict must not depend on how the bytes were split: a limit
            // passed before the stray CR is what a byte-by-byte client hits first.
            if (const Failure failure = checkPartialHeadLine(rest.first(bareCr + 1)); failure.status)
                return fail(failure);
            return fail({400, "Bare CR in request head"});
        }
        if (lf == kNeedMore) {
            const Failure failure = checkPartialHeadLine(rest);
            return failure.status ? fail(failure) : ParseResult{};
        }
        const qsizetype lineEnd = m_lineStart + lf + 1;
        const QByteArrayView line = lineContent(rest.first(lf));
        m_lineScanned = 0;
        if (m_state == State::Headers && lineEnd - m_sectionStart > m_limits.maxHeaderBytes)
            return fail({431, "Header section too large"});
        if (m_state == State::Headers && line.isEmpty())
            return finishHead(in, lineEnd);
        const Failure failure = m_state == State::Headers ? addField(line) : parseRequestLine(line, lineEnd);
        if (failure.status)
            return fail(failure);
        m_lineStart = lineEnd;
    }
}

// A limit holds as soon as a line still without its end is over it, so a
// client can't make us buffer more by never sending the LF. `partial` is the
// current line so far, from its start.
RequestParser::Failure RequestParser::checkPartialHeadLine(QByteArrayView partial) const
{
    if (m_state == State::RequestLine && lineContent(partial).size() > m_limits.maxRequestLineBytes)
        return {414, "Request line too long"};
    if (m_state == State::Headers && m_lineStart + partial.size() - m_sectionStart > m_limits.maxHeaderBytes)
        return {431, "Header section too large"};
    return {};
}

// RFC 9112 §3: method SP request-target SP HTTP-version.
RequestParser::Failure RequestParser::parseRequestLine(QByteArrayView line, qsizetype lineEnd)
{
    // RFC 9112 §2.2: skip a few empty lines a client may send after a body.
    if (line.isEmpty() && m_emptyLines < kMaxLeadingEmptyLines) {
        ++m_emptyLines;
        m_headStart = lineEnd;
        return {};
    }
    if (line.size() > m_limits.maxRequestLineBytes)
        return {414, "Request line too long"};
    m_state = State::Headers;
    m_sectionStart = lineEnd;

    qsizetype i = 0;
    while (i < line.size() && isTchar(line[i]))
        ++i;
    if (i == 0 || i == line.size() || line[i] != ' ')
        return {400, "Malformed request line"};
    m_request.method = {0, int(i)};
    const qsizetype targetStart = ++i;
    while (i < line.size() && isTargetChar(line[i]))
        ++i;
    if (i == targetStart || i == line.size() || line[i] != ' ')
        return {400, "Invalid request target"};
    m_request.target = {int(targetStart), int(i - targetStart)};

    // RFC 9112 §2.3: "HTTP/" DIGIT "." DIGIT, case-sensitive.
    const QByteArrayView version = line.sliced(i + 1);
    if (version.size() != 8 || !version.startsWith("HTTP/") || !isDigit(version[5]) || version[6] != '.'
        || !isDigit(version[7])) {
        return {400, "Malformed HTTP version"};
    }
    m_request.versionMajor = version[5] - '0';
    m_request.versionMinor = version[7] - '0';
    if (m_request.versionMajor != 1 || m_request.versionMinor > 1)
        return {505, "Unsupported HTTP version"};
    return {};
}

RequestParser::Failure RequestParser::addField(QByteArrayView line)
{
    if (m_request.fields.size() >= m_limits.maxHeaderFields)
        return {431, "Too many header fields"};
    QByteArrayView name;
    QByteArrayView value;
    if (const char *reason = splitField(line, name, value))
        return {400, reason};
    // Spans count from the request line: they index the head copied later.
    const qsizetype lineOffset = m_lineStart - m_headStart;
    const auto span = [&](QByteArrayView part) {
        return HttpRequest::Span{int(lineOffset + (part.data() - line.data())), int(part.size())};
    };
    m_request.fields.append({span(name), span(value)});
    return {};
}

ParseResult RequestParser::finishHead(QByteArrayView in, qsizetype headEnd)
{
    // The one copy per request; every span now points into it.
    m_request.head = in.sliced(m_headStart, headEnd - m_headStart).toByteArray();
    if (const Failure failure = checkFields(); failure.status)
        return fail(failure);
    m_bodyRemaining = m_request.contentLength;
    m_state = m_request.chunked ? State::ChunkSize : m_bodyRemaining > 0 ? State::Body : State::Done;
    // A body is discarded here, whatever the method: a GET's body must never
    // be read as the next request (RFC 9112 §6.3).
    return parseBody(in, headEnd);
}

// The fields that decide framing and routing, once the head is complete.
RequestParser::Failure RequestParser::checkFields()
{
    int hosts = 0;
    Framing framing;
    for (const HttpRequest::Field &field : std::as_const(m_request.fields)) {
        const QByteArrayView name = m_request.view(field.name);
        const QByteArrayView value = m_request.view(field.value);
        if (equalsNoCase(name, "host")) {
            ++hosts;
        } else if (equalsNoCase(name, "content-length")) {
            if (const char *reason = mergeContentLength(value, framing.length))
                return {400, reason};
        } else if (equalsNoCase(name, "transfer-encoding")) {
            if (!addCodings(value, framing))
                return {400, "Empty Transfer-Encoding"};
        } else if (equalsNoCase(name, "expect")) {
            // RFC 9110 §10.1.1: an HTTP/1.0 request's 100-continue is ignored.
            m_request.expectContinue = m_request.expectContinue
                    || (!m_request.isHttp10() && equalsNoCase(value, "100-continue"));
        }
    }
    // RFC 9112 §3.2: HTTP/1.1 needs exactly one Host; no version may send two.
    if (hosts > 1)
        return {400, "Multiple Host headers"};
    if (hosts == 0 && !m_request.isHttp10())
        return {400, "Missing Host header"};
    return checkFraming(framing);
}

// Adds one Transfer-Encoding field's codings; false when it lists none.
bool RequestParser::addCodings(QByteArrayView value, Framing &framing)
{
    bool any = false;
    forEachListElement(value, [&](QByteArrayView coding) {
        if (coding.isEmpty()) // RFC 9110 §5.6.1: empty list elements don't count
            return true;
        any = framing.hasCoding = true;
        framing.chunkedLast = equalsNoCase(coding, "chunked");
        (framing.chunkedLast ? framing.chunkedCount : framing.otherCodings) += 1;
        return true;
    });
    return any;
}

RequestParser::Failure RequestParser::checkFraming(const Framing &framing)
{
    if (!framing.hasCoding) {
        m_request.contentLength = qMax<qint64>(framing.length, 0);
        // Refused before any body byte is read.
        if (m_request.contentLength > m_limits.maxBodyBytes)
            return {413, "Request body too large"};
        return {};
    }
    // RFC 9112 §6.1: both framings at once is how requests are smuggled past
    // a proxy, and HTTP/1.0 has no chunked framing to trust.
    if (framing.length >= 0)
        return {400, "Both Transfer-Encoding and Content-Length"};
    if (m_request.isHttp10())
        return {400, "Transfer-Encoding in an HTTP/1.0 request"};
    // RFC 9112 §6.3: unless chunked is the final coding the length is unknown.
    if (!framing.chunkedLast)
        return {400, "Chunked is not the final transfer coding"};
    if (framing.chunkedCount > 1) // RFC 9112 §6.1: never applied twice
        return {400, "Chunked applied more than once"};
    if (framing.otherCodings > 0)
        return {501, "Unsupported transfer coding"};
    m_request.chunked = true;
    return {};
}

ParseResult RequestParser::parseBody(QByteArrayView in, qsizetype pos)
{
    while (m_state != State::Done) {
        if (m_state == State::Body || m_state == State::ChunkData) {
            const qint64 taken = qMin<qint64>(m_bodyRemaining, in.size() - pos);
            pos += taken;
            m_bodyRemaining -= taken;
            if (m_bodyRemaining > 0)
                return {ParseStatus::NeedMore, pos};
            m_state = m_state == State::Body ? State::Done : State::ChunkDataEnd;
            continue;
        }
        // Chunk-size lines, chunk ends and trailers are consumed a whole line
        // at a time, so the line being read always starts the buffer next time.
        const QByteArrayView rest = in.sliced(pos);
        qsizetype bareCr = 0;
        const qsizetype lf = findLineEnd(rest, m_lineScanned, &bareCr);
        if (lf == kNeedMore) {
            const Failure failure = checkPartialBodyLine(rest);
            return failure.status ? fail(failure, pos) : ParseResult{ParseStatus::NeedMore, pos};
        }
        m_lineScanned = 0;
        // Byte order decides, as in the head: what the line broke before its
        // end comes before how it ended.
        if (const Failure failure = checkPartialBodyLine(rest.first(lf == kBareCr ? bareCr + 1 : lf)); failure.status)
            return fail(failure, pos);
        // The bare-LF leniency of RFC 9112 §2.2 covers the head only. In the
        // body framing, where requests get smuggled, lines end in CRLF (§7.1).
        if (lf == kBareCr || lf == 0 || rest[lf - 1] != '\r')
            return fail({400, "Chunked body line not ended by CRLF"}, pos);
        if (const Failure failure = takeBodyLine(rest.first(lf - 1), lf + 1); failure.status)
            return fail(failure, pos);
        pos += lf + 1;
    }
    if (m_request.chunked)
        m_request.contentLength = m_bodyTotal;
    return {ParseStatus::Complete, pos};
}

// As in the head, a line without its end is refused once it is over a bound.
RequestParser::Failure RequestParser::checkPartialBodyLine(QByteArrayView line) const
{
    if (m_state == State::ChunkSize && lineContent(line).size() > kMaxChunkLineBytes)
        return {400, "Chunk size line too long"};
    if (m_state == State::ChunkDataEnd && !lineContent(line).isEmpty())
        return {400, "Missing CRLF after chunk data"};
    if (m_state == State::Trailers && m_trailerBytes + line.size() > m_limits.maxHeaderBytes)
        return {431, "Trailer section too large"};
    return {};
}

RequestParser::Failure RequestParser::takeBodyLine(QByteArrayView line, qsizetype lineBytes)
{
    if (m_state == State::ChunkSize)
        return parseChunkSize(line);
    if (m_state == State::ChunkDataEnd) {
        m_state = State::ChunkSize;
        return line.isEmpty() ? Failure{} : Failure{400, "Missing CRLF after chunk data"};
    }
    // RFC 9112 §7.1.2: trailer fields are checked like header fields, then dropped.
    m_trailerBytes += lineBytes;
    if (m_trailerBytes > m_limits.maxHeaderBytes)
        return {431, "Trailer section too large"};
    QByteArrayView name;
    QByteArrayView value;
    if (line.isEmpty())
        m_state = State::Done;
    else if (const char *reason = splitField(line, name, value))
        return {400, reason};
    return {};
}

// RFC 9112 §7.1: chunk-size [ BWS ";" chunk-ext ], hex digits.
RequestParser::Failure RequestParser::parseChunkSize(QByteArrayView line)
{
    if (line.size() > kMaxChunkLineBytes)
        return {400, "Chunk size line too long"};
    qsizetype digits = 0;
    while (digits < line.size() && hexValue(line[digits]) >= 0)
        ++digits;
    const qint64 size = parseNumber(line.first(digits), 16);
    const QByteArrayView extensions = trimOws(line.sliced(digits));
    if (size < 0 || (digits < line.size() && !extensions.startsWith(';')))
        return {400, "Invalid chunk size"};
    // RFC 9112 §7.1.1: unknown extensions are ignored; only their bytes are checked.
    for (const char c : extensions) {
        if (!isValueChar(c))
            return {400, "Invalid chunk extension"};
    }
    if (size > m_limits.maxBodyBytes - m_bodyTotal)
        return {413, "Request body too large"};
    m_bodyTotal += size;
    m_bodyRemaining = size;
    m_state = size == 0 ? State::Trailers : State::ChunkData;
    return {};
}

} // namespace Net
