#include "http/requestparser.h"

#include <QRandomGenerator>
#include <QScopeGuard>
#include <QTest>

#include <utility>

using namespace Net;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(Net::HttpLimits)

namespace {

constexpr int kRandomSplits = 12;

// What a connection saw for one request.
struct Verdict
{
    ParseStatus status = ParseStatus::NeedMore;
    int errorStatus = 0;
    QByteArray errorReason;
    qsizetype consumed = 0;      // bytes dropped for this request, over all calls
    qsizetype arrived = 0;       // bytes delivered when the verdict came
    bool consumedInHead = false; // the parser asked to drop bytes before the head was complete
    HttpRequest request;
};

// Feeds `input` in pieces of the given sizes the way a connection does: the
// whole unconsumed buffer on every arrival, dropping what the parser consumed,
// resetting and parsing the rest after each Complete. Returns one verdict per
// request; the last is NeedMore (with what it consumed) unless an Error ended it.
QList<Verdict> deliver(const QByteArray &input, const QList<qsizetype> &pieces, const HttpLimits &limits)
{
    RequestParser parser(limits);
    QByteArray buffer;
    QList<Verdict> verdicts;
    Verdict current;
    qsizetype arrived = 0;
    for (const qsizetype piece : pieces) {
        buffer.append(input.mid(arrived, piece));
        arrived += piece;
        for (;;) {
            const bool inHead = !parser.readingBody();
            const ParseResult result = parser.parse(buffer);
            buffer.remove(0, result.consumed);
            current.consumed += result.consumed;
            if (result.status == ParseStatus::NeedMore) {
                current.consumedInHead = current.consumedInHead || (inHead && !parser.readingBody() && result.consumed);
                break;
            }
            current.status = result.status;
            current.errorStatus = result.errorStatus;
            current.errorReason = result.errorReason;
            current.arrived = arrived;
            if (result.status == ParseStatus::Error) {
                verdicts.append(current);
                return verdicts;
            }
            current.request = parser.request();
            verdicts.append(std::exchange(current, Verdict()));
            parser.reset();
        }
    }
    verdicts.append(current);
    return verdicts;
}

// One line per verdict, so that two ways of feeding compare with one QCOMPARE.
QByteArray describe(const QList<Verdict> &verdicts)
{
    QByteArray out;
    for (const Verdict &v : verdicts) {
        const HttpRequest &r = v.request;
        switch (v.status) {
        case ParseStatus::NeedMore:
            out += "NeedMore";
            break;
        case ParseStatus::Error:
            out += "Error " + QByteArray::number(v.errorStatus) + " (" + v.errorReason + ')';
            break;
        case ParseStatus::Complete:
            out += "Complete [" + r.requestLine().toByteArray() + "] length=" + QByteArray::number(r.contentLength)
                    + (r.chunked ? " chunked" : "") + (r.expectContinue ? " expect-continue" : "");
            for (const HttpRequest::Field &field : r.fields)
                out += " {" + r.view(field.name).toByteArray() + ": " + r.view(field.value).toByteArray() + '}';
            break;
        }
        out += " consumed=" + QByteArray::number(v.consumed) + (v.consumedInHead ? " CONSUMED-IN-HEAD" : "") + '\n';
    }
    return out;
}

// Mostly small pieces, now and then a large one, so that line ends, CRLF
// pairs and whole lines all end up straddling parse() calls.
QList<qsizetype> randomPieces(qsizetype size, QRandomGenerator &rng)
{
    QList<qsizetype> pieces;
    for (qsizetype left = size; left > 0;) {
        const quint64 cap = rng.bounded(4) == 0 ? quint64(left) : quint64(qMin<qsizetype>(left, 16));
        const auto piece = qsizetype(1 + rng.bounded(cap));
        pieces.append(piece);
        left -= piece;
    }
    return pieces;
}

HttpLimits makeLimits(qsizetype requestLine, qsizetype headerBytes, int fields, qint64 body)
{
    HttpLimits limits;
    limits.maxRequestLineBytes = requestLine;
    limits.maxHeaderBytes = headerBytes;
    limits.maxHeaderFields = fields;
    limits.maxBodyBytes = body;
    return limits;
}

// Small bounds so that the at-the-limit rows stay short.
HttpLimits tinyLimits() { return makeLimits(32, 64, 3, 16); }

// "GET /aaa… HTTP/1.1" of exactly `size` bytes (without CRLF).
QByteArray requestLineOfSize(qsizetype size)
{
    const QByteArray prefix = "GET /"_ba;
    const QByteArray suffix = " HTTP/1.1"_ba;
    return prefix + QByteArray(size - prefix.size() - suffix.size(), 'a') + suffix;
}

// A header section (Host, one filler field, blank line) of exactly `size` bytes.
QByteArray headerSectionOfSize(qsizetype size)
{
    const QByteArray fixed = "Host: x\r\nX-Fill: \r\n\r\n"_ba;
    return "Host: x\r\nX-Fill: "_ba + QByteArray(size - fixed.size(), 'f') + "\r\n\r\n"_ba;
}

// "Host: x" and then `count - 1` more fields.
QByteArrayList fieldList(int count)
{
    QByteArrayList fields{"Host: x"_ba};
    for (int i = 1; i < count; ++i)
        fields.append("X-Field-" + QByteArray::number(i) + ": v");
    return fields;
}

QByteArray requestWithFields(const QByteArrayList &fields, const QByteArray &requestLine = "GET / HTTP/1.1"_ba)
{
    return requestLine + "\r\n" + fields.join("\r\n") + "\r\n\r\n";
}

const QByteArray kPostChunkedHead = "POST /up HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"_ba;

quint32 chooseSeed()
{
    bool ok = false;
    const quint32 seed = qEnvironmentVariable("WIREBENCH_TEST_SEED").toUInt(&ok);
    return ok ? seed : QRandomGenerator::system()->generate();
}

} // namespace

