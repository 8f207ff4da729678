#pragma once

#include <QByteArray>
#include <QList>

#include <optional>
#include <utility>

// A minimal HTTP/1.x response reader for tests: enough to split a stream of
// keep-alive or pipelined responses (status line, fields, Content-Length
// body), strict enough that a stray byte after a body shows up as a malformed
// next response instead of going unnoticed.
namespace HttpTest {

struct ParsedResponse
{
    QByteArray version; // "HTTP/1.1"
    int status = 0;
    QByteArray reason;
    QList<std::pair<QByteArray, QByteArray>> fields;
    QByteArray head;    // status line through the blank line, as received
    QByteArray body;
    qsizetype wireSize = 0; // head + body bytes taken from the stream

    // The first value of a field (case-insensitive name), or a null QByteArray.
    QByteArray header(QByteArrayView name) const
    {
        for (const auto &[fieldName, value] : fields) {
            if (fieldName.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
    bool hasHeader(QByteArrayView name) const { return headerCount(name) > 0; }
    int headerCount(QByteArrayView name) const
    {
        int count = 0;
        for (const auto &field : fields)
            count += field.first.compare(name, Qt::CaseInsensitive) == 0 ? 1 : 0;
        return count;
    }
    // -1 when absent or not a number.
    qint64 contentLength() const
    {
        bool ok = false;
        const qint64 length = header("Content-Length").toLongLong(&ok);
        return ok ? length : -1;
    }
};

enum class ReadStatus { Incomplete, Complete, Malformed };

// Reads one response from the front of `data` into `out`. The answer to a
// HEAD request, 1xx, 204 and 304 have no body whatever the fields say
// (RFC 9112 §6.3). A response without Content-Length runs to the end of the
// connection, so pass `connectionClosed` once the peer has closed.
inline ReadStatus readResponse(QByteArrayView data, bool headRequest, bool connectionClosed, ParsedResponse &out)
{
    out = {};
    if (data.size() >= 5 && !data.startsWith("HTTP/"))
        return ReadStatus::Malformed;
    const qsizetype headEnd = data.indexOf(QByteArrayView("\r\n\r\n"));
    if (headEnd < 0)
        return ReadStatus::Incomplete;
    out.head = data.first(headEnd + 4).toByteArray();

    // Each line with its CRLF, the blank line left out.
    QList<QByteArray> lines = data.first(headEnd + 2).toByteArray().split('\n');
    lines.removeLast();
    for (const QByteArray &line : lines) {
        if (!line.endsWith('\r'))
            return ReadStatus::Malformed; // every line of our server's heads ends in CRLF
    }
    const QByteArray statusLine = lines.first().chopped(1);
    const QList<QByteArray> parts = statusLine.split(' ');
    bool ok = false;
    if (parts.size() < 3 || !parts[0].startsWith("HTTP/1.") || parts[1].size() != 3)
        return ReadStatus::Malformed;
    out.version = parts[0];
    out.status = parts[1].toInt(&ok);
    if (!ok)
        return ReadStatus::Malformed;
    out.reason = statusLine.sliced(parts[0].size() + parts[1].size() + 2);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].chopped(1);
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return ReadStatus::Malformed;
        out.fields.append({line.first(colon), line.sliced(colon + 1).trimmed()});
    }

    const qsizetype bodyStart = headEnd + 4;
    const bool noBody = headRequest || out.status / 100 == 1 || out.status == 204 || out.status == 304;
    if (noBody) {
        out.wireSize = bodyStart;
        return ReadStatus::Complete;
    }
    if (out.hasHeader("Transfer-Encoding"))
        return ReadStatus::Malformed; // the server under test never chunks
    qint64 length = out.contentLength();
    if (out.hasHeader("Content-Length") && length < 0)
        return ReadStatus::Malformed;
    if (length < 0) {
        if (!connectionClosed)
            return ReadStatus::Incomplete;
        length = data.size() - bodyStart;
    }
    if (data.size() - bodyStart < length)
        return ReadStatus::Incomplete;
    out.body = data.sliced(bodyStart, length).toByteArray();
    out.wireSize = bodyStart + length;
    return ReadStatus::Complete;
}

// Shorthands for comparisons on a response that may not have arrived.
inline int statusOf(const std::optional<ParsedResponse> &response)
{
    return response ? response->status : 0;
}
inline QByteArray bodyOf(const std::optional<ParsedResponse> &response)
{
    return response ? response->body : QByteArray();
}

// "GET /x HTTP/1.1" with a Host field, any extra field lines (each ending in
// CRLF) and the blank line.
inline QByteArray request(QByteArrayView method, QByteArrayView target, QByteArrayView extraFields = {},
                          QByteArrayView version = "HTTP/1.1")
{
    QByteArray bytes;
    bytes += method;
    bytes += ' ';
    bytes += target;
    bytes += ' ';
    bytes += version;
    bytes += "\r\nHost: test.localhost\r\n";
    bytes += extraFields;
    bytes += "\r\n";
    return bytes;
}

inline QByteArray get(QByteArrayView target, QByteArrayView extraFields = {})
{
    return request("GET", target, extraFields);
}

} // namespace HttpTest
