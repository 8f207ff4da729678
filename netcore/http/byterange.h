#pragma once

#include <QByteArrayView>
#include <QtGlobal>

namespace Net {

// The outcome of a Range header against a representation of `size` bytes
// (RFC 9110 §14). Only single ranges are served; a header with several
// ranges, another unit, or bad syntax is ignored and the whole file is sent,
// which the RFC allows.
struct ByteRange
{
    enum class Kind { Whole, Partial, Unsatisfiable };
    Kind kind = Kind::Whole;
    qint64 first = 0; // inclusive, for Partial
    qint64 last = -1; // inclusive, for Partial
    qint64 length() const { return last - first + 1; }
};

ByteRange parseByteRange(QByteArrayView headerValue, qint64 size);

} // namespace Net
