#include "settings.h"
#include "serverlistjson.h"

#include "api/defaults.h"
#include "api/hostpolicy.h"
#include "api/rulesjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace {
// First run: web on 8080 serving the demo site, echo (TCP and UDP) on 7007,
// all on loopback.
constexpr quint16 DEFAULT_WEB_PORT = Net::Defaults::WebPort;
constexpr quint16 DEFAULT_ECHO_PORT = Net::Defaults::EchoPort;
constexpr int DEFAULT_LOG_CAPACITY = 100000;

// The groups the three cards have always been saved under.
QString group(Net::ServerKind kind)
{
    switch (kind) {
    case Net::ServerKind::Web: return u"servers/web/"_s;
    case Net::ServerKind::Tcp: return u"servers/echo/"_s;
    case Net::ServerKind::Udp: return u"servers/udp-echo/"_s;
    case Net::ServerKind::Relay: break;
    }
    return u"servers/"_s + Net::serverKindName(kind) + u'/';
}

// A hand-edited settings file must not smuggle in a port or an enum value
// that does not exist: out of range falls back to the default.
quint16 portOr(const QVariant &value, quint16 fallback)
{
    bool ok = false;
    const uint port = value.toUInt(&ok);
    return ok && port <= 65535 ? quint16(port) : fallback;
}

// A switch that loosens safety is on only when the file says so plainly:
// QVariant::toBool() would read any other text as true.
bool plainlyTrue(const QVariant &value)
{
    const QString text = value.toString().trimmed();
    return text.compare(u"true"_s, Qt::CaseInsensitive) == 0 || text == u"1"_s;
}

template<typename Enum>
Enum enumOr(const QVariant &value, Enum fallback, Enum last)
{
    bool ok = false;
    const int n = value.toInt(&ok);
    return ok && n >= 0 && n <= int(last) ? Enum(n) : fallback;
}
} // namespace

Settings::Settings() = default;

Settings::Settings(const QString &iniPath)
    : m_settings(iniPath, QSettings::IniFormat)
{
}

ServerCardState Settings::serverCard(Net::ServerKind kind, const QString &defaultRoot) const
{
    const QString g = group(kind);
    ServerCardState state;
    state.address = m_settings.value(g + u"address"_s, u"127.0.0.1"_s).toString();
    const quint16 defaultPort = kind == Net::ServerKind::Web ? DEFAULT_WEB_PORT : DEFAULT_ECHO_PORT;
    state.port = portOr(m_settings.value(g + u"port"_s, defaultPort), defaultPort);
    if (kind == Net::ServerKind::Web) {
        state.rootPath = m_settings.value(g + u"root"_s, defaultRoot).toString();
        state.listing = m_settings.value(g + u"listing"_s, false).toBool();
    } else {
        // A mode name or rules text edited into something unreadable falls back to echo / no rules.
        state.mode = Net::serverModeFromName(m_settings.value(g + u"mode"_s).toString()).value_or(Net::ServerMode::Echo);
        state.rules = Net::rulesFromJson(m_settings.value(g + u"rules"_s).toString().toUtf8()).rules;
    }
    return state;
}

void Settings::setServerCard(Net::ServerKind kind, const ServerCardState &state)
{
    const QString g = group(kind);
    m_settings.setValue(g + u"address"_s, state.address);
    m_settings.setValue(g + u"port"_s, state.port);
    if (kind == Net::ServerKind::Web) {
        m_settings.setValue(g + u"root"_s, state.rootPath);
        m_settings.setValue(g + u"listing"_s, state.listing);
    } else {
        m_settings.setValue(g + u"mode"_s, Net::serverModeName(state.mode));
        m_settings.setValue(g + u"rules"_s, QString::fromUtf8(Net::rulesToJson(state.rules)));
    }
}

