#include "staticfilehandler.h"
#include "builtinpages.h"
#include "byterange.h"
#include "conditional.h"
#include "httprequest.h"
#include "responsehead.h"

#include <QUrl>

using namespace Qt::StringLiterals;

namespace {

constexpr QByteArrayView SERVER_NAME = "Wirebench/" WIREBENCH_VERSION_STRING;
// The key under which the root's own 404 page is cached; no request path can
// start with a control character, so it never collides with one.
constexpr QByteArrayView NOT_FOUND_PAGE_KEY = "\x01/404.html";

// RFC 9110 §9 methods (and PATCH, RFC 5789): known, but not served here → 405.
// Any other token → 501.
bool isKnownMethod(QByteArrayView method)
{
    static constexpr QByteArrayView known[] = {"POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"};
    return std::find(std::begin(known), std::end(known), method) != std::end(known);
}

// The path part of a request-target: everything before the query or fragment.
QByteArrayView pathPart(QByteArrayView target)
{
    for (qsizetype i = 0; i < target.size(); ++i) {
        if (target[i] == '?' || target[i] == '#')
            return target.first(i);
    }
    return target;
}

QString joinRoot(const QString &root, const QString &relative)
{
    return relative.isEmpty() ? root : root + u'/' + relative;
}

} // namespace

