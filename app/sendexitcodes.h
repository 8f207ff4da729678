#pragma once

// The exit statuses of "wirebench send", as --help, the man page and the
// README document them. 3 is taken by the stuck-shutdown exit of the servers.
namespace SendExit {
constexpr int Ok = 0;             // sent, and a reply came when one was awaited
constexpr int NetworkError = 1;   // refused, unreachable, name not found, reset...
constexpr int BadCommandLine = 2;
constexpr int NoReply = 4;        // sent, but nothing came back within --wait-reply
} // namespace SendExit