QList<ServerCardState> Settings::serverCards(const QString &defaultRoot) const
{
    if (m_settings.contains(u"servers/list"_s)) {
        if (const auto cards = serverListFromJson(m_settings.value(u"servers/list"_s).toString().toUtf8()))
            return *cards;
    }
    QList<ServerCardState> cards;
    const std::pair<Net::ServerKind, QString> legacy[] = {
        {Net::ServerKind::Web, u"web"_s}, {Net::ServerKind::Tcp, u"echo"_s}, {Net::ServerKind::Udp, u"udp-echo"_s}};
    for (const auto &[kind, name] : legacy) {
        ServerCardState card = serverCard(kind, defaultRoot);
        card.kind = kind;
        card.name = name;
        cards.append(card);
    }
    return cards;
}

void Settings::setServerCards(const QList<ServerCardState> &cards)
{
    m_settings.setValue(u"servers/list"_s, QString::fromUtf8(serverListToJson(cards)));
}

ServerLimits Settings::limits() const
{
    const ServerLimits defaults;
    ServerLimits limits;
    limits.keepAliveTimeoutMs =
        1000 * qBound(1, m_settings.value(u"limits/keepAliveTimeoutSec"_s, defaults.keepAliveTimeoutMs / 1000).toInt(), 86400);
    limits.requestTimeoutMs =
        1000 * qBound(1, m_settings.value(u"limits/requestTimeoutSec"_s, defaults.requestTimeoutMs / 1000).toInt(), 3600);
    limits.maxConnections = qBound(1, m_settings.value(u"limits/maxConnections"_s, defaults.maxConnections).toInt(), 1000000);
    Net::EchoLimits &echo = limits.echo;
    echo.idleTimeoutMs =
        1000 * qBound(1, m_settings.value(u"limits/echoIdleTimeoutSec"_s, echo.idleTimeoutMs / 1000).toInt(), 86400);
    echo.maxConnectionsPerAddress =
        qBound(1, m_settings.value(u"limits/maxConnectionsPerAddress"_s, echo.maxConnectionsPerAddress).toInt(), 1000000);
    echo.maxUdpPeers = qBound(1, m_settings.value(u"limits/maxUdpPeers"_s, echo.maxUdpPeers).toInt(), 1000000);
    echo.udpPeerRate = qBound(0, m_settings.value(u"limits/udpPeerRate"_s, echo.udpPeerRate).toInt(), 10000000);
    limits.serveDotfiles = serveDotfiles();
    limits.allowedHosts = allowedHosts();
    return limits;
}

bool Settings::serveDotfiles() const
{
    return plainlyTrue(m_settings.value(group(Net::ServerKind::Web) + u"serveDotfiles"_s));
}

void Settings::setServeDotfiles(bool serve)
{
    m_settings.setValue(group(Net::ServerKind::Web) + u"serveDotfiles"_s, serve);
}

QStringList Settings::allowedHosts() const
{
    QStringList names = m_settings.value(u"web/allowedHosts"_s).toStringList();
    names.removeIf([](const QString &name) { return !Net::HostPolicy::isValidName(name.trimmed()); });
    for (QString &name : names)
        name = name.trimmed();
    return names;
}

void Settings::setAllowedHosts(const QStringList &names)
{
    m_settings.setValue(u"web/allowedHosts"_s, names);
}

ClientPaneState Settings::clientPane() const
{
    const ClientPaneState defaults;
    const auto get = [this](const char *key, const QVariant &fallback) {
        return m_settings.value(u"client/"_s + QLatin1StringView(key), fallback);
    };
    ClientPaneState state;
    state.protocol = enumOr(get("protocol", int(defaults.protocol)), defaults.protocol, Net::ClientProtocol::Http);
    state.host = get("host", defaults.host).toString();
    state.port = portOr(get("port", defaults.port), defaults.port);
    state.mode = enumOr(get("mode", int(defaults.mode)), defaults.mode, MessageMode::Hex);
    state.lineEnding = enumOr(get("lineEnding", int(defaults.lineEnding)), defaults.lineEnding, LineEnding::CrLf);
    state.url = get("url", defaults.url).toString();
    state.method = get("method", defaults.method).toString();
    state.headers = get("headers", defaults.headers).toString();
    state.repeatMs = get("repeatMs", defaults.repeatMs).toInt();
    state.repeatCount = qMax(0, get("repeatCount", defaults.repeatCount).toInt());
    state.escapes = get("escapes", defaults.escapes).toBool();
    state.encoding = get("encoding", defaults.encoding).toString();
    state.localPort = quint16(qBound(0, get("localPort", defaults.localPort).toInt(), 65535));
    state.transcriptMode = enumOr(get("transcriptMode", int(defaults.transcriptMode)), defaults.transcriptMode,
                                  MessageMode::Hex);
    return state;
}

