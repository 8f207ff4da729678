#include "directorylister.h"
#include "documentroot.h"

#include <QFile>
#include <QFileInfo>
#include <QUrl>

#include <algorithm>
#include <dirent.h>
#include <memory>

namespace Net {

namespace {

// Every name in a folder as the bytes on disk: QDir would hand over names
// already decoded, with invalid UTF-8 replaced, which no longer name the file.
QList<QByteArray> rawNames(const QString &folder)
{
    QList<QByteArray> names;
    const std::unique_ptr<DIR, int (*)(DIR *)> dir(::opendir(QFile::encodeName(folder).constData()), ::closedir);
    if (!dir)
        return names;
    while (const dirent *entry = ::readdir(dir.get())) {
        const QByteArrayView name(entry->d_name);
        if (name != "." && name != "..")
            names.append(name.toByteArray());
    }
    return names;
}

bool listedBefore(const ListingEntry &a, const ListingEntry &b)
{
    if (a.isDirectory != b.isDirectory)
        return a.isDirectory;
    const int folded = a.name.compare(b.name, Qt::CaseInsensitive);
    return folded != 0 ? folded < 0 : a.name < b.name;
}

} // namespace

QList<ListingEntry> DirectoryLister::list(const DecodedPath &directory, const QString &absolutePath) const
{
    QByteArray folderTarget = '/' + QUrl::toPercentEncoding(directory.relative, "/");
    if (!folderTarget.endsWith('/'))
        folderTarget += '/';
    QList<ListingEntry> entries;
    for (const QByteArray &rawName : rawNames(absolutePath)) {
        ListingEntry entry;
        if (describe(folderTarget, rawName, entry))
            entries.append(std::move(entry));
    }
    std::sort(entries.begin(), entries.end(), listedBefore);
    return entries;
}

// Asks what a GET of the entry's link would get, through the same steps a
// request takes; fills `entry` and returns true when that is a success.
bool DirectoryLister::describe(const QByteArray &folderTarget, const QByteArray &rawName, ListingEntry &entry) const
{
    entry.href = rawName.toPercentEncoding();
    DecodedPath path = decodeRequestPath(folderTarget + entry.href);
    if (path.verdict != DecodedPath::Verdict::Ok)
        return false;
    DocumentRoot::Resolved resolved = m_root.resolve(path);
    if (resolved.kind == DocumentRoot::Kind::RedirectToSlash) {
        // The link of a folder ends in '/', and that page must be servable too.
        path.trailingSlash = true;
        resolved = m_root.resolve(path);
        const DocumentRoot::Kind index = m_root.resolve(DocumentRoot::indexOf(path)).kind;
        if (resolved.kind != DocumentRoot::Kind::Directory
            || (index != DocumentRoot::Kind::File && index != DocumentRoot::Kind::NotFound))
            return false;
        entry.href += '/';
        entry.isDirectory = true;
    } else if (resolved.kind != DocumentRoot::Kind::File) {
        return false;
    }
    entry.name = QString::fromUtf8(rawName);
    const QFileInfo served(resolved.absolutePath);
    entry.size = entry.isDirectory ? 0 : served.size();
    entry.modified = served.lastModified();
    return true;
}

} // namespace Net
