#include "logexport.h"

#include "format.h"
#include "trafficlogmodel.h"
#include "urlauthority.h"
#include "api/hostport.h"

#include <QBuffer>
#include <QDateTime>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStringDecoder>
#include <QUrl>

#include <optional>

using namespace Qt::StringLiterals;
using Net::TrafficEvent;

namespace {

struct Header
{
    QString name;
    QString value;
};

// The head's first line and its fields. Heads are kept as Latin-1: HTTP
// field values are opaque octets (RFC 9110 §5.5), and Latin-1 loses none.
struct ParsedHead
{
    QString startLine;
    QList<Header> headers;

    QString value(QStringView name) const
    {
        for (const Header &header : headers) {
            if (header.name.compare(name, Qt::CaseInsensitive) == 0)
                return header.value;
        }
        return {};
    }
};

ParsedHead parseHead(const QByteArray &head)
{
    ParsedHead parsed;
    const QList<QByteArray> lines = head.split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).endsWith('\r') ? lines.at(i).chopped(1) : lines.at(i);
        if (i == 0) {
            parsed.startLine = QString::fromLatin1(line);
            continue;
        }
        if (line.isEmpty())
            break;
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        parsed.headers.append({QString::fromLatin1(line.first(colon).trimmed()),
                               QString::fromLatin1(line.sliced(colon + 1).trimmed())});
    }
    return parsed;
}

QString isoTime(qint64 msSinceEpoch)
{
    return QDateTime::fromMSecsSinceEpoch(msSinceEpoch, Qt::UTC).toString(Qt::ISODateWithMs);
}

QString kindName(TrafficEvent::Kind kind)
{
    switch (kind) {
    case TrafficEvent::Kind::Data: return u"data"_s;
    case TrafficEvent::Kind::Http: return u"http"_s;
    case TrafficEvent::Kind::Opened: return u"opened"_s;
    case TrafficEvent::Kind::Closed: return u"closed"_s;
    case TrafficEvent::Kind::Error: return u"error"_s;
    case TrafficEvent::Kind::ClientState: return u"state"_s;
    case TrafficEvent::Kind::ClientProgress: return u"progress"_s;
    }
    return {};
}

QString directionName(Net::Direction direction)
{
    switch (direction) {
    case Net::Direction::In: return u"in"_s;
    case Net::Direction::Out: return u"out"_s;
    case Net::Direction::None: break;
    }
    return u"none"_s;
}

// "client #3" for a client session's event (not translated: files are for tools).
QString clientName(const TrafficEvent &event)
{
    return u"client #"_s + QString::number(event.connectionId);
}

bool isHttp(const TrafficEvent &event)
{
    return event.kind == TrafficEvent::Kind::Http;
}

// OWASP "CSV Injection": spreadsheets run a cell that starts with = + - @,
// tab or CR as a formula (=HYPERLINK(…), DDE), and ASVS 1.2.10 adds NUL.
bool startsAFormula(QChar first)
{
    switch (first.unicode()) {
    case u'=': case u'+': case u'-': case u'@': case u'\t': case u'\r': case u'\0': return true;
    default: return false;
    }
}

// A text cell as a spreadsheet must show it: never as a formula. A leading '
// makes the cell text, and the spreadsheet shows it without the '.
QString csvText(const QString &text)
{
    if (!text.isEmpty() && startsAFormula(text.front()))
        return u'\'' + text;
    return text;
}

// RFC 4180 §2: a field with a comma, quote or line break is quoted, and its
// quotes doubled. Formula escaping (csvText) comes first, so the ' lands
// inside the quotes.
QString csvField(const QString &field)
{
    if (!field.contains(u',') && !field.contains(u'"') && !field.contains(u'\n') && !field.contains(u'\r'))
        return field;
    QString quoted = field;
    quoted.replace(u'"', u"\"\""_s);
    return u'"' + quoted + u'"';
}

void writeCsvRow(QIODevice &out, const QStringList &fields)
{
    QString line;
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i > 0)
            line += u',';
        line += csvField(fields.at(i));
    }
    line += u"\r\n"_s;
    out.write(line.toUtf8());
}

