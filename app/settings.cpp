#include "settings.h"

using namespace Qt::StringLiterals;

namespace {
// First run: web on 8080 serving the demo site, echo (TCP and UDP) on 7007,
// all on loopback.
constexpr quint16 DEFAULT_WEB_PORT = 8080;
constexpr quint16 DEFAULT_ECHO_PORT = 7007;
constexpr int DEFAULT_LOG_CAPACITY = 100000;

QString group(Net::ServerKind kind)
{
    return u"servers/"_s + Net::serverKindName(kind) + u'/';
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
    state.port = quint16(m_settings.value(g + u"port"_s, defaultPort).toUInt());
    if (kind == Net::ServerKind::Web) {
        state.rootPath = m_settings.value(g + u"root"_s, defaultRoot).toString();
        state.listing = m_settings.value(g + u"listing"_s, false).toBool();
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
    }
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
    return limits;
}

bool Settings::allInterfacesConfirmed() const
{
    return m_settings.value(u"servers/allInterfacesConfirmed"_s, false).toBool();
}

void Settings::setAllInterfacesConfirmed(bool confirmed)
{
    m_settings.setValue(u"servers/allInterfacesConfirmed"_s, confirmed);
}

ClientPaneState Settings::clientPane() const
{
    const ClientPaneState defaults;
    const auto get = [this](const char *key, const QVariant &fallback) {
        return m_settings.value(u"client/"_s + QLatin1StringView(key), fallback);
    };
    ClientPaneState state;
    state.protocol = Net::ClientProtocol(get("protocol", int(defaults.protocol)).toInt());
    state.host = get("host", defaults.host).toString();
    state.port = quint16(get("port", defaults.port).toUInt());
    state.mode = MessageMode(get("mode", int(defaults.mode)).toInt());
    state.lineEnding = LineEnding(get("lineEnding", int(defaults.lineEnding)).toInt());
    state.url = get("url", defaults.url).toString();
    state.method = get("method", defaults.method).toString();
    state.headers = get("headers", defaults.headers).toString();
    state.repeatMs = get("repeatMs", defaults.repeatMs).toInt();
    state.transcriptMode = MessageMode(get("transcriptMode", int(defaults.transcriptMode)).toInt());
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
    set("transcriptMode", int(state.transcriptMode));
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
