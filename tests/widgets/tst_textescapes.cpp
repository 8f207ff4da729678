#include "client/textencoding.h"
#include "client/textescapes.h"

#include <QTest>

using namespace Qt::StringLiterals;

class tst_TextEscapes : public QObject
{
    Q_OBJECT

private slots:
    void escapes_data();
    void escapes();
    void escapedBytesBypassTheEncoding();
    void encodingsRoundTrip_data();
    void encodingsRoundTrip();
    void unknownEncodingFallsBackToUtf8();
};

void tst_TextEscapes::escapes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("bytes");

    QTest::addRow("plain") << u"hello"_s << "hello"_ba;
    QTest::addRow("empty") << QString() << QByteArray();
    QTest::addRow("crlf") << u"GET /\\r\\n"_s << "GET /\r\n"_ba;
    QTest::addRow("tab and newline") << u"a\\tb\\n"_s << "a\tb\n"_ba;
    QTest::addRow("nul") << u"\\0x"_s << QByteArray("\0x", 2);
    QTest::addRow("hex lower and upper") << u"\\x41\\xfF\\X0a"_s << "A\xff\n"_ba;
    QTest::addRow("double backslash is one") << u"C:\\\\temp"_s << "C:\\temp"_ba;
    QTest::addRow("escaped backslash before n") << u"\\\\n"_s << "\\n"_ba;
    QTest::addRow("unknown escape kept") << u"\\q"_s << "\\q"_ba;
    QTest::addRow("short hex kept") << u"\\x4"_s << "\\x4"_ba;
    QTest::addRow("bad hex kept") << u"\\xZZ1"_s << "\\xZZ1"_ba;
    QTest::addRow("trailing backslash kept") << u"end\\"_s << "end\\"_ba;
    QTest::addRow("utf-8 text around") << u"é\\x00é"_s << QByteArray("\xc3\xa9\0\xc3\xa9", 5);
    QTest::addRow("typed newline stays") << u"a\nb"_s << "a\nb"_ba;
}

void tst_TextEscapes::escapes()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, bytes);
    QCOMPARE(TextEscapes::toBytes(text), bytes);
}

// "\xa4" is the byte 0xa4 in any encoding, while "中" around it is encoded.
void tst_TextEscapes::escapedBytesBypassTheEncoding()
{
    const QString gbk = u"GBK"_s;
    const auto encode = [&gbk](QStringView plain) { return TextEncoding::encode(plain, gbk); };
    QCOMPARE(TextEscapes::toBytes(u"中\\xa4文"_s, encode), "\xd6\xd0\xa4\xce\xc4"_ba);
}

void tst_TextEscapes::encodingsRoundTrip_data()
{
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("bytes");

    QTest::addRow("UTF-8") << u"UTF-8"_s << u"中文 ok"_s << "\xe4\xb8\xad\xe6\x96\x87 ok"_ba;
    QTest::addRow("GBK") << u"GBK"_s << u"中文 ok"_s << "\xd6\xd0\xce\xc4 ok"_ba;
    QTest::addRow("Big5") << u"Big5"_s << u"中文 ok"_s << "\xa4\xa4\xa4\xe5 ok"_ba;
    QTest::addRow("Shift_JIS") << u"Shift_JIS"_s << u"テスト ok"_s << "\x83\x65\x83\x58\x83\x67 ok"_ba;
    QTest::addRow("Latin-1") << u"ISO-8859-1"_s << u"café ok"_s << "caf\xe9 ok"_ba;
}

void tst_TextEscapes::encodingsRoundTrip()
{
    QFETCH(QString, encoding);
    QFETCH(QString, text);
    QFETCH(QByteArray, bytes);
    QVERIFY2(TextEncoding::isAvailable(encoding), qPrintable(encoding));
    QCOMPARE(TextEncoding::encode(text, encoding), bytes);
    QCOMPARE(TextEncoding::decode(bytes, encoding), text);
}

void tst_TextEscapes::unknownEncodingFallsBackToUtf8()
{
    QVERIFY(!TextEncoding::isAvailable(u"EBCDIC-nonsense"_s));
    QCOMPARE(TextEncoding::encode(u"é"_s, u"EBCDIC-nonsense"_s), "\xc3\xa9"_ba);
    QCOMPARE(TextEncoding::names().size(), 5);
}

QTEST_GUILESS_MAIN(tst_TextEscapes)
#include "tst_textescapes.moc"
