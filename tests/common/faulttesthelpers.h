#pragma once

#include "server/socketaddress.h"

// Shared by the fault suites (tst_faults_*.cpp): descriptor counts and
// limits, raw non-blocking connections for connection storms, a SIGPIPE
// disposition guard, a check for whether file modes bind this process, and
// a child-process mode for scenarios that must run under another identity.

#include "echotesthelpers.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QHostAddress>
#include <QMap>
#include <QProcess>
#include <QProcessEnvironment>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <functional>
#include <netinet/in.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <ctime>
#include <unistd.h>
#include <vector>

namespace FaultTest {

// ---------------------------------------------------------------- descriptors

// Entries of /proc/self/fd, without the one the listing itself uses.
inline int openDescriptorCount()
{
    DIR *dir = ::opendir("/proc/self/fd");
    if (!dir)
        return -1;
    const int own = ::dirfd(dir);
    int count = 0;
    for (int i = 0; i < 1000000; ++i) { // bounded: a process has far fewer
        const dirent *entry = ::readdir(dir);
        if (!entry)
            break;
        if (entry->d_name[0] == '.' || std::atoi(entry->d_name) == own)
            continue;
        ++count;
    }
    ::closedir(dir);
    return count;
}

// The largest descriptor number open now (RLIMIT_NOFILE bounds numbers, not counts).
inline int highestDescriptor()
{
    DIR *dir = ::opendir("/proc/self/fd");
    if (!dir)
        return -1;
    const int own = ::dirfd(dir);
    int highest = -1;
    for (int i = 0; i < 1000000; ++i) {
        const dirent *entry = ::readdir(dir);
        if (!entry)
            break;
        if (entry->d_name[0] == '.')
            continue;
        const int fd = std::atoi(entry->d_name);
        if (fd != own)
            highest = qMax(highest, fd);
    }
    ::closedir(dir);
    return highest;
}

// Lowers the soft RLIMIT_NOFILE for a scope and puts it back afterwards,
// even when the test fails half-way.
class FileLimitGuard
{
    Q_DISABLE_COPY_MOVE(FileLimitGuard)

public:
    FileLimitGuard() { m_valid = ::getrlimit(RLIMIT_NOFILE, &m_saved) == 0; }
    ~FileLimitGuard() { restore(); }

    bool lowerTo(rlim_t soft)
    {
        if (!m_valid)
            return false;
        rlimit lowered = m_saved;
        lowered.rlim_cur = soft;
        return ::setrlimit(RLIMIT_NOFILE, &lowered) == 0;
    }
    void restore()
    {
        if (m_valid)
            ::setrlimit(RLIMIT_NOFILE, &m_saved);
    }

private:
    rlimit m_saved{};
    bool m_valid = false;
};

// Descriptors on /dev/null that use up what a lowered limit leaves, so a
// test decides exactly how many stay free.
class Ballast
{
    Q_DISABLE_COPY_MOVE(Ballast)

public:
    Ballast() = default;
    ~Ballast() { release(int(m_fds.size())); }

