#pragma once

#include "clientpanestate.h"

#include <QByteArray>
#include <QList>
#include <QString>

// One saved, named message of the client pane's library: its text as typed
// (hex digits in Hex mode), read like the editor reads it when sent.
struct SavedMessage
{
    QString name;
    Net::ClientProtocol protocol = Net::ClientProtocol::Tcp; // TCP or UDP
    MessageMode mode = MessageMode::Text;
    QString text;

    friend bool operator==(const SavedMessage &, const SavedMessage &) = default;
};

using MessageLibrary = QList<SavedMessage>;

// The JSON the library is stored and exchanged as:
// {"wirebenchMessages": 1, "messages": [{"name", "protocol": "tcp"|"udp", "mode": "text"|"hex", "text"}]}
namespace MessageLibraryJson {

QByteArray toJson(const MessageLibrary &library);

struct ParseResult
{
    MessageLibrary messages;
    QString error; // a sentence; empty when the whole document was read
};
ParseResult fromJson(const QByteArray &json);

} // namespace MessageLibraryJson
