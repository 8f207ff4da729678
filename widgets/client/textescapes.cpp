#include "textescapes.h"

#include "hexinput.h"

namespace {

// The byte an escape at `text[i]` (a backslash) stands for, and how many
// characters it spans; 0 when it is no escape and stays as typed.
qsizetype readEscape(QStringView text, qsizetype i, char &byte)
{
    if (i + 1 >= text.size())
        return 0;
    switch (text[i + 1].unicode()) {
    case u'r': byte = '\r'; return 2;
    case u'n': byte = '\n'; return 2;
    case u't': byte = '\t'; return 2;
    case u'0': byte = '\0'; return 2;
    case u'\\': byte = '\\'; return 2;
    case u'x':
    case u'X': {
        if (i + 3 >= text.size())
            return 0;
        const int high = hexDigitValue(text[i + 2]);
        const int low = hexDigitValue(text[i + 3]);
        if (high < 0 || low < 0)
            return 0;
        byte = char(high * 16 + low);
        return 4;
    }
    default: return 0;
    }
}

} // namespace

namespace TextEscapes {

QByteArray toBytes(QStringView text, const Encoder &encode)
{
    QByteArray bytes;
    bytes.reserve(text.size());
    qsizetype plainStart = 0; // start of the text not yet encoded
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] != u'\\')
            continue;
        char byte = 0;
        const qsizetype length = readEscape(text, i, byte);
        if (length == 0)
            continue;
        bytes += encode(text.sliced(plainStart, i - plainStart));
        bytes += byte;
        i += length - 1;
        plainStart = i + 1;
    }
    bytes += encode(text.sliced(plainStart));
    return bytes;
}

QByteArray toBytes(QStringView text)
{
    return toBytes(text, [](QStringView plain) { return plain.toUtf8(); });
}

} // namespace TextEscapes
