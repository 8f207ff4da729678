#pragma once

#include <QByteArray>
#include <QStringView>

#include <functional>

// Backslash escapes in a text message, as Packet Sender and most terminals
// read them: \r \n \t \0 \\ and \xHH (exactly two hex digits) become those
// bytes; anything else after a backslash ("\q", "\x4", a trailing "\") is
// kept as typed, so nothing the user wrote is lost. The text between escapes
// goes through `encode` (UTF-8, GBK, …); the escaped bytes go out raw, so
// "\xff" is the byte 0xff whatever the encoding. I/O-free.
namespace TextEscapes {

using Encoder = std::function<QByteArray(QStringView)>;

QByteArray toBytes(QStringView text, const Encoder &encode);
// The same with UTF-8 for the plain text.
QByteArray toBytes(QStringView text);

} // namespace TextEscapes
