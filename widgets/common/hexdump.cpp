#include "hexdump.h"

#include <QStringDecoder>

using namespace Qt::StringLiterals;

namespace {

constexpr int BYTES_PER_LINE = 16;
// Offset, two spaces, 16 × "xx ", the gap after byte 8, " |", text, "|\n".
constexpr int MAX_LINE_CHARS = 8 + 2 + BYTES_PER_LINE * 3 + 1 + 2 + BYTES_PER_LINE + 2;

// In the order the encoding box lists them; those this Qt cannot decode are
// left out at run time.
constexpr const char *CANDIDATE_ENCODINGS[] = {
    "UTF-8", "ISO-8859-1", "GBK", "GB18030", "Big5", "Shift_JIS", "EUC-JP", "EUC-KR",
    "windows-1252", "windows-1251", "KOI8-R", "UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE",
};

void appendHexByte(QString &out, uchar byte)
{
    static constexpr char16_t digits[] = u"0123456789abcdef";
    out += QChar(digits[byte >> 4]);
    out += QChar(digits[byte & 0xf]);
}

void appendLine(QString &out, const char *data, int count, qint64 offset)
{
    out += u"%1"_s.arg(offset, 8, 16, QLatin1Char('0'));
    out += u"  "_s;
    for (int i = 0; i < BYTES_PER_LINE; ++i) {
        if (i == BYTES_PER_LINE / 2)
            out += u' ';
        if (i < count)
            appendHexByte(out, uchar(data[i]));
        else
            out += u"  "_s;
        out += u' ';
    }
    out += u" |"_s;
    for (int i = 0; i < count; ++i) {
        const auto byte = uchar(data[i]);
        out += (byte >= 0x20 && byte < 0x7f) ? QChar(char16_t(byte)) : QChar(u'.');
    }
    out += u'|';
}

} // namespace

namespace HexDump {

QString hexDump(const QByteArray &bytes, qint64 baseOffset)
{
    QString out;
    const qsizetype lines = (bytes.size() + BYTES_PER_LINE - 1) / BYTES_PER_LINE;
    out.reserve(lines * MAX_LINE_CHARS);
    for (qsizetype at = 0; at < bytes.size(); at += BYTES_PER_LINE) {
        if (at > 0)
            out += u'\n';
        const int count = int(qMin<qsizetype>(BYTES_PER_LINE, bytes.size() - at));
        appendLine(out, bytes.constData() + at, count, baseOffset + at);
    }
    return out;
}

QList<QByteArray> availableEncodings()
{
    QList<QByteArray> names;
    for (const char *name : CANDIDATE_ENCODINGS) {
        if (QStringDecoder(name).isValid())
            names.append(QByteArray(name));
    }
    return names;
}

QString decodePayload(const QByteArray &bytes, const QByteArray &encodingName)
{
    QStringDecoder decoder(encodingName.constData());
    if (!decoder.isValid())
        return QString::fromUtf8(bytes);
    return decoder.decode(bytes);
}

} // namespace HexDump
