// How numbers read in the window: counters grouped by the locale (also under
// the C locale, which leaves grouping out), and short K/M/G numbers for the
// chart's axis and legend, never "2e+04".

#include "format.h"

#include <QLocale>
#include <QTest>

using namespace Qt::StringLiterals;

class tst_Format : public QObject
{
    Q_OBJECT

private slots:
    void cleanup() { QLocale::setDefault(QLocale::c()); }

    void integersAreGrouped();
    void countsAreGroupedWithTheirWord();
    void compactNumbers_data();
    void compactNumbers();
};

void tst_Format::integersAreGrouped()
{
    QLocale::setDefault(QLocale::c());
    QCOMPARE(Format::integer(0), u"0"_s);
    QCOMPARE(Format::integer(999), u"999"_s);
    QCOMPARE(Format::integer(1234567), u"1,234,567"_s);
    QCOMPARE(Format::integer(-20000), u"-20,000"_s);
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    QCOMPARE(Format::integer(1234567), u"1.234.567"_s);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QCOMPARE(Format::integer(1234567), u"1,234,567"_s);
}

void tst_Format::countsAreGroupedWithTheirWord()
{
    QLocale::setDefault(QLocale::c());
    QCOMPARE(Format::count(1, u"request"_s, u"requests"_s), u"1 request"_s);
    QCOMPARE(Format::count(12345, u"request"_s, u"requests"_s), u"12,345 requests"_s);
}

void tst_Format::compactNumbers_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("expected");
    QTest::addRow("zero") << 0.0 << u"0"_s;
    QTest::addRow("a few") << 4.0 << u"4"_s;
    QTest::addRow("a fraction") << 2.5 << u"2.5"_s;
    QTest::addRow("hundreds") << 950.0 << u"950"_s;
    QTest::addRow("thousands with a decimal") << 1500.0 << u"1.5K"_s;
    QTest::addRow("the 2e+04 of the bug report") << 20000.0 << u"20K"_s;
    QTest::addRow("hundreds of thousands") << 125000.0 << u"125K"_s;
    QTest::addRow("millions") << 2500000.0 << u"2.5M"_s;
    QTest::addRow("billions") << 3e9 << u"3G"_s;
}

void tst_Format::compactNumbers()
{
    QFETCH(double, value);
    QFETCH(QString, expected);
    QLocale::setDefault(QLocale::c());
    QCOMPARE(Format::compact(value), expected);
}

QTEST_APPLESS_MAIN(tst_Format)
#include "tst_format.moc"
