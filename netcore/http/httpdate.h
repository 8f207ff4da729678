#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>

namespace Net::HttpDate {

// RFC 9110 §5.6.7: IMF-fixdate, e.g. "Sun, 06 Nov 1994 08:49:37 GMT".
// An invalid QDateTime gives an empty QByteArray.
QByteArray format(const QDateTime &utc);

// Accepts IMF-fixdate and the two obsolete forms (RFC 850 and asctime) that
// recipients must still understand. Returns an invalid QDateTime otherwise.
// Names and "GMT" are case-sensitive, as the grammar says; a leap second (60)
// is read as 59 because QTime cannot hold it.
QDateTime parse(QByteArrayView text);

// The four-digit year for an RFC 850 two-digit year, seen from `currentYear`:
// RFC 9110 §5.6.7 reads a year more than 50 years in the future as the most
// recent past year with the same last two digits.
int expandTwoDigitYear(int twoDigitYear, int currentYear);

// The current time formatted, recomputed at most once a second: every
// response carries a Date header and formatting one per request is waste.
// Not thread-safe; each network thread keeps its own.
class Clock
{
public:
    QByteArray now();

private:
    qint64 m_second = -1;
    QByteArray m_text;
};

} // namespace Net::HttpDate
