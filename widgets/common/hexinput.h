#pragma once

#include <QByteArray>
#include <QString>

// Hex typed by a person: "48 65 6c", "48656C", "0x48,0x65", "48:65\n6c".
// Separators are whitespace, ',', ':', '-' and an optional "0x"/"\x" prefix
// before each byte. Anything else, or an odd number of digits in a group,
// is an error that points at the character, and nothing is sent.
struct HexParseResult
{
    QByteArray bytes;
    bool ok = false;
    int errorPosition = -1; // index in the input of the first bad character
    QString error;          // a sentence for the user
};

HexParseResult parseHex(const QString &text);

// 0-15 for a hex digit (either case), -1 for anything else.
int hexDigitValue(QChar c);

// Bytes as "48 65 6c 6c 6f": the form parseHex reads back.
QString toHexText(const QByteArray &bytes);
