#include "textencoding.h"

#include <QStringDecoder>
#include <QStringEncoder>

using namespace Qt::StringLiterals;

namespace TextEncoding {

QStringList names()
{
    return {QString(Utf8), u"GBK"_s, u"Big5"_s, u"Shift_JIS"_s, u"ISO-8859-1"_s};
}

bool isAvailable(const QString &name)
{
    return names().contains(name) && QStringEncoder(name.toLatin1().constData()).isValid();
}

QByteArray encode(QStringView text, const QString &name)
{
    if (name == Utf8)
        return text.toUtf8();
    QStringEncoder encoder(name.toLatin1().constData(), QStringConverter::Flag::Stateless);
    if (!encoder.isValid())
        return text.toUtf8();
    return encoder.encode(text);
}

QString decode(QByteArrayView bytes, const QString &name)
{
    QStringDecoder decoder(name.toLatin1().constData(), QStringConverter::Flag::Stateless);
    if (!decoder.isValid())
        return QString::fromUtf8(bytes);
    return decoder.decode(bytes);
}

} // namespace TextEncoding
