#include "httprequest.h"

namespace Net {

using FieldSyntax::equalsNoCase;

QByteArrayView HttpRequest::requestLine() const
{
    if (head.isEmpty())
        return {};
    // The parser accepts only "HTTP/" DIGIT "." DIGIT, so the version is
    // always eight bytes after the space that ends the target.
    return QByteArrayView(head.constData(), target.offset + target.length + 1 + 8);
}

QByteArrayView HttpRequest::header(QByteArrayView name) const
{
    for (const Field &field : fields) {
        // view() points into head, so even an empty value is not null.
        if (equalsNoCase(view(field.name), name))
            return view(field.value);
    }
    return {};
}

bool HttpRequest::wantsKeepAlive() const
{
    // Connection may be sent as several field lines; together they form one
    // list (RFC 9110 §5.3), so look at every one of them.
    bool close = false;
    bool keepAlive = false;
    for (const Field &field : fields) {
        if (!equalsNoCase(view(field.name), "connection"))
            continue;
        close = close || headerListContains(view(field.value), "close");
        keepAlive = keepAlive || headerListContains(view(field.value), "keep-alive");
    }
    if (close)
        return false;
    return isHttp10() ? keepAlive : true;
}

bool headerListContains(QByteArrayView value, QByteArrayView token)
{
    bool found = false;
    FieldSyntax::forEachListElement(value, [&](QByteArrayView element) {
        found = equalsNoCase(element, token);
        return !found;
    });
    return found;
}

namespace FieldSyntax {

bool equalsNoCase(QByteArrayView a, QByteArrayView b)
{
    return a.size() == b.size() && a.compare(b, Qt::CaseInsensitive) == 0;
}

QByteArrayView trimOws(QByteArrayView value)
{
    while (!value.isEmpty() && (value.front() == ' ' || value.front() == '\t'))
        value = value.sliced(1);
    while (!value.isEmpty() && (value.back() == ' ' || value.back() == '\t'))
        value.chop(1);
    return value;
}

} // namespace FieldSyntax

} // namespace Net
