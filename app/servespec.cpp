#include "servespec.h"
#include "commandline.h"

#include <QCoreApplication>
#include <QSet>

#include <optional>

using namespace Qt::StringLiterals;

namespace {

// The context lupdate files these sentences under.
struct ServeSpec
{
    Q_DECLARE_TR_FUNCTIONS(ServeSpec)
};

// Splits "ADDR:PORT[:REST]" with ADDR possibly "[v6]". False when malformed.
bool splitEndpoint(QStringView text, QStringView *address, QStringView *port, QStringView *rest, bool *hasRest)
{
    qsizetype afterAddress = 0;
    if (text.startsWith(u'[')) {
        const qsizetype close = text.indexOf(u']');
        if (close < 0 || close + 1 >= text.size() || text[close + 1] != u':')
            return false;
        *address = text.mid(1, close - 1);
        afterAddress = close + 2;
    } else {
        const qsizetype colon = text.indexOf(u':');
        if (colon <= 0) // none, or an IPv6 address without its brackets
            return false;
        *address = text.first(colon);
        afterAddress = colon + 1;
    }
    const QStringView tail = text.sliced(afterAddress);
    const qsizetype colon = tail.indexOf(u':');
    *hasRest = colon >= 0;
    *port = *hasRest ? tail.first(colon) : tail;
    *rest = *hasRest ? tail.sliced(colon + 1) : QStringView();
    return true;
}

bool parsePort(QStringView text, quint16 *port)
{
    bool ok = false;
    const uint value = text.toUInt(&ok);
    if (!ok || value > 65535)
        return false;
    *port = quint16(value);
    return true;
}

QString fail(const QString &text, const QString &why)
{
    return ServeSpec::tr("--serve %1: %2").arg(text, why);
}

} // namespace

ServeSpecResult parseServeSpec(const QString &text)
{
    ServeSpecResult result;
    Net::ServerSpec &spec = result.spec;
    const qsizetype colon = text.indexOf(u':');
    const QStringView kind = QStringView(text).first(colon < 0 ? text.size() : colon);
    const Net::ServerKind kinds[] = {Net::ServerKind::Web, Net::ServerKind::Tcp, Net::ServerKind::Udp,
                                     Net::ServerKind::Relay};
    bool known = false;
    for (Net::ServerKind candidate : kinds) {
        if (kind == Net::serverKindName(candidate)) {
            spec.kind = candidate;
            known = true;
        }
    }
    if (!known) {
        result.error = fail(text, ServeSpec::tr("the kind must be web, tcp, udp or relay (as in tcp:127.0.0.1:7007)."));
        return result;
    }
    QStringView addressText, portText, rest;
    bool hasRest = false;
    if (colon < 0 || !splitEndpoint(QStringView(text).sliced(colon + 1), &addressText, &portText, &rest, &hasRest)) {
        result.error = fail(text, ServeSpec::tr("expected %1:ADDRESS:PORT (an IPv6 address in brackets, as [::1]).")
                                      .arg(kind.toString()));
        return result;
    }
    const QHostAddress address(addressText.toString());
    if (address.isNull()) {
        result.error = fail(text, ServeSpec::tr("\"%1\" is not an IP address (an IPv6 one goes in brackets, as [::1]).")
                                      .arg(addressText.toString()));
        return result;
    }
    quint16 port = 0;
    if (!parsePort(portText, &port)) {
        result.error = fail(text, ServeSpec::tr("\"%1\" is not a port number (0-65535).").arg(portText.toString()));
        return result;
    }
    spec.setEndpoint(address, port);

    switch (spec.kind) {
    case Net::ServerKind::Web:
        if (rest.isEmpty()) {
            result.error = fail(text, ServeSpec::tr("a web server needs a document root: web:ADDRESS:PORT:ROOT."));
            return result;
        }
        spec.web.rootPath = rest.toString();
        break;
    case Net::ServerKind::Tcp:
    case Net::ServerKind::Udp: {
        Net::EchoServerConfig &config = spec.kind == Net::ServerKind::Tcp ? spec.tcp : spec.udp;
        const std::optional<Net::ServerMode> mode = hasRest ? Net::serverModeFromName(rest) : Net::ServerMode::Echo;
        if (!mode) {
            result.error = fail(text, ServeSpec::tr("the mode must be echo, listen or rules, not \"%1\".")
                                          .arg(rest.toString()));
            return result;
        }
        config.mode = *mode;
        break;
    }
    case Net::ServerKind::Relay: {
        const qsizetype split = rest.lastIndexOf(u':');
        QStringView host = split < 0 ? QStringView() : rest.first(split);
        if (host.startsWith(u'[') && host.endsWith(u']'))
            host = host.sliced(1, host.size() - 2);
        if (host.isEmpty() || !parsePort(rest.sliced(split + 1), &spec.relay.upstreamPort)
            || spec.relay.upstreamPort == 0) {
            result.error = fail(text, ServeSpec::tr("a relay needs an upstream: relay:ADDRESS:PORT:UPSTREAMHOST:UPSTREAMPORT."));
            return result;
        }
        spec.relay.upstreamHost = host.toString();
        if (spec.relay.upstreamAddress().isNull()) {
            // The relay never looks names up: a figure must not include DNS.
            result.error = fail(text, ServeSpec::tr("the upstream must be an IP address or localhost, not \"%1\".")
                                          .arg(spec.relay.upstreamHost));
            return result;
        }
        break;
    }
    }
    return result;
}

