#pragma once

#include <QByteArrayView>
#include <QString>

namespace Net {

// Step one of mapping a request-target to a file, with no file system access:
// strip the query and fragment (and the scheme and authority of an
// absolute-form target), percent-decode as UTF-8 and normalise. The result is
// the path relative to the root, with '/' separators, no empty, "." or ".."
// segments, and `trailingSlash` telling whether the target named a directory.
//
// Refused (Forbidden): ".." segments (decoded or not), encoded '/' or '\'
// (%2f, %5c), raw backslashes, NUL and other control characters, invalid
// UTF-8, and targets not starting with '/'.
struct DecodedPath
{
    enum class Verdict { Ok, Forbidden, BadRequest };
    Verdict verdict = Verdict::Ok;
    QString relative;        // "" for the root itself; "docs/a b.txt"
    bool trailingSlash = false;
};

DecodedPath decodeRequestPath(QByteArrayView target);

// Whether a relative path names or passes through a dot file or folder
// (".git", ".env", "a/.ssh/id"): any segment that starts with '.'. A leading
// ".well-known" is the one exception: RFC 8615 puts ACME challenges,
// security.txt and the like there, meant to be served.
bool isDotPath(QStringView relative);

// Step two: the decoded path against a real directory. Resolves symlinks and
// refuses anything whose canonical path leaves the canonical root. Unless
// told to serve them, dot files are NotFound, by the requested path and by
// where a symlink lands: "/.env", "/.git/config", and "/env" -> ".env" alike.
class DocumentRoot
{
public:
    enum class Kind {
        File,            // absolutePath is a readable regular file
        Directory,       // absolutePath is a directory (request had a trailing slash)
        RedirectToSlash, // a directory named without its trailing slash → 301
        NotFound,        // also dot files, unless served: not even their existence shows
        Forbidden,       // outside the root, unreadable, or not a regular file
    };
    struct Resolved
    {
        Kind kind = Kind::NotFound;
        QString absolutePath; // canonical, inside the root
    };

    explicit DocumentRoot(const QString &rootDirectory, bool serveDotfiles = false);

    bool isValid() const { return !m_canonicalRoot.isEmpty(); }
    QString canonicalPath() const { return m_canonicalRoot; }

    Resolved resolve(const DecodedPath &path) const;
    // The index.html of the folder `directory` names: a request for the
    // folder serves it when it resolves to a File, a listing when NotFound.
    static DecodedPath indexOf(const DecodedPath &directory);
    bool contains(const QString &canonicalPath) const;
    // Whether an open file lies inside the root, by the path the kernel holds
    // for the descriptor: the check that no swap of a path component between
    // resolve() and open() can get around.
    bool containsDescriptor(int fd) const;

private:
    bool isRefusedDotPath(const QString &relative) const { return !m_serveDotfiles && isDotPath(relative); }
    QString relativeTo(const QString &canonicalPath) const;

    QString m_canonicalRoot; // no trailing slash (except for "/")
    bool m_serveDotfiles = false;
};

} // namespace Net
