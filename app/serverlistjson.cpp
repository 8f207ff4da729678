#include "serverlistjson.h"

#include "api/rulesjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace {

std::optional<Net::ServerKind> kindFromName(const QString &name)
{
    for (const auto kind : {Net::ServerKind::Web, Net::ServerKind::Tcp, Net::ServerKind::Udp, Net::ServerKind::Relay}) {
        if (Net::serverKindName(kind) == name)
            return kind;
    }
    return std::nullopt;
}

quint16 portOr(const QJsonValue &value, quint16 fallback)
{
    const int port = value.toInt(-1);
    return port >= 0 && port <= 65535 ? quint16(port) : fallback;
}

QJsonObject toJson(const ServerCardState &card)
{
    QJsonObject json{{u"kind"_s, Net::serverKindName(card.kind)},
                     {u"name"_s, card.name},
                     {u"address"_s, card.address},
                     {u"port"_s, card.port}};
    switch (card.kind) {
    case Net::ServerKind::Web:
        json.insert(u"root"_s, card.rootPath);
        json.insert(u"listing"_s, card.listing);
        break;
    case Net::ServerKind::Tcp:
    case Net::ServerKind::Udp:
        json.insert(u"mode"_s, Net::serverModeName(card.mode));
        json.insert(u"rules"_s, QString::fromUtf8(Net::rulesToJson(card.rules)));
        break;
    case Net::ServerKind::Relay:
        json.insert(u"upstreamHost"_s, card.upstreamHost);
        json.insert(u"upstreamPort"_s, card.upstreamPort);
        json.insert(u"faults"_s, card.faults.toJson());
        break;
    }
    return json;
}

std::optional<ServerCardState> fromJson(const QJsonObject &json)
{
    const auto kind = kindFromName(json.value(u"kind"_s).toString());
    if (!kind)
        return std::nullopt;
    ServerCardState card;
    card.kind = *kind;
    card.name = json.value(u"name"_s).toString().trimmed();
    card.address = json.value(u"address"_s).toString(card.address);
    card.port = portOr(json.value(u"port"_s), card.port);
    card.rootPath = json.value(u"root"_s).toString();
    card.listing = json.value(u"listing"_s).toBool();
    card.mode = Net::serverModeFromName(json.value(u"mode"_s).toString()).value_or(Net::ServerMode::Echo);
    card.rules = Net::rulesFromJson(json.value(u"rules"_s).toString().toUtf8()).rules;
    card.upstreamHost = json.value(u"upstreamHost"_s).toString(card.upstreamHost);
    card.upstreamPort = portOr(json.value(u"upstreamPort"_s), card.upstreamPort);
    card.faults = Net::RelayFaults::fromJson(json.value(u"faults"_s).toObject());
    return card;
}

} // namespace

QByteArray serverListToJson(const QList<ServerCardState> &cards)
{
    QJsonArray list;
    for (const ServerCardState &card : cards)
        list.append(toJson(card));
    return QJsonDocument(list).toJson(QJsonDocument::Compact);
}

std::optional<QList<ServerCardState>> serverListFromJson(const QByteArray &json)
{
    const QJsonDocument document = QJsonDocument::fromJson(json);
    if (!document.isArray())
        return std::nullopt;
    QList<ServerCardState> cards;
    for (const QJsonValue &entry : document.array()) {
        if (const auto card = fromJson(entry.toObject()))
            cards.append(*card);
    }
    return cards;
}
