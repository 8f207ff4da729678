#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

namespace Net {

class DocumentRoot;
struct DecodedPath;

// One row of a directory listing.
struct ListingEntry
{
    QString name;        // as written on disk (valid UTF-8)
    QByteArray href;     // percent-encoded, relative to the listed folder; folders end in '/'
    bool isDirectory = false;
    qint64 size = 0;     // of what a GET serves: a symlink's target, which lies inside the root
    QDateTime modified;  // likewise
};

// What a directory listing shows: exactly the entries whose link a GET
// would serve, so a crawler (wget --mirror) meets no error and misses
// nothing. Each raw name is percent-encoded into its link, and the link goes
// through decodeRequestPath() and DocumentRoot::resolve() as a request
// would. That leaves out symlinks that lead out of the root, FIFOs, sockets
// and devices, unreadable files, dot files (unless served), names with a
// backslash or a control character (which the decoder refuses), folders
// whose index.html cannot be served, and names that are not valid UTF-8:
// request paths are decoded as UTF-8, so such a file cannot be asked for.
class DirectoryLister
{
public:
    explicit DirectoryLister(const DocumentRoot &root) : m_root(root) {}

    // `directory` is the decoded request path of a folder that resolved to
    // `absolutePath`. Folders first, then by name, case-insensitively.
    QList<ListingEntry> list(const DecodedPath &directory, const QString &absolutePath) const;

private:
    bool describe(const QByteArray &folderTarget, const QByteArray &rawName, ListingEntry &entry) const;

    const DocumentRoot &m_root;
};

} // namespace Net