class tst_RequestParser : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { m_seed = chooseSeed(); }

    void validRequests_data();
    void validRequests();
    void invalidRequests_data();
    void invalidRequests();
    void earlyDetection_data();
    void earlyDetection();
    void pipelining_data();
    void pipelining();
    void partialSecondRequest();
    void headConsumedOnlyWhenComplete();
    void bodyConsumedAsItArrives();
    void oneByteLargeHead();
    void headerLookup();
    void wantsKeepAlive_data();
    void wantsKeepAlive();
    void headerListContains_data();
    void headerListContains();

private:
    void deliverEveryWay(const QByteArray &input, const HttpLimits &limits, QList<Verdict> &whole);

    quint32 m_seed = 0;
};

// Every way of cutting the input must give the verdicts of the whole buffer.
void tst_RequestParser::deliverEveryWay(const QByteArray &input, const HttpLimits &limits, QList<Verdict> &whole)
{
    const auto printSeed = qScopeGuard([this] {
        if (QTest::currentTestFailed())
            qWarning("Random splits used seed %u; run with WIREBENCH_TEST_SEED=%u to repeat.", m_seed, m_seed);
    });
    whole = deliver(input, {input.size()}, limits);
    const QByteArray expected = describe(whole);
    QCOMPARE(describe(deliver(input, QList<qsizetype>(input.size(), 1), limits)), expected);
    QRandomGenerator rng(m_seed);
    for (int i = 0; i < kRandomSplits; ++i)
        QCOMPARE(describe(deliver(input, randomPieces(input.size(), rng), limits)), expected);
}

// ---------------------------------------------------------------------------

namespace {

void addValid(const char *name, const QByteArray &input, const QByteArray &method, const QByteArray &target,
              int minor, const QByteArrayList &fields, qint64 contentLength = 0, bool chunked = false,
              bool expectContinue = false, const HttpLimits &limits = {})
{
    QTest::addRow("%s", name) << input << limits << method << target << minor << fields << contentLength
                              << chunked << expectContinue;
}

} // namespace

