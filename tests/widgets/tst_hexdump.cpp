#include "hexdump.h"

#include <QStringDecoder>
#include <QTest>

using namespace Qt::StringLiterals;

class tst_HexDump : public QObject
{
    Q_OBJECT

private slots:
    void hexDump_data();
    void hexDump();
    void availableEncodings();
    void decodeUtf8();
    void decodeGbk();
    void unknownEncodingFallsBackToUtf8();
};

// Expected lines are `hexdump -C` output without its final offset line.
void tst_HexDump::hexDump_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<qint64>("offset");
    QTest::addColumn<QString>("expected");

    QByteArray forty;
    for (int i = 0; i < 40; ++i)
        forty.append(char(i));

    QTest::addRow("empty") << QByteArray() << qint64(0) << QString();
    QTest::addRow("one byte") << "A"_ba << qint64(0)
        << u"00000000  41                                                |A|"_s;
    QTest::addRow("16 bytes") << "0123456789abcdef"_ba << qint64(0)
        << u"00000000  30 31 32 33 34 35 36 37  38 39 61 62 63 64 65 66  |0123456789abcdef|"_s;
    QTest::addRow("17 bytes") << "0123456789abcdefg"_ba << qint64(0)
        << u"00000000  30 31 32 33 34 35 36 37  38 39 61 62 63 64 65 66  |0123456789abcdef|\n"
           u"00000010  67                                                |g|"_s;
    QTest::addRow("40 bytes at 0x1000") << forty << qint64(0x1000)
        << u"00001000  00 01 02 03 04 05 06 07  08 09 0a 0b 0c 0d 0e 0f  |................|\n"
           u"00001010  10 11 12 13 14 15 16 17  18 19 1a 1b 1c 1d 1e 1f  |................|\n"
           u"00001020  20 21 22 23 24 25 26 27                           | !\"#$%&'|"_s;
    QTest::addRow("printable edges") << "~\x7f\x80\xff "_ba << qint64(0)
        << u"00000000  7e 7f 80 ff 20                                    |~... |"_s;
    QTest::addRow("wide offset") << "A"_ba << qint64(0x123456789)
        << u"123456789  41                                                |A|"_s;
}

void tst_HexDump::hexDump()
{
    QFETCH(QByteArray, bytes);
    QFETCH(qint64, offset);
    QFETCH(QString, expected);
    QCOMPARE(HexDump::hexDump(bytes, offset), expected);
}

void tst_HexDump::availableEncodings()
{
    const QList<QByteArray> names = HexDump::availableEncodings();
    QVERIFY(!names.isEmpty());
    QCOMPARE(names.first(), "UTF-8"_ba);
    QVERIFY(names.contains("ISO-8859-1"_ba));
    QVERIFY(names.contains("UTF-16LE"_ba));
    for (const QByteArray &name : names)
        QVERIFY2(QStringDecoder(name.constData()).isValid(), name.constData());
    // ICU is optional in Qt: GBK is listed exactly when this Qt can decode it.
    QCOMPARE(names.contains("GBK"_ba), QStringDecoder("GBK").isValid());
}

void tst_HexDump::decodeUtf8()
{
    QCOMPARE(HexDump::decodePayload("h\xc3\xa9llo"_ba, "UTF-8"_ba), u"héllo"_s);
    QCOMPARE(HexDump::decodePayload("h\xe9llo"_ba, "ISO-8859-1"_ba), u"héllo"_s);
    QCOMPARE(HexDump::decodePayload("h\x00i\x00"_ba, "UTF-16LE"_ba), u"hi"_s);
    QCOMPARE(HexDump::decodePayload("a\xff"_ba, "UTF-8"_ba), u"a\uFFFD"_s);
}

void tst_HexDump::decodeGbk()
{
    if (!QStringDecoder("GBK").isValid())
        QSKIP("This Qt was built without ICU, so it has no GBK decoder");
    QCOMPARE(HexDump::decodePayload("\xc4\xe3\xba\xc3"_ba, "GBK"_ba), u"你好"_s);
    if (QStringDecoder("Shift_JIS").isValid())
        QCOMPARE(HexDump::decodePayload("\x82\xa0"_ba, "Shift_JIS"_ba), u"あ"_s);
}

void tst_HexDump::unknownEncodingFallsBackToUtf8()
{
    QCOMPARE(HexDump::decodePayload("h\xc3\xa9"_ba, "no-such-encoding"_ba), u"hé"_s);
}

QTEST_GUILESS_MAIN(tst_HexDump)
#include "tst_hexdump.moc"
