#include "filecache.h"
#include "documentroot.h"
#include "httpdate.h"
#include "mimetypes.h"
#include "regularfile.h"
#include "textcharset.h"

#include <QFile>

namespace {
// Files up to this size are kept in memory; larger ones are streamed from disk.
constexpr qint64 MAX_CACHED_FILE_BYTES = 256 * 1024;
// Memory the cached contents may take in all; past it the cache starts over.
constexpr qint64 MAX_CACHED_CONTENT_BYTES = 64 * 1024 * 1024;
constexpr qsizetype MAX_CACHE_ENTRIES = 8192;

qint64 mtimeNanoseconds(const struct stat &st)
{
    return qint64(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
}

qint64 ctimeNanoseconds(const struct stat &st)
{
    return qint64(st.st_ctim.tv_sec) * 1000000000 + st.st_ctim.tv_nsec;
}

// The change time catches what the modification time does not, such as a
// chmod that makes the file unreadable.
bool sameFile(const Net::CachedFile &entry, const struct stat &st)
{
    return entry.device == st.st_dev && entry.inode == st.st_ino && entry.size == st.st_size
        && entry.mtimeNs == mtimeNanoseconds(st) && entry.ctimeNs == ctimeNanoseconds(st);
}
} // namespace

namespace Net {

FileCache::FileCache(const DocumentRoot &root, MimeTypes &mime)
    : m_root(root)
    , m_mime(mime)
{
}

void FileCache::clear()
{
    m_entries.clear();
    m_contentBytes = 0;
}

const CachedFile *FileCache::lookup(QByteArrayView key)
{
    auto it = m_entries.find(QByteArray::fromRawData(key.data(), key.size()));
    if (it == m_entries.end())
        return nullptr;
    struct stat st;
    if (::stat(it->statPath.constData(), &st) == 0 && S_ISREG(st.st_mode) && sameFile(*it, st))
        return &*it;
    m_contentBytes -= it->content.size();
    m_entries.erase(it);
    return nullptr;
}

const CachedFile *FileCache::store(QByteArrayView key, const QString &canonicalPath, const QString &requestedPath)
{
    CachedFile entry;
    if (!fillFromDisk(entry, canonicalPath, requestedPath))
        return nullptr;
    if (m_entries.size() >= MAX_CACHE_ENTRIES || m_contentBytes + entry.content.size() > MAX_CACHED_CONTENT_BYTES)
        clear();
    m_contentBytes += entry.content.size();
    return &*m_entries.insert(key.toByteArray(), std::move(entry));
}

bool FileCache::fillFromDisk(CachedFile &entry, const QString &canonicalPath, const QString &requestedPath)
{
    entry.absolutePath = canonicalPath;
    entry.statPath = QFile::encodeName(requestedPath);
    // The path was a regular file when resolve() looked; it may be a FIFO
    // now, so the open must not wait, and what counts is the descriptor.
    const RegularFile file = RegularFile::open(canonicalPath);
    if (!file.isOpen() || !m_root.containsDescriptor(file.descriptor()))
        return false;
    const struct stat &st = file.status();
    entry.device = st.st_dev;
    entry.inode = st.st_ino;
    entry.size = st.st_size;
    entry.mtimeNs = mtimeNanoseconds(st);
    entry.ctimeNs = ctimeNanoseconds(st);
    entry.lastModifiedTime = QDateTime::fromSecsSinceEpoch(st.st_mtim.tv_sec, Qt::UTC);
    entry.lastModified = HttpDate::format(entry.lastModifiedTime);
    entry.etag = '"' + QByteArray::number(entry.size, 16) + '-' + QByteArray::number(entry.mtimeNs / 1000000, 16) + '"';
    const QByteArray type = m_mime.contentTypeFor(canonicalPath);
    const bool small = entry.size <= MAX_CACHED_FILE_BYTES;
    // Small files are read whole anyway; of a large text file, the first
    // part tells its charset.
    const QByteArray head = small || MimeTypes::isText(type) ? file.read(0, qMin(entry.size, MAX_CACHED_FILE_BYTES))
                                                              : QByteArray();
    entry.contentType = TextCharset::contentType(type, head, head.size() == entry.size);
    // A file that changed while we read it is served from disk next time.
    entry.hasContent = small && head.size() == entry.size;
    if (entry.hasContent)
        entry.content = head;
    return true;
}

} // namespace Net
