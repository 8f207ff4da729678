#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QVarLengthArray>

namespace Net {

// One parsed request. The raw head (request line and header fields, up to and
// including the blank line) is kept as one QByteArray and every part is a view
// into it, so a request costs one allocation however many fields it has, and
// the head can be handed to the traffic log without copying.
class HttpRequest
{
public:
    struct Span
    {
        int offset = 0;
        int length = 0;
    };
    struct Field
    {
        Span name;
        Span value; // leading and trailing whitespace already trimmed
    };

    QByteArray head;          // raw bytes of the request line and the header section
    Span method;
    Span target;
    int versionMajor = 1;
    int versionMinor = 1;
    QVarLengthArray<Field, 16> fields;
    // Body bytes (0 when none): the Content-Length, or for a chunked body the
    // decoded total once the request is complete. The body itself is discarded.
    qint64 contentLength = 0;
    bool chunked = false;     // body came with Transfer-Encoding: chunked
    bool expectContinue = false;

    QByteArrayView view(Span s) const { return QByteArrayView(head.constData() + s.offset, s.length); }
    QByteArrayView methodView() const { return view(method); }
    QByteArrayView targetView() const { return view(target); }
    QByteArrayView requestLine() const;   // "GET / HTTP/1.1" without CRLF

    // First field with this name (case-insensitive), or a null view.
    QByteArrayView header(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const { return !header(name).isNull(); }

    // RFC 9112 §9.3: HTTP/1.1 stays open unless "close" is listed; HTTP/1.0
    // closes unless "keep-alive" is listed.
    bool wantsKeepAlive() const;

    bool isHttp10() const { return versionMajor == 1 && versionMinor == 0; }
};

// Whether a comma-separated field value lists a token (case-insensitive), as
// in "Connection: keep-alive, Upgrade".
bool headerListContains(QByteArrayView value, QByteArrayView token);

// Field-value syntax shared by the parser and the handlers (RFC 9110 §5.5, §5.6).
namespace FieldSyntax {

bool equalsNoCase(QByteArrayView a, QByteArrayView b); // ASCII letters only
QByteArrayView trimOws(QByteArrayView value);          // drops SP and HTAB at both ends
inline bool isOws(char c) { return c == ' ' || c == '\t'; }
// 0-15 for a hex digit in either case, else -1.
inline int hexValue(char c)
{
    const char lower = char(c | 0x20);
    return c >= '0' && c <= '9' ? c - '0' : (lower >= 'a' && lower <= 'f') ? lower - 'a' + 10 : -1;
}

// Calls take(element) with each OWS-trimmed element of a comma-separated list,
// empty ones included (RFC 9110 §5.6.1), until it returns false.
template<typename Take>
void forEachListElement(QByteArrayView list, Take take)
{
    for (;;) {
        const qsizetype comma = list.indexOf(',');
        if (!take(trimOws(comma < 0 ? list : list.first(comma))) || comma < 0)
            return;
        list = list.sliced(comma + 1);
    }
}

} // namespace FieldSyntax

} // namespace Net
