#include "http/httpdate.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace Net;

class tst_HttpDate : public QObject
{
    Q_OBJECT

private slots:
    void format_data();
    void format();
    void formatIgnoresLocale();
    void formatInvalid();
    void parse_data();
    void parse();
    void roundTrip();
    void twoDigitYear_data();
    void twoDigitYear();
    void rfc850UsesTheWindow();
    void clock();
};

namespace {

QDateTime utc(int y, int mo, int d, int h, int mi, int s)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s), Qt::UTC);
}

} // namespace

void tst_HttpDate::format_data()
{
    QTest::addColumn<QDateTime>("time");
    QTest::addColumn<QByteArray>("expected");

    QTest::addRow("rfc example") << utc(1994, 11, 6, 8, 49, 37) << "Sun, 06 Nov 1994 08:49:37 GMT"_ba;
    QTest::addRow("epoch") << utc(1970, 1, 1, 0, 0, 0) << "Thu, 01 Jan 1970 00:00:00 GMT"_ba;
    QTest::addRow("leap day") << utc(2024, 2, 29, 23, 59, 59) << "Thu, 29 Feb 2024 23:59:59 GMT"_ba;
    QTest::addRow("every month") << utc(2023, 12, 31, 12, 0, 5) << "Sun, 31 Dec 2023 12:00:05 GMT"_ba;
    QTest::addRow("milliseconds dropped")
        << QDateTime(QDate(2001, 9, 9), QTime(1, 46, 40, 999), Qt::UTC) << "Sun, 09 Sep 2001 01:46:40 GMT"_ba;
    QTest::addRow("offset converted to GMT")
        << QDateTime(QDate(1994, 11, 6), QTime(10, 49, 37), Qt::OffsetFromUTC, 2 * 3600)
        << "Sun, 06 Nov 1994 08:49:37 GMT"_ba;
    QTest::addRow("crosses midnight back")
        << QDateTime(QDate(2000, 1, 1), QTime(0, 30, 0), Qt::OffsetFromUTC, 3600)
        << "Fri, 31 Dec 1999 23:30:00 GMT"_ba;
    QTest::addRow("year 9999") << utc(9999, 12, 31, 23, 59, 59) << "Fri, 31 Dec 9999 23:59:59 GMT"_ba;
}

void tst_HttpDate::format()
{
    QFETCH(QDateTime, time);
    QFETCH(QByteArray, expected);
    QCOMPARE(HttpDate::format(time), expected);
}

void tst_HttpDate::formatIgnoresLocale()
{
    const QLocale previous;
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    const QByteArray text = HttpDate::format(utc(2021, 3, 2, 1, 2, 3));
    QLocale::setDefault(previous);
    QCOMPARE(text, "Tue, 02 Mar 2021 01:02:03 GMT"_ba);
}

void tst_HttpDate::formatInvalid()
{
    QVERIFY(HttpDate::format(QDateTime()).isEmpty());
    QVERIFY(HttpDate::format(utc(10000, 1, 1, 0, 0, 0)).isEmpty());
}

void tst_HttpDate::parse_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QDateTime>("expected"); // invalid: must be refused

    const QDateTime example = utc(1994, 11, 6, 8, 49, 37);
    QTest::addRow("imf-fixdate") << "Sun, 06 Nov 1994 08:49:37 GMT"_ba << example;
    QTest::addRow("rfc850") << "Sunday, 06-Nov-94 08:49:37 GMT"_ba << example;
    QTest::addRow("asctime") << "Sun Nov  6 08:49:37 1994"_ba << example;
    QTest::addRow("asctime two-digit day") << "Thu Dec 31 23:59:59 2015"_ba << utc(2015, 12, 31, 23, 59, 59);
    QTest::addRow("wrong weekday accepted") << "Mon, 06 Nov 1994 08:49:37 GMT"_ba << example;
    QTest::addRow("leap second read as 59") << "Sat, 31 Dec 2016 23:59:60 GMT"_ba << utc(2016, 12, 31, 23, 59, 59);
    QTest::addRow("leap day") << "Thu, 29 Feb 2024 00:00:00 GMT"_ba << utc(2024, 2, 29, 0, 0, 0);

    const QDateTime invalid;
    QTest::addRow("empty") << QByteArray() << invalid;
    QTest::addRow("garbage") << "yesterday"_ba << invalid;
    QTest::addRow("lower-case month") << "Sun, 06 nov 1994 08:49:37 GMT"_ba << invalid;
    QTest::addRow("lower-case gmt") << "Sun, 06 Nov 1994 08:49:37 gmt"_ba << invalid;
    QTest::addRow("other zone") << "Sun, 06 Nov 1994 08:49:37 UTC"_ba << invalid;
    QTest::addRow("numeric offset") << "Sun, 06 Nov 1994 08:49:37 +0000"_ba << invalid;
    QTest::addRow("trailing garbage") << "Sun, 06 Nov 1994 08:49:37 GMTx"_ba << invalid;
    QTest::addRow("one-digit day") << "Sun, 6 Nov 1994 08:49:37 GMT"_ba << invalid;
    QTest::addRow("two-digit year in imf") << "Sun, 06 Nov 94 08:49:37 GMT"_ba << invalid;
    QTest::addRow("feb 30") << "Sun, 30 Feb 1994 08:49:37 GMT"_ba << invalid;
    QTest::addRow("hour 24") << "Sun, 06 Nov 1994 24:00:00 GMT"_ba << invalid;
    QTest::addRow("minute 60") << "Sun, 06 Nov 1994 08:60:00 GMT"_ba << invalid;
    QTest::addRow("second 61") << "Sun, 06 Nov 1994 08:49:61 GMT"_ba << invalid;
    QTest::addRow("day 00") << "Sun, 00 Nov 1994 08:49:37 GMT"_ba << invalid;
    QTest::addRow("year 0000") << "Sun, 06 Nov 0000 08:49:37 GMT"_ba << invalid;
    QTest::addRow("bad day name") << "Xyz, 06 Nov 1994 08:49:37 GMT"_ba << invalid;
    QTest::addRow("rfc850 short day") << "Sun, 06-Nov-94 08:49:37 GMT"_ba << invalid;
    QTest::addRow("rfc850 four-digit year") << "Sunday, 06-Nov-1994 08:49:37 GMT"_ba << invalid;
    QTest::addRow("asctime zero-padded day") << "Sun Nov 06 08:49:37 1994"_ba << example;
    QTest::addRow("asctime single space day") << "Sun Nov 6 08:49:37 1994"_ba << invalid;
    QTest::addRow("asctime with gmt") << "Sun Nov  6 08:49:37 1994 GMT"_ba << invalid;
    QTest::addRow("signs in digits") << "Sun, +6 Nov 1994 08:49:37 GMT"_ba << invalid;
    QTest::addRow("leading space") << " Sun, 06 Nov 1994 08:49:37 GMT"_ba << invalid;
    QTest::addRow("truncated") << "Sun, 06 Nov 1994 08:49"_ba << invalid;
    QTest::addRow("nul inside") << QByteArray("Sun, 06 Nov\0 1994 08:49:37 GMT", 30) << invalid;
}