void tst_RequestParser::validRequests_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<HttpLimits>("limits");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<int>("minor");
    QTest::addColumn<QByteArrayList>("fields");
    QTest::addColumn<qint64>("contentLength");
    QTest::addColumn<bool>("chunked");
    QTest::addColumn<bool>("expectContinue");

    const QByteArrayList host{"Host: x"_ba};
    addValid("GET", "GET / HTTP/1.1\r\nHost: x\r\n\r\n"_ba, "GET"_ba, "/"_ba, 1, host);
    addValid("HEAD with query", "HEAD /a/b.html?q=1&r=%20 HTTP/1.1\r\nHost: x\r\n\r\n"_ba, "HEAD"_ba,
             "/a/b.html?q=1&r=%20"_ba, 1, host);
    addValid("absolute-form target", "GET http://example.com:8080/p?q HTTP/1.1\r\nHost: example.com:8080\r\n\r\n"_ba,
             "GET"_ba, "http://example.com:8080/p?q"_ba, 1, {"Host: example.com:8080"_ba});
    addValid("asterisk-form OPTIONS", "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n"_ba, "OPTIONS"_ba, "*"_ba, 1, host);
    addValid("any token is a method", "M-SEARCH! / HTTP/1.1\r\nHost: x\r\n\r\n"_ba, "M-SEARCH!"_ba, "/"_ba, 1, host);
    addValid("HTTP/1.0 without Host", "GET / HTTP/1.0\r\n\r\n"_ba, "GET"_ba, "/"_ba, 0, {});
    addValid("HTTP/1.0 with Host", "GET / HTTP/1.0\r\nHost: x\r\n\r\n"_ba, "GET"_ba, "/"_ba, 0, host);
    addValid("many headers", requestWithFields(fieldList(40)), "GET"_ba, "/"_ba, 1, fieldList(40));
    addValid("duplicate fields kept in order",
             "GET / HTTP/1.1\r\nAccept: a\r\nHost: x\r\naccept: b\r\nX: 1\r\nACCEPT: c\r\n\r\n"_ba, "GET"_ba, "/"_ba, 1,
             {"Accept: a"_ba, "Host: x"_ba, "accept: b"_ba, "X: 1"_ba, "ACCEPT: c"_ba});
    addValid("OWS trimmed, inner kept", "GET / HTTP/1.1\r\nHost:x\r\nX-Tab:\t a\tb c \t\r\nX-Empty:\r\nX-Blank:   \r\n\r\n"_ba,
             "GET"_ba, "/"_ba, 1, {"Host: x"_ba, "X-Tab: a\tb c"_ba, "X-Empty: "_ba, "X-Blank: "_ba});
    addValid("obs-text in a value", "GET / HTTP/1.1\r\nHost: x\r\nX-Name: caf\xc3\xa9\xff\r\n\r\n"_ba, "GET"_ba,
             "/"_ba, 1, {"Host: x"_ba, "X-Name: caf\xc3\xa9\xff"_ba});
    addValid("bare LF lines", "GET / HTTP/1.1\nHost: x\nX: y\n\n"_ba, "GET"_ba, "/"_ba, 1, {"Host: x"_ba, "X: y"_ba});
    addValid("mixed CRLF and LF", "GET / HTTP/1.1\r\nHost: x\nX: y\r\n\n"_ba, "GET"_ba, "/"_ba, 1,
             {"Host: x"_ba, "X: y"_ba});
    addValid("two leading empty lines", "\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n"_ba, "GET"_ba, "/"_ba, 1, host);
    addValid("leading LF and CRLF", "\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n"_ba, "GET"_ba, "/"_ba, 1, host);
    addValid("Content-Length body", "POST /f HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"_ba, "POST"_ba,
             "/f"_ba, 1, {"Host: x"_ba, "Content-Length: 5"_ba}, 5);
    addValid("GET body is discarded", "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"_ba, "GET"_ba, "/"_ba,
             1, {"Host: x"_ba, "Content-Length: 3"_ba}, 3);
    addValid("Content-Length 0", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"_ba, "POST"_ba, "/"_ba, 1,
             {"Host: x"_ba, "Content-Length: 0"_ba});
    addValid("Content-Length leading zeros", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0003\r\n\r\nabc"_ba,
             "POST"_ba, "/"_ba, 1, {"Host: x"_ba, "Content-Length: 0003"_ba}, 3);
    addValid("identical Content-Length fields",
             "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\ncontent-length: 3\r\n\r\nabc"_ba, "POST"_ba, "/"_ba, 1,
             {"Host: x"_ba, "Content-Length: 3"_ba, "content-length: 3"_ba}, 3);
    addValid("identical Content-Length list", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3, 3\r\n\r\nabc"_ba,
             "POST"_ba, "/"_ba, 1, {"Host: x"_ba, "Content-Length: 3, 3"_ba}, 3);
    addValid("chunked", kPostChunkedHead + "5\r\nhello\r\n0\r\n\r\n"_ba, "POST"_ba, "/up"_ba, 1,
             {"Host: x"_ba, "Transfer-Encoding: chunked"_ba}, 5, true);
    addValid("chunked with extensions and trailers",
             kPostChunkedHead + "5;name=value\r\nhello\r\nA ; a=\"q\" ;b\r\n0123456789\r\n0;last\r\nX-Sum: 1\r\nX-T: u\r\n\r\n"_ba,
             "POST"_ba, "/up"_ba, 1, {"Host: x"_ba, "Transfer-Encoding: chunked"_ba}, 15, true);
    addValid("chunked hex sizes", kPostChunkedHead + "1a\r\n"_ba + QByteArray(26, 'z') + "\r\n00B\r\n"_ba
                     + QByteArray(11, 'y') + "\r\n000\r\n\r\n"_ba,
             "POST"_ba, "/up"_ba, 1, {"Host: x"_ba, "Transfer-Encoding: chunked"_ba}, 37, true);
    addValid("chunked is case-insensitive",
             "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: CHUNKED\r\n\r\n3\r\nabc\r\n0\r\n\r\n"_ba, "POST"_ba, "/"_ba,
             1, {"Host: x"_ba, "Transfer-Encoding: CHUNKED"_ba}, 3, true);
    addValid("bare LF head, CRLF chunks", "POST / HTTP/1.1\nHost: x\nTransfer-Encoding: chunked\n\n3\r\nabc\r\n0\r\n\r\n"_ba,
             "POST"_ba, "/"_ba, 1, {"Host: x"_ba, "Transfer-Encoding: chunked"_ba}, 3, true);
    addValid("Expect: 100-continue", "PUT /f HTTP/1.1\r\nHost: x\r\nExpect: 100-Continue\r\nContent-Length: 2\r\n\r\nhi"_ba,
             "PUT"_ba, "/f"_ba, 1, {"Host: x"_ba, "Expect: 100-Continue"_ba, "Content-Length: 2"_ba}, 2, false, true);
    addValid("other Expect ignored", "PUT / HTTP/1.1\r\nHost: x\r\nExpect: 200-ok\r\n\r\n"_ba, "PUT"_ba, "/"_ba, 1,
             {"Host: x"_ba, "Expect: 200-ok"_ba});
    addValid("Expect in HTTP/1.0 ignored", "PUT / HTTP/1.0\r\nExpect: 100-continue\r\n\r\n"_ba, "PUT"_ba, "/"_ba, 0,
             {"Expect: 100-continue"_ba});

    // Every limit, exactly at it (the matching rows one over are invalid).
    const QByteArray line8k = requestLineOfSize(8192);
    addValid("request line at 8192", line8k + "\r\nHost: x\r\n\r\n"_ba, "GET"_ba, line8k.sliced(4, 8192 - 13), 1, host);
    addValid("header section at 16384", "GET / HTTP/1.1\r\n"_ba + headerSectionOfSize(16384), "GET"_ba, "/"_ba, 1,
             {"Host: x"_ba, "X-Fill: "_ba + QByteArray(16384 - 21, 'f')});
    addValid("100 fields", requestWithFields(fieldList(100)), "GET"_ba, "/"_ba, 1, fieldList(100));
    addValid("body at 1 MiB", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1048576\r\n\r\n"_ba + QByteArray(1 << 20, 'b'),
             "POST"_ba, "/"_ba, 1, {"Host: x"_ba, "Content-Length: 1048576"_ba}, 1 << 20);
    const QByteArray line32 = requestLineOfSize(32);
    addValid("tiny: request line at 32", line32 + "\r\nHost: x\r\n\r\n"_ba, "GET"_ba, line32.sliced(4, 32 - 13), 1, host,
             0, false, false, tinyLimits());
    addValid("tiny: header section at 64", "GET / HTTP/1.1\r\n"_ba + headerSectionOfSize(64), "GET"_ba, "/"_ba, 1,
             {"Host: x"_ba, "X-Fill: "_ba + QByteArray(64 - 21, 'f')}, 0, false, false, tinyLimits());
    addValid("tiny: 3 fields", requestWithFields(fieldList(3)), "GET"_ba, "/"_ba, 1, fieldList(3), 0, false, false,
             tinyLimits());
    addValid("tiny: body at 16", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 16\r\n\r\n"_ba + QByteArray(16, 'b'),
             "POST"_ba, "/"_ba, 1, {"Host: x"_ba, "Content-Length: 16"_ba}, 16, false, false, tinyLimits());
    addValid("tiny: chunked body at 16", kPostChunkedHead + "a\r\n0123456789\r\n6\r\nabcdef\r\n0\r\n\r\n"_ba, "POST"_ba,
             "/up"_ba, 1, {"Host: x"_ba, "Transfer-Encoding: chunked"_ba}, 16, true, false, tinyLimits());
    addValid("tiny: trailer section at 64",
             kPostChunkedHead + "0\r\nX-T: "_ba + QByteArray(64 - 9, 't') + "\r\n\r\n"_ba, "POST"_ba, "/up"_ba, 1,
             {"Host: x"_ba, "Transfer-Encoding: chunked"_ba}, 0, true, false, tinyLimits());
}

