#include "documentroot.h"
#include "httprequest.h"

#include <QFile>

#include <QFileInfo>
#include <QStringDecoder>

#include <array>

using namespace Qt::StringLiterals;

namespace Net {

using FieldSyntax::hexValue;

namespace {

using Verdict = DecodedPath::Verdict;

// RFC 9112 §3.2.2: a server must accept absolute-form targets.
constexpr std::array<QByteArrayView, 2> AbsoluteFormSchemes = {"http://", "https://"};
constexpr uchar DeleteCharacter = 0x7f;
constexpr char16_t FirstC1Control = 0x80;
constexpr char16_t LastC1Control = 0x9f;

DecodedPath refused(Verdict verdict)
{
    DecodedPath path;
    path.verdict = verdict;
    return path;
}

// Drops "http://host:port" from an absolute-form target; anything else is
// returned unchanged, so "ftp://x/" and "*" fail the leading-slash test.
QByteArrayView stripAbsoluteForm(QByteArrayView target, bool *absoluteForm)
{
    for (const QByteArrayView scheme : AbsoluteFormSchemes) {
        if (target.size() < scheme.size() || target.first(scheme.size()).compare(scheme, Qt::CaseInsensitive) != 0)
            continue;
        *absoluteForm = true;
        QByteArrayView rest = target.sliced(scheme.size());
        qsizetype end = 0;
        while (end < rest.size() && rest[end] != '/' && rest[end] != '?' && rest[end] != '#')
            ++end;
        return rest.sliced(end);
    }
    return target;
}

bool isControl(uchar c)
{
    return c < 0x20 || c == DeleteCharacter;
}

// Percent-decodes the path into bytes. Separators must stay structural: an
// encoded '/' would let one segment smuggle another past the ".." check, and
// '\' is a separator on Windows, so both are refused, encoded or raw.
Verdict percentDecode(QByteArrayView path, QByteArray &out)
{
    out.reserve(path.size());
    for (qsizetype i = 0; i < path.size(); ++i) {
        char c = path[i];
        if (c == '%') {
            const int high = i + 1 < path.size() ? hexValue(path[i + 1]) : -1;
            const int low = i + 2 < path.size() ? hexValue(path[i + 2]) : -1;
            if (high < 0 || low < 0)
                return Verdict::BadRequest; // RFC 3986 §2.1: '%' needs two hex digits
            c = char(high * 16 + low);
            i += 2;
            if (c == '/')
                return Verdict::Forbidden;
        }
        if (c == '\\' || isControl(uchar(c)))
            return Verdict::Forbidden;
        out += c;
    }
    return Verdict::Ok;
}

// Strict UTF-8: overlong forms such as C0 AE (an old way of spelling '.'),
// surrogates and truncated sequences are errors, never a replacement
// character that could then match a real file name.
bool decodeUtf8(const QByteArray &bytes, QString &out)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    out = decoder.decode(bytes);
    if (decoder.hasError())
        return false;
    for (const QChar ch : std::as_const(out)) {
        if (ch.unicode() >= FirstC1Control && ch.unicode() <= LastC1Control)
            return false;
    }
    return true;
}

// Drops empty and "." segments and refuses "..": the root is a ceiling, so
// there is no parent to climb to, and a request that tries is hostile.
DecodedPath normalise(const QString &decoded)
{
    DecodedPath result;
    const QList<QStringView> segments = QStringView(decoded).split(u'/');
    result.relative.reserve(decoded.size());
    for (const QStringView segment : segments) {
        if (segment.isEmpty() || segment == u".")
            continue;
        if (segment == u"..")
            return refused(Verdict::Forbidden);
        if (!result.relative.isEmpty())
            result.relative += u'/';
        result.relative += segment;
    }
    // "/docs/" and "/docs/." both name the directory (RFC 3986 §5.2.4).
    const QStringView last = segments.isEmpty() ? QStringView() : segments.last();
    result.trailingSlash = last.isEmpty() || last == u".";
    return result;
}

// A second line of defence for paths that did not come from
// decodeRequestPath(): nothing that could climb or be read as absolute.
bool isSafeRelative(const QString &relative)
{
    if (relative.startsWith(u'/') || relative.contains(u'\\') || relative.contains(QChar(0)))
        return false;
    for (const QStringView segment : QStringView(relative).split(u'/')) {
        if (segment == u"..")
            return false;
    }
    return true;
}

} // namespace

