#include "udpclientsession.h"

#include "server/socketaddress.h"

#include <QHostInfo>
#include <QNetworkInterface>
#include <QVariant>
#include <QUdpSocket>

using namespace Qt::StringLiterals;

namespace {
// 65,535 minus the IPv4 and UDP headers: the largest payload one IPv4 datagram
// carries. IPv6 allows 20 bytes more; one limit keeps the rule simple to state.
constexpr qsizetype MAX_DATAGRAM_BYTES = 65507;
constexpr qsizetype READ_BUFFER_BYTES = 65536;
// Datagrams read per notification before the event loop gets a turn back.
constexpr int MAX_DATAGRAMS_PER_READ = 256;
} // namespace

namespace Net {

UdpClientSession::UdpClientSession(quint64 id, ClientHub &hub)
    : ClientSession(id, ClientProtocol::Udp, hub)
{
}

UdpClientSession::~UdpClientSession()
{
    abandon();
}

void UdpClientSession::abandon()
{
    closeSocket();
}

void UdpClientSession::connectTo(const QString &host, quint16 port)
{
    if (host.trimmed().isEmpty()) {
        postError(tr("No host was given: enter an address or a host name."));
        return;
    }
    if (port == 0) {
        postError(tr("Port 0 cannot be sent to: choose a port from 1 to 65535."));
        return;
    }
    closeSocket();
    m_host = host.trimmed();
    m_port = port;
    const QHostAddress literal(m_host);
    if (!literal.isNull()) {
        openSocket(literal);
        return;
    }
    postState(ClientState::Resolving, tr("Looking up %1…").arg(m_host));
    m_lookupId = QHostInfo::lookupHost(m_host, this, &UdpClientSession::onLookedUp);
}

void UdpClientSession::onLookedUp(const QHostInfo &info)
{
    if (info.lookupId() != m_lookupId)
        return; // the answer to a lookup the user has moved on from
    m_lookupId = -1;
    if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
        postError(tr("Host \"%1\" was not found.").arg(m_host));
        postState(ClientState::Idle, tr("Not ready: no address to send to."));
        return;
    }
    openSocket(info.addresses().constFirst());
}

void UdpClientSession::openSocket(QHostAddress target)
{
    bool isIPv4 = false;
    const quint32 ipv4 = target.toIPv4Address(&isIPv4);
    if (isIPv4)
        target = QHostAddress(ipv4); // ::ffff:a.b.c.d is sent from an IPv4 socket
    const bool ipv6 = target.protocol() == QAbstractSocket::IPv6Protocol;
    // Loopback targets get a loopback-only socket: nothing else can reach it.
    const QHostAddress local = target.isLoopback()
        ? QHostAddress(ipv6 ? QHostAddress::LocalHostIPv6 : QHostAddress::LocalHost)
        : QHostAddress(ipv6 ? QHostAddress::AnyIPv6 : QHostAddress::AnyIPv4);

    m_socket = new QUdpSocket(this);
    connect(m_socket, &QIODevice::readyRead, this, &UdpClientSession::onReadyRead);
    connect(m_socket, &QAbstractSocket::errorOccurred, this, &UdpClientSession::onError);
    // Connected as well as bound: only then does Linux report an ICMP "port
    // unreachable" for our datagrams (as ECONNREFUSED on a later read).
    // A chosen port is not shared: another socket on it would take our replies.
    if (!bindLocal(*m_socket, local, QAbstractSocket::DontShareAddress)) {
        closeSocket();
        postState(ClientState::Idle, tr("Not ready."));
        return;
    }
    if (!applyMulticast()) {
        closeSocket();
        postState(ClientState::Idle, tr("Not ready."));
        return;
    }
    m_socket->connectToHost(target, m_port);
    if (m_socket->state() != QAbstractSocket::ConnectedState) {
        postError(tr("Could not open a UDP socket to %1: %2.").arg(where(), m_socket->errorString()));
        closeSocket();
        postState(ClientState::Idle, tr("Not ready."));
        return;
    }
    m_buffer.resize(READ_BUFFER_BYTES);
    postState(ClientState::Connected,
              tr("Ready to send to %1 from local port %2").arg(where()).arg(m_socket->localPort())
                  + multicastSummary(),
              target, m_port);
}

