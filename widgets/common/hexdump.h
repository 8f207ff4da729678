#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

// Pure functions behind the traffic log's detail pane: bytes as a classic
// hex dump, and bytes as text in an encoding the user picks.
namespace HexDump {

// `hexdump -C` lines, 16 bytes each, separated by '\n' (no trailing newline
// and no final offset line):
// "00000010  48 65 6c 6c 6f 20 77 6f  72 6c 64 0a              |Hello world.|"
// `baseOffset` is added to the printed offsets (for a dump that continues).
QString hexDump(const QByteArray &bytes, qint64 baseOffset = 0);

// The encodings decodePayload() can use in this process, UTF-8 first. Names
// beyond Qt's own (UTF-8/16/32, ISO-8859-1) appear only when Qt was built
// with ICU, which is tested at run time rather than assumed.
QList<QByteArray> availableEncodings();

// `bytes` decoded as `encodingName`; invalid sequences become U+FFFD. An
// unknown encoding falls back to UTF-8 rather than showing nothing.
QString decodePayload(const QByteArray &bytes, const QByteArray &encodingName);

} // namespace HexDump
