#include "textcharset.h"
#include "mimetypes.h"

#include <QStringDecoder>

namespace Net::TextCharset {

namespace {

// The WHATWG encoding prescan looks no further than this, and neither do we.
constexpr qsizetype PRESCAN_BYTES = 1024;

struct Bom
{
    QByteArrayView bytes;
    const char *label;
};
constexpr Bom BYTE_ORDER_MARKS[] = {
    {"\xEF\xBB\xBF", "utf-8"},
    {"\xFE\xFF", "utf-16be"},
    {"\xFF\xFE", "utf-16le"},
};

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

bool isAsciiLetter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool startsWithNoCase(QByteArrayView bytes, qsizetype at, QByteArrayView prefix)
{
    return bytes.size() - at >= prefix.size() && bytes.sliced(at, prefix.size()).compare(prefix, Qt::CaseInsensitive) == 0;
}

// A cursor over the prescan window with the WHATWG "get an attribute" step.
class Prescan
{
public:
    explicit Prescan(QByteArrayView bytes) : m_bytes(bytes.first(qMin(bytes.size(), PRESCAN_BYTES))) {}

    bool atEnd() const { return m_pos >= m_bytes.size(); }
    char at(qsizetype offset = 0) const { return m_pos + offset < m_bytes.size() ? m_bytes[m_pos + offset] : '\0'; }
    bool lookingAt(QByteArrayView prefix) const { return startsWithNoCase(m_bytes, m_pos, prefix); }
    void advance(qsizetype n = 1) { m_pos += n; }
    // Moves just past the next `stop` (from the current position), or to the end.
    void skipPast(QByteArrayView stop)
    {
        const qsizetype found = m_bytes.sliced(qMin(m_pos, m_bytes.size())).indexOf(stop);
        m_pos = found < 0 ? m_bytes.size() : m_pos + found + stop.size();
    }
    // "<a" or "</a": the start of a tag whose attributes must be skipped.
    bool atTagStart() const
    {
        return at() == '<' && (isAsciiLetter(at(1)) || (at(1) == '/' && isAsciiLetter(at(2))));
    }
    void skipAttributes()
    {
        QByteArray name;
        QByteArray value;
        while (nextAttribute(name, value)) {
        }
    }
    void skipUntilSpaceOrTagEnd()
    {
        while (!atEnd() && !isSpace(at()) && at() != '>')
            ++m_pos;
    }

