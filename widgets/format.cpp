#include "format.h"

#include <QDateTime>
#include <QHostAddress>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace {

bool looksLikeText(const QByteArray &payload)
{
    int control = 0;
    for (const char c : payload) {
        const auto u = uchar(c);
        if (u < 0x20 && c != '\r' && c != '\n' && c != '\t')
            ++control;
    }
    // A few stray control bytes still read as text; mostly-binary does not.
    return control * 20 <= payload.size();
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
    return QString::number(n) + u' ' + (n == 1 ? singular : plural);
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
        return u"%1 min %2 s"_s.arg(seconds / 60).arg(seconds % 60);
    return u"%1 h %2 min"_s.arg(seconds / 3600).arg((seconds % 3600) / 60);
}

QString timeOfDay(qint64 msSinceEpoch)
{
    return QDateTime::fromMSecsSinceEpoch(msSinceEpoch).time().toString(u"HH:mm:ss.zzz"_s);
}

QString endpoint(const QHostAddress &address, quint16 port)
{
    if (address.protocol() == QAbstractSocket::IPv6Protocol)
        return u'[' + address.toString() + u"]:"_s + QString::number(port);
    return address.toString() + u':' + QString::number(port);
}

QString payloadPreview(const QByteArray &payload, int maxChars)
{
    if (payload.isEmpty())
        return {};
    QString text;
    if (looksLikeText(payload)) {
        const QString decoded = QString::fromUtf8(payload.first(qMin<qsizetype>(payload.size(), maxChars * 4)));
        qsizetype used = 0;
        for (const QChar c : decoded) {
            if (text.size() >= maxChars)
                break;
            ++used;
            if (c == u'\n')
                text += u"\\n"_s;
            else if (c == u'\r')
                text += u"\\r"_s;
            else if (c == u'\t')
                text += u"\\t"_s;
            else if (c.unicode() < 0x20)
                text += u'·';
            else
                text += c;
        }
        const bool cut = used < decoded.size() || payload.size() > maxChars * 4;
        return u'"' + text + (cut ? u"…\""_s : u"\""_s);
    }
    const QByteArray hex = payload.first(qMin<qsizetype>(payload.size(), maxChars / 3)).toHex(' ');
    return QString::fromLatin1(hex) + (payload.size() > maxChars / 3 ? u" …"_s : QString());
}

} // namespace Format
