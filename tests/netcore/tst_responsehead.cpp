#include "http/responsehead.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace Net;

class tst_ResponseHead : public QObject
{
    Q_OBJECT

private slots:
    void reason_data();
    void reason();
    void statusLine_data();
    void statusLine();
    void fields();
    void numbers_data();
    void numbers();
    void toBytesDoesNotChangeState();
    void fieldValuesCannotSplitTheHead_data();
    void fieldValuesCannotSplitTheHead();
};

void tst_ResponseHead::reason_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("expected");

    const std::pair<int, const char *> table[] = {
        {100, "Continue"}, {101, "Switching Protocols"}, {200, "OK"}, {201, "Created"},
        {204, "No Content"}, {206, "Partial Content"}, {301, "Moved Permanently"}, {302, "Found"},
        {303, "See Other"}, {304, "Not Modified"}, {307, "Temporary Redirect"}, {308, "Permanent Redirect"},
        {400, "Bad Request"}, {401, "Unauthorized"}, {403, "Forbidden"}, {404, "Not Found"},
        {405, "Method Not Allowed"}, {406, "Not Acceptable"}, {408, "Request Timeout"}, {409, "Conflict"},
        {410, "Gone"}, {411, "Length Required"}, {412, "Precondition Failed"}, {413, "Content Too Large"},
        {414, "URI Too Long"}, {415, "Unsupported Media Type"}, {416, "Range Not Satisfiable"},
        {417, "Expectation Failed"}, {421, "Misdirected Request"}, {426, "Upgrade Required"},
        {428, "Precondition Required"}, {429, "Too Many Requests"}, {431, "Request Header Fields Too Large"},
        {500, "Internal Server Error"}, {501, "Not Implemented"}, {502, "Bad Gateway"},
        {503, "Service Unavailable"}, {504, "Gateway Timeout"}, {505, "HTTP Version Not Supported"},
        {0, "Unknown"}, {299, "Unknown"}, {999, "Unknown"}, {-1, "Unknown"},
    };
    for (const auto &[status, phrase] : table)
        QTest::addRow("%d", status) << status << QByteArray(phrase);
}

void tst_ResponseHead::reason()
{
    QFETCH(int, status);
    QFETCH(QByteArray, expected);
    QCOMPARE(reasonPhrase(status).toByteArray(), expected);
}

void tst_ResponseHead::statusLine_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("http10");
    QTest::addColumn<QByteArray>("expected");

    QTest::addRow("200") << 200 << false << "HTTP/1.1 200 OK\r\n\r\n"_ba;
    QTest::addRow("404 http/1.0") << 404 << true << "HTTP/1.0 404 Not Found\r\n\r\n"_ba;
    QTest::addRow("416") << 416 << false << "HTTP/1.1 416 Range Not Satisfiable\r\n\r\n"_ba;
    QTest::addRow("unregistered") << 299 << false << "HTTP/1.1 299 Unknown\r\n\r\n"_ba;
}

void tst_ResponseHead::statusLine()
{
    QFETCH(int, status);
    QFETCH(bool, http10);
    QFETCH(QByteArray, expected);
    const ResponseHead head(status, http10);
    QCOMPARE(head.status(), status);
    QCOMPARE(head.toBytes(), expected);
}

void tst_ResponseHead::fields()
{
    ResponseHead head(206);
    head.add("Date", "Sun, 06 Nov 1994 08:49:37 GMT")
        .add("Content-Type", "text/plain; charset=utf-8")
        .add("Content-Range", "bytes 0-99/1000")
        .add("Content-Length", qint64(100))
        .add("Set-Cookie", "a=1")
        .add("Set-Cookie", "b=2") // duplicates kept, in order
        .add("X-Empty", "");
    QCOMPARE(head.toBytes(),
             "HTTP/1.1 206 Partial Content\r\n"
             "Date: Sun, 06 Nov 1994 08:49:37 GMT\r\n"
             "Content-Type: text/plain; charset=utf-8\r\n"
             "Content-Range: bytes 0-99/1000\r\n"
             "Content-Length: 100\r\n"
             "Set-Cookie: a=1\r\n"
             "Set-Cookie: b=2\r\n"
             "X-Empty: \r\n"
             "\r\n"_ba);
}

void tst_ResponseHead::numbers_data()
{
    QTest::addColumn<qint64>("value");
    QTest::addColumn<QByteArray>("expected");

    QTest::addRow("zero") << qint64(0) << "0"_ba;
    QTest::addRow("small") << qint64(42) << "42"_ba;
    QTest::addRow("past 4 GiB") << qint64(6'000'000'000) << "6000000000"_ba;
    QTest::addRow("max") << std::numeric_limits<qint64>::max() << "9223372036854775807"_ba;
    QTest::addRow("min") << std::numeric_limits<qint64>::min() << "-9223372036854775808"_ba;
}

void tst_ResponseHead::numbers()
{
    QFETCH(qint64, value);
    QFETCH(QByteArray, expected);
    QCOMPARE(ResponseHead(200).add("N", value).toBytes(), "HTTP/1.1 200 OK\r\nN: " + expected + "\r\n\r\n");
    // A literal 0 must pick the number overload, not a null view.
    QCOMPARE(ResponseHead(200).add("Content-Length", 0).toBytes(),
             "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"_ba);
}

void tst_ResponseHead::toBytesDoesNotChangeState()
{
    ResponseHead head(200);
    head.add("A", "1");
    const QByteArray first = head.toBytes();
    QCOMPARE(head.toBytes(), first);
    head.add("B", "2");
    QCOMPARE(first, "HTTP/1.1 200 OK\r\nA: 1\r\n\r\n"_ba); // an earlier copy is not changed
    QCOMPARE(head.toBytes(), "HTTP/1.1 200 OK\r\nA: 1\r\nB: 2\r\n\r\n"_ba);
}

void tst_ResponseHead::fieldValuesCannotSplitTheHead_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QByteArray>("written");

    QTest::addRow("crlf injection") << "/a\r\nSet-Cookie: x=1"_ba << "/a  Set-Cookie: x=1"_ba;
    QTest::addRow("bare lf") << "/a\nb"_ba << "/a b"_ba;
    QTest::addRow("bare cr") << "/a\rb"_ba << "/a b"_ba;
    QTest::addRow("nul") << QByteArray("/a\0b", 4) << "/a b"_ba;
    QTest::addRow("blank line") << "\r\n\r\n"_ba << "    "_ba;
}

void tst_ResponseHead::fieldValuesCannotSplitTheHead()
{
    QFETCH(QByteArray, value);
    QFETCH(QByteArray, written);
    const QByteArray bytes = ResponseHead(301).add("Location", value).toBytes();
    QCOMPARE(bytes, "HTTP/1.1 301 Moved Permanently\r\nLocation: " + written + "\r\n\r\n");
    QCOMPARE(bytes.count("\r\n"), 3);
}

QTEST_APPLESS_MAIN(tst_ResponseHead)
#include "tst_responsehead.moc"
