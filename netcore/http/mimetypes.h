#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

namespace Net {

// The media type for a file name, without parameters. A built-in table of
// the web's types answers first, so what a browser needs (scripts, modules,
// wasm, manifests, fonts, media) does not depend on the system's MIME data;
// other suffixes ask QMimeDatabase, and anything unknown is
// application/octet-stream. The charset is the file's business, not the
// name's (see TextCharset). Results are cached per suffix, since the lookup
// runs for every file cached. Not thread-safe; each network thread keeps its own.
class MimeTypes
{
public:
    QByteArray contentTypeFor(const QString &fileName);

    // Whether a type is text that a charset parameter applies to.
    static bool isText(QByteArrayView type);

    // The built-in table alone, for tests: the bare type, or an empty
    // QByteArray for a suffix it lacks.
    static QByteArray builtinTypeForSuffix(const QString &lowerSuffix);

private:
    QHash<QString, QByteArray> m_cache;
};

} // namespace Net
