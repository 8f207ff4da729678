#pragma once

#include "clientpanestate.h"
#include "client/messagelibrary.h"
#include "servercard.h"
#include "translations.h"

#include <QByteArray>
#include <QSettings>
#include <QStringList>

// The one place that reads and writes QSettings. Panels hand their state in
// and out as plain values; this class maps them to keys.
class Settings
{
public:
    Settings();
    // For tests: settings in a file of their own.
    explicit Settings(const QString &iniPath);

    // [servers/<kind>] address, port; web: root, listing; TCP and UDP: mode
    // ("echo", "listen", "rules") and rules (the rules as JSON text).
    ServerCardState serverCard(Net::ServerKind kind, const QString &defaultRoot) const;
    void setServerCard(Net::ServerKind kind, const ServerCardState &state);

    // [servers] list: every card of the servers panel in order, as JSON text
    // (serverlistjson.h). Without it (first run, or settings of a version
    // with three fixed cards) the three cards above, named web, echo and
    // udp-echo; the next save writes the list, so they move over once.
    QList<ServerCardState> serverCards(const QString &defaultRoot) const;
    void setServerCards(const QList<ServerCardState> &cards);

    // [limits] keepAliveTimeoutSec, requestTimeoutSec, maxConnections,
    // echoIdleTimeoutSec, maxConnectionsPerAddress, maxUdpPeers, udpPeerRate:
    // edited in the settings file; the window has no fields for them.
    ServerLimits limits() const;

    // [servers/web] serveDotfiles: whether the web server serves ".env",
    // ".git/" and other dot files (default false: 404 and left out of listings).
    bool serveDotfiles() const;
    void setServeDotfiles(bool serve);

    // [web] allowedHosts: host names the web server answers to besides
    // localhost names and IP addresses (Net::HostPolicy), e.g. for a name in
    // /etc/hosts; what is not a host name is dropped. The window
    // passes them (and serveDotfiles) to its web server through limits().
    QStringList allowedHosts() const;
    void setAllowedHosts(const QStringList &names);

    ClientPaneState clientPane() const;
    void setClientPane(const ClientPaneState &state);
    // [client] library: the saved messages as JSON text (MessageLibraryJson);
    // an unreadable value gives an empty library.
    MessageLibrary clientLibrary() const;
    void setClientLibrary(const MessageLibrary &library);
    // [client] tabs: the client tabs after the first, their targets as JSON
    // text ([{"protocol", "host", "port", "localPort"}]); the rest is default.
    QList<ClientPaneState> clientExtraTabs() const;
    void setClientExtraTabs(const QList<ClientPaneState> &tabs);

    // [ui] language: read once at startup, so a change applies on restart.
    Language language() const;
    void setLanguage(Language language);

    int logCapacity() const;
    void setLogCapacity(int rows);

    QByteArray value(const QString &key) const;        // window geometry, dock and splitter states
    void setValue(const QString &key, const QByteArray &bytes);

    QVariant variant(const QString &key, const QVariant &fallback = {}) const;
    void setVariant(const QString &key, const QVariant &value);

    void sync() { m_settings.sync(); }

private:
    QSettings m_settings;
};
