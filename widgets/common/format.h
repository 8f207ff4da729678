#pragma once

#include <QByteArray>
#include <QString>

class QHostAddress;

// How the panels write sizes, times and addresses, so every view says the
// same thing the same way.
namespace Format {

// "0 B", "15 B", "1.2 KiB", "3.4 MiB" (IEC units, one decimal, C locale digits).
QString bytes(qint64 count);
// "1 request", "12,345 requests": the number with the word that fits it.
QString count(qint64 n, const QString &singular, const QString &plural);
// "12,345": with the locale's digit grouping, even under the C locale
// (which leaves it out), so counters read at a glance.
QString integer(qint64 n);
// "950", "1.5K", "20K", "3.2M": short numbers for axis labels and legends.
QString compact(double value);
// "1.2 KiB/s"
QString rate(double bytesPerSecond);
// "0.3 ms", "12 ms", "1.4 s", "2 min 5 s"
QString durationUs(qint64 microseconds);
QString durationMs(qint64 milliseconds);
// "14:03:07.123" in local time
QString timeOfDay(qint64 msSinceEpoch);
// Bytes as readable text: valid UTF-8 shown as text; \r \n \t escaped;
// other control bytes and bytes that are not valid UTF-8 as \xNN. Stops after
// `maxChars` characters of output (-1: no limit); `*complete` says whether all
// bytes were shown.
QString escapedText(QByteArrayView bytes, qsizetype maxChars = -1, bool *complete = nullptr);
// A short, printable preview of a payload: text as text with \r \n \t escaped,
// binary as hex; quoted when it is text. At most `maxChars` characters.
QString payloadPreview(const QByteArray &payload, int maxChars = 48);

// How this machine reaches a server bound to `address`: "127.0.0.1" or "::1"
// for the wildcard addresses, otherwise the address itself.
QString reachableHost(const QHostAddress &address);

// Text for a tooltip that shows `plain` as it is. Qt renders a tooltip as rich
// text whenever Qt::mightBeRichText() guesses so, and text from the network
// ("<b>x</b><img src=…>") would be taken for HTML; this escapes it and wraps
// it in a paragraph that keeps its spaces, so it is always read as HTML, and
// as HTML it means exactly `plain`.
QString plainToolTip(const QString &plain);

} // namespace Format
