#include "clientsession.h"
#include "clienthub.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace Net {

QString clientProtocolName(ClientProtocol protocol)
{
    switch (protocol) {
    case ClientProtocol::Tcp: return u"TCP"_s;
    case ClientProtocol::Udp: return u"UDP"_s;
    case ClientProtocol::Http: return u"HTTP"_s;
    }
    return u"?"_s;
}

ClientSession::ClientSession(quint64 id, ClientProtocol protocol, ClientHub &hub)
    : QObject(&hub)
    , m_hub(hub)
    , m_id(id)
    , m_protocol(protocol)
{
}

ClientSession::~ClientSession() = default;

void ClientSession::connectTo(const QString &, quint16)
{
    unsupported(tr("Connecting to a host"));
}

void ClientSession::send(const QByteArray &)
{
    unsupported(tr("Sending raw bytes"));
}

void ClientSession::disconnectFrom()
{
    unsupported(tr("Disconnecting"));
}

void ClientSession::sendHttp(const HttpClientRequest &)
{
    unsupported(tr("Sending an HTTP request"));
}

bool ClientSession::bindLocal(QAbstractSocket &socket, const QHostAddress &fallback, QAbstractSocket::BindMode mode)
{
    const QHostAddress address = m_options.localAddress.isNull() ? fallback : m_options.localAddress;
    if (socket.bind(address, m_options.localPort, mode))
        return true;
    if (socket.error() == QAbstractSocket::AddressInUseError)
        postError(localPortInUse());
    else if (socket.error() == QAbstractSocket::SocketAddressNotAvailableError)
        postError(tr("%1 is not an address of this machine: choose another local address.").arg(address.toString()));
    else
        postError(tr("Could not use local port %1: %2.").arg(m_options.localPort).arg(socket.errorString()));
    return false;
}

QString ClientSession::localPortInUse() const
{
    return tr("Port %1 is in use: choose another local port, or 0 for any.").arg(m_options.localPort);
}

void ClientSession::sendFile(const QString &)
{
    unsupported(tr("Sending a file"));
}

void ClientSession::cancelFile()
{
    postError(tr("No file is being sent."));
}

void ClientSession::saveReceived(const QString &path)
{
    m_receivedFile.reset();
    if (path.isEmpty())
        return;
    auto file = std::make_unique<QFile>(path);
    // Unbuffered: the file is current while saving runs (tail -f works).
    if (!file->open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Unbuffered)) {
        postError(tr("Could not open %1 to save received data: %2.").arg(path, file->errorString()));
        return;
    }
    m_receivedFile = std::move(file);
}

void ClientSession::record(QByteArrayView bytes)
{
    if (!m_receivedFile || bytes.isEmpty())
        return;
    if (m_receivedFile->write(bytes.data(), bytes.size()) != bytes.size()) {
        const QString sentence = tr("Saving received data to %1 stopped: %2.")
                                     .arg(m_receivedFile->fileName(), m_receivedFile->errorString());
        m_receivedFile.reset();
        postError(sentence);
    }
}

void ClientSession::postProgress(const QString &path, qint64 sent, qint64 total)
{
    ClientEvent event = makeEvent(ClientEvent::Kind::Progress);
    event.text = path;
    event.size = sent;
    event.total = total;
    post(std::move(event));
}

void ClientSession::unsupported(const QString &what)
{
    postError(tr("%1 is not supported for this protocol (%2).").arg(what, clientProtocolName(m_protocol)));
}

ClientEvent ClientSession::makeEvent(ClientEvent::Kind kind) const
{
    ClientEvent event;
    event.kind = kind;
    event.state = m_state;
    event.sessionId = m_id;
    event.timeMs = QDateTime::currentMSecsSinceEpoch();
    return event;
}

void ClientSession::post(ClientEvent &&event)
{
    m_hub.post(std::move(event), m_target, m_targetPort);
}

void ClientSession::postState(ClientState state, const QString &text, const QHostAddress &peer, quint16 peerPort)
{
    m_state = state;
    if (!peer.isNull()) {
        m_target = peer;
        m_targetPort = peerPort;
    }
    ClientEvent event = makeEvent(ClientEvent::Kind::State);
    event.text = text;
    event.peerAddress = peer;
    event.peerPort = peerPort;
    post(std::move(event));
}

void ClientSession::postError(const QString &sentence)
{
    ClientEvent event = makeEvent(ClientEvent::Kind::Error);
    event.text = sentence;
    post(std::move(event));
}

void ClientSession::postSent(const QByteArray &bytes, qint64 size, qint64 maxBytes)
{
    ClientEvent event = makeEvent(ClientEvent::Kind::Sent);
    // Implicitly shared: no copy unless the transcript has to cut it.
    event.data = bytes.size() > maxBytes ? bytes.first(maxBytes) : bytes;
    event.size = size;
    post(std::move(event));
}

void ClientSession::postReceived(QByteArray &&bytes, qint64 size, const QHostAddress &peer, quint16 peerPort)
{
    ClientEvent event = makeEvent(ClientEvent::Kind::Received);
    event.data = std::move(bytes);
    event.size = size;
    event.peerAddress = peer;
    event.peerPort = peerPort;
    post(std::move(event));
}

} // namespace Net