// Text goes through csvText(); the numbers we format ourselves do not (see
// writeCsv() in the header).
// "web", "echo", a user's name…, or "client #3" for a client session's event.
QString serverName(const TrafficEvent &event, const ServerNames &names)
{
    if (event.source == Net::EventSource::Client)
        return clientName(event);
    return serverNameOr(names, event.server, Net::serverKindName(event.serverKind));
}

QStringList csvFields(const TrafficEvent &event, const ServerNames &names)
{
    const bool http = isHttp(event);
    return {
        csvText(isoTime(event.timeMs)),
        QString::number(event.connectionId),
        csvText(serverName(event, names)),
        csvText(directionName(event.direction)),
        csvText(Net::hostPort(event.peerAddress, event.peerPort)),
        csvText(kindName(event.kind)),
        http ? csvText(QString::fromLatin1(event.method())) : QString(),
        http ? csvText(QString::fromLatin1(event.target())) : QString(),
        http ? QString::number(event.status) : QString(),
        QString::number(event.size),
        http ? QString::number(event.durationUs) : QString(),
        csvText(TrafficLogModel::summaryText(event)),
        csvText(QString::fromLatin1(event.payload.toHex())),
    };
}

std::optional<QString> validUtf8(const QByteArray &bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder.decode(bytes);
    if (decoder.hasError())
        return std::nullopt;
    return text;
}

QJsonObject jsonLine(const TrafficEvent &event, const ServerNames &names)
{
    QJsonObject object{
        {u"time"_s, isoTime(event.timeMs)},
        {u"timeMs"_s, event.timeMs},
        {u"connection"_s, qint64(event.connectionId)},
        {u"server"_s, serverName(event, names)},
        {u"direction"_s, directionName(event.direction)},
        {u"peer"_s, Net::hostPort(event.peerAddress, event.peerPort)},
        {u"kind"_s, kindName(event.kind)},
        {u"size"_s, event.size},
        {u"summary"_s, TrafficLogModel::summaryText(event)},
    };
    if (isHttp(event)) {
        object.insert(u"method"_s, QString::fromLatin1(event.method()));
        object.insert(u"target"_s, QString::fromLatin1(event.target()));
        object.insert(u"httpVersion"_s, QString::fromLatin1(event.httpVersion()));
        object.insert(u"status"_s, event.status);
        object.insert(u"bodySize"_s, event.bodySize);
        object.insert(u"durationUs"_s, event.durationUs);
        object.insert(u"requestHead"_s, QString::fromLatin1(event.requestHead));
        object.insert(u"responseHead"_s, QString::fromLatin1(event.responseHead));
    }
    if (!event.note.isEmpty())
        object.insert(u"note"_s, event.note);
    if (!event.payload.isEmpty()) {
        object.insert(u"payloadBase64"_s, QString::fromLatin1(event.payload.toBase64()));
        if (const auto text = validUtf8(event.payload))
            object.insert(u"payloadText"_s, *text);
    }
    return object;
}

QJsonArray harHeaders(const ParsedHead &head)
{
    QJsonArray array;
    for (const Header &header : head.headers)
        array.append(QJsonObject{{u"name"_s, header.name}, {u"value"_s, header.value}});
    return array;
}

QJsonArray harQueryString(const QString &target)
{
    QJsonArray array;
    const qsizetype question = target.indexOf(u'?');
    if (question < 0)
        return array;
    const QStringList pairs = target.sliced(question + 1).split(u'&', Qt::SkipEmptyParts);
    for (const QString &pair : pairs) {
        const qsizetype equals = pair.indexOf(u'=');
        const QString name = equals < 0 ? pair : pair.first(equals);
        const QString value = equals < 0 ? QString() : pair.sliced(equals + 1);
        array.append(QJsonObject{{u"name"_s, QUrl::fromPercentEncoding(name.toLatin1())},
                                 {u"value"_s, QUrl::fromPercentEncoding(value.toLatin1())}});
    }
    return array;
}

