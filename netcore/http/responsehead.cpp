#include "responsehead.h"

#include <charconv>

namespace Net {

namespace {

// A typical head (status, Date, Server, Content-Type, Content-Length,
// Last-Modified, ETag, Accept-Ranges, Connection) fits, so building one costs
// a single allocation.
constexpr qsizetype TypicalHeadBytes = 256;
constexpr QByteArrayView Crlf = "\r\n";
constexpr int MinThreeDigitStatus = 100;
constexpr int MaxThreeDigitStatus = 999;

// Decimal text without QByteArray::number()'s allocation.
class Decimal
{
public:
    explicit Decimal(qint64 value) : m_end(std::to_chars(m_text, m_text + sizeof m_text, value).ptr) {}
    QByteArrayView view() const { return QByteArrayView(m_text, m_end - m_text); }

private:
    char m_text[24]; // 19 digits and a sign for any qint64
    char *m_end;
};

} // namespace

QByteArrayView reasonPhrase(int status)
{
    switch (status) {
    case 100: return "Continue";
    case 101: return "Switching Protocols";
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 206: return "Partial Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 307: return "Temporary Redirect";
    case 308: return "Permanent Redirect";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 406: return "Not Acceptable";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 410: return "Gone";
    case 411: return "Length Required";
    case 412: return "Precondition Failed";
    case 413: return "Content Too Large";
    case 414: return "URI Too Long";
    case 415: return "Unsupported Media Type";
    case 416: return "Range Not Satisfiable";
    case 417: return "Expectation Failed";
    case 421: return "Misdirected Request";
    case 422: return "Unprocessable Content";
    case 426: return "Upgrade Required";
    case 428: return "Precondition Required";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    case 505: return "HTTP Version Not Supported";
    default: return "Unknown";
    }
}

// m_bytes always ends with the blank line that closes the head: add() steps
// back over it, so toBytes() is a shallow copy rather than a concatenation.
ResponseHead::ResponseHead(int status, bool http10)
    : m_status(status)
{
    // RFC 9112 §4: status-code is exactly three digits.
    Q_ASSERT(status >= MinThreeDigitStatus && status <= MaxThreeDigitStatus);
    m_bytes.reserve(TypicalHeadBytes);
    m_bytes += http10 ? "HTTP/1.0 " : "HTTP/1.1 ";
    m_bytes += Decimal(status).view();
    m_bytes += ' ';
    m_bytes += reasonPhrase(status);
    m_bytes += Crlf;
    m_bytes += Crlf;
}

ResponseHead &ResponseHead::add(QByteArrayView name, QByteArrayView value)
{
    m_bytes.chop(Crlf.size());
    m_bytes += name;
    m_bytes += ": ";
    const qsizetype valueStart = m_bytes.size();
    m_bytes += value;
    // RFC 9110 §5.5: CR, LF and NUL never belong in a field value. Replacing
    // them with SP keeps a value built from request data (a Location made
    // from the target) from splitting the response.
    for (qsizetype i = valueStart; i < m_bytes.size(); ++i) {
        const char c = m_bytes.at(i);
        if (c == '\r' || c == '\n' || c == '\0')
            m_bytes[i] = ' ';
    }
    m_bytes += Crlf;
    m_bytes += Crlf;
    return *this;
}

ResponseHead &ResponseHead::add(QByteArrayView name, qint64 value)
{
    return add(name, Decimal(value).view());
}

QByteArray ResponseHead::toBytes() const
{
    return m_bytes;
}

} // namespace Net
