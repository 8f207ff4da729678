#pragma once

#include "directorylister.h"
#include "documentroot.h"
#include "filecache.h"
#include "api/hostpolicy.h"
#include "httpdate.h"
#include "httpresponse.h"
#include "mimetypes.h"

#include <QString>

namespace Net {

class HttpRequest;

// Decides the answer to a request for a static file: method checks, path
// mapping, preconditions, ranges, and the response head. No sockets here, so
// tests drive it directly with requests and look at the responses.
class StaticFileHandler
{
public:
    // The pages we generate (listings, errors) are UTF-8 and say so; files
    // from the root get the charset TextCharset finds for them.
    static constexpr QByteArrayView BuiltinPageType = "text/html; charset=utf-8";

    struct Options
    {
        QString rootPath;
        bool directoryListing = false;
        bool serveDotfiles = false; // ".env", ".git/": 404 unless asked for (/.well-known/ always served)
        HostPolicy hosts;
    };

    explicit StaticFileHandler(const Options &options);

    bool isValid() const { return m_root.isValid(); }
    const DocumentRoot &root() const { return m_root; }

    // The answer to a well-formed request. `keepAlive` is the connection's
    // intention; error statuses (421, 405, 501, 400) always close.
    HttpResponse respond(const HttpRequest &request, bool keepAlive);

    // The answer when a request could not be parsed (400, 413, 414, 431,
    // 505...): an HTML error body and Connection: close.
    HttpResponse errorResponse(int status, const QString &detail);

    // Drops cached files, e.g. after the root changed on disk.
    void clearCache() { m_cache.clear(); }

private:
    HttpResponse serveFile(const HttpRequest &request, const CachedFile &file, bool keepAlive, int status = 200);
    HttpResponse serveDirectory(const HttpRequest &request, const DecodedPath &path, const QString &absolutePath,
                                QByteArrayView cacheKey, bool keepAlive);
    HttpResponse redirectToSlash(const HttpRequest &request, const DecodedPath &path, bool keepAlive);
    HttpResponse notFound(const HttpRequest &request, bool keepAlive);
    // A small answer whose body is in memory: one of our own pages unless told otherwise.
    HttpResponse simple(const HttpRequest &request, int status, const QByteArray &htmlBody, bool keepAlive,
                        QByteArrayView extraName = {}, QByteArrayView extraValue = {},
                        QByteArrayView contentType = BuiltinPageType);
    const CachedFile *fileFor(QByteArrayView cacheKey, const QString &absolutePath, const QString &requestedPath);
    void addCommonFields(class ResponseHead &head, bool http10, bool keepAlive);

    Options m_options;
    DocumentRoot m_root;
    MimeTypes m_mime;
    FileCache m_cache;
    DirectoryLister m_lister;
    HttpDate::Clock m_clock;
    QByteArray m_builtinNotFound;
};

} // namespace Net
