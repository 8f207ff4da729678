#include "upstreamconnector.h"
#include "server/socketaddress.h"

#include <QSocketNotifier>

#include <cerrno>
#include <cstring>
#include <sys/socket.h>
#include <unistd.h>

namespace Net {

UpstreamConnector::UpstreamConnector(Connected connected, Failed failed)
    : m_connected(std::move(connected))
    , m_failed(std::move(failed))
{
    m_timer.setSingleShot(true);
    QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] {
        if (m_immediateError == 0)
            finish();
        else if (m_immediateError > 0)
            failWith(m_immediateError);
        else
            failWith(ETIMEDOUT);
    });
}

UpstreamConnector::~UpstreamConnector()
{
    dropNotifier();
    if (m_fd >= 0)
        ::close(m_fd);
}

void UpstreamConnector::start(const QHostAddress &address, quint16 port, int timeoutMs)
{
    m_address = address;
    m_port = port;
    m_timeoutMs = timeoutMs;
    const SocketAddress target = SocketAddress::from(address, port);
    m_fd = ::socket(target.storage.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (m_fd < 0) {
        m_immediateError = errno;
        m_timer.start(0);
        return;
    }
    if (::connect(m_fd, reinterpret_cast<const sockaddr *>(&target.storage), target.length) == 0) {
        m_immediateError = 0;
        m_timer.start(0);
        return;
    }
    if (errno != EINPROGRESS) {
        m_immediateError = errno;
        m_timer.start(0);
        return;
    }
    m_notifier = std::make_unique<QSocketNotifier>(m_fd, QSocketNotifier::Write);
    QObject::connect(m_notifier.get(), &QSocketNotifier::activated, m_notifier.get(), [this] { finish(); });
    m_timer.start(timeoutMs);
}

void UpstreamConnector::cancel()
{
    m_timer.stop();
    dropNotifier();
}

// Deleted later: we may be inside its own activated() signal.
void UpstreamConnector::dropNotifier()
{
    if (!m_notifier)
        return;
    m_notifier->setEnabled(false);
    m_notifier.release()->deleteLater();
}

void UpstreamConnector::finish()
{
    m_timer.stop();
    dropNotifier();
    int error = 0;
    socklen_t length = sizeof error;
    if (::getsockopt(m_fd, SOL_SOCKET, SO_ERROR, &error, &length) != 0)
        error = errno;
    if (error != 0)
        return failWith(error);
    const int fd = m_fd;
    m_fd = -1;
    m_connected(fd);
}

void UpstreamConnector::failWith(int error)
{
    m_timer.stop();
    dropNotifier();
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
    const QString where = hostPort(m_address, m_port);
    const QString reason = QString::fromLocal8Bit(std::strerror(error));
    switch (error) {
    case ECONNREFUSED:
        return m_failed(tr("Upstream %1 refused the connection.").arg(where));
    case ETIMEDOUT:
        return m_failed(tr("Upstream %1 did not answer within %2 ms.").arg(where).arg(m_timeoutMs));
    case ENETUNREACH:
    case EHOSTUNREACH:
        return m_failed(tr("Upstream %1 cannot be reached: %2.").arg(where, reason));
    default:
        return m_failed(tr("Cannot connect to upstream %1: %2.").arg(where, reason));
    }
}

} // namespace Net