void tst_RequestParser::validRequests()
{
    QFETCH(QByteArray, input);
    QFETCH(HttpLimits, limits);
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, target);
    QFETCH(int, minor);
    QFETCH(QByteArrayList, fields);
    QFETCH(qint64, contentLength);
    QFETCH(bool, chunked);
    QFETCH(bool, expectContinue);

    QList<Verdict> verdicts;
    deliverEveryWay(input, limits, verdicts);
    if (QTest::currentTestFailed())
        return;

    QCOMPARE(verdicts.size(), 2); // the request, then nothing left over
    const Verdict &v = verdicts.first();
    QCOMPARE(v.status, ParseStatus::Complete);
    QCOMPARE(v.consumed, input.size());
    QVERIFY(!v.consumedInHead);
    const HttpRequest &r = v.request;
    QCOMPARE(r.methodView().toByteArray(), method);
    QCOMPARE(r.targetView().toByteArray(), target);
    QCOMPARE(r.versionMajor, 1);
    QCOMPARE(r.versionMinor, minor);
    QByteArrayList actualFields;
    for (const HttpRequest::Field &field : r.fields)
        actualFields.append(r.view(field.name).toByteArray() + ": " + r.view(field.value).toByteArray());
    QCOMPARE(actualFields, fields);
    QCOMPARE(r.contentLength, contentLength);
    QCOMPARE(r.chunked, chunked);
    QCOMPARE(r.expectContinue, expectContinue);
    QVERIFY(r.head.endsWith('\n'));
    QVERIFY(input.contains(r.head));
    QCOMPARE(verdicts.last().status, ParseStatus::NeedMore);
    QCOMPARE(verdicts.last().consumed, qsizetype(0));
}

// ---------------------------------------------------------------------------

