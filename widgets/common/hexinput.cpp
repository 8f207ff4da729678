#include "hexinput.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

int hexDigitValue(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= u'0' && u <= u'9')
        return u - u'0';
    if (u >= u'a' && u <= u'f')
        return u - u'a' + 10;
    if (u >= u'A' && u <= u'F')
        return u - u'A' + 10;
    return -1;
}

namespace {

bool isSeparator(QChar c)
{
    return c.isSpace() || c == u',' || c == u':' || c == u'-';
}

HexParseResult failure(int position, const QString &sentence)
{
    HexParseResult result;
    result.errorPosition = position;
    result.error = sentence;
    return result;
}

QString notHexDigit(QChar character, qsizetype index)
{
    return QCoreApplication::translate("HexInput", "'%1' at position %2 is not a hex digit.")
        .arg(character)
        .arg(index + 1);
}

} // namespace

HexParseResult parseHex(const QString &text)
{
    HexParseResult result;
    result.bytes.reserve(text.size() / 2);
    const qsizetype n = text.size();
    qsizetype i = 0;
    while (i < n) {
        if (isSeparator(text[i])) {
            ++i;
            continue;
        }
        // An optional prefix per group: 0x48 or \x48.
        if (i + 1 < n && (text[i] == u'0' || text[i] == u'\\') && (text[i + 1] == u'x' || text[i + 1] == u'X')
            && i + 2 < n && hexDigitValue(text[i + 2]) >= 0) {
            i += 2;
        }
        const qsizetype groupStart = i;
        while (i < n && hexDigitValue(text[i]) >= 0)
            ++i;
        if (i == groupStart) {
            return failure(int(i), notHexDigit(text[i], i));
        }
        // A group ends at a separator, or where the next "\x" prefix begins.
        if (i < n && !isSeparator(text[i]) && text[i] != u'\\') {
            return failure(int(i), notHexDigit(text[i], i));
        }
        if ((i - groupStart) % 2 != 0) {
            return failure(int(groupStart),
                           QCoreApplication::translate("HexInput",
                                                       "The group at position %1 has an odd number of hex digits.")
                               .arg(groupStart + 1));
        }
        for (qsizetype d = groupStart; d < i; d += 2)
            result.bytes.append(char(hexDigitValue(text[d]) * 16 + hexDigitValue(text[d + 1])));
    }
    result.ok = true;
    return result;
}

QString toHexText(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes.toHex(' '));
}