void tst_HttpDate::parse()
{
    QFETCH(QByteArray, text);
    QFETCH(QDateTime, expected);
    const QDateTime parsed = HttpDate::parse(text);
    QCOMPARE(parsed.isValid(), expected.isValid());
    if (expected.isValid()) {
        QCOMPARE(parsed, expected);
        QCOMPARE(parsed.timeSpec(), Qt::UTC);
    }
}

void tst_HttpDate::roundTrip()
{
    // A spread of instants across four centuries, including the edges.
    for (qint64 secs = -5'000'000'000; secs < 8'000'000'000; secs += 86'399 * 367 + 7) {
        const QDateTime time = QDateTime::fromSecsSinceEpoch(secs, Qt::UTC);
        const QByteArray text = HttpDate::format(time);
        QCOMPARE(text.size(), 29);
        QCOMPARE(HttpDate::parse(text), time);
    }
}

void tst_HttpDate::twoDigitYear_data()
{
    QTest::addColumn<int>("twoDigits");
    QTest::addColumn<int>("currentYear");
    QTest::addColumn<int>("expected");

    QTest::addRow("rfc example in 2025") << 94 << 2025 << 1994;
    QTest::addRow("this year") << 25 << 2025 << 2025;
    QTest::addRow("exactly 50 ahead stays") << 75 << 2025 << 2075;
    QTest::addRow("51 ahead goes back") << 76 << 2025 << 1976;
    QTest::addRow("00 in 2025") << 0 << 2025 << 2000;
    QTest::addRow("near a century end") << 1 << 2099 << 2101;
    QTest::addRow("49 in 2099") << 49 << 2099 << 2149;
    QTest::addRow("50 in 2099") << 50 << 2099 << 2050;
    QTest::addRow("99 in 2000") << 99 << 2000 << 1999;
    QTest::addRow("50 in 2000") << 50 << 2000 << 2050;
    QTest::addRow("51 in 2000") << 51 << 2000 << 1951;
}

void tst_HttpDate::twoDigitYear()
{
    QFETCH(int, twoDigits);
    QFETCH(int, currentYear);
    QFETCH(int, expected);
    QCOMPARE(HttpDate::expandTwoDigitYear(twoDigits, currentYear), expected);
}

void tst_HttpDate::rfc850UsesTheWindow()
{
    // A year 60 years ahead of now must be read as 40 years ago.
    const int thisYear = QDateTime::currentDateTimeUtc().date().year();
    const int ahead = (thisYear + 60) % 100;
    const QByteArray text = "Monday, 01-Jan-" + QByteArray::number(ahead).rightJustified(2, '0') + " 00:00:00 GMT";
    const QDateTime parsed = HttpDate::parse(text);
    QVERIFY(parsed.isValid());
    QCOMPARE(parsed.date().year(), thisYear - 40);
}

void tst_HttpDate::clock()
{
    HttpDate::Clock clock;
    const qint64 before = QDateTime::currentSecsSinceEpoch();
    const QByteArray first = clock.now();
    const QByteArray second = clock.now();
    const qint64 after = QDateTime::currentSecsSinceEpoch();

    const QDateTime parsed = HttpDate::parse(first);
    QVERIFY(parsed.isValid());
    QVERIFY(parsed.toSecsSinceEpoch() >= before);
    QVERIFY(parsed.toSecsSinceEpoch() <= after);
    if (before == after) // same second: the cached text, not a new one
        QCOMPARE(second.constData(), first.constData());
    QTRY_VERIFY_WITH_TIMEOUT(clock.now() != first, 3000);
}

QTEST_GUILESS_MAIN(tst_HttpDate)
#include "tst_httpdate.moc"
