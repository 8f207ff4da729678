#include "logexport.h"
#include "testserverids.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <utility>

using namespace Qt::StringLiterals;
using Net::Direction;
using Net::ServerKind;
using Net::TrafficEvent;

namespace {

constexpr qint64 TIME_MS = 1714557600123; // 2024-05-01T10:00:00.123Z
// Where the test's web server is reached: the URL's host when a request's is unusable.
const QString SERVER = u"127.0.0.1:18081"_s;

TrafficEvent dataEvent(const QByteArray &payload)
{
    TrafficEvent event;
    event.kind = TrafficEvent::Kind::Data;
    setServer(event, ServerKind::Tcp);
    event.direction = Direction::In;
    event.connectionId = 3;
    event.timeMs = TIME_MS;
    event.size = payload.size();
    event.payload = payload;
    event.peerAddress = QHostAddress(u"127.0.0.1"_s);
    event.peerPort = 5000;
    return event;
}

TrafficEvent httpEvent(const QByteArray &requestHead, const QByteArray &responseHead, int status)
{
    TrafficEvent event;
    event.kind = TrafficEvent::Kind::Http;
    setServer(event, ServerKind::Web);
    event.direction = Direction::Out;
    event.connectionId = 9;
    event.timeMs = TIME_MS;
    event.status = status;
    event.bodySize = 512;
    event.size = responseHead.size() + 512;
    event.durationUs = 2500;
    event.requestHead = requestHead;
    event.responseHead = responseHead;
    event.peerAddress = QHostAddress(u"::1"_s);
    event.peerPort = 41000;
    return event;
}

TrafficEvent okExchange()
{
    return httpEvent("GET /search?q=a%20b&lang=en HTTP/1.1\r\nHost: localhost:8080\r\nUser-Agent: test\r\n\r\n",
                     "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: 512\r\n\r\n",
                     200);
}

TrafficEvent redirectExchange()
{
    return httpEvent("GET /old HTTP/1.0\r\n\r\n",
                     "HTTP/1.1 301 Moved Permanently\r\nLocation: /new\r\nContent-Length: 0\r\n\r\n", 301);
}

TrafficEvent errorEvent(const QString &note)
{
    TrafficEvent error;
    error.kind = TrafficEvent::Kind::Error;
    setServer(error, ServerKind::Tcp);
    error.connectionId = 4;
    error.timeMs = TIME_MS;
    error.peerAddress = QHostAddress(u"127.0.0.1"_s);
    error.peerPort = 5000;
    error.note = note;
    return error;
}

// The records of an RFC 4180 file, each a list of its fields, unquoted.
QList<QStringList> csvRecords(const QByteArray &csv)
{
    const QString text = QString::fromUtf8(csv);
    QList<QStringList> records;
    QStringList record;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == u'"' && i + 1 < text.size() && text.at(i + 1) == u'"')
                field += text.at(++i);
            else if (c == u'"')
                quoted = false;
            else
                field += c;
        } else if (c == u'"') {
            quoted = true;
        } else if (c == u',') {
            record.append(std::exchange(field, {}));
        } else if (c == u'\r' && i + 1 < text.size() && text.at(i + 1) == u'\n') {
            record.append(std::exchange(field, {}));
            records.append(std::exchange(record, {}));
            ++i;
        } else {
            field += c;
        }
    }
    return records;
}

QString harUrl(const TrafficEvent &event, const QString &server)
{
    const QByteArray har = LogExport::toBytes({event}, ExportFormat::Har, server);
    const QJsonArray entries = QJsonDocument::fromJson(har).object().value(u"log"_s).toObject()
                                   .value(u"entries"_s).toArray();
    return entries.at(0).toObject().value(u"request"_s).toObject().value(u"url"_s).toString();
}

QJsonObject parseObject(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        qWarning("%s in %s", qPrintable(error.errorString()), json.constData());
    return document.object();
}

} // namespace

class tst_LogExport : public QObject
{
    Q_OBJECT

private slots:
    void csvHeaderAndRow();
    void csvQuoting();
    void csvFormulaCellsAreText_data();
    void csvFormulaCellsAreText();
    void csvOwnNumbersStayNumbers();
    void jsonLinesParseBack();
    void harStructure();
    void harUrlHost_data();
    void harUrlHost();
    void writeFileWritesAtomically();
    void writeFileReportsUnwritablePath();
};

void tst_LogExport::csvHeaderAndRow()
{
    const QByteArray csv = LogExport::toBytes({okExchange()}, ExportFormat::Csv, SERVER);
    const QList<QByteArray> lines = csv.split('\n');
    QCOMPARE(lines.size(), 3); // header, row, and the empty rest after the last CRLF
    QCOMPARE(lines.at(0),
             "time,connection,server,direction,peer,kind,method,target,status,size,duration_us,summary,payload_hex\r"_ba);
    QCOMPARE(lines.at(1),
             "2024-05-01T10:00:00.123Z,9,web,out,[::1]:41000,http,GET,/search?q=a%20b&lang=en,200,592,2500,"
             "\"GET /search?q=a%20b&lang=en \xe2\x86\x92 200, 512 B, 2 ms\",\r"_ba);
    QVERIFY(lines.at(2).isEmpty());
}