    // Opens until EMFILE (at most `bound`); returns the errno that stopped it.
    int fill(int bound)
    {
        for (int i = 0; i < bound; ++i) {
            const int fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
            if (fd < 0)
                return errno;
            m_fds.push_back(fd);
        }
        return 0;
    }
    void release(int count)
    {
        for (int i = 0; i < count && !m_fds.empty(); ++i) {
            ::close(m_fds.back());
            m_fds.pop_back();
        }
    }
    int size() const { return int(m_fds.size()); }

private:
    std::vector<int> m_fds;
};

// CPU time this process has used, all threads, in milliseconds.
inline qint64 processCpuMs()
{
    timespec now{};
    ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return qint64(now.tv_sec) * 1000 + now.tv_nsec / 1000000;
}

// ---------------------------------------------------------------- sockets

inline socklen_t toSockaddr(const QHostAddress &address, quint16 port, sockaddr_storage &storage)
{
    const Net::SocketAddress converted = Net::SocketAddress::from(address, port);
    storage = converted.storage;
    return converted.length;
}

inline quint16 localPortOf(int fd)
{
    Net::SocketAddress local;
    local.length = sizeof local.storage;
    if (::getsockname(fd, reinterpret_cast<sockaddr *>(&local.storage), &local.length) != 0)
        return 0;
    return local.port();
}

// A socket of `type` bound to address:port (0: any free port) and, for TCP,
// listening, with no SO_REUSEADDR: it holds the port against everyone.
// Returns the descriptor or -1.
inline int bindBlocker(int type, const QHostAddress &address, quint16 port = 0)
{
    sockaddr_storage storage;
    const socklen_t length = toSockaddr(address, port, storage);
    const int fd = ::socket(storage.ss_family, type | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    if (::bind(fd, reinterpret_cast<const sockaddr *>(&storage), length) != 0
        || (type == SOCK_STREAM && ::listen(fd, 8) != 0)) {
        ::close(fd);
        return -1;
    }
    return fd;
}

// A blocking connect, left blocking (a server on this thread is not needed:
// the kernel completes the handshake from the listen backlog). -1 on failure.
inline int connectBlocking(const QHostAddress &address, quint16 port, int receiveBuffer = 0)
{
    sockaddr_storage storage;
    const socklen_t length = toSockaddr(address, port, storage);
    const int fd = ::socket(storage.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    if (receiveBuffer > 0)
        ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &receiveBuffer, sizeof receiveBuffer);
    if (::connect(fd, reinterpret_cast<const sockaddr *>(&storage), length) != 0) {
        const int error = errno;
        ::close(fd);
        errno = error;
        return -1;
    }
    return fd;
}

// SO_LINGER {1, 0}: closing `fd` from now on sends RST instead of FIN.
inline void armReset(int fd)
{
    const linger abort{1, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &abort, sizeof abort);
}

inline void closeWithReset(int fd)
{
    armReset(fd);
    ::close(fd);
}

// Sends all of `bytes` on a blocking socket (small requests only).
inline bool sendAll(int fd, QByteArrayView bytes)
{
    qsizetype done = 0;
    for (int round = 0; round < 1000 && done < bytes.size(); ++round) {
        const ssize_t n = ::send(fd, bytes.data() + done, size_t(bytes.size() - done), MSG_NOSIGNAL);
        if (n <= 0)
            return false;
        done += n;
    }
    return done == bytes.size();
}

// ---------------------------------------------------------------- storms

struct StormResult
{
    int completed = 0;    // connected, then closed by us
    int failed = 0;       // the connect itself failed
    int resets = 0;       // of the completed, closed with RST
    int firstError = 0;   // errno of the first failure
    qint64 elapsedMs = 0;
    bool timedOut = false;
};

// `total` connect/close cycles on raw non-blocking sockets, at most
// `inFlight` connecting at a time and never more than `maxUnaccepted` ahead
// of the server (so the listen backlog never overflows into one-second SYN
// retransmits). Every `resetEvery`-th connection closes with RST, the rest
// with FIN. The server on this thread runs between rounds; the loop is
// bounded by `timeoutMs` and by a round count.
inline StormResult connectCloseStorm(const QHostAddress &address, quint16 port, int total, int inFlight,
                                     const std::function<qint64()> &acceptedSoFar, int timeoutMs,
                                     int resetEvery = 8, int maxUnaccepted = 1000)
{
    StormResult result;
    sockaddr_storage storage;
    const socklen_t length = toSockaddr(address, port, storage);
    std::vector<pollfd> connecting;
    connecting.reserve(size_t(inFlight));
    QElapsedTimer clock;
    clock.start();
    int opened = 0;
    const qint64 acceptedBefore = acceptedSoFar();
    const auto finish = [&](const pollfd &entry) {
        int error = 0;
        socklen_t size = sizeof error;
        ::getsockopt(entry.fd, SOL_SOCKET, SO_ERROR, &error, &size);
        if (error != 0) {
            ++result.failed;
            if (result.firstError == 0)
                result.firstError = error;
            ::close(entry.fd);
            return;
        }
        ++result.completed;
        if (resetEvery > 0 && result.completed % resetEvery == 0) {
            ++result.resets;
            closeWithReset(entry.fd);
        } else {
            ::close(entry.fd);
        }
    };

    for (qint64 round = 0; round < 50LL * total + 100000; ++round) {
        if (result.completed + result.failed >= total)
            break;
        if (clock.elapsed() > timeoutMs) {
            result.timedOut = true;
            break;
        }
        while (opened < total && int(connecting.size()) < inFlight
               && opened - (acceptedSoFar() - acceptedBefore) < maxUnaccepted) {
            const int fd = ::socket(storage.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
            if (fd < 0) {
                ++result.failed;
                ++opened;
                if (result.firstError == 0)
                    result.firstError = errno;
                continue;
            }
            ++opened;
            if (::connect(fd, reinterpret_cast<const sockaddr *>(&storage), length) != 0 && errno != EINPROGRESS) {
                ++result.failed;
                if (result.firstError == 0)
                    result.firstError = errno;
                ::close(fd);
                continue;
            }
            connecting.push_back({fd, POLLOUT, 0});
        }
        // The server accepts and closes its ends here.
        QCoreApplication::processEvents();
        if (connecting.empty())
            continue;
        // A moment for handshakes to complete, never longer than 1 ms.
        if (::poll(connecting.data(), nfds_t(connecting.size()), 1) <= 0)
            continue;
        std::vector<pollfd> still;
        still.reserve(connecting.size());
        for (const pollfd &entry : connecting) {
            if (entry.revents != 0)
                finish(entry);
            else
                still.push_back({entry.fd, POLLOUT, 0});
        }
        connecting.swap(still);
    }
    for (const pollfd &entry : connecting) // only after a timeout
        ::close(entry.fd);
    result.elapsedMs = clock.elapsed();
    return result;
}

// ---------------------------------------------------------------- permissions

// Whether this process can open `path` for reading despite its mode bits
// (root, or CAP_DAC_OVERRIDE / CAP_DAC_READ_SEARCH): then chmod 000 proves nothing.
inline bool readableDespiteMode(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly);
}

// net.ipv4.ip_unprivileged_port_start: ports below it need privileges.
inline int unprivilegedPortStart()
{
    QFile file(QStringLiteral("/proc/sys/net/ipv4/ip_unprivileged_port_start"));
    if (!file.open(QIODevice::ReadOnly))
        return 1024;
    bool ok = false;
    const int value = file.readAll().trimmed().toInt(&ok);
    return ok ? value : 1024;
}

// ---------------------------------------------------------------- SIGPIPE

// Saves the SIGPIPE disposition and restores it at scope end; in between
// the test sets the default (the signal kills) or a handler that counts.
class SigpipeGuard
{
    Q_DISABLE_COPY_MOVE(SigpipeGuard)

public:
    SigpipeGuard() { ::sigaction(SIGPIPE, nullptr, &m_saved); }
    ~SigpipeGuard() { ::sigaction(SIGPIPE, &m_saved, nullptr); }

    static void setDefault() { std::signal(SIGPIPE, SIG_DFL); }
    static bool isIgnored()
    {
        struct sigaction current{};
        ::sigaction(SIGPIPE, nullptr, &current);
        return current.sa_handler == SIG_IGN;
    }
    // From here on a SIGPIPE increments hits() instead of ending the process.
    static void count()
    {
        s_hits = 0;
        struct sigaction action{};
        action.sa_handler = [](int) { s_hits.fetch_add(1, std::memory_order_relaxed); };
        sigemptyset(&action.sa_mask);
        ::sigaction(SIGPIPE, &action, nullptr);
    }
    static int hits() { return s_hits.load(); }

private:
    static inline std::atomic<int> s_hits{0}; // lock-free: safe to touch from a signal handler

    struct sigaction m_saved{};
};

// ---------------------------------------------------------------- child processes

// When this variable is set, a fault suite's initMain() runs the named
// scenario instead of its tests and exits: for what has to happen in another
// process (a dropped privilege cannot be taken back).
inline const char *childModeVariable()
{
    return "WIREBENCH_FAULT_CHILD";
}

inline QString childMode()
{
    return qEnvironmentVariable(childModeVariable());
}

// What a child prints, one "key=value" line per fact.
inline void reportLine(const char *key, const QString &value)
{
    std::printf("%s=%s\n", key, value.toUtf8().constData());
    std::fflush(stdout);
}

struct ChildRun
{
    bool started = false;
    bool finished = false;
    bool crashed = false;
    int exitCode = -1;
    QByteArray output;
    QByteArray errors;
    QMap<QByteArray, QByteArray> values;

    QString value(const char *key) const { return QString::fromUtf8(values.value(QByteArray(key))); }
    QString describe() const
    {
        return QStringLiteral("started %1, finished %2, crashed %3, exit code %4; stdout: %5; stderr: %6")
            .arg(started).arg(finished).arg(crashed).arg(exitCode)
            .arg(QString::fromUtf8(output), QString::fromUtf8(errors.right(2000)));
    }
};

// Runs this very test binary in `mode` with `environment` added, and waits
// (the child shares nothing with this thread's event loop, so waitFor* is safe).
inline ChildRun runSelf(const QString &mode, const QMap<QString, QString> &environment, int timeoutMs = 20000)
{
    ChildRun run;
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QString::fromLatin1(childModeVariable()), mode);
    for (auto it = environment.cbegin(); it != environment.cend(); ++it)
        env.insert(it.key(), it.value());
    process.setProcessEnvironment(env);
    process.start(QCoreApplication::applicationFilePath(), QStringList());
    run.started = process.waitForStarted(timeoutMs);
    if (!run.started)
        return run;
    run.finished = process.waitForFinished(timeoutMs);
    if (!run.finished) {
        process.kill();
        process.waitForFinished(1000);
    }
    run.crashed = process.exitStatus() == QProcess::CrashExit;
    run.exitCode = process.exitCode();
    run.output = process.readAllStandardOutput();
    run.errors = process.readAllStandardError();
    for (const QByteArray &line : run.output.split('\n')) {
        const qsizetype equals = line.indexOf('=');
        if (equals > 0)
            run.values.insert(line.first(equals), line.sliced(equals + 1));
    }
    return run;
}

} // namespace FaultTest