namespace Net {

StaticFileHandler::StaticFileHandler(const Options &options)
    : m_options(options)
    , m_root(options.rootPath, options.serveDotfiles)
    , m_cache(m_root, m_mime)
    , m_lister(m_root)
    , m_builtinNotFound(BuiltinPages::errorPage(404, u"Nothing here by that name."_s))
{
}

void StaticFileHandler::addCommonFields(ResponseHead &head, bool http10, bool keepAlive)
{
    head.add("Server", SERVER_NAME).add("Date", m_clock.now());
    if (!keepAlive)
        head.add("Connection", "close");
    else if (http10)
        head.add("Connection", "keep-alive");
}

HttpResponse StaticFileHandler::respond(const HttpRequest &request, bool keepAlive)
{
    switch (m_options.hosts.check(request)) {
    case HostPolicy::Verdict::Allowed:
        break;
    case HostPolicy::Verdict::Malformed: // RFC 9112 §3.2
        return simple(request, 400, BuiltinPages::errorPage(400, u"The Host header is malformed."_s), false);
    case HostPolicy::Verdict::Misdirected: // RFC 9110 §15.5.20
        return simple(request, 421,
                      BuiltinPages::errorPage(421, u"This server answers only to localhost, IP addresses and the "
                                                   "host names it was told to allow (--allowed-host)."_s),
                      false);
    }

    const QByteArrayView method = request.methodView();
    if (method != "GET" && method != "HEAD") {
        if (isKnownMethod(method))
            return simple(request, 405, BuiltinPages::errorPage(405, u"This server only serves files: use GET or HEAD."_s),
                          false, "Allow", "GET, HEAD");
        return simple(request, 501, BuiltinPages::errorPage(501, u"Unknown method."_s), false);
    }

    const QByteArrayView key = pathPart(request.targetView());
    if (const CachedFile *hit = m_cache.lookup(key))
        return serveFile(request, *hit, keepAlive);

    const DecodedPath decoded = decodeRequestPath(request.targetView());
    if (decoded.verdict == DecodedPath::Verdict::BadRequest)
        return simple(request, 400, BuiltinPages::errorPage(400, u"The request path is malformed."_s), false);
    if (decoded.verdict == DecodedPath::Verdict::Forbidden)
        return simple(request, 403, BuiltinPages::errorPage(403), keepAlive);

    const DocumentRoot::Resolved resolved = m_root.resolve(decoded);
    switch (resolved.kind) {
    case DocumentRoot::Kind::File:
        // The lookup above missed: store straight away.
        if (const CachedFile *file = m_cache.store(key, resolved.absolutePath, joinRoot(m_root.canonicalPath(), decoded.relative)))
            return serveFile(request, *file, keepAlive);
        return simple(request, 403, BuiltinPages::errorPage(403), keepAlive);
    case DocumentRoot::Kind::Directory:
        return serveDirectory(request, decoded, resolved.absolutePath, key, keepAlive);
    case DocumentRoot::Kind::RedirectToSlash:
        return redirectToSlash(request, decoded, keepAlive);
    case DocumentRoot::Kind::NotFound:
        return notFound(request, keepAlive);
    case DocumentRoot::Kind::Forbidden:
        break;
    }
    return simple(request, 403, BuiltinPages::errorPage(403), keepAlive);
}

const CachedFile *StaticFileHandler::fileFor(QByteArrayView cacheKey, const QString &absolutePath,
                                             const QString &requestedPath)
{
    if (const CachedFile *hit = m_cache.lookup(cacheKey))
        return hit;
    return m_cache.store(cacheKey, absolutePath, requestedPath);
}

HttpResponse StaticFileHandler::serveDirectory(const HttpRequest &request, const DecodedPath &path,
                                               const QString &absolutePath, QByteArrayView cacheKey, bool keepAlive)
{
    const DecodedPath indexPath = DocumentRoot::indexOf(path);
    const DocumentRoot::Resolved index = m_root.resolve(indexPath);
    if (index.kind == DocumentRoot::Kind::File) {
        const QString requested = joinRoot(m_root.canonicalPath(), indexPath.relative);
        if (const CachedFile *file = fileFor(cacheKey, index.absolutePath, requested))
            return serveFile(request, *file, keepAlive);
    }
    if (index.kind != DocumentRoot::Kind::NotFound || !m_options.directoryListing)
        return simple(request, 403, BuiltinPages::errorPage(403, u"Directory listing is switched off."_s), keepAlive);

    const QString urlPath = u'/' + path.relative + (path.relative.isEmpty() ? QString() : u"/"_s);
    return simple(request, 200, BuiltinPages::directoryListing(urlPath, m_lister.list(path, absolutePath)), keepAlive);
}

HttpResponse StaticFileHandler::redirectToSlash(const HttpRequest &request, const DecodedPath &path,
                                               bool keepAlive)
{
    // Built from the normalised path, never the raw target: "//docs" must
    // not become "Location: //docs/", which a browser reads as another host.
    QByteArray location = '/' + QUrl::toPercentEncoding(path.relative, "/") + '/';
    const QByteArrayView target = request.targetView();
    const QByteArrayView raw = pathPart(target);
    if (raw.size() < target.size() && target[raw.size()] == '?')
        location += target.sliced(raw.size());
    return simple(request, 301, BuiltinPages::errorPage(301, u"Moved to the directory's own address."_s), keepAlive,
                  "Location", location);
}

HttpResponse StaticFileHandler::notFound(const HttpRequest &request, bool keepAlive)
{
    DecodedPath custom;
    custom.relative = u"404.html"_s;
    const DocumentRoot::Resolved page = m_root.resolve(custom);
    if (page.kind == DocumentRoot::Kind::File) {
        const CachedFile *file = fileFor(NOT_FOUND_PAGE_KEY, page.absolutePath,
                                         joinRoot(m_root.canonicalPath(), custom.relative));
        if (file && file->hasContent) // the site's own page, labelled as its own files are
            return simple(request, 404, file->content, keepAlive, {}, {}, file->contentType);
    }
    return simple(request, 404, m_builtinNotFound, keepAlive);
}

HttpResponse StaticFileHandler::simple(const HttpRequest &request, int status, const QByteArray &htmlBody,
                                       bool keepAlive, QByteArrayView extraName, QByteArrayView extraValue,
                                       QByteArrayView contentType)
{
    HttpResponse response;
    response.status = status;
    response.closeConnection = !keepAlive;
    response.body = htmlBody;
    ResponseHead head(status);
    addCommonFields(head, request.isHttp10(), keepAlive);
    head.add("Content-Type", contentType).add("Content-Length", htmlBody.size());
    if (!extraName.isEmpty())
        head.add(extraName, extraValue);
    response.head = head.toBytes();
    return response;
}

HttpResponse StaticFileHandler::errorResponse(int status, const QString &detail)
{
    HttpResponse response;
    response.status = status;
    response.closeConnection = true;
    response.body = BuiltinPages::errorPage(status, detail);
    ResponseHead head(status);
    addCommonFields(head, false, false);
    head.add("Content-Type", BuiltinPageType).add("Content-Length", response.body.size());
    response.head = head.toBytes();
    return response;
}

HttpResponse StaticFileHandler::serveFile(const HttpRequest &request, const CachedFile &file, bool keepAlive, int status)
{
    const bool http10 = request.isHttp10();
    const Validators validators{file.etag, file.lastModifiedTime};
    switch (evaluatePreconditions(request, validators)) {
    case Precondition::NotModified: {
        HttpResponse response;
        response.status = 304;
        response.closeConnection = !keepAlive;
        ResponseHead head(304);
        addCommonFields(head, http10, keepAlive);
        head.add("Last-Modified", file.lastModified).add("ETag", file.etag);
        response.head = head.toBytes();
        return response;
    }
    case Precondition::PreconditionFailed:
        return simple(request, 412, BuiltinPages::errorPage(412), keepAlive);
    case Precondition::Proceed:
        break;
    }

    // RFC 9110 §14.2: GET is the only method with defined range handling.
    ByteRange range;
    const QByteArrayView rangeHeader = request.header("Range");
    if (!rangeHeader.isNull() && request.methodView() == "GET" && ifRangeAllows(request, validators))
        range = parseByteRange(rangeHeader, file.size);
    if (range.kind == ByteRange::Kind::Unsatisfiable)
        return simple(request, 416, BuiltinPages::errorPage(416), keepAlive, "Content-Range",
                      "bytes */" + QByteArray::number(file.size));

    HttpResponse response;
    const bool partial = range.kind == ByteRange::Kind::Partial;
    response.status = partial ? 206 : status;
    response.closeConnection = !keepAlive;
    const qint64 offset = partial ? range.first : 0;
    const qint64 length = partial ? range.length() : file.size;
    if (file.hasContent)
        response.body = partial ? file.content.sliced(offset, length) : file.content;
    else {
        response.filePath = file.absolutePath;
        response.fileOffset = offset;
        response.fileLength = length;
        response.fileDevice = file.device;
        response.fileInode = file.inode;
    }

    ResponseHead head(response.status);
    addCommonFields(head, http10, keepAlive);
    head.add("Content-Type", file.contentType)
        .add("Content-Length", length)
        .add("Last-Modified", file.lastModified)
        .add("ETag", file.etag)
        .add("Accept-Ranges", "bytes")
        .add("X-Content-Type-Options", "nosniff");
    if (partial) {
        head.add("Content-Range", "bytes " + QByteArray::number(range.first) + '-' + QByteArray::number(range.last)
                                      + '/' + QByteArray::number(file.size));
    }
    response.head = head.toBytes();
    return response;
}

} // namespace Net