// "http://" or "https://" at the start of an absolute-form target
// (RFC 9112 §3.2.2), or empty.
QStringView absoluteFormScheme(QStringView target)
{
    for (const QStringView scheme : {u"http://", u"https://"}) {
        if (target.startsWith(scheme, Qt::CaseInsensitive))
            return target.first(scheme.size());
    }
    return {};
}

// The URL the client asked for. An event does not record the server's own
// address, so the authority comes from the request (the Host header, or an
// absolute-form target's), and from `serverAuthority` when the request's is
// missing or is not a valid host[:port]: a Host of "evil/path" must not
// rewrite the URL's path, and the client's own address is never the host.
QString harUrl(const TrafficEvent &event, const ParsedHead &request, const QString &serverAuthority)
{
    QString target = QString::fromLatin1(event.target());
    QString scheme = u"http://"_s;
    QString authority = request.value(u"Host");
    if (const QStringView absolute = absoluteFormScheme(target); !absolute.isEmpty()) {
        scheme = absolute.toString().toLower();
        qsizetype end = absolute.size();
        while (end < target.size() && target.at(end) != u'/' && target.at(end) != u'?')
            ++end;
        authority = target.sliced(absolute.size(), end - absolute.size());
        target = target.sliced(end);
    }
    if (!UrlAuthority::isValid(authority))
        authority = serverAuthority.isEmpty() ? u"localhost"_s : serverAuthority;
    return scheme + authority + (target.startsWith(u'/') ? target : u'/' + target);
}

QJsonObject harRequest(const TrafficEvent &event, const QString &serverAuthority)
{
    const ParsedHead head = parseHead(event.requestHead);
    const QString target = QString::fromLatin1(event.target());
    return {
        {u"method"_s, QString::fromLatin1(event.method())},
        {u"url"_s, harUrl(event, head, serverAuthority)},
        {u"httpVersion"_s, QString::fromLatin1(event.httpVersion())},
        {u"cookies"_s, QJsonArray()},
        {u"headers"_s, harHeaders(head)},
        {u"queryString"_s, harQueryString(target)},
        {u"headersSize"_s, event.requestHead.isEmpty() ? qint64(-1) : qint64(event.requestHead.size())},
        {u"bodySize"_s, head.value(u"Content-Length").toLongLong()},
    };
}

QJsonObject harResponse(const TrafficEvent &event)
{
    const ParsedHead head = parseHead(event.responseHead);
    // "HTTP/1.1 404 Not Found": version, code, then the reason with its spaces.
    const QStringList status = head.startLine.split(u' ');
    const QString mimeType = head.value(u"Content-Type");
    return {
        {u"status"_s, event.status},
        {u"statusText"_s, status.size() > 2 ? status.mid(2).join(u' ') : QString()},
        {u"httpVersion"_s, status.isEmpty() ? QString() : status.first()},
        {u"cookies"_s, QJsonArray()},
        {u"headers"_s, harHeaders(head)},
        {u"content"_s, QJsonObject{{u"size"_s, event.bodySize},
                                   {u"mimeType"_s, mimeType.isEmpty() ? u"x-unknown"_s : mimeType}}},
        {u"redirectURL"_s, head.value(u"Location")},
        {u"headersSize"_s, event.responseHead.isEmpty() ? qint64(-1) : qint64(event.responseHead.size())},
        {u"bodySize"_s, event.bodySize},
    };
}

// A server's exchange is timed from the parsed request to the response
// handed over: all of it "wait". A client's also knows when the headers came.
QJsonObject timings(const TrafficEvent &event)
{
    const double totalMs = double(event.durationUs) / 1000.0;
    if (event.source != Net::EventSource::Client)
        return {{u"send"_s, 0}, {u"wait"_s, totalMs}, {u"receive"_s, 0}};
    const double waitMs = double(event.waitUs) / 1000.0;
    return {{u"send"_s, 0}, {u"wait"_s, waitMs}, {u"receive"_s, qMax(0.0, totalMs - waitMs)}};
}

