#include "tcpclientsession.h"
#include "filesender.h"
#include "server/socketaddress.h"

#include <QTcpSocket>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {
constexpr int CONNECT_TIMEOUT_MS = 10000;
constexpr qint64 MAX_EVENT_BYTES = 1024 * 1024; // payload kept per Sent/Received event
} // namespace

namespace Net {

TcpClientSession::TcpClientSession(quint64 id, ClientHub &hub)
    : ClientSession(id, ClientProtocol::Tcp, hub)
    , m_socket(new QTcpSocket(this))
    , m_fileSender(new FileSender(*m_socket, this))
    , m_connectTimer(this)
{
    connect(m_fileSender, &FileSender::progress, this,
            [this](qint64 sent, qint64 total) { postProgress(m_fileSender->path(), sent, total); });
    connect(m_fileSender, &FileSender::failed, this, &TcpClientSession::postError);
    // Qt's own connect timeout is 30 s per address; a user at a workbench
    // wants to know sooner that nothing answers.
    m_connectTimer.setSingleShot(true);
    m_connectTimer.setInterval(CONNECT_TIMEOUT_MS);
    connect(&m_connectTimer, &QTimer::timeout, this, &TcpClientSession::onConnectTimeout);
    connect(m_socket, &QAbstractSocket::stateChanged, this, &TcpClientSession::onStateChanged);
    connect(m_socket, &QAbstractSocket::connected, this, &TcpClientSession::onConnected);
    connect(m_socket, &QAbstractSocket::disconnected, this, &TcpClientSession::onDisconnected);
    connect(m_socket, &QAbstractSocket::errorOccurred, this, &TcpClientSession::onError);
    connect(m_socket, &QIODevice::readyRead, this, &TcpClientSession::onReadyRead);
}

TcpClientSession::~TcpClientSession()
{
    abandon();
}

void TcpClientSession::abandon()
{
    m_fileSender->cancel();
    m_connectTimer.stop();
    m_socket->disconnect(this);
    m_socket->abort();
}

void TcpClientSession::connectTo(const QString &host, quint16 port)
{
    if (host.trimmed().isEmpty()) {
        postError(tr("No host was given: enter an address or a host name."));
        return;
    }
    if (port == 0) {
        postError(tr("Port 0 cannot be connected to: choose a port from 1 to 65535."));
        return;
    }
    if (m_socket->state() != QAbstractSocket::UnconnectedState) {
        m_closeReason = tr("Closed to connect again.");
        m_socket->abort(); // posts Closed through disconnected() when it was connected
        closed(m_closeReason);
    }
    m_host = host.trimmed();
    m_port = port;
    m_closeReason.clear();
    // A chosen local port is bound before the connect; the address hint lets
    // the same port serve again while the last connection is in TIME_WAIT.
    if ((options().localPort != 0 || !options().localAddress.isNull())
        && !bindLocal(*m_socket, QHostAddress::Any, QAbstractSocket::ReuseAddressHint)) {
        m_socket->abort();
        return;
    }
    m_connectTimer.start();
    if (QHostAddress(m_host).isNull())
        postState(ClientState::Resolving, tr("Looking up %1…").arg(m_host));
    else
        postState(ClientState::Connecting, tr("Connecting to %1…").arg(hostPort(m_host, m_port)));
    m_socket->connectToHost(m_host, m_port);
}

bool TcpClientSession::canWrite()
{
    if (m_socket->state() != QAbstractSocket::ConnectedState) {
        postError(tr("Not connected: connect first."));
        return false;
    }
    // A file streams alone: its progress counts the socket's unsent bytes as its own.
    if (m_fileSender->isActive()) {
        postError(tr("A file is being sent: wait for it or cancel it first."));
        return false;
    }
    return true;
}

void TcpClientSession::send(const QByteArray &bytes)
{
    if (!canWrite())
        return;
    const qint64 written = m_socket->write(bytes);
    if (written < 0) {
        postError(tr("Could not send to %1: %2.").arg(hostPort(m_host, m_port), m_socket->errorString()));
        return;
    }
    postSent(bytes, written, MAX_EVENT_BYTES);
}

void TcpClientSession::sendFile(const QString &path)
{
    if (!canWrite())
        return;
    QString error;
    if (!m_fileSender->start(path, &error))
        postError(error);
}

void TcpClientSession::cancelFile()
{
    if (!m_fileSender->isActive()) {
        ClientSession::cancelFile();
        return;
    }
    stopFile(tr("cancelled"));
}

void TcpClientSession::stopFile(const QString &why)
{
    if (!m_fileSender->isActive())
        return;
    const QString sentence = tr("Sending %1 stopped after %2 of %3 bytes: %4.")
                                 .arg(m_fileSender->path())
                                 .arg(qMax<qint64>(0, m_fileSender->sent()))
                                 .arg(m_fileSender->total())
                                 .arg(why);
    m_fileSender->cancel();
    postError(sentence);
}

void TcpClientSession::disconnectFrom()
{
    switch (m_socket->state()) {
    case QAbstractSocket::UnconnectedState:
        postError(tr("Not connected: there is nothing to disconnect."));
        return;
    case QAbstractSocket::ConnectedState: {
        stopFile(tr("disconnected")); // what the socket holds still goes out
        const qint64 pending = m_socket->bytesToWrite();
        postState(ClientState::Closing, pending > 0
                      ? tr("Closing the connection once the last %1 bytes are sent…").arg(pending)
                      : tr("Closing the connection…"));
        m_closeReason = u"Disconnected."_s;
        // Graceful: Qt sends what is still buffered before it closes.
        m_socket->disconnectFromHost();
        return;
    }
    case QAbstractSocket::ClosingState:
        return;
    default: // still looking up or connecting: give up the attempt
        m_connectTimer.stop();
        m_closeReason = tr("Connection attempt cancelled.");
        m_socket->abort();
        closed(m_closeReason);
        return;
    }
}

void TcpClientSession::onStateChanged(QAbstractSocket::SocketState socketState)
{
    // A literal address skips the lookup, and we said "Connecting" already.
    if (socketState == QAbstractSocket::ConnectingState && state() == ClientState::Resolving)
        postState(ClientState::Connecting, tr("Connecting to %1…").arg(hostPort(m_host, m_port)));
}

void TcpClientSession::onConnected()
{
    m_connectTimer.stop();
    const QHostAddress peer = m_socket->peerAddress();
    const quint16 peerPort = m_socket->peerPort();
    postState(ClientState::Connected,
              tr("Connected to %1 from %2").arg(hostPort(peer, peerPort),
                                               hostPort(m_socket->localAddress(), m_socket->localPort())),
              peer, peerPort);
}

void TcpClientSession::onDisconnected()
{
    m_connectTimer.stop();
    stopFile(tr("the connection closed"));
    closed(m_closeReason.isEmpty() ? u"Disconnected."_s : m_closeReason);
}

void TcpClientSession::onError(QAbstractSocket::SocketError error)
{
    m_connectTimer.stop();
    if (error == QAbstractSocket::RemoteHostClosedError) {
        // Qt gives an orderly close and a reset the same code (a reset met
        // while reading counts as end of stream). Only a write refused with
        // our bytes still queued tells us the peer reset the connection.
        if (m_socket->bytesToWrite() > 0) {
            m_closeReason = tr("Connection reset by peer.");
            postError(m_closeReason);
        } else {
            m_closeReason = tr("The server closed the connection.");
        }
        return; // disconnected() follows and posts Closed
    }
    postError(errorSentence(error));
    const bool wasConnected = state() == ClientState::Connected || state() == ClientState::Closing;
    m_closeReason = wasConnected ? tr("Closed after an error.") : tr("Not connected.");
    // A failed attempt never emits disconnected(); a broken stream does, later.
    if (m_socket->state() == QAbstractSocket::UnconnectedState)
        closed(m_closeReason);
}

void TcpClientSession::onReadyRead()
{
    // One event per notification with everything that arrived: a chatty
    // peer costs one transcript line per read, not one per segment.
    const qint64 available = m_socket->bytesAvailable();
    if (available <= 0)
        return;
    QByteArray bytes = m_socket->read(std::min(available, MAX_EVENT_BYTES));
    record(bytes);
    qint64 size = bytes.size();
    // Counted, not kept for the transcript; when saving, still written to the file.
    while (size < available) {
        const QByteArray rest = m_socket->read(std::min(available - size, MAX_EVENT_BYTES));
        if (rest.isEmpty())
            break;
        record(rest);
        size += rest.size();
    }
    postReceived(std::move(bytes), size);
}

void TcpClientSession::onConnectTimeout()
{
    postError(tr("Connecting to %1 timed out after %2 s.").arg(hostPort(m_host, m_port))
                  .arg(CONNECT_TIMEOUT_MS / 1000));
    m_closeReason = tr("Not connected.");
    m_socket->abort();
    closed(m_closeReason);
}

void TcpClientSession::closed(const QString &text)
{
    if (state() == ClientState::Closed || state() == ClientState::Idle)
        return;
    postState(ClientState::Closed, text);
}

QString TcpClientSession::errorSentence(QAbstractSocket::SocketError error) const
{
    const QString where = hostPort(m_host, m_port);
    switch (error) {
    case QAbstractSocket::ConnectionRefusedError:
        return tr("Connection refused by %1: nothing is listening there.").arg(where);
    case QAbstractSocket::HostNotFoundError:
        return tr("Host \"%1\" was not found.").arg(m_host);
    case QAbstractSocket::AddressInUseError:
        // The address hint lets bind() share the port; the connect is what fails.
        if (options().localPort != 0)
            return localPortInUse();
        return tr("The connection to %1 failed: %2.").arg(where, m_socket->errorString());
    case QAbstractSocket::SocketTimeoutError:
        return tr("%1 did not answer in time.").arg(where);
    case QAbstractSocket::NetworkError:
        return tr("Cannot reach %1: %2.").arg(where, m_socket->errorString());
    default:
        return tr("The connection to %1 failed: %2.").arg(where, m_socket->errorString());
    }
}

} // namespace Net
