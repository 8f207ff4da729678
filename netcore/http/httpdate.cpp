#include "httpdate.h"

#include <algorithm>
#include <array>

namespace Net::HttpDate {

namespace {

// Names are fixed ASCII, never the locale's: an HTTP date is protocol text.
// Index 0 is Monday, matching QDate::dayOfWeek() - 1.
constexpr std::array<QByteArrayView, 7> ShortDayNames = {
    "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
constexpr std::array<QByteArrayView, 7> LongDayNames = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
constexpr std::array<QByteArrayView, 12> MonthNames = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

constexpr qsizetype ImfFixdateLength = 29; // "Sun, 06 Nov 1994 08:49:37 GMT"
constexpr int MaxFourDigitYear = 9999;
constexpr int TwoDigitYearWindow = 50;     // RFC 9110 §5.6.7
constexpr int LeapSecond = 60;             // allowed by the grammar, not by QTime

// Reads a date left to right. Every step is a no-op once one has failed, so a
// grammar reads as a straight sequence with one check at the end.
class Cursor
{
public:
    explicit Cursor(QByteArrayView text) : m_rest(text) {}

    bool atEnd() const { return m_ok && m_rest.isEmpty(); }

    void literal(QByteArrayView expected)
    {
        if (m_ok && m_rest.startsWith(expected))
            m_rest = m_rest.sliced(expected.size());
        else
            m_ok = false;
    }

    // Exactly `count` digits. asctime pads its day with a space, not a zero.
    int number(qsizetype count, bool spacePadded = false)
    {
        if (!m_ok || m_rest.size() < count)
            return fail();
        int value = 0;
        for (qsizetype i = 0; i < count; ++i) {
            const char c = m_rest[i];
            if (spacePadded && i == 0 && c == ' ' && count > 1)
                continue;
            if (c < '0' || c > '9')
                return fail();
            value = value * 10 + (c - '0');
        }
        m_rest = m_rest.sliced(count);
        return value;
    }

    // The index of the name the text starts with.
    template<std::size_t N>
    int name(const std::array<QByteArrayView, N> &names)
    {
        for (std::size_t i = 0; m_ok && i < N; ++i) {
            if (m_rest.startsWith(names[i])) {
                m_rest = m_rest.sliced(names[i].size());
                return int(i);
            }
        }
        return fail();
    }

    QTime time() // "08:49:37"
    {
        const int hour = number(2);
        literal(":");
        const int minute = number(2);
        literal(":");
        const int second = number(2);
        return QTime(hour, minute, second == LeapSecond ? LeapSecond - 1 : second);
    }

private:
    int fail()
    {
        m_ok = false;
        return -1;
    }

    QByteArrayView m_rest;
    bool m_ok = true;
};

QDateTime assemble(bool ok, int year, int month, int day, QTime time)
{
    const QDate date(year, month + 1, day);
    if (!ok || !date.isValid() || !time.isValid())
        return {};
    return QDateTime(date, time, Qt::UTC);
}

// IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT"
QDateTime parseImfFixdate(Cursor c)
{
    c.name(ShortDayNames);
    c.literal(", ");
    const int day = c.number(2);
    c.literal(" ");
    const int month = c.name(MonthNames);
    c.literal(" ");
    const int year = c.number(4);
    c.literal(" ");
    const QTime time = c.time();
    c.literal(" GMT");
    return assemble(c.atEnd(), year, month, day, time);
}

// rfc850-date: "Sunday, 06-Nov-94 08:49:37 GMT"
QDateTime parseRfc850(Cursor c)
{
    c.name(LongDayNames);
    c.literal(", ");
    const int day = c.number(2);
    c.literal("-");
    const int month = c.name(MonthNames);
    c.literal("-");
    const int shortYear = c.number(2);
    c.literal(" ");
    const QTime time = c.time();
    c.literal(" GMT");
    const int currentYear = QDateTime::currentDateTimeUtc().date().year();
    return assemble(c.atEnd(), expandTwoDigitYear(shortYear, currentYear), month, day, time);
}

// asctime-date: "Sun Nov  6 08:49:37 1994"
QDateTime parseAsctime(Cursor c)
{
    c.name(ShortDayNames);
    c.literal(" ");
    const int month = c.name(MonthNames);
    c.literal(" ");
    const int day = c.number(2, true);
    c.literal(" ");
    const QTime time = c.time();
    c.literal(" ");
    const int year = c.number(4);
    return assemble(c.atEnd(), year, month, day, time);
}

void putDigits(char *out, int value, int count)
{
    for (int i = count - 1; i >= 0; --i) {
        out[i] = char('0' + value % 10);
        value /= 10;
    }
}

} // namespace

QByteArray format(const QDateTime &dateTime)
{
    if (!dateTime.isValid())
        return {};
    const QDateTime utc = dateTime.toUTC();
    const QDate date = utc.date();
    const QTime time = utc.time();
    if (date.year() < 1 || date.year() > MaxFourDigitYear)
        return {};

    QByteArray out(ImfFixdateLength, Qt::Uninitialized);
    char *p = out.data();
    const QByteArrayView dayName = ShortDayNames[date.dayOfWeek() - 1];
    const QByteArrayView monthName = MonthNames[date.month() - 1];
    std::copy(dayName.begin(), dayName.end(), p);
    p[3] = ',';
    p[4] = ' ';
    putDigits(p + 5, date.day(), 2);
    p[7] = ' ';
    std::copy(monthName.begin(), monthName.end(), p + 8);
    p[11] = ' ';
    putDigits(p + 12, date.year(), 4);
    p[16] = ' ';
    putDigits(p + 17, time.hour(), 2);
    p[19] = ':';
    putDigits(p + 20, time.minute(), 2);
    p[22] = ':';
    putDigits(p + 23, time.second(), 2);
    std::copy_n(" GMT", 4, p + 25);
    return out;
}

QDateTime parse(QByteArrayView text)
{
    // The fourth byte tells the three forms apart: "Sun," (IMF-fixdate),
    // "Sun " (asctime) or the middle of a long day name (RFC 850).
    if (text.size() < 4)
        return {};
    if (text[3] == ',')
        return parseImfFixdate(Cursor(text));
    if (text[3] == ' ')
        return parseAsctime(Cursor(text));
    return parseRfc850(Cursor(text));
}

int expandTwoDigitYear(int twoDigitYear, int currentYear)
{
    int year = currentYear - currentYear % 100 + twoDigitYear;
    if (year > currentYear + TwoDigitYearWindow)
        year -= 100;
    else if (year <= currentYear - (100 - TwoDigitYearWindow))
        year += 100;
    return year;
}

QByteArray Clock::now()
{
    const qint64 second = QDateTime::currentSecsSinceEpoch();
    if (second != m_second) {
        m_text = format(QDateTime::fromSecsSinceEpoch(second, Qt::UTC));
        m_second = second;
    }
    return m_text;
}

} // namespace Net::HttpDate
