#include "mimetypes.h"

#include <QMimeDatabase>

using namespace Qt::StringLiterals;

namespace Net {

namespace {

// The cache holds one entry per suffix served. Files come from the document
// root, so this only bounds a pathological tree, not an attacker.
constexpr qsizetype MaxCachedSuffixes = 512;

constexpr QByteArrayView DefaultType = "application/octet-stream";
constexpr QByteArrayView Utf8Parameter = "; charset=utf-8";

struct BuiltinType
{
    QStringView suffix;
    const char *type;
    // The web's answer wins over the system database: RFC 9239 makes
    // text/javascript the one JavaScript type, shared-mime-info calls .otf an
    // OpenDocument template, and a page must never go out as anything but HTML.
    bool preferred = false;
};

constexpr BuiltinType BuiltinTypes[] = {
    {u"html", "text/html", true},
    {u"htm", "text/html", true},
    {u"css", "text/css"},
    {u"js", "text/javascript", true},
    {u"mjs", "text/javascript", true},
    {u"json", "application/json"},
    {u"map", "application/json"}, // source maps
    {u"txt", "text/plain"},
    {u"md", "text/markdown"},
    {u"csv", "text/csv"},
    {u"xml", "application/xml"},
    {u"svg", "image/svg+xml"},
    {u"png", "image/png"},
    {u"jpg", "image/jpeg"},
    {u"jpeg", "image/jpeg"},
    {u"gif", "image/gif"},
    {u"webp", "image/webp"},
    {u"ico", "image/vnd.microsoft.icon"},
    {u"wasm", "application/wasm"},
    {u"pdf", "application/pdf"},
    {u"woff", "font/woff"},
    {u"woff2", "font/woff2"},
    {u"ttf", "font/ttf"},
    {u"otf", "font/otf", true},
    {u"mp4", "video/mp4"},
    {u"webm", "video/webm"},
    {u"mp3", "audio/mpeg"},
    {u"ogg", "audio/ogg"},
    {u"wav", "audio/wav"},
    {u"zip", "application/zip"},
    {u"gz", "application/gzip"},
    {u"tar", "application/x-tar"},
    {u"xhtml", "application/xhtml+xml"},
    {u"avif", "image/avif"},
};

const BuiltinType *findBuiltin(QStringView lowerSuffix)
{
    for (const BuiltinType &entry : BuiltinTypes) {
        if (entry.suffix == lowerSuffix)
            return &entry;
    }
    return nullptr;
}

// Text that browsers would otherwise decode with a guessed charset. Files
// in a web root are overwhelmingly UTF-8 today.
bool wantsCharset(QByteArrayView type)
{
    return type.startsWith("text/") || type == "application/javascript" || type == "application/json"
        || type == "image/svg+xml" || type == "application/xml";
}

// The part after the last dot of the file name, if any. A leading dot marks
// a hidden file (".htaccess"), not an extension.
QString lowerSuffixOf(const QString &fileName)
{
    const qsizetype slash = fileName.lastIndexOf(u'/');
    const QStringView name = QStringView(fileName).sliced(slash + 1);
    const qsizetype dot = name.lastIndexOf(u'.');
    if (dot <= 0)
        return {};
    return name.sliced(dot + 1).toString().toLower();
}

QByteArray lookUp(const QString &lowerSuffix)
{
    const BuiltinType *builtin = findBuiltin(lowerSuffix);
    if (builtin && builtin->preferred)
        return builtin->type;
    if (lowerSuffix.isEmpty())
        return DefaultType.toByteArray();
    // Asking with a synthetic name keeps the answer a function of the suffix
    // alone, which is what the cache is keyed on ("x.tar.gz" would otherwise
    // differ from "x.gz").
    const QMimeType mime =
        QMimeDatabase().mimeTypeForFile(u"file."_s + lowerSuffix, QMimeDatabase::MatchExtension);
    if (mime.isValid() && !mime.isDefault())
        return mime.name().toLatin1();
    return builtin ? QByteArray(builtin->type) : DefaultType.toByteArray();
}

} // namespace

QByteArray MimeTypes::contentTypeFor(const QString &fileName)
{
    const QString suffix = lowerSuffixOf(fileName);
    if (const auto cached = m_cache.constFind(suffix); cached != m_cache.cend())
        return *cached;

    QByteArray type = lookUp(suffix);
    if (wantsCharset(type))
        type += Utf8Parameter;
    if (m_cache.size() >= MaxCachedSuffixes)
        m_cache.clear();
    m_cache.insert(suffix, type);
    return type;
}

QByteArray MimeTypes::builtinTypeForSuffix(const QString &lowerSuffix)
{
    const BuiltinType *builtin = findBuiltin(lowerSuffix);
    return builtin ? QByteArray(builtin->type) : QByteArray();
}

} // namespace Net
