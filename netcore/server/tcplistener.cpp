#include "tcplistener.h"
#include "socketaddress.h"

#include <QSocketNotifier>

#include <cerrno>
#include <cstring>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {
// Linux caps the backlog at net.core.somaxconn (4096 on current kernels). The
// QTcpServer default of 50 drops SYNs under connection bursts, and each drop
// costs the client a one-second retransmit.
constexpr int LISTEN_BACKLOG = 4096;
// How long to wait before accepting again after running out of descriptors.
constexpr int ACCEPT_RETRY_MS = 100;
// Connections accepted per readiness notification.
constexpr int MAX_ACCEPTS_PER_WAKE = 64;
} // namespace

namespace Net {

TcpListener::TcpListener(AcceptHandler onAccept, QObject *parent)
    : QObject(parent)
    , m_onAccept(std::move(onAccept))
    , m_retry(this)
{
    m_retry.setSingleShot(true);
    m_retry.setInterval(ACCEPT_RETRY_MS);
    connect(&m_retry, &QTimer::timeout, this, [this] {
        if (m_notifier)
            m_notifier->setEnabled(true);
    });
}

TcpListener::~TcpListener()
{
    close();
}

QString TcpListener::start(const QHostAddress &address, quint16 port)
{
    close();
    const BoundSocket bound = bindSocket(SOCK_STREAM, address, port);
    if (bound.fd < 0)
        return bound.error;
    if (::listen(bound.fd, LISTEN_BACKLOG) != 0) {
        const int error = errno;
        ::close(bound.fd);
        return bindErrorSentence(socketErrorFromErrno(error), address, port, QString::fromLocal8Bit(strerror(error)));
    }
    m_fd = bound.fd;
    m_address = address;
    m_port = bound.port;
    m_notifier = new QSocketNotifier(m_fd, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &TcpListener::acceptPending);
    return {};
}

void TcpListener::close()
{
    m_retry.stop();
    delete m_notifier;
    m_notifier = nullptr;
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
    m_port = 0;
}

void TcpListener::acceptPending()
{
    // A bounded batch per wake-up, so a connection storm cannot starve the
    // connections already open on this thread.
    for (int i = 0; i < MAX_ACCEPTS_PER_WAKE && m_fd >= 0; ++i) {
        const int client = ::accept4(m_fd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (client >= 0) {
            m_exhausted = false;
            m_onAccept(client);
            continue;
        }
        switch (errno) {
        case EAGAIN:
        case EINTR:
            return;
        case ECONNABORTED: // the peer gave up while queued: next one
        case EPROTO:
            continue;
        case EMFILE:
        case ENFILE:
        case ENOBUFS:
        case ENOMEM:
            // Nothing to accept with: pause instead of spinning on the
            // readiness that stays until the queue is drained.
            m_notifier->setEnabled(false);
            m_retry.start();
            // Said once per spell of exhaustion, not at every retry.
            if (!m_exhausted)
                emit acceptFailed(tr("Out of file descriptors: new connections wait until some close."));
            m_exhausted = true;
            return;
        default:
            emit acceptFailed(tr("Cannot accept a connection: %1.").arg(QString::fromLocal8Bit(strerror(errno))));
            return;
        }
    }
}

} // namespace Net