void tst_LogExport::csvQuoting()
{
    const QByteArray csv = LogExport::toBytes({errorEvent(u"say \"hi\", then\r\nbye"_s), dataEvent("a,b")},
                                              ExportFormat::Csv, SERVER);
    const QByteArray expected =
        "time,connection,server,direction,peer,kind,method,target,status,size,duration_us,summary,payload_hex\r\n"
        "2024-05-01T10:00:00.123Z,4,tcp,none,127.0.0.1:5000,error,,,,0,,\"say \"\"hi\"\", then\r\nbye\",\r\n"
        "2024-05-01T10:00:00.123Z,3,tcp,in,127.0.0.1:5000,data,,,,3,,\"\xe2\x86\x90 3 B \"\"a,b\"\"\",612c62\r\n"_ba;
    QCOMPARE(csv, expected);
}

void tst_LogExport::csvFormulaCellsAreText_data()
{
    QTest::addColumn<QString>("note");
    QTest::addColumn<QByteArray>("written"); // the summary cell as it is in the file
    QTest::addColumn<bool>("escaped");

    QTest::addRow("equals") << u"=HYPERLINK(\"http://x\",\"y\")"_s
                            << "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""_ba << true;
    QTest::addRow("plus") << u"+1+1"_s << "'+1+1"_ba << true;
    QTest::addRow("minus") << u"-1+1"_s << "'-1+1"_ba << true;
    QTest::addRow("at") << u"@SUM(1)"_s << "'@SUM(1)"_ba << true;
    QTest::addRow("tab") << u"\t=1+1"_s << "'\t=1+1"_ba << true;
    QTest::addRow("carriage return") << u"\r=1+1"_s << "\"'\r=1+1\""_ba << true;
    QTest::addRow("nul") << QString(u"\0=1+1"_s) << "'\0=1+1"_ba << true;
    QTest::addRow("trigger then comma") << u"=1,2"_s << "\"'=1,2\""_ba << true;
    QTest::addRow("trigger inside") << u"a=1+1"_s << "a=1+1"_ba << false;
    QTest::addRow("quote first") << u"'=1"_s << "'=1"_ba << false;
}

// A note is free text from the network's side (an error sentence); it is the
// summary cell of an Error row.
void tst_LogExport::csvFormulaCellsAreText()
{
    QFETCH(QString, note);
    QFETCH(QByteArray, written);
    QFETCH(bool, escaped);
    const QByteArray csv = LogExport::toBytes({errorEvent(note)}, ExportFormat::Csv, SERVER);
    QVERIFY2(csv.contains(",error,,,,0,," + written + ",\r\n"), csv.constData());
    const QList<QStringList> records = csvRecords(csv);
    QCOMPARE(records.size(), 2);
    QCOMPARE(records.at(1).size(), 13);
    QCOMPARE(records.at(1).at(11), escaped ? u'\'' + note : note);
}

// The method, target and summary of an exchange come from the request and are
// escaped; the status, size and duration are numbers we format and are not,
// even when negative (a spreadsheet reads -1500 as a number, not a formula).
void tst_LogExport::csvOwnNumbersStayNumbers()
{
    TrafficEvent exchange = httpEvent("-1+1 =cmd|'/Ccalc'!A0 HTTP/1.1\r\nHost: x\r\n\r\n",
                                      "HTTP/1.1 400 Bad Request\r\n\r\n", 400);
    exchange.durationUs = -1500;
    exchange.size = 0;
    const QList<QStringList> records = csvRecords(LogExport::toBytes({exchange}, ExportFormat::Csv, SERVER));
    QCOMPARE(records.size(), 2);
    const QStringList &row = records.at(1);
    QCOMPARE(row.size(), 13);
    QCOMPARE(row.at(6), u"'-1+1"_s);                   // method
    QCOMPARE(row.at(7), u"'=cmd|'/Ccalc'!A0"_s);       // target
    QCOMPARE(row.at(8), u"400"_s);                     // status
    QCOMPARE(row.at(9), u"0"_s);                       // size
    QCOMPARE(row.at(10), u"-1500"_s);                  // duration_us: ours, a number
    QVERIFY2(row.at(11).startsWith(u"'-1+1 =cmd"_s), qPrintable(row.at(11))); // summary
    QCOMPARE(row.at(1), u"9"_s);                       // connection
}