    // One name="value" pair of a tag; false at the tag's end ('>' or the window's).
    bool nextAttribute(QByteArray &name, QByteArray &value)
    {
        name.clear();
        value.clear();
        while (!atEnd() && (isSpace(at()) || at() == '/'))
            ++m_pos;
        if (atEnd() || at() == '>')
            return false;
        while (!atEnd() && !(at() == '=' && !name.isEmpty()) && !isSpace(at()) && at() != '/' && at() != '>') {
            name += char(QChar::toLower(ushort(uchar(at()))));
            ++m_pos;
        }
        while (!atEnd() && isSpace(at()))
            ++m_pos;
        if (atEnd() || at() != '=')
            return !atEnd();
        ++m_pos;
        while (!atEnd() && isSpace(at()))
            ++m_pos;
        if (at() == '"' || at() == '\'') {
            const char quote = at();
            ++m_pos;
            while (!atEnd() && at() != quote) {
                value += at();
                ++m_pos;
            }
            if (atEnd())
                return false; // the window ends inside the value
            ++m_pos;
            return true;
        }
        while (!atEnd() && !isSpace(at()) && at() != '>') {
            value += at();
            ++m_pos;
        }
        return !atEnd();
    }

private:
    QByteArrayView m_bytes;
    qsizetype m_pos = 0;
};

// The value of `= value`, `="value"` or `='value'` from `from` on, spaces
// allowed around '='; empty when there is none.
QByteArray valueAfter(QByteArrayView text, qsizetype from)
{
    const auto skipSpaces = [text](qsizetype p) {
        while (p < text.size() && isSpace(text[p]))
            ++p;
        return p;
    };
    qsizetype p = skipSpaces(from);
    if (p >= text.size() || text[p] != '=')
        return {};
    p = skipSpaces(p + 1);
    if (p >= text.size())
        return {};
    if (text[p] == '"' || text[p] == '\'') {
        const qsizetype close = text.indexOf(text[p], p + 1);
        return close < 0 ? QByteArray() : text.sliced(p + 1, close - p - 1).toByteArray();
    }
    qsizetype end = p;
    while (end < text.size() && !isSpace(text[end]) && text[end] != ';' && text[end] != '?' && text[end] != '>')
        ++end;
    return text.sliced(p, end - p).toByteArray();
}

// "charset=x" inside a meta element's content attribute (WHATWG
// "extracting a character encoding from a meta element").
QByteArray charsetInContent(QByteArrayView content)
{
    constexpr QByteArrayView Name = "charset";
    for (qsizetype at = content.indexOf(Name); at >= 0; at = content.indexOf(Name, at + Name.size())) {
        if (const QByteArray value = valueAfter(content, at + Name.size()); !value.isEmpty())
            return value;
    }
    return {};
}

// The encoding one <meta> declares, from its attributes; empty when none.
QByteArray metaCharset(Prescan &scan)
{
    bool gotPragma = false;
    bool needPragma = false;
    QByteArray charset;
    QByteArray name;
    QByteArray value;
    while (scan.nextAttribute(name, value)) {
        if (name == "http-equiv" && value.compare("content-type", Qt::CaseInsensitive) == 0) {
            gotPragma = true;
        } else if (name == "content" && charset.isEmpty()) {
            charset = charsetInContent(value.toLower());
            needPragma = !charset.isEmpty();
        } else if (name == "charset" && !value.trimmed().isEmpty()) {
            charset = value;
            needPragma = false;
        }
    }
    return needPragma && !gotPragma ? QByteArray() : charset.trimmed();
}

// <?xml version="1.0" encoding="ISO-8859-1"?> at the very start.
QByteArray xmlEncoding(QByteArrayView head)
{
    constexpr QByteArrayView Name = "encoding";
    if (head.size() < 6 || !head.startsWith("<?xml") || !isSpace(head[5]))
        return {};
    const qsizetype end = head.first(qMin(head.size(), PRESCAN_BYTES)).indexOf("?>");
    const qsizetype at = end < 0 ? -1 : head.first(end).indexOf(Name);
    return at < 0 ? QByteArray() : valueAfter(head.first(end), at + Name.size());
}

// @charset "iso-8859-15"; exactly at the start (CSS Syntax §3.2).
QByteArray cssCharset(QByteArrayView head)
{
    constexpr QByteArrayView Start = "@charset \"";
    if (!head.startsWith(Start))
        return {};
    const qsizetype close = head.first(qMin(head.size(), PRESCAN_BYTES)).indexOf("\";", Start.size());
    return close < 0 ? QByteArray() : head.sliced(Start.size(), close - Start.size()).toByteArray();
}

// A declared label repeated in the header, where that is safe: a token of
// sane length (nothing to inject), and not one the document's own reader
// would reinterpret. WHATWG decodes an HTML page whose <meta> says UTF-16
// as UTF-8, and x-user-defined as windows-1252; CSS does the same for
// UTF-16. Empty: send no charset and let the document's label decide.
QByteArray usableLabel(const QByteArray &declared)
{
    constexpr qsizetype MaxLabel = 40;
    const QByteArray label = declared.trimmed().toLower();
    if (label.isEmpty() || label.size() > MaxLabel || label.startsWith("utf-16") || label == "x-user-defined")
        return {};
    for (const char c : label) {
        const bool allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.'
            || c == ':' || c == '+';
        if (!allowed)
            return {};
    }
    return label;
}

bool isXmlType(QByteArrayView type)
{
    return type == "application/xml" || type == "text/xml" || type.endsWith("+xml");
}

bool decodesAsUtf8(QByteArrayView head, bool complete)
{
    if (head.contains('\0'))
        return false; // UTF-16 without a BOM, or binary: not text we can name
    // Stateful when `head` is a prefix: a sequence cut at its end is not an error.
    QStringDecoder decoder(QStringDecoder::Utf8,
                           complete ? QStringDecoder::Flag::Stateless : QStringDecoder::Flag::Default);
    const QString text = decoder.decode(head);
    Q_UNUSED(text);
    return !decoder.hasError();
}

} // namespace

QByteArray htmlDeclaredCharset(QByteArrayView head)
{
    Prescan scan(head);
    while (!scan.atEnd()) {
        if (scan.lookingAt("<!--")) {
            scan.advance(2); // "<!-->" is a whole comment
            scan.skipPast("-->");
        } else if (scan.lookingAt("<meta") && (isSpace(scan.at(5)) || scan.at(5) == '/')) {
            scan.advance(5);
            if (QByteArray charset = metaCharset(scan); !charset.isEmpty())
                return charset;
        } else if (scan.atTagStart()) {
            // Another tag: its attributes are skipped whole, so a quoted '>' does not end it.
            scan.skipUntilSpaceOrTagEnd();
            scan.skipAttributes();
        } else if (scan.lookingAt("<!") || scan.lookingAt("</") || scan.lookingAt("<?")) {
            scan.skipPast(">");
        } else {
            scan.advance();
        }
    }
    return {};
}

QByteArray detect(QByteArrayView type, QByteArrayView head, bool complete)
{
    for (const Bom &bom : BYTE_ORDER_MARKS) {
        if (head.startsWith(bom.bytes))
            return bom.label;
    }
    QByteArray declared;
    if (type == "text/html")
        declared = htmlDeclaredCharset(head);
    else if (isXmlType(type))
        declared = xmlEncoding(head);
    else if (type == "text/css")
        declared = cssCharset(head);
    if (!declared.isEmpty())
        return usableLabel(declared);
    return decodesAsUtf8(head, complete) ? QByteArray("utf-8") : QByteArray();
}

QByteArray contentType(QByteArrayView type, QByteArrayView head, bool complete)
{
    QByteArray result = type.toByteArray();
    if (!MimeTypes::isText(type))
        return result;
    const QByteArray label = detect(type, head, complete);
    if (!label.isEmpty())
        result += "; charset=" + label;
    return result;
}

} // namespace Net::TextCharset
