#pragma once

#include <QtGlobal>

// The one source of Wirebench's defaults and limits. The config structs, the
// command line (its --help text), the settings and the man page (through
// packaging/CMakeLists.txt, which reads the WB_DEFAULT lines below) take
// their values from here. Keep each on one line of the form
// `constexpr TYPE NAME = NUMBER; // WB_DEFAULT` so CMake can read it.
namespace Net::Defaults {

constexpr quint16 WebPort = 8080; // WB_DEFAULT
constexpr quint16 EchoPort = 7007; // WB_DEFAULT
constexpr int KeepAliveTimeoutSec = 15; // WB_DEFAULT
constexpr int RequestTimeoutSec = 10; // WB_DEFAULT
constexpr int SendTimeoutSec = 60; // WB_DEFAULT
constexpr int MaxConnections = 20000; // WB_DEFAULT
constexpr int EchoIdleTimeoutSec = 300; // WB_DEFAULT
constexpr int MaxConnectionsPerAddress = 256; // WB_DEFAULT
constexpr int MaxUdpPeers = 10000; // WB_DEFAULT
constexpr int UdpPeerRate = 100000; // WB_DEFAULT
constexpr int UdpPeerIdleSec = 30; // WB_DEFAULT
constexpr int ShutdownTimeoutSec = 5; // WB_DEFAULT
constexpr int EchoMaxPendingOutputKiB = 1024; // WB_DEFAULT

} // namespace Net::Defaults
