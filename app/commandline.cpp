#include "commandline.h"

#include "servespec.h"

#include "api/hostpolicy.h"
#include "api/rulesjson.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cstring>
#include <tuple>

using namespace Qt::StringLiterals;

namespace {

namespace Defaults = Net::Defaults;

QString number(int value)
{
    return QString::number(value);
}

std::optional<quint16> parsePort(const QString &text)
{
    bool ok = false;
    const uint value = text.toUInt(&ok);
    if (!ok || value > 65535)
        return std::nullopt;
    return quint16(value);
}

// The context lupdate files the command line's sentences under.
struct CommandLine
{
    Q_DECLARE_TR_FUNCTIONS(CommandLine)
};

CommandLineResult failure(const QString &message)
{
    return {std::nullopt, 2, message};
}

// --rules FILE: the rules as checked values, or a sentence saying what is wrong.
QString readRules(const QString &path, Net::RuleSet *rules)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return CommandLine::tr("--rules: cannot read %1: %2.").arg(path, file.errorString());
    const Net::RulesJsonResult result = Net::rulesFromJson(file.readAll());
    if (!result.ok())
        return CommandLine::tr("--rules: %1: %2").arg(path, result.error);
    const QStringList problems = result.rules.validate();
    if (!problems.isEmpty())
        return CommandLine::tr("--rules: %1: %2").arg(path, problems.join(u' '));
    *rules = result.rules;
    return {};
}

// A headless server in rules mode, a shorthand or a --serve one, with no rules to answer by.
bool needsRules(const CommandLineOptions &options)
{
    if ((options.echo && options.tcpMode == Net::ServerMode::Rules)
        || (options.udpEcho && options.udpMode == Net::ServerMode::Rules))
        return true;
    return std::any_of(options.serve.cbegin(), options.serve.cend(), [](const Net::ServerSpec &spec) {
        return (spec.kind == Net::ServerKind::Tcp && spec.tcp.mode == Net::ServerMode::Rules)
            || (spec.kind == Net::ServerKind::Udp && spec.udp.mode == Net::ServerMode::Rules);
    });
}

} // namespace

bool wantsConsoleOnly(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        for (const char *flag : {"--headless", "--help", "-h", "-?", "--help-all", "--version", "-v"}) {
            if (std::strcmp(argv[i], flag) == 0)
                return true;
        }
    }
    return false;
}

QString builtinSitePath()
{
    const QDir binDir(QCoreApplication::applicationDirPath());
    // Installed (bin/ beside share/), else beside the binary (build tree), or
    // one level up (test, bench and tool binaries live in subfolders of it).
    for (const QString &candidate : {u"../share/wirebench/site"_s, u"site"_s, u"../site"_s}) {
        const QFileInfo info(binDir.filePath(candidate));
        if (info.isDir())
            return info.canonicalFilePath();
    }
    return binDir.filePath(u"site"_s);
}

