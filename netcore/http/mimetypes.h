#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

namespace Net {

// Content-Type for a file name. Asks QMimeDatabase by extension first; where
// the system's MIME data is missing (minimal containers) a built-in table of
// the web's common types answers, and anything else is
// application/octet-stream. Text types get "; charset=utf-8". Results are
// cached per extension, since the lookup runs for every response. A few
// suffixes where the desktop database disagrees with the web (.js, .mjs,
// .html, .htm, .otf) always take the built-in answer. Not thread-safe; each
// network thread keeps its own.
class MimeTypes
{
public:
    QByteArray contentTypeFor(const QString &fileName);

    // The built-in table alone, for tests and for the fallback: the bare
    // type without parameters, or an empty QByteArray for a suffix it lacks.
    static QByteArray builtinTypeForSuffix(const QString &lowerSuffix);

private:
    QHash<QString, QByteArray> m_cache;
};

} // namespace Net
