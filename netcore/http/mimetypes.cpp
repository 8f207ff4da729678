#include "mimetypes.h"

#include <QMimeDatabase>

using namespace Qt::StringLiterals;

namespace Net {

namespace {

// The cache holds one entry per suffix served. Files come from the document
// root, so this only bounds a pathological tree, not an attacker.
constexpr qsizetype MaxCachedSuffixes = 512;

constexpr QByteArrayView DefaultType = "application/octet-stream";

struct BuiltinType
{
    QStringView suffix;
    const char *type;
};

// The web's answer for every suffix a browser cares about. It wins over the
// system database, which is a desktop's view and varies by distribution:
// shared-mime-info 2.2 (Debian 12) knows no .cjs, .wasm, .webmanifest, .map,
// .weba or .apng (octet-stream, which nosniff makes unusable for scripts),
// calls .ts a Qt Linguist file before an MPEG transport stream, .otf an
// OpenDocument template, and .m3u8 audio/x-mpegurl. RFC 9239 makes
// text/javascript the one JavaScript type.
constexpr BuiltinType BuiltinTypes[] = {
    // documents and scripts
    {u"html", "text/html"},
    {u"htm", "text/html"},
    {u"xhtml", "application/xhtml+xml"},
    {u"css", "text/css"},
    {u"js", "text/javascript"},
    {u"mjs", "text/javascript"},
    {u"cjs", "text/javascript"},
    {u"json", "application/json"},
    {u"map", "application/json"}, // source maps
    {u"jsonld", "application/ld+json"},
    {u"webmanifest", "application/manifest+json"},
    {u"wasm", "application/wasm"},
    {u"xml", "application/xml"},
    {u"rss", "application/rss+xml"},
    {u"atom", "application/atom+xml"},
    {u"txt", "text/plain"},
    {u"md", "text/markdown"},
    {u"csv", "text/csv"},
    {u"vtt", "text/vtt"}, // <track> subtitles are refused under any other type
    {u"pdf", "application/pdf"},
    // images
    {u"svg", "image/svg+xml"},
    {u"png", "image/png"},
    {u"apng", "image/apng"},
    {u"jpg", "image/jpeg"},
    {u"jpeg", "image/jpeg"},
    {u"gif", "image/gif"},
    {u"webp", "image/webp"},
    {u"avif", "image/avif"},
    {u"jxl", "image/jxl"},
    {u"ico", "image/vnd.microsoft.icon"},
    {u"bmp", "image/bmp"},
    // fonts
    {u"woff", "font/woff"},
    {u"woff2", "font/woff2"},
    {u"ttf", "font/ttf"},
    {u"otf", "font/otf"},
    // audio and video; .ts is an HLS segment, as nginx and Apache have it:
    // TypeScript sources are compiled, not served to browsers
    {u"mp4", "video/mp4"},
    {u"m4v", "video/mp4"},
    {u"webm", "video/webm"},
    {u"ogv", "video/ogg"},
    {u"ts", "video/mp2t"},
    {u"m3u8", "application/vnd.apple.mpegurl"},
    {u"mpd", "application/dash+xml"},
    {u"mp3", "audio/mpeg"},
    {u"m4a", "audio/mp4"},
    {u"ogg", "audio/ogg"},
    {u"oga", "audio/ogg"},
    {u"opus", "audio/ogg"},
    {u"weba", "audio/webm"},
    {u"wav", "audio/wav"},
    {u"flac", "audio/flac"},
    // 3D models and archives
    {u"glb", "model/gltf-binary"},
    {u"gltf", "model/gltf+json"},
    {u"zip", "application/zip"},
    {u"gz", "application/gzip"},
    {u"tar", "application/x-tar"},
};

const BuiltinType *findBuiltin(QStringView lowerSuffix)
{
    for (const BuiltinType &entry : BuiltinTypes) {
        if (entry.suffix == lowerSuffix)
            return &entry;
    }
    return nullptr;
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
    if (const BuiltinType *builtin = findBuiltin(lowerSuffix))
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
    return DefaultType.toByteArray();
}

} // namespace

QByteArray MimeTypes::contentTypeFor(const QString &fileName)
{
    const QString suffix = lowerSuffixOf(fileName);
    if (const auto cached = m_cache.constFind(suffix); cached != m_cache.cend())
        return *cached;

    const QByteArray type = lookUp(suffix);
    if (m_cache.size() >= MaxCachedSuffixes)
        m_cache.clear();
    m_cache.insert(suffix, type);
    return type;
}

bool MimeTypes::isText(QByteArrayView type)
{
    return type.startsWith("text/") || type.endsWith("+xml") || type.endsWith("+json") || type == "application/xml"
        || type == "application/json" || type == "application/javascript" || type == "application/ecmascript";
}

QByteArray MimeTypes::builtinTypeForSuffix(const QString &lowerSuffix)
{
    const BuiltinType *builtin = findBuiltin(lowerSuffix);
    return builtin ? QByteArray(builtin->type) : QByteArray();
}

} // namespace Net