namespace {

void applyLimits(Net::ServerSpec &spec, const CommandLineOptions &options)
{
    Net::WebServerConfig &web = spec.web;
    web.directoryListing = options.listing;
    web.serveDotfiles = options.serveDotfiles;
    web.keepAliveTimeoutMs = options.keepAliveTimeoutSec * 1000;
    web.requestTimeoutMs = options.requestTimeoutSec * 1000;
    web.maxConnections = options.maxConnections;
    web.allowedHosts = options.allowedHosts;
    for (Net::EchoServerConfig *echo : {&spec.tcp, &spec.udp}) {
        echo->maxConnections = options.maxConnections;
        echo->limits.idleTimeoutMs = options.echoIdleTimeoutSec * 1000;
        echo->limits.maxConnectionsPerAddress = options.maxConnectionsPerAddress;
        echo->limits.maxUdpPeers = options.maxUdpPeers;
        echo->limits.udpPeerRate = options.udpPeerRate;
        if (echo->mode == Net::ServerMode::Rules)
            echo->rules = options.rules; // --rules: one rule set for every server in rules mode
    }
    spec.relay.limits.maxConnections = options.maxConnections;
    spec.relay.limits.maxConnectionsPerAddress = options.maxConnectionsPerAddress;
}

Net::ServerSpec shorthand(Net::ServerKind kind, const QString &name, const CommandLineOptions &options, quint16 port)
{
    Net::ServerSpec spec;
    spec.kind = kind;
    spec.name = name;
    spec.setEndpoint(options.bindAddress, port);
    spec.web.rootPath = options.webRoot;
    if (kind == Net::ServerKind::Tcp)
        spec.tcp.mode = options.tcpMode;
    else if (kind == Net::ServerKind::Udp)
        spec.udp.mode = options.udpMode;
    return spec;
}

} // namespace

QList<Net::ServerSpec> headlessServers(const CommandLineOptions &options)
{
    QList<Net::ServerSpec> specs;
    if (options.web)
        specs.append(shorthand(Net::ServerKind::Web, u"web"_s, options, options.webPort));
    if (options.echo)
        specs.append(shorthand(Net::ServerKind::Tcp, u"echo"_s, options, options.echoPort));
    if (options.udpEcho)
        specs.append(shorthand(Net::ServerKind::Udp, u"udp-echo"_s, options, options.udpEchoPort));
    specs.append(options.serve);

    QSet<QString> taken;
    for (Net::ServerSpec &spec : specs) {
        applyLimits(spec, options);
        const QString stem = spec.displayName();
        QString name = stem;
        for (int n = 2; taken.contains(name); ++n)
            name = stem + u'-' + QString::number(n);
        spec.name = name;
        taken.insert(name);
    }
    return specs;
}
