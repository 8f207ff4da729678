#pragma once

#include "servernames.h"
#include "api/trafficevent.h"

#include <QByteArray>
#include <QList>
#include <QString>

class QIODevice;

enum class ExportFormat : quint8 { Csv, JsonLines, Har };

// Pure functions that turn traffic-log events into files other tools read.
namespace LogExport {

// "CSV", "JSON Lines", "HAR" and "csv", "jsonl", "har".
QString formatName(ExportFormat format);
QString fileSuffix(ExportFormat format);

// RFC 4180 CSV (CRLF line ends, UTF-8), header row first. Columns: time,
// connection, server, direction, peer, kind, method, target, status, size,
// duration_us, summary, payload_hex.
// Text cells that a spreadsheet would run as a formula (a first character of
// = + - @, tab, CR or NUL) get a leading ' (OWASP "CSV Injection"). The
// numeric columns (connection, status, size, duration_us) are exempt: we
// write them from integers, never from received bytes, and a cell like -5
// is a number to a spreadsheet, which a ' would turn into text.
// The server column names servers through `names` (default: the kind's name).
void writeCsv(QIODevice &out, const QList<Net::TrafficEvent> &events, const ServerNames &names = {});
// One compact JSON object per line; payload as base64, and as text too when
// it is valid UTF-8; HTTP heads as Latin-1 text, which loses no byte.
void writeJsonLines(QIODevice &out, const QList<Net::TrafficEvent> &events, const ServerNames &names = {});
// HAR 1.2 with one entry per Http event; other kinds are left out. A
// request's URL takes its authority from the Host header (or an
// absolute-form target) when that is a valid host[:port]; otherwise from
// `serverAuthority`, the host[:port] the web server is reached at (never
// the client's address). An empty `serverAuthority` stands for "localhost".
void writeHar(QIODevice &out, const QList<Net::TrafficEvent> &events, const QString &serverAuthority);

// `serverAuthority` is used by HAR only (see writeHar()).
void write(QIODevice &out, const QList<Net::TrafficEvent> &events, ExportFormat format,
           const QString &serverAuthority, const ServerNames &names = {});
QByteArray toBytes(const QList<Net::TrafficEvent> &events, ExportFormat format, const QString &serverAuthority,
                   const ServerNames &names = {});

// Writes the file whole or not at all (QSaveFile). Returns an empty string on
// success, otherwise a sentence naming the file and the reason.
QString writeFile(const QString &path, const QList<Net::TrafficEvent> &events, ExportFormat format,
                  const QString &serverAuthority, const ServerNames &names = {});

} // namespace LogExport
