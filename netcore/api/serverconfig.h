#pragma once

#include "api/defaults.h"
#include "api/httplimits.h"
#include "api/replyrule.h"
#include "api/servermode.h"
#include "api/trafficevent.h"

#include <QHostAddress>
#include <QString>
#include <QStringList>

namespace Net {

// Settings arrive as plain values: netcore reads no QSettings and no command
// line. Defaults are the safe ones (loopback only).
struct WebServerConfig
{
    QHostAddress address = QHostAddress(QHostAddress::LocalHost);
    quint16 port = Defaults::WebPort;
    QString rootPath;
    bool directoryListing = false;
    bool serveDotfiles = false;     // dot files and folders are 404 unless this is set; /.well-known/ is served
    HttpLimits limits;
    int keepAliveTimeoutMs = Defaults::KeepAliveTimeoutSec * 1000; // an idle keep-alive connection is closed after this
    int requestTimeoutMs = Defaults::RequestTimeoutSec * 1000;     // a request must arrive whole within this (slowloris)
    int sendTimeoutMs = Defaults::SendTimeoutSec * 1000; // a response that does not move for this long is dropped with its client
    int maxConnections = Defaults::MaxConnections;
    // Host names answered besides localhost names and IP literals (see
    // HostPolicy). Given, they also switch the check on for a non-loopback bind.
    QStringList allowedHosts;
};

// The echo servers' defences against clients that hold on or loop, as one
// value the app fills from its settings and command line.
struct EchoLimits
{
    int idleTimeoutMs = Defaults::EchoIdleTimeoutSec * 1000;               // TCP: a connection with no traffic either way this long is closed
    int maxConnectionsPerAddress = Defaults::MaxConnectionsPerAddress; // TCP: one client address holds at most this many connections...
    bool loopbackExempt = true;         // ...unless it is loopback (local tools and benchmarks open thousands)
    int maxUdpPeers = Defaults::MaxUdpPeers; // UDP: peers tracked at once; beyond, the longest idle is forgotten
    int udpPeerRate = Defaults::UdpPeerRate; // UDP: datagrams per second echoed to one peer; 0: no limit

    bool operator==(const EchoLimits &) const = default;
};

struct EchoServerConfig
{
    QHostAddress address = QHostAddress(QHostAddress::LocalHost);
    quint16 port = Defaults::EchoPort;
    qint64 maxPendingOutput = Defaults::EchoMaxPendingOutputKiB * 1024; // stop reading a connection while this much waits to be sent
    int maxConnections = Defaults::MaxConnections;
    int udpPeerIdleMs = Defaults::UdpPeerIdleSec * 1000; // a UDP peer record closes after this long without datagrams
    int sendTimeoutMs = Defaults::SendTimeoutSec * 1000; // a client whose pending echo makes no progress this long is dropped
    EchoLimits limits;
    ServerMode mode = ServerMode::Echo; // echo, listen (log only) or answer by `rules`
    RuleSet rules;                      // Rules mode: first enabled match answers (see rules/ruleengine.h)

    bool operator==(const EchoServerConfig &) const = default;
};

// True when two configs differ in more than the mode and the rules: what a
// running TCP/UDP server cannot take without a restart.
bool differsBeyondRules(const EchoServerConfig &a, const EchoServerConfig &b);

// What a server is doing now, as the façade reports it.
struct ServerStatus
{
    ServerId id = 0;
    ServerKind kind = ServerKind::Web;
    QString name;     // the spec's display name
    bool running = false;
    QHostAddress address;
    quint16 port = 0;
    QString rootPath; // web only: the canonical document root
    QString error;    // a sentence when the last start failed, else empty

    // "http://127.0.0.1:8080/", "tcp://[::1]:7007", "udp://127.0.0.1:7007"
    QString url() const;
};

} // namespace Net

Q_DECLARE_METATYPE(Net::ServerStatus)
