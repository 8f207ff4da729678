#include "conditional.h"

#include "httpdate.h"
#include "httprequest.h"

#include <optional>

namespace Net {

using FieldSyntax::isOws;

namespace {

constexpr QByteArrayView WeakPrefix = "W/";
constexpr uchar LastExcludedFromTag = 0x20; // SP and the controls below it
constexpr uchar DeleteCharacter = 0x7f;

struct EntityTag
{
    QByteArrayView opaque; // with its quotes
    bool weak = false;
};

// Reads one entity-tag (RFC 9110 §8.8.3) from the front of `text` and drops
// it. The opaque tag may itself contain commas, so a list cannot simply be
// split on them.
std::optional<EntityTag> takeEntityTag(QByteArrayView &text)
{
    EntityTag tag;
    if (text.startsWith(WeakPrefix)) {
        tag.weak = true;
        text = text.sliced(WeakPrefix.size());
    }
    if (!text.startsWith('"'))
        return std::nullopt;
    const qsizetype close = text.indexOf('"', 1);
    if (close < 0)
        return std::nullopt;
    // etagc = %x21 / %x23-7E / obs-text: no spaces or controls inside.
    for (const char c : text.sliced(1, close - 1)) {
        if (uchar(c) <= LastExcludedFromTag || uchar(c) == DeleteCharacter)
            return std::nullopt;
    }
    tag.opaque = text.first(close + 1);
    text = text.sliced(close + 1);
    return tag;
}

// A field value that is exactly one entity-tag, give or take OWS.
std::optional<EntityTag> wholeEntityTag(QByteArrayView text)
{
    text = text.trimmed();
    std::optional<EntityTag> tag = takeEntityTag(text);
    return text.isEmpty() ? tag : std::nullopt;
}

bool tagsMatch(const EntityTag &a, const EntityTag &b, bool weakComparison)
{
    // §8.8.3.2: strong comparison needs both tags strong; weak ignores W/.
    if (!weakComparison && (a.weak || b.weak))
        return false;
    return a.opaque == b.opaque;
}

// The value of every field line with this name, in order. If-Match and
// If-None-Match are lists, and a list may be split over several lines
// (RFC 9110 §5.3). The request's fields are walked directly rather than
// through HttpRequest::header(), which returns only the first line.
template<typename Visit>
bool anyFieldValue(const HttpRequest &request, QByteArrayView name, Visit visit)
{
    for (const HttpRequest::Field &field : request.fields) {
        if (request.view(field.name).compare(name, Qt::CaseInsensitive) == 0 && visit(request.view(field.value)))
            return true;
    }
    return false;
}

bool hasField(const HttpRequest &request, QByteArrayView name)
{
    return anyFieldValue(request, name, [](QByteArrayView) { return true; });
}

QByteArrayView firstFieldValue(const HttpRequest &request, QByteArrayView name)
{
    QByteArrayView found;
    anyFieldValue(request, name, [&found](QByteArrayView value) {
        found = value;
        return true;
    });
    return found;
}

bool listMatches(const HttpRequest &request, QByteArrayView name, QByteArrayView etag, bool weak)
{
    return anyFieldValue(request, name,
                         [&](QByteArrayView value) { return etagListMatches(value, etag, weak); });
}

// The field's date, or an invalid QDateTime when absent or unparsable: both
// mean "ignore the condition" (RFC 9110 §13.1.3, §13.1.4).
QDateTime dateField(const HttpRequest &request, QByteArrayView name)
{
    const QByteArrayView value = firstFieldValue(request, name);
    return value.isNull() ? QDateTime() : HttpDate::parse(value);
}

bool isGetOrHead(const HttpRequest &request)
{
    const QByteArrayView method = request.methodView();
    return method == "GET" || method == "HEAD";
}

} // namespace

bool etagListMatches(QByteArrayView list, QByteArrayView etag, bool weakComparison)
{
    list = list.trimmed();
    if (list == "*")
        return true;
    const std::optional<EntityTag> own = wholeEntityTag(etag);
    if (!own)
        return false;
    // 1#entity-tag with OWS and (§5.6.1.2) empty elements tolerated. A
    // malformed element ends the list: what follows cannot be trusted.
    while (true) {
        while (!list.isEmpty() && (isOws(list.front()) || list.front() == ','))
            list = list.sliced(1);
        if (list.isEmpty())
            return false;
        const std::optional<EntityTag> candidate = takeEntityTag(list);
        if (!candidate)
            return false;
        if (tagsMatch(*candidate, *own, weakComparison))
            return true;
        while (!list.isEmpty() && isOws(list.front()))
            list = list.sliced(1);
        if (!list.isEmpty() && list.front() != ',')
            return false;
    }
}

Precondition evaluatePreconditions(const HttpRequest &request, const Validators &validators)
{
    // RFC 9110 §13.2.2, steps 1 to 4, in that order.
    // Without a Last-Modified the date conditions cannot be evaluated and are
    // ignored (§13.1.3, §13.1.4).
    const bool hasDate = validators.lastModified.isValid();
    const qint64 modified = hasDate ? validators.lastModified.toSecsSinceEpoch() : 0;

    if (hasField(request, "If-Match")) {
        if (!listMatches(request, "If-Match", validators.etag, false))
            return Precondition::PreconditionFailed;
    } else if (const QDateTime since = dateField(request, "If-Unmodified-Since");
               hasDate && since.isValid() && modified > since.toSecsSinceEpoch()) {
        return Precondition::PreconditionFailed;
    }

    if (hasField(request, "If-None-Match")) {
        if (listMatches(request, "If-None-Match", validators.etag, true))
            return isGetOrHead(request) ? Precondition::NotModified : Precondition::PreconditionFailed;
    } else if (isGetOrHead(request)) {
        // §13.1.3: only consulted when If-None-Match is absent, so a client
        // that sends both is judged by its entity tags alone.
        const QDateTime since = dateField(request, "If-Modified-Since");
        if (hasDate && since.isValid() && modified <= since.toSecsSinceEpoch())
            return Precondition::NotModified;
    }
    return Precondition::Proceed;
}

bool ifRangeAllows(const HttpRequest &request, const Validators &validators)
{
    const QByteArrayView field = firstFieldValue(request, "If-Range");
    if (field.isNull())
        return true;
    const QByteArrayView value = field.trimmed();
    // §13.1.5: a DQUOTE (or W/) says entity tag, anything else is a date.
    if (value.startsWith('"') || value.startsWith(WeakPrefix)) {
        const std::optional<EntityTag> tag = wholeEntityTag(value);
        const std::optional<EntityTag> own = wholeEntityTag(validators.etag);
        // Strong comparison, so a weak tag never matches.
        return tag && own && tagsMatch(*tag, *own, false);
    }
    // A date validates only when it is exactly the current Last-Modified.
    const QDateTime date = HttpDate::parse(value);
    return date.isValid() && validators.lastModified.isValid()
        && date.toSecsSinceEpoch() == validators.lastModified.toSecsSinceEpoch();
}

} // namespace Net
