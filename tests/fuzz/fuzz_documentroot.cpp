// decodeRequestPath() and DocumentRoot::resolve() on arbitrary request
// targets, against a small tree made once: whatever the target, a file or
// directory handed out lies inside the root, never behind the symlinks that
// lead out of it.
#include "fuzzcheck.h"
#include "http/documentroot.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <cstdint>
#include <memory>

#include <sys/stat.h>

using namespace Net;
using namespace Qt::StringLiterals;

namespace {

struct Tree
{
    QTemporaryDir base{QDir::tempPath() + u"/wirebench-fuzz-XXXXXX"_s};
    std::unique_ptr<DocumentRoot> root;
    QString canonicalRoot;
    QString canonicalOutside; // the targets of the escaping symlinks
    QString canonicalSibling; // "<root>-private": shares the root's name as a prefix
};

Tree *tree = nullptr;

void writeFile(const QString &path)
{
    QFile file(path);
    FUZZ_CHECK(file.open(QIODevice::WriteOnly) && file.write("x") == 1);
}

void makeTree(Tree &t)
{
    FUZZ_CHECK(t.base.isValid());
    const QDir base(t.base.path());
    for (const QString &dir : {u"root/docs/sub"_s, u"outside"_s, u"root-private"_s})
        FUZZ_CHECK(base.mkpath(dir));
    for (const QString &file : {u"root/index.html"_s, u"root/docs/a.txt"_s, u"root/docs/sub/b.txt"_s,
                                u"root/a b.txt"_s, u"root/caf\u00e9.txt"_s, u"root/.hidden"_s,
                                u"outside/secret.txt"_s, u"root-private/secret.txt"_s}) {
        writeFile(base.filePath(file));
    }
    const QString root = base.filePath(u"root"_s);
    // Links that stay inside, links that leave (to a directory, to a file,
    // to a sibling whose name starts like the root's), and one to nowhere.
    FUZZ_CHECK(QFile::link(u"docs"_s, root + u"/inside"_s));
    FUZZ_CHECK(QFile::link(u"../outside"_s, root + u"/escape"_s));
    FUZZ_CHECK(QFile::link(u"../outside/secret.txt"_s, root + u"/escape.txt"_s));
    FUZZ_CHECK(QFile::link(u"../root-private"_s, root + u"/sibling"_s));
    FUZZ_CHECK(QFile::link(u"../../outside"_s, root + u"/docs/up"_s));
    FUZZ_CHECK(QFile::link(u"missing"_s, root + u"/dangling"_s));
    FUZZ_CHECK(mkfifo(QFile::encodeName(root + u"/fifo"_s).constData(), 0600) == 0);

    t.root = std::make_unique<DocumentRoot>(root);
    FUZZ_CHECK(t.root->isValid());
    t.canonicalRoot = QFileInfo(root).canonicalFilePath();
    t.canonicalOutside = QFileInfo(base.filePath(u"outside"_s)).canonicalFilePath();
    t.canonicalSibling = QFileInfo(base.filePath(u"root-private"_s)).canonicalFilePath();
    FUZZ_CHECK(t.root->canonicalPath() == t.canonicalRoot);
}

bool isUnder(const QString &path, const QString &directory)
{
    return path == directory || path.startsWith(directory + u'/');
}

void checkDecoded(const DecodedPath &decoded)
{
    if (decoded.verdict != DecodedPath::Verdict::Ok)
        return;
    const QString &relative = decoded.relative;
    FUZZ_CHECK(!relative.startsWith(u'/') && !relative.endsWith(u'/'));
    FUZZ_CHECK(!relative.contains(u'\\') && !relative.contains(QChar(0)));
    for (const QStringView segment : QStringView(relative).split(u'/')) {
        FUZZ_CHECK(relative.isEmpty() || !segment.isEmpty());
        FUZZ_CHECK(segment != u"." && segment != u"..");
    }
    for (const QChar c : relative)
        FUZZ_CHECK(c.unicode() >= 0x20 && c.unicode() != 0x7f);
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    tree = new Tree;
    makeTree(*tree);
    // Removes the tree when libFuzzer exits normally.
    std::atexit([] { delete tree; });
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray target = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const DecodedPath decoded = decodeRequestPath(target);
    checkDecoded(decoded);

    const DocumentRoot::Resolved resolved = tree->root->resolve(decoded);
    switch (resolved.kind) {
    case DocumentRoot::Kind::File:
    case DocumentRoot::Kind::Directory:
    case DocumentRoot::Kind::RedirectToSlash: {
        const QString &path = resolved.absolutePath;
        FUZZ_CHECK(decoded.verdict == DecodedPath::Verdict::Ok);
        FUZZ_CHECK(tree->root->contains(path));
        FUZZ_CHECK(isUnder(path, tree->canonicalRoot));
        FUZZ_CHECK(!isUnder(path, tree->canonicalOutside) && !isUnder(path, tree->canonicalSibling));
        const QFileInfo info(path);
        FUZZ_CHECK(resolved.kind == DocumentRoot::Kind::File ? info.isFile() : info.isDir());
        break;
    }
    case DocumentRoot::Kind::NotFound:
    case DocumentRoot::Kind::Forbidden:
        FUZZ_CHECK(decoded.verdict == DecodedPath::Verdict::Ok || resolved.kind == DocumentRoot::Kind::Forbidden);
        break;
    }
    return 0;
}