DecodedPath decodeRequestPath(QByteArrayView target)
{
    bool absoluteForm = false;
    QByteArrayView path = stripAbsoluteForm(target, &absoluteForm);
    const qsizetype end = path.indexOf('?');
    if (end >= 0)
        path = path.first(end);
    if (const qsizetype hash = path.indexOf('#'); hash >= 0)
        path = path.first(hash); // clients never send one; ignore it if they do
    if (absoluteForm && path.isEmpty())
        path = "/"; // RFC 9112 §3.2.2: an empty path is "/"
    if (!path.startsWith('/'))
        return refused(Verdict::Forbidden);

    QByteArray bytes;
    if (const Verdict verdict = percentDecode(path, bytes); verdict != Verdict::Ok)
        return refused(verdict);
    QString decoded;
    if (!decodeUtf8(bytes, decoded))
        return refused(Verdict::Forbidden);
    return normalise(decoded);
}

bool isDotPath(QStringView relative)
{
    constexpr QStringView WellKnown = u".well-known";
    bool first = true;
    for (const QStringView segment : relative.split(u'/')) {
        if (segment.startsWith(u'.') && !(first && segment == WellKnown))
            return true;
        first = false;
    }
    return false;
}

DocumentRoot::DocumentRoot(const QString &rootDirectory, bool serveDotfiles)
    : m_serveDotfiles(serveDotfiles)
{
    const QFileInfo info(rootDirectory);
    if (!rootDirectory.isEmpty() && info.isDir())
        m_canonicalRoot = info.canonicalFilePath();
}

DocumentRoot::Resolved DocumentRoot::resolve(const DecodedPath &path) const
{
    if (!isValid())
        return {Kind::NotFound, {}};
    if (path.verdict != DecodedPath::Verdict::Ok || !isSafeRelative(path.relative))
        return {Kind::Forbidden, {}};
    if (isRefusedDotPath(path.relative))
        return {Kind::NotFound, {}};

    QString full = m_canonicalRoot;
    if (!path.relative.isEmpty()) {
        if (!full.endsWith(u'/'))
            full += u'/';
        full += path.relative;
    }
    const QFileInfo info(full);
    // exists() follows symlinks, so a dangling one is simply not found.
    const QString canonical = info.exists() ? info.canonicalFilePath() : QString();
    if (canonical.isEmpty())
        return {Kind::NotFound, {}};
    // The decoder already refused "..", but symlinks are only visible here:
    // they are followed, then judged by where they land.
    if (!contains(canonical) || !info.isReadable())
        return {Kind::Forbidden, {}};
    if (isRefusedDotPath(relativeTo(canonical)))
        return {Kind::NotFound, {}}; // a plain name that is a symlink to a dot file
    if (info.isDir())
        return {path.trailingSlash ? Kind::Directory : Kind::RedirectToSlash, canonical};
    if (!info.isFile())
        return {Kind::Forbidden, {}}; // a fifo would block the reader, a device never end
    if (path.trailingSlash)
        return {Kind::NotFound, {}}; // "file.txt/" names nothing, as with ENOTDIR
    return {Kind::File, canonical};
}

DecodedPath DocumentRoot::indexOf(const DecodedPath &directory)
{
    DecodedPath index = directory;
    index.relative = directory.relative.isEmpty() ? u"index.html"_s : directory.relative + u"/index.html"_s;
    index.trailingSlash = false;
    return index;
}

bool DocumentRoot::contains(const QString &canonicalPath) const
{
    if (m_canonicalRoot.isEmpty() || !canonicalPath.startsWith(m_canonicalRoot))
        return false;
    // "/srv/www" must not contain "/srv/www-private".
    if (canonicalPath.size() == m_canonicalRoot.size() || m_canonicalRoot.endsWith(u'/'))
        return true;
    return canonicalPath.at(m_canonicalRoot.size()) == u'/';
}

QString DocumentRoot::relativeTo(const QString &canonicalPath) const
{
    const qsizetype skip = m_canonicalRoot.size() + (m_canonicalRoot.endsWith(u'/') ? 0 : 1);
    return canonicalPath.size() > skip ? canonicalPath.sliced(skip) : QString();
}

bool DocumentRoot::containsDescriptor(int fd) const
{
    const QString link = QFile::decodeName("/proc/self/fd/" + QByteArray::number(fd));
    const QString target = QFileInfo(link).symLinkTarget();
    return !target.isEmpty() && contains(target);
}

} // namespace Net