void Settings::setClientPane(const ClientPaneState &state)
{
    const auto set = [this](const char *key, const QVariant &value) {
        m_settings.setValue(u"client/"_s + QLatin1StringView(key), value);
    };
    set("protocol", int(state.protocol));
    set("host", state.host);
    set("port", state.port);
    set("mode", int(state.mode));
    set("lineEnding", int(state.lineEnding));
    set("url", state.url);
    set("method", state.method);
    set("headers", state.headers);
    set("repeatMs", state.repeatMs);
    set("repeatCount", state.repeatCount);
    set("escapes", state.escapes);
    set("encoding", state.encoding);
    set("localPort", state.localPort);
    set("transcriptMode", int(state.transcriptMode));
}

MessageLibrary Settings::clientLibrary() const
{
    return MessageLibraryJson::fromJson(m_settings.value(u"client/library"_s).toString().toUtf8()).messages;
}

void Settings::setClientLibrary(const MessageLibrary &library)
{
    m_settings.setValue(u"client/library"_s, QString::fromUtf8(MessageLibraryJson::toJson(library)));
}

QList<ClientPaneState> Settings::clientExtraTabs() const
{
    QList<ClientPaneState> tabs;
    const QJsonArray stored = QJsonDocument::fromJson(m_settings.value(u"client/tabs"_s).toString().toUtf8()).array();
    for (const QJsonValue &value : stored) {
        const QJsonObject tab = value.toObject();
        ClientPaneState state;
        state.protocol = enumOr(tab.value("protocol"_L1).toInt(), state.protocol, Net::ClientProtocol::Http);
        state.host = tab.value("host"_L1).toString(state.host);
        state.port = portOr(tab.value("port"_L1).toInt(state.port), state.port);
        state.localPort = quint16(qBound(0, tab.value("localPort"_L1).toInt(), 65535));
        tabs.append(state);
    }
    return tabs;
}

void Settings::setClientExtraTabs(const QList<ClientPaneState> &tabs)
{
    QJsonArray stored;
    for (const ClientPaneState &state : tabs) {
        stored.append(QJsonObject{{u"protocol"_s, int(state.protocol)}, {u"host"_s, state.host},
                                  {u"port"_s, state.port}, {u"localPort"_s, state.localPort}});
    }
    m_settings.setValue(u"client/tabs"_s, QString::fromUtf8(QJsonDocument(stored).toJson(QJsonDocument::Compact)));
}

Language Settings::language() const
{
    return languageFromCode(m_settings.value(u"ui/language"_s).toString());
}

void Settings::setLanguage(Language language)
{
    m_settings.setValue(u"ui/language"_s, languageCode(language));
}

int Settings::logCapacity() const
{
    return qBound(1000, m_settings.value(u"log/capacity"_s, DEFAULT_LOG_CAPACITY).toInt(), 10000000);
}

void Settings::setLogCapacity(int rows)
{
    m_settings.setValue(u"log/capacity"_s, rows);
}

QByteArray Settings::value(const QString &key) const
{
    return m_settings.value(key).toByteArray();
}

void Settings::setValue(const QString &key, const QByteArray &bytes)
{
    m_settings.setValue(key, bytes);
}

QVariant Settings::variant(const QString &key, const QVariant &fallback) const
{
    return m_settings.value(key, fallback);
}

void Settings::setVariant(const QString &key, const QVariant &value)
{
    m_settings.setValue(key, value);
}
