#pragma once

#include "api/defaults.h"
#include "api/serverspec.h"

#include <QHostAddress>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

class QCoreApplication;

// What the command line asked for, checked and converted. Parsing is kept
// apart from running so tests can feed it argument lists.
struct CommandLineOptions
{
    bool headless = false;
    bool start = false;   // window mode: start the servers at launch
    bool quiet = false;
    bool listing = false;
    bool serveDotfiles = false; // serve ".env", ".git/"...: otherwise 404 (/.well-known/ always served)
    QHostAddress bindAddress = QHostAddress(QHostAddress::LocalHost);
    bool bindGiven = false;
    quint16 webPort = Net::Defaults::WebPort;
    QString webRoot;      // empty: the built-in demo site
    bool web = true;
    quint16 echoPort = Net::Defaults::EchoPort;
    bool echo = true;
    quint16 udpEchoPort = Net::Defaults::EchoPort;
    bool udpEcho = true;
    // --serve, in order (see servespec.h). Given, the shorthand servers run
    // only when their own port option is given too.
    QList<Net::ServerSpec> serve;
    int keepAliveTimeoutSec = Net::Defaults::KeepAliveTimeoutSec;
    int requestTimeoutSec = Net::Defaults::RequestTimeoutSec;
    int maxConnections = Net::Defaults::MaxConnections;
    QStringList allowedHosts; // --allowed-host, repeatable: names the web server answers to besides localhost
    int echoIdleTimeoutSec = Net::Defaults::EchoIdleTimeoutSec;
    int maxConnectionsPerAddress = Net::Defaults::MaxConnectionsPerAddress;
    int maxUdpPeers = Net::Defaults::MaxUdpPeers;
    int udpPeerRate = Net::Defaults::UdpPeerRate;       // datagrams a second per UDP echo peer; 0: no limit
    int shutdownTimeoutSec = Net::Defaults::ShutdownTimeoutSec; // then exit with status 3 instead of hanging
    // Options given on the command line (by long name): in window mode only
    // these override what the settings remember.
    QSet<QString> given;
};

struct CommandLineResult
{
    std::optional<CommandLineOptions> options; // empty when the program should exit
    int exitCode = 0;
    QString message;     // for stderr (an error) when exitCode != 0
};

// Whether argv asks for a mode that must not open a display connection
// (--headless, --help, --version): decided before any QApplication exists.
bool wantsConsoleOnly(int argc, char **argv);

// Parses and validates. --help and --version print through
// QCommandLineParser and return an empty result with exit code 0.
CommandLineResult parseCommandLine(const QStringList &arguments);

// The demo site that ships with the program: next to the binary in a build
// tree (or one folder up, for the test and tool binaries), or in
// share/wirebench when installed.
QString builtinSitePath();
