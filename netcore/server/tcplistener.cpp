#include "tcplistener.h"
#include "serverconfig.h"

#include <QTimer>

using namespace Qt::StringLiterals;

namespace {
// Linux caps the backlog at net.core.somaxconn (4096 on current kernels). The
// QTcpServer default of 50 drops SYNs under connection bursts, and each drop
// costs the client a one-second retransmit.
constexpr int LISTEN_BACKLOG = 4096;
// How long to wait before accepting again after running out of descriptors.
constexpr int ACCEPT_RETRY_MS = 100;
} // namespace

namespace Net {

QString hostPort(const QHostAddress &address, quint16 port)
{
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
        ? u'[' + address.toString() + u']'
        : address.toString();
    return host + u':' + QString::number(port);
}

QString ServerStatus::url() const
{
    const QString where = hostPort(address, port);
    switch (kind) {
    case ServerKind::Web: return u"http://"_s + where + u'/';
    case ServerKind::TcpEcho: return u"tcp://"_s + where;
    case ServerKind::UdpEcho: return u"udp://"_s + where;
    }
    return where;
}

QString bindErrorSentence(QAbstractSocket::SocketError error, const QHostAddress &address, quint16 port,
                          const QString &systemText)
{
    const QString where = hostPort(address, port);
    switch (error) {
    case QAbstractSocket::AddressInUseError:
        return u"Port %1 on %2 is already in use by another program."_s.arg(port).arg(address.toString());
    case QAbstractSocket::SocketAccessError:
        return port < 1024
            ? u"Permission denied for %1: ports below 1024 need administrator rights."_s.arg(where)
            : u"Permission denied for %1."_s.arg(where);
    case QAbstractSocket::SocketAddressNotAvailableError:
        return u"Address %1 is not available on this machine."_s.arg(address.toString());
    case QAbstractSocket::UnsupportedSocketOperationError:
        return u"Address %1 is not supported here (is IPv6 switched off?)."_s.arg(address.toString());
    default:
        return u"Cannot listen on %1: %2."_s.arg(where, systemText);
    }
}

TcpListener::TcpListener(AcceptHandler onAccept, QObject *parent)
    : QTcpServer(parent)
    , m_onAccept(std::move(onAccept))
{
    setListenBacklogSize(LISTEN_BACKLOG);
    setMaxPendingConnections(LISTEN_BACKLOG);
    connect(this, &QTcpServer::acceptError, this, &TcpListener::onAcceptError);
}

QString TcpListener::start(const QHostAddress &address, quint16 port)
{
    if (listen(address, port))
        return {};
    return bindErrorSentence(serverError(), address, port, errorString());
}

void TcpListener::incomingConnection(qintptr descriptor)
{
    m_onAccept(descriptor);
}

void TcpListener::onAcceptError(QAbstractSocket::SocketError error)
{
    // QTcpServer has already paused accepting. EMFILE surfaces as a resource
    // error: wait for descriptors to free up instead of giving up the port.
    emit acceptFailed(error == QAbstractSocket::SocketResourceError
                          ? u"Out of file descriptors: new connections wait until some close."_s
                          : errorString());
    QTimer::singleShot(ACCEPT_RETRY_MS, this, [this] {
        if (isListening())
            resumeAccepting();
    });
}

} // namespace Net
