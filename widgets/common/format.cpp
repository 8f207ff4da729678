#include "format.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHostAddress>
#include <QLocale>

#include <cmath>

using namespace Qt::StringLiterals;

namespace {

// The length of the valid UTF-8 sequence starting at `bytes[i]`, or 0.
qsizetype utf8SequenceLength(QByteArrayView bytes, qsizetype i)
{
    const auto lead = uchar(bytes[i]);
    qsizetype length = 0;
    char32_t minimum = 0;
    if (lead < 0x80)
        return 1;
    if ((lead & 0xe0) == 0xc0) {
        length = 2;
        minimum = 0x80;
    } else if ((lead & 0xf0) == 0xe0) {
        length = 3;
        minimum = 0x800;
    } else if ((lead & 0xf8) == 0xf0) {
        length = 4;
        minimum = 0x10000;
    } else {
        return 0;
    }
    if (i + length > bytes.size())
        return 0;
    char32_t code = lead & (0x7f >> length);
    for (qsizetype k = 1; k < length; ++k) {
        const auto next = uchar(bytes[i + k]);
        if ((next & 0xc0) != 0x80)
            return 0;
        code = (code << 6) | (next & 0x3f);
    }
    // Overlong forms, surrogates and values past Unicode are not text.
    if (code < minimum || (code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff)
        return 0;
    return length;
}

bool looksLikeText(const QByteArray &payload)
{
    int odd = 0;
    for (qsizetype i = 0; i < payload.size();) {
        const qsizetype length = utf8SequenceLength(payload, i);
        const auto u = uchar(payload[i]);
        if (length == 0 || (u < 0x20 && u != '\r' && u != '\n' && u != '\t'))
            ++odd;
        i += qMax<qsizetype>(length, 1);
    }
    // A few stray bytes still read as text; mostly-binary does not.
    return odd * 20 <= payload.size();
}

} // namespace

namespace Format {

QString bytes(qint64 count)
{
    if (count < 1024)
        return QString::number(count) + u" B"_s;
    return QLocale::c().formattedDataSize(count, 1, QLocale::DataSizeIecFormat);
}

QString count(qint64 n, const QString &singular, const QString &plural)
{
    return integer(n) + u' ' + (n == 1 ? singular : plural);
}

QString integer(qint64 n)
{
    QLocale locale;
    locale.setNumberOptions(locale.numberOptions() & ~QLocale::OmitGroupSeparator);
    return locale.toString(n);
}

QString compact(double value)
{
    static constexpr struct
    {
        double size;
        char16_t suffix;
    } units[] = {{1e9, u'G'}, {1e6, u'M'}, {1e3, u'K'}};
    QString suffix;
    for (const auto &unit : units) {
        if (std::abs(value) >= unit.size) {
            value /= unit.size;
            suffix = QChar(unit.suffix);
            break;
        }
    }
    // One decimal below 100 units ("1.5K", "2.5"), none where it is zero or adds nothing ("20K", "125K").
    const bool whole = std::abs(value) >= 100 || std::abs(value - std::round(value)) < 0.05;
    return QLocale().toString(value, 'f', whole ? 0 : 1) + suffix;
}

QString rate(double bytesPerSecond)
{
    return bytes(qint64(bytesPerSecond)) + u"/s"_s;
}

QString durationUs(qint64 microseconds)
{
    if (microseconds < 1000)
        return QString::number(double(microseconds) / 1000.0, 'f', microseconds < 100 ? 2 : 1) + u" ms"_s;
    return durationMs(microseconds / 1000);
}

QString durationMs(qint64 milliseconds)
{
    if (milliseconds < 1000)
        return QString::number(milliseconds) + u" ms"_s;
    if (milliseconds < 60000)
        return QString::number(double(milliseconds) / 1000.0, 'f', 1) + u" s"_s;
    const qint64 seconds = milliseconds / 1000;
    if (seconds < 3600)
        return QCoreApplication::translate("Format", "%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
    return QCoreApplication::translate("Format", "%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60);
}

QString timeOfDay(qint64 msSinceEpoch)
{
    return QDateTime::fromMSecsSinceEpoch(msSinceEpoch).time().toString(u"HH:mm:ss.zzz"_s);
}

QString escapedText(QByteArrayView bytes, qsizetype maxChars, bool *complete)
{
    QString text;
    qsizetype i = 0;
    while (i < bytes.size() && (maxChars < 0 || text.size() < maxChars)) {
        const qsizetype length = utf8SequenceLength(bytes, i);
        const auto u = uchar(bytes[i]);
        if (length == 0 || u < 0x20 || u == 0x7f) {
            switch (u) {
            case '\n': text += u"\\n"_s; break;
            case '\r': text += u"\\r"_s; break;
            case '\t': text += u"\\t"_s; break;
            default: text += u"\\x"_s + QString::number(u, 16).rightJustified(2, u'0');
            }
            ++i;
        } else {
            text += QString::fromUtf8(bytes.sliced(i, length));
            i += length;
        }
    }
    if (complete)
        *complete = i == bytes.size();
    return text;
}

QString payloadPreview(const QByteArray &payload, int maxChars)
{
    if (payload.isEmpty())
        return {};
    QString text;
    if (looksLikeText(payload)) {
        bool complete = false;
        const QString text = escapedText(payload, maxChars, &complete);
        return u'"' + text + (complete ? u"\""_s : u"…\""_s);
    }
    const QByteArray hex = payload.first(qMin<qsizetype>(payload.size(), maxChars / 3)).toHex(' ');
    return QString::fromLatin1(hex) + (payload.size() > maxChars / 3 ? u" …"_s : QString());
}

QString reachableHost(const QHostAddress &address)
{
    if (address.isEqual(QHostAddress(QHostAddress::AnyIPv6), QHostAddress::StrictConversion))
        return u"::1"_s;
    if (address.isNull() || address == QHostAddress::Any || address == QHostAddress::AnyIPv4)
        return u"127.0.0.1"_s;
    return address.toString();
}

QString plainToolTip(const QString &plain)
{
    if (plain.isEmpty())
        return {}; // an empty tooltip hides the tip; a paragraph would show an empty one
    return u"<p style=\"white-space:pre-wrap\">"_s + plain.toHtmlEscaped() + u"</p>"_s;
}

} // namespace Format
