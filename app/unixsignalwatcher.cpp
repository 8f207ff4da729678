#include "unixsignalwatcher.h"

#include <QSocketNotifier>

#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

namespace {
int g_pipe[2] = {-1, -1};
// The watchdog, set up before any signal can arrive: the handlers only read these.
unsigned g_watchdogSeconds = 0;
int g_watchdogExitCode = 1;
char g_watchdogMessage[160] = {};
size_t g_watchdogMessageLength = 0;
volatile sig_atomic_t g_watchdogArmed = 0;

void onSignal(int number)
{
    const char byte = char(number);
    [[maybe_unused]] const auto written = ::write(g_pipe[1], &byte, 1);
    if (g_watchdogSeconds > 0 && !g_watchdogArmed) {
        g_watchdogArmed = 1;
        ::alarm(g_watchdogSeconds);
    }
}

void onWatchdog(int)
{
    [[maybe_unused]] const auto written = ::write(STDERR_FILENO, g_watchdogMessage, g_watchdogMessageLength);
    ::_exit(g_watchdogExitCode);
}
} // namespace

UnixSignalWatcher::UnixSignalWatcher(QObject *parent)
    : QObject(parent)
{
    // Non-blocking: a burst of signals that fills the socket must never block
    // the handler; one byte waiting is enough to wake the event loop.
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, g_pipe) != 0)
        return;
    m_notifier = new QSocketNotifier(g_pipe[0], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, [this] {
        char byte = 0;
        if (::read(g_pipe[0], &byte, 1) == 1)
            emit terminationRequested(int(byte));
    });
    struct sigaction action {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::sigaction(SIGINT, &action, nullptr);
    ::sigaction(SIGTERM, &action, nullptr);
}

void UnixSignalWatcher::setWatchdog(int seconds, int exitCode)
{
    const int length = std::snprintf(g_watchdogMessage, sizeof g_watchdogMessage,
                                     "wirebench: still running %d s after the stop signal: exiting without a clean "
                                     "shutdown.\n",
                                     seconds);
    g_watchdogMessageLength = length > 0 ? qMin(size_t(length), sizeof g_watchdogMessage - 1) : 0;
    g_watchdogExitCode = exitCode;
    struct sigaction action {};
    action.sa_handler = onWatchdog;
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGALRM, &action, nullptr);
    g_watchdogSeconds = unsigned(qMax(0, seconds));
}

// A watchdog already running stays: the process is on its way out, and the
// bound covers the rest of the way too.
UnixSignalWatcher::~UnixSignalWatcher()
{
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    delete m_notifier;
    ::close(g_pipe[0]);
    ::close(g_pipe[1]);
    g_pipe[0] = g_pipe[1] = -1;
}