void tst_RequestParser::invalidRequests_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<HttpLimits>("limits");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("reason"); // empty: any reason

    const auto row = [](const char *name, const QByteArray &input, int status, const QByteArray &reason = {},
                        const HttpLimits &limits = {}) {
        QTest::addRow("%s", name) << input << limits << status << reason;
    };

    // Request line (RFC 9112 §3).
    row("lowercase version", "GET / http/1.1\r\nHost: x\r\n\r\n"_ba, 400, "Malformed HTTP version"_ba);
    row("no version", "GET /\r\nHost: x\r\n\r\n"_ba, 400);
    row("two spaces", "GET  / HTTP/1.1\r\nHost: x\r\n\r\n"_ba, 400);
    row("space after version", "GET / HTTP/1.1 \r\nHost: x\r\n\r\n"_ba, 400);
    row("leading space", " GET / HTTP/1.1\r\nHost: x\r\n\r\n"_ba, 400);
    row("method not a token", "GE(T / HTTP/1.1\r\nHost: x\r\n\r\n"_ba, 400);
    row("tab as separator", "GET\t/ HTTP/1.1\r\nHost: x\r\n\r\n"_ba, 400);
    row("CTL in target", "GET /a\x01z HTTP/1.1\r\nHost: x\r\n\r\n"_ba, 400, "Invalid request target"_ba);
    row("DEL in target", "GET /a\x7fz HTTP/1.1\r\nHost: x\r\n\r\n"_ba, 400);
    row("non-ASCII target", "GET /caf\xc3\xa9 HTTP/1.1\r\nHost: x\r\n\r\n"_ba, 400);
    row("NUL in target", "GET /a\0b HTTP/1.1\r\nHost: x\r\n\r\n"_ba, 400);
    row("version HTTP/1.10", "GET / HTTP/1.10\r\nHost: x\r\n\r\n"_ba, 400);
    row("version HTTP/1", "GET / HTTP/1\r\nHost: x\r\n\r\n"_ba, 400);
    row("version HTTP/1,1", "GET / HTTP/1,1\r\nHost: x\r\n\r\n"_ba, 400);
    row("version HTTP/a.1", "GET / HTTP/a.1\r\nHost: x\r\n\r\n"_ba, 400);
    row("version HTTPS/1.1", "GET / HTTPS/1.1\r\nHost: x\r\n\r\n"_ba, 400);
    row("three empty lines first", "\r\n\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n"_ba, 400);
    row("bare CR ends request line", "GET / HTTP/1.1\rHost: x\r\n\r\n"_ba, 400, "Bare CR in request head"_ba);
    row("bare CR before request line", "\rGET / HTTP/1.1\r\nHost: x\r\n\r\n"_ba, 400);

    // Versions (RFC 9110 §6.2, 15.6.6).
    row("HTTP/2.0", "GET / HTTP/2.0\r\nHost: x\r\n\r\n"_ba, 505, "Unsupported HTTP version"_ba);
    row("HTTP/1.2", "GET / HTTP/1.2\r\nHost: x\r\n\r\n"_ba, 505);
    row("HTTP/0.9", "GET / HTTP/0.9\r\n\r\n"_ba, 505);
    row("HTTP/3.1", "GET / HTTP/3.1\r\nHost: x\r\n\r\n"_ba, 505);

    // Header fields (RFC 9112 §5).
    row("space before colon", "GET / HTTP/1.1\r\nHost : x\r\n\r\n"_ba, 400, "Whitespace before colon in header"_ba);
    row("tab before colon", "GET / HTTP/1.1\r\nHost: x\r\nX\t: y\r\n\r\n"_ba, 400);
    row("obs-fold", "GET / HTTP/1.1\r\nHost: x\r\nX: a\r\n  b\r\n\r\n"_ba, 400, "Obsolete line folding in header"_ba);
    row("first field folded", "GET / HTTP/1.1\r\n\tHost: x\r\n\r\n"_ba, 400);
    row("no colon", "GET / HTTP/1.1\r\nHost: x\r\nJunk\r\n\r\n"_ba, 400);
    row("empty name", "GET / HTTP/1.1\r\nHost: x\r\n: v\r\n\r\n"_ba, 400);
    row("name not a token", "GET / HTTP/1.1\r\nHost: x\r\nX(y): v\r\n\r\n"_ba, 400);
    row("CTL in value", "GET / HTTP/1.1\r\nHost: x\r\nX: a\x01z\r\n\r\n"_ba, 400);
    row("DEL in value", "GET / HTTP/1.1\r\nHost: x\r\nX: a\x7fz\r\n\r\n"_ba, 400);
    row("NUL in value", "GET / HTTP/1.1\r\nHost: x\r\nX: a\0z\r\n\r\n"_ba, 400);
    row("NUL in name", "GET / HTTP/1.1\r\nHost: x\r\nX\0: v\r\n\r\n"_ba, 400);
    row("bare CR in value", "GET / HTTP/1.1\r\nHost: x\r\nX: a\rb\r\n\r\n"_ba, 400);
    row("bare CR ends head", "GET / HTTP/1.1\r\nHost: x\r\n\rX"_ba, 400);

    // Host (RFC 9112 §3.2).
    row("HTTP/1.1 without Host", "GET / HTTP/1.1\r\nX: y\r\n\r\n"_ba, 400, "Missing Host header"_ba);
    row("two Host fields", "GET / HTTP/1.1\r\nHost: a\r\nhost: a\r\n\r\n"_ba, 400, "Multiple Host headers"_ba);
    row("two Host fields in HTTP/1.0", "GET / HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n"_ba, 400);

    // Content-Length (RFC 9110 §8.6, RFC 9112 §6.3).
    row("Content-Length not digits", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1a\r\n\r\n"_ba, 400,
        "Invalid Content-Length"_ba);
    row("Content-Length negative", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n"_ba, 400);
    row("Content-Length plus sign", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: +1\r\n\r\n"_ba, 400);
    row("Content-Length empty", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length:\r\n\r\n"_ba, 400);
    row("Content-Length inner space", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1 2\r\n\r\n12"_ba, 400);
    row("Content-Length overflow", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n"_ba,
        400);
    row("conflicting Content-Length fields",
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd"_ba, 400,
        "Conflicting Content-Length"_ba);
    row("conflicting Content-Length list", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3, 4\r\n\r\nabcd"_ba, 400,
        "Conflicting Content-Length"_ba);

    // Transfer-Encoding (RFC 9112 §6.1, §6.3).
    row("Transfer-Encoding and Content-Length",
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"_ba, 400,
        "Both Transfer-Encoding and Content-Length"_ba);
    row("Transfer-Encoding in HTTP/1.0", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"_ba, 400);
    row("chunked not final", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, gzip\r\n\r\n"_ba, 400);
    row("gzip alone", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n"_ba, 400,
        "Chunked is not the final transfer coding"_ba);
    row("chunked twice",
        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"_ba, 400,
        "Chunked applied more than once"_ba);
    row("empty Transfer-Encoding", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: , \r\n\r\n"_ba, 400);
    row("gzip, chunked", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n"_ba, 501,
        "Unsupported transfer coding"_ba);
    row("gzip then chunked fields",
        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"_ba, 501);

    // Chunked body (RFC 9112 §7.1).
    row("chunk size not hex", kPostChunkedHead + "g\r\n"_ba, 400, "Invalid chunk size"_ba);
    row("chunk size empty", kPostChunkedHead + "\r\nhello\r\n0\r\n\r\n"_ba, 400);
    row("chunk size negative", kPostChunkedHead + "-5\r\nhello\r\n0\r\n\r\n"_ba, 400);
    row("chunk size 0x prefix", kPostChunkedHead + "0x5\r\nhello\r\n0\r\n\r\n"_ba, 400);
    row("chunk size trailing space", kPostChunkedHead + "5 \r\nhello\r\n0\r\n\r\n"_ba, 400);
    row("chunk size overflow", kPostChunkedHead + "10000000000000000\r\n"_ba, 400);
    row("CTL in chunk extension", kPostChunkedHead + "5;a\x01\r\nhello\r\n0\r\n\r\n"_ba, 400,
        "Invalid chunk extension"_ba);
    row("chunk data too long", kPostChunkedHead + "5\r\nhelloX\r\n0\r\n\r\n"_ba, 400, "Missing CRLF after chunk data"_ba);
    row("chunk data too short", kPostChunkedHead + "5\r\nhell\r\n0\r\n\r\n"_ba, 400);
    row("bare LF after chunk size", kPostChunkedHead + "5\nhello\r\n0\r\n\r\n"_ba, 400,
        "Chunked body line not ended by CRLF"_ba);
    row("bare LF after chunk data", kPostChunkedHead + "5\r\nhello\n0\r\n\r\n"_ba, 400);
    row("bare LF ends trailers", kPostChunkedHead + "0\r\nX: y\r\n\n"_ba, 400);
    row("bare CR after chunk size", kPostChunkedHead + "5\rhello\r\n0\r\n\r\n"_ba, 400, "Chunked body line not ended by CRLF"_ba);
    row("bad trailer field", kPostChunkedHead + "0\r\nNot a field\r\n\r\n"_ba, 400);
    row("folded trailer field", kPostChunkedHead + "0\r\nX: a\r\n b\r\n\r\n"_ba, 400);

    // Limits: one over each (the valid rows hold the same requests at the limit).
    row("request line at 8193", requestLineOfSize(8193) + "\r\nHost: x\r\n\r\n"_ba, 414, "Request line too long"_ba);
    row("header section at 16385", "GET / HTTP/1.1\r\n"_ba + headerSectionOfSize(16385), 431,
        "Header section too large"_ba);
    row("101 fields", requestWithFields(fieldList(101)), 431, "Too many header fields"_ba);
    row("body over 1 MiB", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1048577\r\n\r\n"_ba, 413,
        "Request body too large"_ba);
    row("tiny: request line at 33", requestLineOfSize(33) + "\r\nHost: x\r\n\r\n"_ba, 414, {}, tinyLimits());
    row("tiny: header section at 65", "GET / HTTP/1.1\r\n"_ba + headerSectionOfSize(65), 431, {}, tinyLimits());
    row("tiny: 4 fields", requestWithFields(fieldList(4)), 431, "Too many header fields"_ba, tinyLimits());
    row("tiny: body at 17", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 17\r\n\r\n"_ba + QByteArray(17, 'b'), 413,
        {}, tinyLimits());
    row("tiny: chunked body at 17", kPostChunkedHead + "a\r\n0123456789\r\n7\r\nabcdefg\r\n0\r\n\r\n"_ba, 413, {},
        tinyLimits());
    row("tiny: trailer section at 65", kPostChunkedHead + "0\r\nX-T: "_ba + QByteArray(65 - 9, 't') + "\r\n\r\n"_ba,
        431, "Trailer section too large"_ba, tinyLimits());
    row("huge chunk size", kPostChunkedHead + "7fffffffffffffff\r\n"_ba, 413);

    // Found by tests/fuzz/fuzz_requestparser: a line that breaks a limit (or
    // the chunk framing) before it breaks the line-end syntax must get the
    // same verdict whole as cut; the status expected is the first violation
    // in byte order, the one byte-at-a-time delivery sees.
    row("fuzz: stray byte after chunk data, bare LF", kPostChunkedHead + "5\r\nhelloX\n0\r\n\r\n"_ba, 400);
    row("fuzz: long chunk-size line, bare LF", kPostChunkedHead + "1;"_ba + QByteArray(5000, 'e') + "\n"_ba, 400);
    row("fuzz: tiny: long request line, then bare CR",
        "GET /"_ba + QByteArray(40, 'a') + "\r HTTP/1.1\r\nHost: x\r\n\r\n"_ba, 414, {}, tinyLimits());
    row("fuzz: tiny: long header section, then bare CR",
        "GET / HTTP/1.1\r\nHost: x\r\nX: "_ba + QByteArray(60, 'a') + "\rb\r\n\r\n"_ba, 431, {}, tinyLimits());
    row("fuzz: tiny: long trailer section, bare LF", kPostChunkedHead + "0\r\nX-T: "_ba + QByteArray(60, 't') + "\n\r\n"_ba,
        431, {}, tinyLimits());
}

void tst_RequestParser::invalidRequests()
{
    QFETCH(QByteArray, input);
    QFETCH(HttpLimits, limits);
    QFETCH(int, status);
    QFETCH(QByteArray, reason);

    QList<Verdict> verdicts;
    deliverEveryWay(input, limits, verdicts);
    if (QTest::currentTestFailed())
        return;

    QCOMPARE(verdicts.size(), 1);
    const Verdict &v = verdicts.first();
    QCOMPARE(v.status, ParseStatus::Error);
    QCOMPARE(v.errorStatus, status);
    QVERIFY(!v.errorReason.isEmpty());
    if (!reason.isEmpty())
        QCOMPARE(v.errorReason, reason);
    QVERIFY(!v.consumedInHead);
}

// ---------------------------------------------------------------------------

// With bytes arriving one at a time, a limit fires on the first byte past it,
// not at the end of the line or section; and nothing fires at the limit.
void tst_RequestParser::earlyDetection_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<HttpLimits>("limits");
    QTest::addColumn<int>("status");        // 0: still waiting for more after the last byte
    QTest::addColumn<qsizetype>("verdictAt"); // bytes delivered when the error came

    const HttpLimits defaults;
    const QByteArray requestLine = "GET / HTTP/1.1\r\n"_ba;
    const QByteArray head101 = requestLine + fieldList(101).join("\r\n") + "\r\n";

    QTest::addRow("request line, byte 8193") << "GET /"_ba + QByteArray(9000, 'a') << defaults << 414 << qsizetype(8193);
    QTest::addRow("request line of 8192 and CR waits") << requestLineOfSize(8192) + '\r' << defaults << 0 << qsizetype(0);
    QTest::addRow("tiny: request line, byte 33") << "GET /"_ba + QByteArray(100, 'a') << tinyLimits() << 414
                                                 << qsizetype(33);
    QTest::addRow("header section, byte 16385") << requestLine + "Host: x\r\nX: "_ba + QByteArray(20000, 'a')
                                                << defaults << 431 << qsizetype(requestLine.size() + 16385);
    QTest::addRow("header section of 16384 waits for its end")
            << requestLine + "Host: x\r\nX: "_ba + QByteArray(16384 - 12, 'a') << defaults << 0 << qsizetype(0);
    QTest::addRow("101st field, at its line end") << head101 + "X-More: v\r\n"_ba << defaults << 431
                                                  << qsizetype(head101.size());
    QTest::addRow("bare CR, at the next byte") << "GET / HTTP/1.1\rHost: x"_ba << defaults << 400 << qsizetype(16);
    const QByteArray tooLong = "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 17\r\n\r\n"_ba;
    QTest::addRow("Content-Length over limit, before the body")
            << tooLong + "0123"_ba << tinyLimits() << 413 << tooLong.size();
    QTest::addRow("chunk over limit, before its data")
            << kPostChunkedHead + "11\r\n0123"_ba << tinyLimits() << 413 << qsizetype(kPostChunkedHead.size() + 4);
    QTest::addRow("chunk-size line, byte 4097")
            << kPostChunkedHead + "5;"_ba + QByteArray(5000, 'e') << defaults << 400
            << qsizetype(kPostChunkedHead.size() + 4097);
    QTest::addRow("chunk data end, at the wrong byte")
            << kPostChunkedHead + "5\r\nhelloX\r\n"_ba << defaults << 400 << qsizetype(kPostChunkedHead.size() + 9);
    QTest::addRow("trailer section, byte 65")
            << kPostChunkedHead + "0\r\nX: "_ba + QByteArray(100, 't') << tinyLimits() << 431
            << qsizetype(kPostChunkedHead.size() + 3 + 65);
}

void tst_RequestParser::earlyDetection()
{
    QFETCH(QByteArray, input);
    QFETCH(HttpLimits, limits);
    QFETCH(int, status);
    QFETCH(qsizetype, verdictAt);

    const QList<Verdict> byByte = deliver(input, QList<qsizetype>(input.size(), 1), limits);
    const QList<Verdict> whole = deliver(input, {input.size()}, limits);
    QCOMPARE(byByte.size(), 1);
    QCOMPARE(describe(byByte), describe(whole));
    if (status == 0) {
        QCOMPARE(byByte.first().status, ParseStatus::NeedMore);
        return;
    }
    QCOMPARE(byByte.first().status, ParseStatus::Error);
    QCOMPARE(byByte.first().errorStatus, status);
    QCOMPARE(byByte.first().arrived, verdictAt);
}

// ---------------------------------------------------------------------------

void tst_RequestParser::pipelining_data()
{
    QTest::addColumn<QByteArrayList>("requests"); // delivered back to back in one buffer
    QTest::addColumn<QByteArrayList>("targets");  // of the complete ones, in order

    const QByteArray getA = "GET /a HTTP/1.1\r\nHost: x\r\n\r\n"_ba;
    const QByteArray getC = "GET /c HTTP/1.1\r\nHost: x\r\n\r\n"_ba;
    QTest::addRow("three, one with a Content-Length body")
            << QByteArrayList{getA, "POST /b HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"_ba, getC}
            << QByteArrayList{"/a"_ba, "/b"_ba, "/c"_ba};
    QTest::addRow("three, one chunked")
            << QByteArrayList{getA, "POST /b HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                                    "3\r\nabc\r\n0\r\nX-T: 1\r\n\r\n"_ba, getC}
            << QByteArrayList{"/a"_ba, "/b"_ba, "/c"_ba};
    QTest::addRow("empty line after a body")
            << QByteArrayList{"POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi"_ba, "\r\n"_ba + getC}
            << QByteArrayList{"/a"_ba, "/c"_ba};
    // A GET's body that looks like a request is still body (no smuggling).
    QTest::addRow("request-shaped GET body")
            << QByteArrayList{"GET /a HTTP/1.1\r\nHost: x\r\nContent-Length: 28\r\n\r\n"_ba + QByteArray(getC).replace("/c", "/z"),
                              getC}
            << QByteArrayList{"/a"_ba, "/c"_ba};
    // The first request's fields outgrow the inline storage that reset() keeps.
    QTest::addRow("forty fields, then one")
            << QByteArrayList{requestWithFields(fieldList(40), "GET /a HTTP/1.1"_ba), getC}
            << QByteArrayList{"/a"_ba, "/c"_ba};
    QTest::addRow("a request, then part of one") << QByteArrayList{getA, "GET /b HTTP/1.1\r\nHo"_ba}
                                                 << QByteArrayList{"/a"_ba};
}

void tst_RequestParser::pipelining()
{
    QFETCH(QByteArrayList, requests);
    QFETCH(QByteArrayList, targets);

    QList<Verdict> verdicts;
    deliverEveryWay(requests.join(), HttpLimits(), verdicts);
    if (QTest::currentTestFailed())
        return;

    QCOMPARE(verdicts.size(), targets.size() + 1);
    for (qsizetype i = 0; i < targets.size(); ++i) {
        QCOMPARE(verdicts.at(i).status, ParseStatus::Complete);
        QCOMPARE(verdicts.at(i).request.targetView().toByteArray(), targets.at(i));
        QCOMPARE(verdicts.at(i).consumed, requests.at(i).size());
    }
    QCOMPARE(verdicts.last().status, ParseStatus::NeedMore);
    QCOMPARE(verdicts.last().consumed, qsizetype(0));
}

void tst_RequestParser::partialSecondRequest()
{
    const QByteArray first = "GET /a HTTP/1.1\r\nHost: x\r\n\r\n"_ba;
    QByteArray buffer = first + "GET /b HTTP/1.1\r\nHo"_ba;
    RequestParser parser;

    ParseResult result = parser.parse(buffer);
    QCOMPARE(result.status, ParseStatus::Complete);
    QCOMPARE(result.consumed, first.size());
    QCOMPARE(parser.request().targetView().toByteArray(), "/a"_ba);
    buffer.remove(0, result.consumed);
    parser.reset();

    result = parser.parse(buffer);
    QCOMPARE(result.status, ParseStatus::NeedMore);
    QCOMPARE(result.consumed, qsizetype(0));

    buffer += "st: x\r\n\r\n";
    result = parser.parse(buffer);
    QCOMPARE(result.status, ParseStatus::Complete);
    QCOMPARE(result.consumed, buffer.size());
    QCOMPARE(parser.request().targetView().toByteArray(), "/b"_ba);
    QCOMPARE(parser.request().header("host").toByteArray(), "x"_ba);
}

void tst_RequestParser::headConsumedOnlyWhenComplete()
{
    const QByteArray request = "\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n"_ba;
    RequestParser parser;
    for (qsizetype n = 0; n < request.size(); ++n) {
        const ParseResult result = parser.parse(request.first(n));
        QCOMPARE(result.status, ParseStatus::NeedMore);
        QCOMPARE(result.consumed, qsizetype(0));
        QVERIFY(!parser.readingBody());
    }
    const ParseResult result = parser.parse(request);
    QCOMPARE(result.status, ParseStatus::Complete);
    QCOMPARE(result.consumed, request.size()); // the skipped empty line too
    QCOMPARE(parser.request().head, request.sliced(2));
    QCOMPARE(parser.request().requestLine().toByteArray(), "GET / HTTP/1.1"_ba);
}

// Body bytes are dropped as they come, and the head is readable meanwhile:
// that is when a connection answers "100 Continue".
void tst_RequestParser::bodyConsumedAsItArrives()
{
    const QByteArray head = "PUT /f HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 10\r\n\r\n"_ba;
    RequestParser parser;

    ParseResult result = parser.parse(head);
    QCOMPARE(result.status, ParseStatus::NeedMore);
    QCOMPARE(result.consumed, head.size());
    QVERIFY(parser.readingBody());
    QVERIFY(parser.request().expectContinue);
    QCOMPARE(parser.request().contentLength, qint64(10));

    result = parser.parse("0123");
    QCOMPARE(result.status, ParseStatus::NeedMore);
    QCOMPARE(result.consumed, qsizetype(4));
    result = parser.parse("456789GET");
    QCOMPARE(result.status, ParseStatus::Complete);
    QCOMPARE(result.consumed, qsizetype(6));
    QVERIFY(!parser.readingBody());
    QCOMPARE(parser.request().targetView().toByteArray(), "/f"_ba);
}

// Behaviour only (no timing): a 24 KiB head fed one byte at a time.
void tst_RequestParser::oneByteLargeHead()
{
    const QByteArray request = requestLineOfSize(8192) + "\r\n"_ba + headerSectionOfSize(16384);
    RequestParser parser;
    QByteArray buffer;
    ParseResult result;
    for (const char c : request) {
        buffer += c;
        result = parser.parse(buffer);
        if (result.status != ParseStatus::NeedMore)
            break;
        QCOMPARE(result.consumed, qsizetype(0));
    }
    QCOMPARE(result.status, ParseStatus::Complete);
    QCOMPARE(result.consumed, request.size());
    QCOMPARE(parser.request().fields.size(), qsizetype(2));
    QCOMPARE(parser.request().head.size(), request.size());
}

void tst_RequestParser::headerLookup()
{
    RequestParser parser;
    const QByteArray request = "GET /p HTTP/1.1\r\nHost: x\r\nX-Dup: 1\r\nx-dup: 2\r\nX-Empty:\r\n\r\n"_ba;
    QCOMPARE(parser.parse(request).status, ParseStatus::Complete);
    const HttpRequest &r = parser.request();
    QCOMPARE(r.requestLine().toByteArray(), "GET /p HTTP/1.1"_ba);
    QCOMPARE(r.header("HOST").toByteArray(), "x"_ba);
    QCOMPARE(r.header("X-DUP").toByteArray(), "1"_ba); // the first of several
    QVERIFY(r.hasHeader("x-empty"));
    QVERIFY(r.header("x-empty").isEmpty());
    QVERIFY(!r.hasHeader("X-Missing"));
    QVERIFY(r.header("X-Missing").isNull());
    QVERIFY(!r.hasHeader("X-Du")); // no prefix matches
    QVERIFY(HttpRequest().requestLine().isEmpty());
}

// ---------------------------------------------------------------------------

void tst_RequestParser::wantsKeepAlive_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("keepAlive");

    QTest::addRow("1.1 default") << "GET / HTTP/1.1\r\nHost: x\r\n\r\n"_ba << true;
    QTest::addRow("1.1 close") << "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"_ba << false;
    QTest::addRow("1.1 Close, mixed case") << "GET / HTTP/1.1\r\nHost: x\r\nconnection: Close\r\n\r\n"_ba << false;
    QTest::addRow("1.1 close in a list") << "GET / HTTP/1.1\r\nHost: x\r\nConnection: keep-alive, close\r\n\r\n"_ba
                                         << false;
    QTest::addRow("1.1 close in a second field")
            << "GET / HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nConnection: close\r\n\r\n"_ba << false;
    QTest::addRow("1.1 closed is not close") << "GET / HTTP/1.1\r\nHost: x\r\nConnection: closed\r\n\r\n"_ba << true;
    QTest::addRow("1.1 keep-alive") << "GET / HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n"_ba << true;
    QTest::addRow("1.0 default") << "GET / HTTP/1.0\r\n\r\n"_ba << false;
    QTest::addRow("1.0 keep-alive") << "GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n"_ba << true;
    QTest::addRow("1.0 keep-alive in a list") << "GET / HTTP/1.0\r\nConnection: foo ,\tkeep-alive\r\n\r\n"_ba << true;
    QTest::addRow("1.0 keep-alive and close") << "GET / HTTP/1.0\r\nConnection: keep-alive, close\r\n\r\n"_ba << false;
    QTest::addRow("1.0 other token") << "GET / HTTP/1.0\r\nConnection: keep-alivex\r\n\r\n"_ba << false;
}

void tst_RequestParser::wantsKeepAlive()
{
    QFETCH(QByteArray, input);
    QFETCH(bool, keepAlive);

    RequestParser parser;
    QCOMPARE(parser.parse(input).status, ParseStatus::Complete);
    QCOMPARE(parser.request().wantsKeepAlive(), keepAlive);
}

void tst_RequestParser::headerListContains_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<bool>("contains");

    QTest::addRow("alone") << "close"_ba << "close"_ba << true;
    QTest::addRow("case-insensitive") << "CLOSE"_ba << "close"_ba << true;
    QTest::addRow("last in list") << "keep-alive, close"_ba << "close"_ba << true;
    QTest::addRow("first in list") << "close,keep-alive"_ba << "close"_ba << true;
    QTest::addRow("OWS around") << " \tUpgrade\t ,  close \t"_ba << "close"_ba << true;
    QTest::addRow("after empty elements") << ",, ,close"_ba << "close"_ba << true;
    QTest::addRow("longer token") << "closed"_ba << "close"_ba << false;
    QTest::addRow("shorter token") << "clos"_ba << "close"_ba << false;
    QTest::addRow("inner space") << "clo se"_ba << "close"_ba << false;
    QTest::addRow("other tokens") << "keep-alive, Upgrade"_ba << "close"_ba << false;
    QTest::addRow("empty value") << QByteArray() << "close"_ba << false;
    QTest::addRow("only commas") << ", ,"_ba << "close"_ba << false;
}

void tst_RequestParser::headerListContains()
{
    QFETCH(QByteArray, value);
    QFETCH(QByteArray, token);
    QFETCH(bool, contains);

    QCOMPARE(Net::headerListContains(value, token), contains);
}

QTEST_APPLESS_MAIN(tst_RequestParser)

#include "tst_requestparser.moc"