QJsonObject harEntry(const TrafficEvent &event, const QString &serverAuthority)
{
    // The event is stamped when the last byte was handed over; HAR wants the start.
    const double waitMs = double(event.durationUs) / 1000.0;
    return {
        {u"startedDateTime"_s, isoTime(event.timeMs - event.durationUs / 1000)},
        {u"time"_s, waitMs},
        {u"request"_s, harRequest(event, serverAuthority)},
        {u"response"_s, harResponse(event)},
        {u"cache"_s, QJsonObject()},
        {u"timings"_s, timings(event)},
        {u"connection"_s, event.source == Net::EventSource::Client ? clientName(event)
                                                                    : QString::number(event.connectionId)},
    };
}

} // namespace

namespace LogExport {

QString formatName(ExportFormat format)
{
    switch (format) {
    case ExportFormat::Csv: return u"CSV"_s;
    case ExportFormat::JsonLines: return u"JSON Lines"_s;
    case ExportFormat::Har: return u"HAR"_s;
    }
    return {};
}

QString fileSuffix(ExportFormat format)
{
    switch (format) {
    case ExportFormat::Csv: return u"csv"_s;
    case ExportFormat::JsonLines: return u"jsonl"_s;
    case ExportFormat::Har: return u"har"_s;
    }
    return {};
}

void writeCsv(QIODevice &out, const QList<TrafficEvent> &events, const ServerNames &names)
{
    writeCsvRow(out, {u"time"_s, u"connection"_s, u"server"_s, u"direction"_s, u"peer"_s, u"kind"_s, u"method"_s,
                      u"target"_s, u"status"_s, u"size"_s, u"duration_us"_s, u"summary"_s, u"payload_hex"_s});
    for (const TrafficEvent &event : events)
        writeCsvRow(out, csvFields(event, names));
}

void writeJsonLines(QIODevice &out, const QList<TrafficEvent> &events, const ServerNames &names)
{
    for (const TrafficEvent &event : events) {
        out.write(QJsonDocument(jsonLine(event, names)).toJson(QJsonDocument::Compact));
        out.write("\n", 1);
    }
}

void writeHar(QIODevice &out, const QList<TrafficEvent> &events, const QString &serverAuthority)
{
    // Entries are written one at a time so a large log never exists twice
    // in memory as one QJsonDocument.
    const QJsonObject creator{{u"name"_s, u"Wirebench"_s}, {u"version"_s, QStringLiteral(WIREBENCH_VERSION_STRING)}};
    out.write(R"({"log":{"version":"1.2","creator":)");
    out.write(QJsonDocument(creator).toJson(QJsonDocument::Compact));
    out.write(R"(,"entries":[)");
    bool first = true;
    for (const TrafficEvent &event : events) {
        if (!isHttp(event))
            continue;
        if (!first)
            out.write(",\n", 2);
        first = false;
        out.write(QJsonDocument(harEntry(event, serverAuthority)).toJson(QJsonDocument::Compact));
    }
    out.write("]}}\n");
}

void write(QIODevice &out, const QList<TrafficEvent> &events, ExportFormat format, const QString &serverAuthority,
           const ServerNames &names)
{
    switch (format) {
    case ExportFormat::Csv:
        writeCsv(out, events, names);
        return;
    case ExportFormat::JsonLines:
        writeJsonLines(out, events, names);
        return;
    case ExportFormat::Har:
        writeHar(out, events, serverAuthority);
        return;
    }
}

QByteArray toBytes(const QList<TrafficEvent> &events, ExportFormat format, const QString &serverAuthority,
                   const ServerNames &names)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    write(buffer, events, format, serverAuthority, names);
    return bytes;
}

QString writeFile(const QString &path, const QList<TrafficEvent> &events, ExportFormat format,
                  const QString &serverAuthority, const ServerNames &names)
{
    const QString shown = QDir::toNativeSeparators(path);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return QObject::tr("Could not save the %1 export to “%2”: %3.")
            .arg(formatName(format), shown, file.errorString());
    write(file, events, format, serverAuthority, names);
    if (!file.commit())
        return QObject::tr("Could not finish writing the %1 export to “%2”: %3.")
            .arg(formatName(format), shown, file.errorString());
    return {};
}

} // namespace LogExport
