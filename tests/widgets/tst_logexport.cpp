#include "logexport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using Net::Direction;
using Net::ServerKind;
using Net::TrafficEvent;

namespace {

constexpr qint64 TIME_MS = 1714557600123; // 2024-05-01T10:00:00.123Z

TrafficEvent dataEvent(const QByteArray &payload)
{
    TrafficEvent event;
    event.kind = TrafficEvent::Kind::Data;
    event.server = ServerKind::TcpEcho;
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
    event.server = ServerKind::Web;
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
    void jsonLinesParseBack();
    void harStructure();
    void writeFileWritesAtomically();
    void writeFileReportsUnwritablePath();
};

void tst_LogExport::csvHeaderAndRow()
{
    const QByteArray csv = LogExport::toBytes({okExchange()}, ExportFormat::Csv);
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
    TrafficEvent error;
    error.kind = TrafficEvent::Kind::Error;
    error.server = ServerKind::TcpEcho;
    error.connectionId = 4;
    error.timeMs = TIME_MS;
    error.peerAddress = QHostAddress(u"127.0.0.1"_s);
    error.peerPort = 5000;
    error.note = u"say \"hi\", then\r\nbye"_s;
    const QByteArray csv = LogExport::toBytes({error, dataEvent("a,b")}, ExportFormat::Csv);
    const QByteArray expected =
        "time,connection,server,direction,peer,kind,method,target,status,size,duration_us,summary,payload_hex\r\n"
        "2024-05-01T10:00:00.123Z,4,echo,none,127.0.0.1:5000,error,,,,0,,\"say \"\"hi\"\", then\r\nbye\",\r\n"
        "2024-05-01T10:00:00.123Z,3,echo,in,127.0.0.1:5000,data,,,,3,,\"\xe2\x86\x90 3 B \"\"a,b\"\"\",612c62\r\n"_ba;
    QCOMPARE(csv, expected);
}

void tst_LogExport::jsonLinesParseBack()
{
    const QList<TrafficEvent> events{dataEvent("hello\n"), dataEvent("\xff\xfe\x00"_ba), okExchange()};
    const QByteArray jsonl = LogExport::toBytes(events, ExportFormat::JsonLines);
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
                                              ExportFormat::Har);
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
    QCOMPARE(redirect.value(u"request"_s).toObject().value(u"url"_s).toString(), u"http://[::1]:41000/old"_s);
    const QJsonObject moved = redirect.value(u"response"_s).toObject();
    QCOMPARE(moved.value(u"status"_s).toInt(), 301);
    QCOMPARE(moved.value(u"statusText"_s).toString(), u"Moved Permanently"_s);
    QCOMPARE(moved.value(u"redirectURL"_s).toString(), u"/new"_s);
}

void tst_LogExport::writeFileWritesAtomically()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"log.jsonl"_s);
    const QList<TrafficEvent> events{dataEvent("one"), okExchange()};
    QCOMPARE(LogExport::writeFile(path, events, ExportFormat::JsonLines), QString());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), LogExport::toBytes(events, ExportFormat::JsonLines));
}

void tst_LogExport::writeFileReportsUnwritablePath()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"no/such/dir/log.csv"_s);
    const QString error = LogExport::writeFile(path, {dataEvent("x")}, ExportFormat::Csv);
    QVERIFY(!error.isEmpty());
    QVERIFY2(error.contains(u"log.csv"_s), qPrintable(error));
    QVERIFY2(error.endsWith(u'.'), qPrintable(error));
    QVERIFY(!QFile::exists(path));
}

QTEST_GUILESS_MAIN(tst_LogExport)
#include "tst_logexport.moc"
