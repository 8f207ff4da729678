#pragma once

// The real wirebench binary run as a child process in --headless mode, for
// the suites that test it end to end (tst_headless, tst_headless_servers).
// The server runs in another process, so blocking waitFor*() calls are fine.

#include "parsedresponse.h"
#include "rawclient.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QUdpSocket>
#include <QTest>

#include <optional>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace HeadlessTest {

using namespace Qt::StringLiterals;
using namespace HttpTest;

inline constexpr int ProcessTimeoutMs = 10000;
inline constexpr QByteArrayView IndexPage = "<!DOCTYPE html>\n<p>headless test index</p>\n";

// "web: listening on http://127.0.0.1:8080/ (root /srv/www)"
inline const QRegularExpression ListeningLine(uR"(^web: listening on http://(\d+\.\d+\.\d+\.\d+|\[[0-9a-f:]+\]):(\d+)/ \(root (.+)\)$)"_s);

// One wirebench process in headless mode.
class Headless
{
public:
    explicit Headless(const QString &binary)
    {
        m_process.setProgram(binary);
    }
    ~Headless()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(ProcessTimeoutMs);
        }
    }

    // Starts with `arguments` (after --headless) and waits for the web
    // server's listening line. The echo servers stay off unless asked for,
    // so tests running side by side never fight over port 7007.
    bool start(const QStringList &arguments)
    {
        m_process.setArguments(QStringList{u"--headless"_s} + withoutDefaultEcho(arguments));
        m_process.start();
        if (!m_process.waitForStarted(ProcessTimeoutMs))
            return false;
        const QRegularExpressionMatch match = waitForLine(ListeningLine);
        if (!match.hasMatch())
            return false;
        const QString host = match.captured(1);
        address = QHostAddress(host.startsWith(u'[') ? host.mid(1, host.size() - 2) : host);
        port = quint16(match.captured(2).toUInt());
        root = match.captured(3);
        return true;
    }

    // Runs to the end with `arguments` (not necessarily headless).
    bool runToEnd(const QStringList &arguments)
    {
        m_process.setArguments(arguments.contains(u"--headless"_s) ? withoutDefaultEcho(arguments) : arguments);
        m_process.start();
        return m_process.waitForFinished(ProcessTimeoutMs);
    }

    // The next stdout line matching `pattern`, reading as output arrives.
    QRegularExpressionMatch waitForLine(const QRegularExpression &pattern, int timeoutMs = ProcessTimeoutMs)
    {
        QDeadlineTimer deadline(timeoutMs);
        for (;;) {
            while (m_scanned < m_lines.size()) {
                const QRegularExpressionMatch match = pattern.match(m_lines[m_scanned++]);
                if (match.hasMatch())
                    return match;
            }
            if (deadline.hasExpired() || !m_process.waitForReadyRead(int(deadline.remainingTime())))
                return {};
            readLines();
        }
    }

    // SIGTERM, then the exit.
    bool terminate()
    {
        m_process.terminate();
        const bool finished = m_process.waitForFinished(ProcessTimeoutMs);
        readLines();
        return finished;
    }

    QStringList lines()
    {
        readLines();
        return m_lines;
    }
    QString standardError() { return QString::fromLocal8Bit(m_process.readAllStandardError()); }
    QString allOutput() { return QString::fromLocal8Bit(m_process.readAllStandardOutput()); }
    QProcess &process() { return m_process; }

    QHostAddress address;
    quint16 port = 0;
    QString root;

private:
    static QStringList withoutDefaultEcho(const QStringList &arguments)
    {
        if (arguments.contains(u"--echo-port"_s) || arguments.contains(u"--udp-echo-port"_s))
            return arguments;
        return arguments + QStringList{u"--no-echo"_s, u"--no-udp-echo"_s};
    }

    void readLines()
    {
        m_pending += m_process.readAllStandardOutput();
        qsizetype newline;
        while ((newline = m_pending.indexOf('\n')) >= 0) {
            m_lines.append(QString::fromUtf8(m_pending.first(newline)));
            m_pending.remove(0, newline + 1);
        }
    }

    QProcess m_process;
    QByteArray m_pending;
    QStringList m_lines;
    qsizetype m_scanned = 0;
};

// Sends raw request bytes on their own connection and reads to the end.
inline std::optional<ParsedResponse> exchangeRaw(const QHostAddress &address, quint16 port, const QByteArray &bytes)
{
    QTcpSocket socket;
    socket.connectToHost(address, port);
    if (!socket.waitForConnected(ProcessTimeoutMs))
        return std::nullopt;
    socket.write(bytes);
    QByteArray data;
    while (socket.waitForReadyRead(ProcessTimeoutMs))
        data += socket.readAll();
    data += socket.readAll();
    ParsedResponse response;
    if (readResponse(data, false, true, response) != ReadStatus::Complete)
        return std::nullopt;
    return response;
}

// One request on its own connection with Connection: close, read to the end.
inline std::optional<ParsedResponse> fetch(const QHostAddress &address, quint16 port, QByteArrayView target)
{
    return exchangeRaw(address, port, get(target, "Connection: close\r\n"));
}

inline bool writeFile(const QString &path, QByteArrayView content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content.data(), content.size()) == content.size();
}

// The wirebench binary beside the test executables ("" when it was not built).
inline QString binaryPath()
{
    const QString path = QDir::cleanPath(QCoreApplication::applicationDirPath() + u"/../wirebench"_s);
    return QFileInfo(path).isExecutable() ? path : QString();
}

// A document root in `dir` holding IndexPage as index.html ("" on failure).
inline QString makeRoot(const QTemporaryDir &dir)
{
    const QString root = QFileInfo(dir.path()).canonicalFilePath();
    return dir.isValid() && writeFile(root + u"/index.html"_s, IndexPage) ? root : QString();
}

} // namespace HeadlessTest
