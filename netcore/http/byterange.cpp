#include "byterange.h"
#include "httprequest.h"

#include <limits>
#include <optional>

namespace Net {

using FieldSyntax::trimOws;

namespace {

constexpr QByteArrayView BytesUnit = "bytes";
// Positions past qint64 saturate here: such a number is still a well-formed
// position, just one beyond any file, so it must not wrap into a small one.
constexpr qint64 SaturatedPosition = std::numeric_limits<qint64>::max();
constexpr qint64 SaturationThreshold = (SaturatedPosition - 9) / 10;

// 1*DIGIT, nothing else: no sign, no spaces.
std::optional<qint64> parsePosition(QByteArrayView digits)
{
    if (digits.isEmpty())
        return std::nullopt;
    qint64 value = 0;
    for (const char c : digits) {
        if (c < '0' || c > '9')
            return std::nullopt;
        value = value > SaturationThreshold ? SaturatedPosition : value * 10 + (c - '0');
    }
    return value;
}

// The one non-empty element of the range-set, or a null view when there are
// none or several. RFC 9110 §5.6.1.2: recipients accept empty list elements,
// so "bytes=0-9," is still a single range.
QByteArrayView singleRangeSpec(QByteArrayView rangeSet)
{
    QByteArrayView found;
    while (true) {
        const qsizetype comma = rangeSet.indexOf(',');
        const QByteArrayView element = trimOws(comma < 0 ? rangeSet : rangeSet.first(comma));
        if (!element.isEmpty()) {
            if (!found.isNull())
                return {};
            found = element;
        }
        if (comma < 0)
            return found;
        rangeSet = rangeSet.sliced(comma + 1);
    }
}

ByteRange partial(qint64 first, qint64 last)
{
    return ByteRange{ByteRange::Kind::Partial, first, last};
}

constexpr ByteRange Unsatisfiable{ByteRange::Kind::Unsatisfiable};
constexpr ByteRange Whole{};

// suffix-range = "-" suffix-length (RFC 9110 §14.1.1): the last N bytes.
ByteRange suffixRange(QByteArrayView lengthText, qint64 size)
{
    const std::optional<qint64> length = parsePosition(lengthText);
    if (!length)
        return Whole;
    // A zero suffix selects nothing (§14.1.1). A zero-length file could only
    // answer with an empty 206, which no client wants, so it is refused too.
    if (*length == 0 || size <= 0)
        return Unsatisfiable;
    // §14.1.2: a suffix longer than the representation selects all of it.
    return partial(*length >= size ? 0 : size - *length, size - 1);
}

// int-range = first-pos "-" [ last-pos ]
ByteRange intRange(QByteArrayView firstText, QByteArrayView lastText, qint64 size)
{
    const std::optional<qint64> first = parsePosition(firstText);
    const std::optional<qint64> last =
        lastText.isEmpty() ? std::optional<qint64>(SaturatedPosition) : parsePosition(lastText);
    // §14.1.1: last-pos below first-pos makes the range-spec invalid, and an
    // invalid Range header is ignored rather than refused.
    if (!first || !last || *first > *last)
        return Whole;
    if (size <= 0 || *first >= size)
        return Unsatisfiable;
    // §14.1.2: a last-pos at or past the end means "to the end".
    return partial(*first, qMin(*last, size - 1));
}

} // namespace

ByteRange parseByteRange(QByteArrayView headerValue, qint64 size)
{
    const qsizetype equals = headerValue.indexOf('=');
    if (equals < 0)
        return Whole;
    // Range units are case-insensitive (RFC 9110 §14.1); any other unit is ignored.
    if (trimOws(headerValue.first(equals)).compare(BytesUnit, Qt::CaseInsensitive) != 0)
        return Whole;
    const QByteArrayView spec = singleRangeSpec(headerValue.sliced(equals + 1));
    const qsizetype dash = spec.indexOf('-');
    if (spec.isNull() || dash < 0)
        return Whole;
    if (dash == 0)
        return suffixRange(spec.sliced(1), size);
    return intRange(spec.first(dash), spec.sliced(dash + 1), size);
}

} // namespace Net
