#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringList>
#include <QStringView>

// The encodings a text message can be sent in, and the transcript read in.
// UTF-8 and Latin-1 are Qt's own; GBK, Big5 and Shift_JIS come from ICU,
// which Qt's string converters use when they were built with it (Debian's
// are). Names are the ones ICU and QStringConverter know.
namespace TextEncoding {

inline constexpr auto Utf8 = QLatin1StringView("UTF-8");

// Offered in this order: UTF-8, GBK, Big5, Shift_JIS, ISO-8859-1.
QStringList names();
// Whether `name` is one of names() and can be used here.
bool isAvailable(const QString &name);

// Characters the encoding lacks become '?' (the converter's replacement);
// an unknown name encodes as UTF-8.
QByteArray encode(QStringView text, const QString &name);
// Bytes that are not valid in the encoding become U+FFFD.
QString decode(QByteArrayView bytes, const QString &name);

} // namespace TextEncoding
