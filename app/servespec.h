#pragma once

#include "api/serverspec.h"

#include <QList>
#include <QString>

struct CommandLineOptions;

// --serve SPEC, one server per SPEC:
//   web:ADDR:PORT:ROOT                       ROOT is the rest (it may hold ':')
//   tcp:ADDR:PORT[:MODE]   udp:ADDR:PORT[:MODE]   MODE: echo (default), listen, rules
//   relay:ADDR:PORT:UPSTREAMHOST:UPSTREAMPORT
// ADDR is an IP address; an IPv6 one goes in brackets ([::1]:8080). PORT 0
// picks a free port. Pure: no I/O, so it is tested on its own.
struct ServeSpecResult
{
    Net::ServerSpec spec; // valid when error is empty
    QString error;        // a sentence naming the SPEC and what is wrong with it
};
ServeSpecResult parseServeSpec(const QString &text);

// The servers a headless run starts: the shorthand flags' (--web-port,
// --echo-port, --udp-echo-port, --bind, --no-...) and then every --serve, each
// with the limits of the command line, and each with a name no other has
// ("web", "echo", "udp-echo" for the shorthands; a kind's name for --serve,
// numbered from the second on: "web-2").
QList<Net::ServerSpec> headlessServers(const CommandLineOptions &options);