void tst_LogExport::jsonLinesParseBack()
{
    const QList<TrafficEvent> events{dataEvent("hello\n"), dataEvent("\xff\xfe\x00"_ba), okExchange()};
    const QByteArray jsonl = LogExport::toBytes(events, ExportFormat::JsonLines, SERVER);
    QVERIFY(jsonl.endsWith('\n'));
    const QList<QByteArray> lines = jsonl.chopped(1).split('\n');
    QCOMPARE(lines.size(), events.size());

    QList<QJsonObject> objects;
    for (const QByteArray &line : lines) {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(line, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QVERIFY(document.isObject());
        objects.append(document.object());
    }
    QCOMPARE(objects.at(0).value(u"kind"_s).toString(), u"data"_s);
    QCOMPARE(objects.at(0).value(u"time"_s).toString(), u"2024-05-01T10:00:00.123Z"_s);
    QCOMPARE(objects.at(0).value(u"payloadText"_s).toString(), u"hello\n"_s);
    QCOMPARE(QByteArray::fromBase64(objects.at(0).value(u"payloadBase64"_s).toString().toLatin1()), "hello\n"_ba);
    QVERIFY(!objects.at(1).contains(u"payloadText"_s)); // not UTF-8: base64 only
    QCOMPARE(QByteArray::fromBase64(objects.at(1).value(u"payloadBase64"_s).toString().toLatin1()),
             "\xff\xfe\x00"_ba);
    QCOMPARE(objects.at(2).value(u"status"_s).toInt(), 200);
    QCOMPARE(objects.at(2).value(u"method"_s).toString(), u"GET"_s);
    QCOMPARE(objects.at(2).value(u"connection"_s).toInteger(), 9);
    QVERIFY(objects.at(2).value(u"responseHead"_s).toString().startsWith(u"HTTP/1.1 200 OK"_s));
}

void tst_LogExport::harStructure()
{
    const QByteArray har = LogExport::toBytes({okExchange(), dataEvent("skipped"), redirectExchange()},
                                              ExportFormat::Har, SERVER);
    const QJsonObject log = parseObject(har).value(u"log"_s).toObject();
    QCOMPARE(log.value(u"version"_s).toString(), u"1.2"_s);
    QCOMPARE(log.value(u"creator"_s).toObject().value(u"name"_s).toString(), u"Wirebench"_s);
    QVERIFY(!log.value(u"creator"_s).toObject().value(u"version"_s).toString().isEmpty());
    const QJsonArray entries = log.value(u"entries"_s).toArray();
    QCOMPARE(entries.size(), 2);

    const QJsonObject ok = entries.at(0).toObject();
    QCOMPARE(ok.value(u"startedDateTime"_s).toString(), u"2024-05-01T10:00:00.121Z"_s);
    QCOMPARE(ok.value(u"time"_s).toDouble(), 2.5);
    QCOMPARE(ok.value(u"timings"_s).toObject().value(u"wait"_s).toDouble(), 2.5);
    QVERIFY(ok.value(u"cache"_s).isObject());
    const QJsonObject request = ok.value(u"request"_s).toObject();
    QCOMPARE(request.value(u"method"_s).toString(), u"GET"_s);
    QCOMPARE(request.value(u"url"_s).toString(), u"http://localhost:8080/search?q=a%20b&lang=en"_s);
    QCOMPARE(request.value(u"httpVersion"_s).toString(), u"HTTP/1.1"_s);
    QCOMPARE(request.value(u"headers"_s).toArray().size(), 2);
    QCOMPARE(request.value(u"headers"_s).toArray().at(1).toObject().value(u"value"_s).toString(), u"test"_s);
    const QJsonArray query = request.value(u"queryString"_s).toArray();
    QCOMPARE(query.size(), 2);
    QCOMPARE(query.at(0).toObject().value(u"value"_s).toString(), u"a b"_s);
    QVERIFY(request.value(u"cookies"_s).isArray());
    const QJsonObject response = ok.value(u"response"_s).toObject();
    QCOMPARE(response.value(u"status"_s).toInt(), 200);
    QCOMPARE(response.value(u"statusText"_s).toString(), u"OK"_s);
    QCOMPARE(response.value(u"headers"_s).toArray().size(), 2);
    QCOMPARE(response.value(u"content"_s).toObject().value(u"mimeType"_s).toString(),
             u"text/html; charset=utf-8"_s);
    QCOMPARE(response.value(u"bodySize"_s).toInt(), 512);

    const QJsonObject redirect = entries.at(1).toObject();
    // No Host (HTTP/1.0): the server's address, not the client's ([::1]:41000).
    QCOMPARE(redirect.value(u"request"_s).toObject().value(u"url"_s).toString(), u"http://127.0.0.1:18081/old"_s);
    const QJsonObject moved = redirect.value(u"response"_s).toObject();
    QCOMPARE(moved.value(u"status"_s).toInt(), 301);
    QCOMPARE(moved.value(u"statusText"_s).toString(), u"Moved Permanently"_s);
    QCOMPARE(moved.value(u"redirectURL"_s).toString(), u"/new"_s);
}

void tst_LogExport::harUrlHost_data()
{
    QTest::addColumn<QByteArray>("requestHead");
    QTest::addColumn<QString>("server");
    QTest::addColumn<QString>("url");

    const auto get = [](const QByteArray &host) {
        return "GET /path?q=1 HTTP/1.1\r\nHost: " + host + "\r\nAccept: */*\r\n\r\n";
    };
    const QString fallback = u"http://127.0.0.1:18081/path?q=1"_s;
    QTest::addRow("name and port") << get("localhost:8080") << SERVER << u"http://localhost:8080/path?q=1"_s;
    QTest::addRow("name") << get("example.org") << SERVER << u"http://example.org/path?q=1"_s;
    QTest::addRow("ipv4") << get("10.0.0.1:80") << SERVER << u"http://10.0.0.1:80/path?q=1"_s;
    QTest::addRow("ipv6") << get("[::1]:18080") << SERVER << u"http://[::1]:18080/path?q=1"_s;
    QTest::addRow("percent-encoded") << get("a%2Db") << SERVER << u"http://a%2Db/path?q=1"_s;
    QTest::addRow("missing") << "GET /path?q=1 HTTP/1.0\r\n\r\n"_ba << SERVER << fallback;
    QTest::addRow("empty") << get("") << SERVER << fallback;
    QTest::addRow("path") << get("evil/path") << SERVER << fallback;
    QTest::addRow("spaces") << get("evil host") << SERVER << fallback;
    QTest::addRow("userinfo") << get("user@evil") << SERVER << fallback;
    QTest::addRow("query") << get("evil?x") << SERVER << fallback;
    QTest::addRow("markup") << get("<b>x</b>") << SERVER << fallback;
    QTest::addRow("port too big") << get("localhost:65536") << SERVER << fallback;
    QTest::addRow("port empty") << get("localhost:") << SERVER << fallback;
    QTest::addRow("port not digits") << get("localhost:8o") << SERVER << fallback;
    QTest::addRow("bad percent") << get("a%zz") << SERVER << fallback;
    QTest::addRow("ipv6 unbracketed") << get("::1") << SERVER << fallback;
    QTest::addRow("ipv6 with zone") << get("[fe80::1%eth0]") << SERVER << fallback;
    QTest::addRow("ipv6 not an address") << get("[example.org]") << SERVER << fallback;
    QTest::addRow("latin-1") << get("caf\xe9") << SERVER << fallback;
    QTest::addRow("server unknown") << get("evil/path") << QString() << u"http://localhost/path?q=1"_s;
    QTest::addRow("absolute-form") << "GET http://example.org:81/a HTTP/1.1\r\nHost: other\r\n\r\n"_ba << SERVER
                                   << u"http://example.org:81/a"_s;
    QTest::addRow("absolute-form, userinfo") << "GET https://user@evil/a?b HTTP/1.1\r\nHost: x\r\n\r\n"_ba
                                             << SERVER << u"https://127.0.0.1:18081/a?b"_s;
    QTest::addRow("absolute-form, query at once") << "GET http://example.org?b HTTP/1.1\r\n\r\n"_ba << SERVER
                                                  << u"http://example.org/?b"_s;
}

// request.url's host is the Host header's when that is a valid host[:port],
// else the server's own address; never the client's ([::1]:41000 here).
void tst_LogExport::harUrlHost()
{
    QFETCH(QByteArray, requestHead);
    QFETCH(QString, server);
    QFETCH(QString, url);
    QCOMPARE(harUrl(httpEvent(requestHead, "HTTP/1.1 200 OK\r\n\r\n", 200), server), url);
}

void tst_LogExport::writeFileWritesAtomically()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"log.jsonl"_s);
    const QList<TrafficEvent> events{dataEvent("one"), okExchange()};
    QCOMPARE(LogExport::writeFile(path, events, ExportFormat::JsonLines, SERVER), QString());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), LogExport::toBytes(events, ExportFormat::JsonLines, SERVER));
}

void tst_LogExport::writeFileReportsUnwritablePath()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"no/such/dir/log.csv"_s);
    const QString error = LogExport::writeFile(path, {dataEvent("x")}, ExportFormat::Csv, SERVER);
    QVERIFY(!error.isEmpty());
    QVERIFY2(error.contains(u"log.csv"_s), qPrintable(error));
    QVERIFY2(error.endsWith(u'.'), qPrintable(error));
    QVERIFY(!QFile::exists(path));
}

QTEST_GUILESS_MAIN(tst_LogExport)
#include "tst_logexport.moc"