bool UdpClientSession::applyMulticast()
{
    const ClientOptions &opts = options();
    m_socket->setSocketOption(QAbstractSocket::MulticastTtlOption, opts.multicastTtl);
    m_socket->setSocketOption(QAbstractSocket::MulticastLoopbackOption, opts.multicastLoopback ? 1 : 0);
    if (opts.multicastGroup.isNull())
        return true;
    if (!opts.multicastGroup.isMulticast()) {
        postError(tr("%1 is not a multicast group: use 224.0.0.0 to 239.255.255.255 or ff00::/8.")
                      .arg(opts.multicastGroup.toString()));
        return false;
    }
    QNetworkInterface iface;
    if (!opts.multicastInterface.isEmpty()) {
        iface = QNetworkInterface::interfaceFromName(opts.multicastInterface);
        if (!iface.isValid()) {
            postError(tr("Interface %1 was not found.").arg(opts.multicastInterface));
            return false;
        }
    }
    const bool joined = iface.isValid() ? m_socket->joinMulticastGroup(opts.multicastGroup, iface)
                                        : m_socket->joinMulticastGroup(opts.multicastGroup);
    if (!joined) {
        postError(tr("Could not join the multicast group %1%2: %3.")
                      .arg(opts.multicastGroup.toString(),
                           iface.isValid() ? tr(" on %1").arg(iface.name()) : QString(), m_socket->errorString()));
        return false;
    }
    return true;
}

// What the socket really has, read back from it: "; multicast TTL 4, loopback off",
// when any multicast option was chosen.
QString UdpClientSession::multicastSummary() const
{
    const ClientOptions defaults;
    if (options().multicastGroup.isNull() && options().multicastTtl == defaults.multicastTtl
        && options().multicastLoopback == defaults.multicastLoopback)
        return {}; // nothing chosen: the ordinary sentence
    const int ttl = m_socket->socketOption(QAbstractSocket::MulticastTtlOption).toInt();
    const bool loopback = m_socket->socketOption(QAbstractSocket::MulticastLoopbackOption).toInt() != 0;
    QString summary = tr("; multicast TTL %1, loopback %2").arg(ttl).arg(loopback ? tr("on") : tr("off"));
    if (!options().multicastGroup.isNull())
        summary += tr(", joined %1").arg(options().multicastGroup.toString());
    return summary;
}

void UdpClientSession::closeSocket()
{
    if (m_lookupId != -1) {
        QHostInfo::abortHostLookup(m_lookupId);
        m_lookupId = -1;
    }
    if (!m_socket)
        return;
    m_socket->disconnect(this);
    m_socket->abort();
    m_socket->deleteLater(); // we may be inside one of its signals
    m_socket = nullptr;
}

void UdpClientSession::send(const QByteArray &bytes)
{
    if (!m_socket) {
        postError(tr("No target yet: connect to a host and port first."));
        return;
    }
    if (bytes.size() > MAX_DATAGRAM_BYTES) {
        postError(tr("A UDP datagram carries at most %1 bytes; this one has %2, so nothing was sent.")
                      .arg(MAX_DATAGRAM_BYTES)
                      .arg(bytes.size()));
        return;
    }
    // On a connected UDP socket write() sends exactly one datagram.
    const qint64 written = m_socket->write(bytes);
    if (written < 0) {
        postError(tr("Could not send the datagram to %1: %2.").arg(where(), m_socket->errorString()));
        return;
    }
    postSent(bytes, written, MAX_DATAGRAM_BYTES);
}

void UdpClientSession::disconnectFrom()
{
    if (!m_socket && m_lookupId == -1) {
        postError(tr("Not ready: there is nothing to close."));
        return;
    }
    closeSocket();
    postState(ClientState::Idle, tr("Stopped: the local socket is closed."));
}

void UdpClientSession::onReadyRead()
{
    // Read until the socket has nothing left instead of asking
    // hasPendingDatagrams(): its peek swallows the pending ICMP error that a
    // real read reports, and only a read re-arms Qt's read notifier.
    for (int i = 0; i < MAX_DATAGRAMS_PER_READ && m_socket; ++i) {
        QHostAddress sender;
        quint16 senderPort = 0;
        const qint64 size = m_socket->readDatagram(m_buffer.data(), m_buffer.size(), &sender, &senderPort);
        if (size < 0)
            break;
        record(QByteArrayView(m_buffer.constData(), size));
        postReceived(QByteArray(m_buffer.constData(), size), size, sender, senderPort);
    }
}

void UdpClientSession::onError(QAbstractSocket::SocketError error)
{
    // TemporaryError is "no datagram available": the normal end of the read loop.
    if (error == QAbstractSocket::TemporaryError || state() != ClientState::Connected)
        return; // openSocket() reports its own failures
    if (error == QAbstractSocket::ConnectionRefusedError) {
        // The session stays open: the user may start a listener and resend.
        postError(tr("%1 refused the datagram (nothing is listening there).").arg(where()));
        return;
    }
    postError(tr("UDP with %1 failed: %2.").arg(where(), m_socket->errorString()));
}

QString UdpClientSession::where() const
{
    return hostPort(m_host, m_port);
}

} // namespace Net
