// Net::RequestParser on arbitrary bytes: delivered whole, one byte at a time
// (short inputs) and cut at points derived from the input, under the default
// limits and under tiny ones that make every limit reachable. Every way of
// cutting must give the same verdicts, as tst_requestparser demands of its rows.
#include "fuzzcheck.h"
#include "http/requestparser.h"

#include <QByteArray>
#include <QByteArrayList>
#include <QList>

#include <algorithm>
#include <cstdint>

using namespace Net;

namespace {

// Byte-at-a-time delivery costs a parse() call per byte; past this it only slows the fuzzer.
constexpr qsizetype kMaxBytewiseInput = 2048;

HttpLimits tinyLimits()
{
    HttpLimits limits;
    limits.maxRequestLineBytes = 32;
    limits.maxHeaderBytes = 64;
    limits.maxHeaderFields = 3;
    limits.maxBodyBytes = 16;
    return limits;
}

bool within(const HttpRequest::Span &span, qsizetype size)
{
    return span.offset >= 0 && span.length >= 0 && span.offset + qsizetype(span.length) <= size;
}

// What a connection can rely on once a request is complete, and a line that
// describes it for the comparison between deliveries.
QByteArray checkComplete(const HttpRequest &r, qsizetype consumed, const HttpLimits &limits)
{
    FUZZ_CHECK(r.head.endsWith('\n'));
    FUZZ_CHECK(within(r.method, r.head.size()) && r.method.length > 0);
    FUZZ_CHECK(within(r.target, r.head.size()) && r.target.length > 0);
    FUZZ_CHECK(r.requestLine().size() <= r.head.size());
    FUZZ_CHECK(r.versionMajor == 1 && (r.versionMinor == 0 || r.versionMinor == 1));
    FUZZ_CHECK(r.fields.size() <= limits.maxHeaderFields);
    FUZZ_CHECK(r.contentLength >= 0 && r.contentLength <= limits.maxBodyBytes);
    // The head, at most two skipped empty lines before it, and the body.
    const qsizetype framing = consumed - r.head.size() - r.contentLength;
    FUZZ_CHECK(r.chunked ? framing >= 5 : framing >= 0 && framing <= 4);

    QByteArray out = "Complete [" + r.requestLine().toByteArray() + "] length=" + QByteArray::number(r.contentLength)
            + (r.chunked ? " chunked" : "") + (r.expectContinue ? " expect-continue" : "")
            + (r.wantsKeepAlive() ? " keep-alive" : "");
    for (const HttpRequest::Field &field : r.fields) {
        FUZZ_CHECK(within(field.name, r.head.size()) && within(field.value, r.head.size()));
        out += " {" + r.view(field.name).toByteArray() + ": " + r.view(field.value).toByteArray() + '}';
    }
    FUZZ_CHECK(r.isHttp10() || !r.header("host").isNull());
    return out;
}

// Feeds `input` the way a connection does, arriving up to each cut in turn:
// the whole unconsumed buffer every time, dropping what the parser consumed,
// resetting and parsing the rest again after each Complete (pipelining).
QByteArray deliver(QByteArrayView input, const QList<qsizetype> &cuts, const HttpLimits &limits)
{
    RequestParser parser(limits);
    QByteArray buffer;
    QByteArray out;
    qsizetype arrived = 0;
    qsizetype consumed = 0; // by the request being parsed, over all calls
    for (const qsizetype cut : cuts) {
        buffer.append(input.sliced(arrived, cut - arrived));
        arrived = cut;
        for (;;) {
            const bool inHead = !parser.readingBody();
            const ParseResult result = parser.parse(buffer);
            FUZZ_CHECK(result.consumed >= 0 && result.consumed <= buffer.size());
            buffer.remove(0, result.consumed);
            consumed += result.consumed;
            if (result.status == ParseStatus::NeedMore) {
                // Nothing of a head is dropped before it is complete.
                FUZZ_CHECK(!(inHead && !parser.readingBody()) || result.consumed == 0);
                break;
            }
            if (result.status == ParseStatus::Error) {
                FUZZ_CHECK(result.errorStatus >= 400 && result.errorStatus <= 599);
                FUZZ_CHECK(result.errorReason && *result.errorReason);
                // An error sticks and consumes nothing more.
                const ParseResult again = parser.parse(buffer);
                FUZZ_CHECK(again.status == ParseStatus::Error && again.errorStatus == result.errorStatus
                           && again.consumed == 0);
                return out + "Error " + QByteArray::number(result.errorStatus) + " (" + result.errorReason
                        + ") consumed=" + QByteArray::number(consumed) + '\n';
            }
            // Every Complete drops at least one byte, so this loop ends.
            FUZZ_CHECK(result.consumed > 0);
            out += checkComplete(parser.request(), consumed, limits) + " consumed=" + QByteArray::number(consumed)
                    + '\n';
            consumed = 0;
            parser.reset();
        }
    }
    return out + "NeedMore consumed=" + QByteArray::number(consumed) + '\n';
}

// FNV-1a: cheap, and the same input always gives the same cuts.
quint64 hashOf(QByteArrayView data)
{
    quint64 h = 14695981039346656037ULL;
    for (const char c : data)
        h = (h ^ uchar(c)) * 1099511628211ULL;
    return h;
}

// Three cut points taken from the hash, then many short pieces (1..16 bytes)
// so that CRLF pairs and line ends straddle calls.
QList<QList<qsizetype>> derivedCuts(QByteArrayView data)
{
    const qsizetype size = data.size();
    quint64 h = hashOf(data);
    QList<qsizetype> points;
    for (int i = 0; i < 3; ++i, h >>= 16)
        points.append(qsizetype(h % quint64(size + 1)));
    std::sort(points.begin(), points.end());
    points.append(size);

    QList<qsizetype> pieces;
    quint64 state = hashOf(data) | 1;
    for (qsizetype at = 0; at < size;) {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        at = qMin(size, at + qsizetype(1 + state % 16));
        pieces.append(at);
    }
    return {points, pieces};
}

void checkEveryWay(QByteArrayView data, const HttpLimits &limits)
{
    const QByteArray whole = deliver(data, {data.size()}, limits);
    QList<QList<qsizetype>> ways = derivedCuts(data);
    if (data.size() <= kMaxBytewiseInput) {
        QList<qsizetype> bytewise;
        for (qsizetype i = 1; i <= data.size(); ++i)
            bytewise.append(i);
        ways.append(bytewise);
    }
    for (const QList<qsizetype> &cuts : std::as_const(ways)) {
        const QByteArray cut = deliver(data, cuts, limits);
        if (cut != whole) {
            QByteArrayList points;
            for (const qsizetype point : cuts)
                points.append(QByteArray::number(point));
            std::fprintf(stderr, "Delivered whole:\n%s\nDelivered up to %s:\n%s\n", whole.constData(),
                         points.join(',').constData(), cut.constData());
            FUZZ_CHECK(cut == whole);
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    checkEveryWay(input, HttpLimits());
    checkEveryWay(input, tinyLimits());
    return 0;
}
