#pragma once

#include <QByteArrayView>
#include <QDateTime>

namespace Net {

class HttpRequest;

// What the preconditions of RFC 9110 §13.2.2 decide for a GET or HEAD of a
// representation with this validator pair.
enum class Precondition {
    Proceed,            // serve normally
    NotModified,        // 304
    PreconditionFailed, // 412 (If-Match / If-Unmodified-Since failed)
};

struct Validators
{
    QByteArrayView etag;    // strong entity tag with its quotes, e.g. "\"5f-1a2b\""
    QDateTime lastModified; // UTC, whole seconds
};

Precondition evaluatePreconditions(const HttpRequest &request, const Validators &validators);

// If-Range (RFC 9110 §13.1.5): true when the Range header may be honoured.
bool ifRangeAllows(const HttpRequest &request, const Validators &validators);

// Whether an entity-tag list ("*", or "a", W/"b") matches `etag`. Weak
// comparison for If-None-Match, strong for If-Match.
bool etagListMatches(QByteArrayView list, QByteArrayView etag, bool weakComparison);

} // namespace Net