CommandLineResult parseCommandLine(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(CommandLine::tr(
        "Wirebench: a network workbench with a static web server, TCP/UDP echo servers and clients.\n"
        "wirebench send tcp://HOST:PORT MESSAGE sends one message and prints the reply "
        "(see wirebench send --help)."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption headless(u"headless"_s, CommandLine::tr("Run the servers without a window."));
    const QCommandLineOption start(u"start"_s, CommandLine::tr("Start the servers when the window opens."));
    const QCommandLineOption bind(u"bind"_s, CommandLine::tr("Address to listen on (default 127.0.0.1)."),
                                  u"address"_s);
    const QCommandLineOption webPort(u"web-port"_s,
                                     CommandLine::tr("Web server port; 0 picks a free one (default %1).").arg(Defaults::WebPort),
                                     u"port"_s, number(Defaults::WebPort));
    const QCommandLineOption webRoot(u"web-root"_s,
                                     CommandLine::tr("Document root (default: the built-in demo site)."), u"dir"_s);
    const QCommandLineOption listing(u"listing"_s, CommandLine::tr("List directories that have no index.html."));
    const QCommandLineOption serveDotfiles(u"serve-dotfiles"_s,
                                           CommandLine::tr("Serve dot files and folders (.env, .git/); by default "
                                                           "they are 404 and not listed. /.well-known/ is always "
                                                           "served."));
    const QCommandLineOption noWeb(u"no-web"_s, CommandLine::tr("Do not run the web server."));
    const QCommandLineOption echoPort(u"echo-port"_s,
                                      CommandLine::tr("TCP echo port; 0 picks a free one (default %1).").arg(Defaults::EchoPort),
                                      u"port"_s, number(Defaults::EchoPort));
    const QCommandLineOption udpEchoPort(u"udp-echo-port"_s,
                                         CommandLine::tr("UDP echo port; 0 picks a free one (default %1).").arg(Defaults::EchoPort),
                                         u"port"_s, number(Defaults::EchoPort));
    const QCommandLineOption noEcho(u"no-echo"_s, CommandLine::tr("Do not run the TCP echo server."));
    const QCommandLineOption noUdpEcho(u"no-udp-echo"_s, CommandLine::tr("Do not run the UDP echo server."));
    const QCommandLineOption quiet(u"quiet"_s, CommandLine::tr("Do not log requests and traffic."));
    const QCommandLineOption keepAlive(u"keep-alive-timeout"_s,
                                       CommandLine::tr("Close an idle keep-alive connection after this many "
                                                       "seconds (default %1).").arg(Defaults::KeepAliveTimeoutSec),
                                       u"seconds"_s, number(Defaults::KeepAliveTimeoutSec));
    const QCommandLineOption requestTimeout(u"request-timeout"_s,
                                            CommandLine::tr("Cut off a client whose request is not whole after "
                                                            "this many seconds (default %1).").arg(Defaults::RequestTimeoutSec),
                                            u"seconds"_s, number(Defaults::RequestTimeoutSec));
    const QCommandLineOption maxConnections(u"max-connections"_s,
                                            CommandLine::tr("Connections each TCP server holds at most "
                                                            "(default %1).").arg(Defaults::MaxConnections),
                                            u"count"_s, number(Defaults::MaxConnections));
    const QCommandLineOption allowedHost(u"allowed-host"_s,
                                         CommandLine::tr("Let the web server answer requests for this host name too (repeatable). "
                                         "Bound to loopback it answers only localhost names and IP addresses; "
                                         "bound elsewhere, giving names switches that check on."),
                                         u"name"_s);
    const QCommandLineOption echoIdle(u"echo-idle-timeout"_s,
                                      CommandLine::tr("Close an echo connection that sends and reads nothing for this many seconds "
                                      "(default %1).").arg(Defaults::EchoIdleTimeoutSec),
                                      u"seconds"_s, number(Defaults::EchoIdleTimeoutSec));
    const QCommandLineOption perAddress(u"max-connections-per-address"_s,
                                        CommandLine::tr("Echo connections one client address holds at most; loopback clients are "
                                        "exempt (default %1).").arg(Defaults::MaxConnectionsPerAddress),
                                        u"count"_s, number(Defaults::MaxConnectionsPerAddress));
    const QCommandLineOption udpPeers(u"max-udp-peers"_s,
                                      CommandLine::tr("UDP echo peers tracked at once; beyond, the longest idle is forgotten "
                                      "(default %1).").arg(Defaults::MaxUdpPeers),
                                      u"count"_s, number(Defaults::MaxUdpPeers));
    const QCommandLineOption udpRate(u"udp-peer-rate"_s,
                                     CommandLine::tr("Datagrams a second the UDP echo server answers per peer; 0 for no limit "
                                     "(default %1).").arg(Defaults::UdpPeerRate),
                                     u"count"_s, number(Defaults::UdpPeerRate));
    const QCommandLineOption shutdownTimeout(u"shutdown-timeout"_s,
                                             CommandLine::tr("Exit with status 3 when stopping takes longer than this many seconds "
                                             "(default %1).").arg(Defaults::ShutdownTimeoutSec),
                                             u"seconds"_s, number(Defaults::ShutdownTimeoutSec));
    const QCommandLineOption serve(u"serve"_s,
                                   CommandLine::tr("Run a server (repeatable): web:ADDR:PORT:ROOT, tcp:ADDR:PORT[:MODE], "
                                                   "udp:ADDR:PORT[:MODE] (MODE echo, listen or rules) or "
                                                   "relay:ADDR:PORT:UPSTREAMHOST:UPSTREAMPORT; an IPv6 ADDR in "
                                                   "brackets. Given, the default servers run only when their port "
                                                   "option is given too."),
                                   u"spec"_s);
    const QCommandLineOption tcpMode(u"tcp-mode"_s,
                                     CommandLine::tr("What the default TCP server (--echo-port) does: echo (default), listen (log only) or "
                                                     "rules (answer by the --rules file)."),
                                     u"mode"_s, u"echo"_s);
    const QCommandLineOption udpMode(u"udp-mode"_s,
                                     CommandLine::tr("What the default UDP server (--udp-echo-port) does: echo (default), listen or rules."),
                                     u"mode"_s, u"echo"_s);
    const QCommandLineOption rulesFile(u"rules"_s,
                                       CommandLine::tr("Reply rules (a JSON file) for every TCP and UDP server in rules mode "
                                                       "(--tcp-mode, --udp-mode, --serve tcp|udp:ADDR:PORT:rules)."),
                                       u"file"_s);
    parser.addOptions({headless, start, bind, webPort, webRoot, listing, serveDotfiles, noWeb, echoPort, udpEchoPort,
                       noEcho, noUdpEcho, quiet, keepAlive, requestTimeout, maxConnections, allowedHost, echoIdle,
                       perAddress, udpPeers, udpRate, shutdownTimeout, serve, tcpMode, udpMode, rulesFile});

    if (!parser.parse(arguments))
        return failure(parser.errorText());
    if (parser.isSet(u"help"_s)) {
        parser.showHelp(0); // prints and exits, as users of --help expect
    }
    if (parser.isSet(u"version"_s))
        parser.showVersion();
    if (!parser.positionalArguments().isEmpty())
        return failure(CommandLine::tr("Unexpected argument: %1").arg(parser.positionalArguments().constFirst()));

    CommandLineOptions options;
    for (const QString &name : parser.optionNames())
        options.given.insert(name);
    options.headless = parser.isSet(headless);
    options.start = parser.isSet(start);
    options.quiet = parser.isSet(quiet);
    options.listing = parser.isSet(listing);
    options.serveDotfiles = parser.isSet(serveDotfiles);
    options.web = !parser.isSet(noWeb);
    if (parser.isSet(bind)) {
        options.bindGiven = true;
        if (!options.bindAddress.setAddress(parser.value(bind)))
            return failure(CommandLine::tr("--bind: \"%1\" is not an IP address.").arg(parser.value(bind)));
    }
    options.echo = !parser.isSet(noEcho);
    options.udpEcho = !parser.isSet(noUdpEcho);
    for (const QString &text : parser.values(serve)) {
        const ServeSpecResult parsed = parseServeSpec(text);
        if (!parsed.error.isEmpty())
            return failure(parsed.error);
        options.serve.append(parsed.spec);
    }
    if (!options.serve.isEmpty()) {
        // The servers were named one by one: the defaults join only when asked for by their own options.
        options.web = options.web && (parser.isSet(webPort) || parser.isSet(webRoot));
        options.echo = options.echo && parser.isSet(echoPort);
        options.udpEcho = options.udpEcho && parser.isSet(udpEchoPort);
    }
    const std::pair<const QCommandLineOption *, quint16 *> ports[] = {
        {&webPort, &options.webPort}, {&echoPort, &options.echoPort}, {&udpEchoPort, &options.udpEchoPort}};
    for (const auto &[option, target] : ports) {
        const auto port = parsePort(parser.value(*option));
        if (!port) {
            return failure(CommandLine::tr("--%1: \"%2\" is not a port number (0-65535).")
                               .arg(option->names().constFirst(), parser.value(*option)));
        }
        *target = *port;
    }
    options.webRoot = parser.isSet(webRoot) ? parser.value(webRoot) : builtinSitePath();
    for (const QString &name : parser.values(allowedHost)) {
        if (!Net::HostPolicy::isValidName(name))
            return failure(u"--allowed-host: \"%1\" is not a host name (letters, digits, '-' and '.', no port)."_s
                               .arg(name));
        options.allowedHosts.append(name);
    }
    const std::tuple<const QCommandLineOption *, int *, int, int> numbers[] = {
        {&keepAlive, &options.keepAliveTimeoutSec, 1, 86400},
        {&requestTimeout, &options.requestTimeoutSec, 1, 3600},
        {&maxConnections, &options.maxConnections, 1, 1000000},
        {&echoIdle, &options.echoIdleTimeoutSec, 1, 86400},
        {&perAddress, &options.maxConnectionsPerAddress, 1, 1000000},
        {&udpPeers, &options.maxUdpPeers, 1, 1000000},
        {&udpRate, &options.udpPeerRate, 0, 10000000},
        {&shutdownTimeout, &options.shutdownTimeoutSec, 1, 3600}};
    for (const auto &[option, target, low, high] : numbers) {
        bool ok = false;
        const int value = parser.value(*option).toInt(&ok);
        if (!ok || value < low || value > high) {
            return failure(CommandLine::tr("--%1: \"%2\" is not a number from %3 to %4.")
                               .arg(option->names().constFirst(), parser.value(*option))
                               .arg(low)
                               .arg(high));
        }
        *target = value;
    }
    for (const auto &[option, target] : {std::pair{&tcpMode, &options.tcpMode}, std::pair{&udpMode, &options.udpMode}}) {
        const auto mode = Net::serverModeFromName(parser.value(*option));
        if (!mode) {
            return failure(CommandLine::tr("--%1: \"%2\" is not a mode (echo, listen or rules).")
                               .arg(option->names().constFirst(), parser.value(*option)));
        }
        *target = *mode;
    }
    if (parser.isSet(rulesFile)) {
        const QString error = readRules(parser.value(rulesFile), &options.rules);
        if (!error.isEmpty())
            return failure(error);
    } else if (options.headless && needsRules(options)) {
        return failure(CommandLine::tr("Rules mode needs the rules: add --rules FILE."));
    }
    return {options, 0, {}};
}
