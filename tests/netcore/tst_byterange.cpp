#include "http/byterange.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace Net;

using Kind = ByteRange::Kind;
Q_DECLARE_METATYPE(ByteRange::Kind)

class tst_ByteRange : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void length();
};

namespace {

constexpr qint64 k = 1000;

// Satisfiable single ranges (RFC 9110 §14.1.2 examples and edges).
void addPartialRows()
{
    QTest::addRow("first 100") << "bytes=0-99"_ba << k << Kind::Partial << 0LL << 99LL;
    QTest::addRow("second 100") << "bytes=100-199"_ba << k << Kind::Partial << 100LL << 199LL;
    QTest::addRow("open end") << "bytes=100-"_ba << k << Kind::Partial << 100LL << 999LL;
    QTest::addRow("last byte by position") << "bytes=999-"_ba << k << Kind::Partial << 999LL << 999LL;
    QTest::addRow("single byte") << "bytes=5-5"_ba << k << Kind::Partial << 5LL << 5LL;
    QTest::addRow("last clamped") << "bytes=900-5000"_ba << k << Kind::Partial << 900LL << 999LL;
    QTest::addRow("whole as a range") << "bytes=0-999"_ba << k << Kind::Partial << 0LL << 999LL;
    QTest::addRow("suffix") << "bytes=-500"_ba << k << Kind::Partial << 500LL << 999LL;
    QTest::addRow("suffix of one") << "bytes=-1"_ba << k << Kind::Partial << 999LL << 999LL;
    QTest::addRow("suffix equal to size") << "bytes=-1000"_ba << k << Kind::Partial << 0LL << 999LL;
    QTest::addRow("suffix larger than size") << "bytes=-5000"_ba << k << Kind::Partial << 0LL << 999LL;
    QTest::addRow("unit case-insensitive") << "Bytes=0-9"_ba << k << Kind::Partial << 0LL << 9LL;
    QTest::addRow("unit upper case") << "BYTES=0-9"_ba << k << Kind::Partial << 0LL << 9LL;
    QTest::addRow("ows around equals") << "bytes = 0-9"_ba << k << Kind::Partial << 0LL << 9LL;
    QTest::addRow("ows around spec") << "bytes=\t0-9 "_ba << k << Kind::Partial << 0LL << 9LL;
    QTest::addRow("empty list elements") << "bytes=, 0-9 ,"_ba << k << Kind::Partial << 0LL << 9LL;
    QTest::addRow("leading zeros") << "bytes=0010-0019"_ba << k << Kind::Partial << 10LL << 19LL;
    QTest::addRow("huge last clamps") << "bytes=0-99999999999999999999999"_ba << k << Kind::Partial << 0LL
                                      << 999LL;
    QTest::addRow("huge suffix is everything") << "bytes=-99999999999999999999999"_ba << k << Kind::Partial
                                               << 0LL << 999LL;
    QTest::addRow("large file") << "bytes=5000000000-"_ba << 6'000'000'000LL << Kind::Partial
                                << 5'000'000'000LL << 5'999'999'999LL;
}

// Well-formed but unsatisfiable → 416.
void addUnsatisfiableRows()
{
    QTest::addRow("first at size") << "bytes=1000-"_ba << k << Kind::Unsatisfiable << 0LL << -1LL;
    QTest::addRow("first past size") << "bytes=2000-3000"_ba << k << Kind::Unsatisfiable << 0LL << -1LL;
    QTest::addRow("zero suffix") << "bytes=-0"_ba << k << Kind::Unsatisfiable << 0LL << -1LL;
    QTest::addRow("empty file, first 0") << "bytes=0-"_ba << 0LL << Kind::Unsatisfiable << 0LL << -1LL;
    QTest::addRow("empty file, range") << "bytes=0-99"_ba << 0LL << Kind::Unsatisfiable << 0LL << -1LL;
    QTest::addRow("empty file, suffix") << "bytes=-5"_ba << 0LL << Kind::Unsatisfiable << 0LL << -1LL;
    QTest::addRow("huge first") << "bytes=99999999999999999999999-"_ba << k << Kind::Unsatisfiable << 0LL
                                << -1LL;
    QTest::addRow("int64 max first") << "bytes=9223372036854775807-"_ba << k << Kind::Unsatisfiable << 0LL
                                     << -1LL;
}

// Ignored → 200 with the whole representation.
void addIgnoredRows()
{
    QTest::addRow("empty") << QByteArray() << k << Kind::Whole << 0LL << -1LL;
    QTest::addRow("no equals") << "bytes"_ba << k << Kind::Whole << 0LL << -1LL;
    QTest::addRow("other unit") << "items=0-9"_ba << k << Kind::Whole << 0LL << -1LL;
    QTest::addRow("unit prefix") << "bytesx=0-9"_ba << k << Kind::Whole << 0LL << -1LL;
    QTest::addRow("no unit") << "=0-9"_ba << k << Kind::Whole << 0LL << -1LL;
    QTest::addRow("two ranges") << "bytes=0-9,20-29"_ba << k << Kind::Whole << 0LL << -1LL;
    QTest::addRow("two ranges with ows") << "bytes=0-9, -5"_ba << k << Kind::Whole << 0LL << -1LL;
    QTest::addRow("first after last") << "bytes=10-5"_ba << k << Kind::Whole << 0LL << -1LL;
    QTest::addRow("first after last, both past size") << "bytes=5000-2000"_ba << k << Kind::Whole << 0LL
                                                      << -1LL;
    QTest::addRow("huge first after last") << "bytes=99999999999999999999999-5"_ba << k << Kind::Whole << 0LL
                                           << -1LL;
    QTest::addRow("no dash") << "bytes=100"_ba << k << Kind::Whole << 0LL << -1LL;
    QTest::addRow("dash only") << "bytes=-"_ba << k << Kind::Whole << 0LL << -1LL;
    QTest::addRow("empty set") << "bytes="_ba << k << Kind::Whole << 0LL << -1LL;
    QTest::addRow("only commas") << "bytes=,,"_ba << k << Kind::Whole << 0LL << -1LL;
    QTest::addRow("negative first") << "bytes=-5-10"_ba << k << Kind::Whole << 0LL << -1LL;
    QTest::addRow("plus sign") << "bytes=+5-10"_ba << k << Kind::Whole << 0LL << -1LL;
    QTest::addRow("space inside spec") << "bytes=0 -9"_ba << k << Kind::Whole << 0LL << -1LL;
    QTest::addRow("letters") << "bytes=a-b"_ba << k << Kind::Whole << 0LL << -1LL;
    QTest::addRow("hex") << "bytes=0x10-0x20"_ba << k << Kind::Whole << 0LL << -1LL;
    QTest::addRow("two dashes") << "bytes=1--2"_ba << k << Kind::Whole << 0LL << -1LL;
    QTest::addRow("nul") << QByteArray("bytes=0-\0009", 9) << k << Kind::Whole << 0LL << -1LL;
    QTest::addRow("garbage on empty file") << "bytes=x"_ba << 0LL << Kind::Whole << 0LL << -1LL;
}

} // namespace

void tst_ByteRange::parse_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<qint64>("size");
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<qint64>("first");
    QTest::addColumn<qint64>("last");

    addPartialRows();
    addUnsatisfiableRows();
    addIgnoredRows();
}

void tst_ByteRange::parse()
{
    QFETCH(QByteArray, header);
    QFETCH(qint64, size);
    QFETCH(Kind, kind);
    QFETCH(qint64, first);
    QFETCH(qint64, last);

    const ByteRange range = parseByteRange(header, size);
    QCOMPARE(range.kind, kind);
    if (kind == Kind::Partial) {
        QCOMPARE(range.first, first);
        QCOMPARE(range.last, last);
        QVERIFY(range.first <= range.last);
        QVERIFY(range.last < size);
    }
}

void tst_ByteRange::length()
{
    QCOMPARE(parseByteRange("bytes=0-99", 1000).length(), 100);
    QCOMPARE(parseByteRange("bytes=-1", 1).length(), 1);
    QCOMPARE(parseByteRange("bytes=10-", 1000).length(), 990);
}

QTEST_APPLESS_MAIN(tst_ByteRange)
#include "tst_byterange.moc"
