#include "messagelibrary.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <optional>

using namespace Qt::StringLiterals;

namespace {

constexpr auto FORMAT_KEY = "wirebenchMessages"_L1;
constexpr int FORMAT_VERSION = 1;

// The message at `index`, or an error sentence naming it.
std::optional<SavedMessage> readMessage(const QJsonValue &value, qsizetype index, QString &error)
{
    const QJsonObject object = value.toObject();
    const QString name = object.value("name"_L1).toString().trimmed();
    const QString protocol = object.value("protocol"_L1).toString();
    const QString mode = object.value("mode"_L1).toString(u"text"_s);
    if (!value.isObject() || name.isEmpty() || !object.value("text"_L1).isString()) {
        error = QCoreApplication::translate("MessageLibrary", "Message %1 needs a \"name\" and a \"text\".").arg(index + 1);
        return std::nullopt;
    }
    if (protocol != "tcp"_L1 && protocol != "udp"_L1) {
        error = QCoreApplication::translate("MessageLibrary", "Message %1 (\"%2\") has protocol \"%3\": use \"tcp\" or \"udp\".")
                    .arg(index + 1)
                    .arg(name, protocol);
        return std::nullopt;
    }
    if (mode != "text"_L1 && mode != "hex"_L1) {
        error = QCoreApplication::translate("MessageLibrary", "Message %1 (\"%2\") has mode \"%3\": use \"text\" or \"hex\".").arg(index + 1).arg(name, mode);
        return std::nullopt;
    }
    return SavedMessage{name, protocol == "udp"_L1 ? Net::ClientProtocol::Udp : Net::ClientProtocol::Tcp,
                        mode == "hex"_L1 ? MessageMode::Hex : MessageMode::Text,
                        object.value("text"_L1).toString()};
}

} // namespace

namespace MessageLibraryJson {

QByteArray toJson(const MessageLibrary &library)
{
    QJsonArray messages;
    for (const SavedMessage &message : library) {
        messages.append(QJsonObject{
            {u"name"_s, message.name},
            {u"protocol"_s, message.protocol == Net::ClientProtocol::Udp ? u"udp"_s : u"tcp"_s},
            {u"mode"_s, message.mode == MessageMode::Hex ? u"hex"_s : u"text"_s},
            {u"text"_s, message.text},
        });
    }
    return QJsonDocument(QJsonObject{{FORMAT_KEY, FORMAT_VERSION}, {u"messages"_s, messages}}).toJson();
}

// All or nothing: a file with one bad message imports none, and says which.
ParseResult fromJson(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return {{}, QCoreApplication::translate("MessageLibrary", "This is not JSON: %1 at character %2.").arg(parseError.errorString()).arg(parseError.offset)};
    const QJsonObject root = document.object();
    if (!document.isObject() || !root.value(FORMAT_KEY).isDouble() || !root.value("messages"_L1).isArray())
        return {{}, QCoreApplication::translate("MessageLibrary", "This is not a Wirebench message library: \"%1\" and \"messages\" are missing.")
                        .arg(FORMAT_KEY)};
    if (root.value(FORMAT_KEY).toInt() > FORMAT_VERSION)
        return {{}, QCoreApplication::translate("MessageLibrary", "This library was written by a newer Wirebench (format %1).")
                        .arg(root.value(FORMAT_KEY).toInt())};
    ParseResult result;
    const QJsonArray messages = root.value("messages"_L1).toArray();
    for (qsizetype i = 0; i < messages.size(); ++i) {
        std::optional<SavedMessage> message = readMessage(messages.at(i), i, result.error);
        if (!message)
            return {{}, result.error};
        result.messages.append(*message);
    }
    return result;
}

} // namespace MessageLibraryJson
