#pragma once

#include <QHostAddress>
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
    quint16 webPort = 8080;
    QString webRoot;      // empty: the built-in demo site
    bool web = true;
    quint16 echoPort = 7007;
    bool echo = true;
    quint16 udpEchoPort = 7007;
    bool udpEcho = true;
    int keepAliveTimeoutSec = 15;
    int requestTimeoutSec = 10;
    int maxConnections = 20000;
    QStringList allowedHosts; // --allowed-host, repeatable: names the web server answers to besides localhost
    int echoIdleTimeoutSec = 300;
    int maxConnectionsPerAddress = 256;
    int maxUdpPeers = 10000;
    int udpPeerRate = 100000;     // datagrams a second per UDP echo peer; 0: no limit
    int shutdownTimeoutSec = 5;   // then exit with status 3 instead of hanging
    // --relay ADDR:PORT:UPSTREAMHOST:UPSTREAMPORT (headless): a TCP relay without faults.
    bool relay = false;
    QHostAddress relayAddress;
    quint16 relayPort = 0;
    QString relayUpstreamHost;
    quint16 relayUpstreamPort = 0;
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
