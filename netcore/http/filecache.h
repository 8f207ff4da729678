#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QString>

#include <sys/stat.h>

namespace Net {

class DocumentRoot;
class MimeTypes;

// What the handler needs to know about a file it serves, cached per request
// path so a busy small-file server does not resolve symlinks and read files
// for every request. A hit costs one stat(): the entry is used only while the
// path still leads to the same inode with the same size, modification and
// change times, and that inode was checked to be inside the root, through the
// descriptor actually opened, when it was cached.
struct CachedFile
{
    QString absolutePath;   // canonical
    QByteArray statPath;    // the non-canonical path in local 8-bit form, re-stat'ed on every hit
    dev_t device = 0;
    ino_t inode = 0;
    qint64 size = 0;
    qint64 mtimeNs = 0;
    qint64 ctimeNs = 0;
    QByteArray etag;        // "\"<size>-<mtime>\"" in hex, strong
    QByteArray lastModified;// IMF-fixdate
    QDateTime lastModifiedTime;
    QByteArray contentType;
    QByteArray content;     // the whole file when small enough, else empty (streamed)
    bool hasContent = false;
};

class FileCache
{
public:
    FileCache(const DocumentRoot &root, MimeTypes &mime);

    // The file for a request path that DocumentRoot resolved to a regular
    // file, from the cache when still valid. `key` is the raw path part of
    // the request target. Returns nullptr when the file cannot be opened.
    const CachedFile *lookup(QByteArrayView key);
    const CachedFile *store(QByteArrayView key, const QString &canonicalPath, const QString &requestedPath);

    void clear();

private:
    bool fillFromDisk(CachedFile &entry, const QString &canonicalPath, const QString &requestedPath);

    const DocumentRoot &m_root;
    MimeTypes &m_mime;
    QHash<QByteArray, CachedFile> m_entries;
    qint64 m_contentBytes = 0;
};

} // namespace Net
