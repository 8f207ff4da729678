#include "hexinput.h"

#include <QTest>

using namespace Qt::StringLiterals;

class tst_HexInput : public QObject
{
    Q_OBJECT

private slots:
    void validInput_data();
    void validInput();
    void invalidInput_data();
    void invalidInput();
    void toHexTextReadsBack();
};

void tst_HexInput::validInput_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("bytes");

    QTest::addRow("spaced") << u"48 65 6c"_s << "Hel"_ba;
    QTest::addRow("packed upper case") << u"48656C"_s << "Hel"_ba;
    QTest::addRow("0x prefixes and commas") << u"0x48,0x65"_s << "He"_ba;
    QTest::addRow("\\x prefixes") << u"\\x48\\x65"_s << "He"_ba;
    QTest::addRow("colons and a newline") << u"48:65\n6c"_s << "Hel"_ba;
    QTest::addRow("dashes and tabs") << u"48-65\t6C"_s << "Hel"_ba;
    QTest::addRow("surrounding whitespace") << u"  ff 00  "_s << "\xff\x00"_ba;
    QTest::addRow("packed groups") << u"4865 6c6c"_s << "Hell"_ba;
    QTest::addRow("empty") << QString() << QByteArray();
    QTest::addRow("only separators") << u" ,:\n"_s << QByteArray();
}

void tst_HexInput::validInput()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, bytes);
    const HexParseResult result = parseHex(text);
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.bytes, bytes);
    QCOMPARE(result.errorPosition, -1);
    QVERIFY(result.error.isEmpty());
}

void tst_HexInput::invalidInput_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("position");
    QTest::addColumn<QString>("sentencePart");

    QTest::addRow("single digit") << u"4"_s << 0 << u"odd number"_s;
    QTest::addRow("digit then letter") << u"4g"_s << 1 << u"'g' at position 2"_s;
    QTest::addRow("odd last group") << u"48 6"_s << 3 << u"position 4"_s;
    QTest::addRow("no digits") << u"zz"_s << 0 << u"'z' at position 1"_s;
    QTest::addRow("bare prefix") << u"0x"_s << 1 << u"'x' at position 2"_s;
    QTest::addRow("prefix with one digit") << u"0x4"_s << 2 << u"odd number"_s;
    QTest::addRow("bad character late") << u"48 65 6g"_s << 7 << u"'g' at position 8"_s;
    QTest::addRow("bare backslash") << u"\\"_s << 0 << u"not a hex digit"_s;
}

void tst_HexInput::invalidInput()
{
    QFETCH(QString, text);
    QFETCH(int, position);
    QFETCH(QString, sentencePart);
    const HexParseResult result = parseHex(text);
    QVERIFY(!result.ok);
    QCOMPARE(result.errorPosition, position);
    QVERIFY2(result.error.contains(sentencePart), qPrintable(result.error));
    QVERIFY(result.error.endsWith(u'.'));
}

void tst_HexInput::toHexTextReadsBack()
{
    QByteArray all;
    for (int i = 0; i < 256; ++i)
        all.append(char(i));
    QCOMPARE(toHexText("hi"_ba), u"68 69"_s);
    QCOMPARE(toHexText({}), QString());
    const HexParseResult result = parseHex(toHexText(all));
    QVERIFY(result.ok);
    QCOMPARE(result.bytes, all);
}

QTEST_MAIN(tst_HexInput)
#include "tst_hexinput.moc"
