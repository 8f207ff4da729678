// Client session options: the local port a TCP or UDP session sends from,
// bound before the connect, and the sentence when it is taken. Loopback only.

#include "clienttesthelpers.h"

#include <QNetworkDatagram>
#include <QNetworkInterface>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QUdpSocket>

#include <memory>

using namespace Net;
using namespace Qt::StringLiterals;
using Kind = ClientEvent::Kind;

namespace {

constexpr int WAIT_MS = 10000;

// A port nothing uses right now: bound once, then released.
quint16 freeTcpPort()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
}

quint16 freeUdpPort()
{
    QUdpSocket probe;
    return probe.bind(QHostAddress::LocalHost, 0) ? probe.localPort() : 0;
}

ClientOptions fromPort(quint16 port)
{
    ClientOptions options;
    options.localPort = port;
    return options;
}

} // namespace

class tst_ClientOptions final : public QObject
{
    Q_OBJECT

private slots:
    void init() { m_rec = std::make_unique<ClientTest::HubRecorder>(); }
    void cleanup() { m_rec.reset(); }

    void tcpConnectsFromTheChosenPort();
    void tcpPortInUseIsASentence();
    void udpSendsFromTheChosenPort();
    void udpPortInUseIsASentence();
    void multicastTtlAndLoopbackReachTheSocket();
    void multicastGroupMustBeAGroup();
    void unknownInterfaceIsASentence();
    void joinOnLoopbackWhereItCanMulticast();
    void broadcastTargetIsAllowed();

private:
    std::unique_ptr<ClientTest::HubRecorder> m_rec;
};

void tst_ClientOptions::tcpConnectsFromTheChosenPort()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    const quint16 local = freeTcpPort();
    QVERIFY(local != 0);
    m_rec->hub.open(1, ClientProtocol::Tcp);
    m_rec->hub.setOptions(1, fromPort(local));
    m_rec->hub.connectTo(1, u"127.0.0.1"_s, server.serverPort());
    QTRY_COMPARE_WITH_TIMEOUT(m_rec->lastState(1), ClientState::Connected, WAIT_MS);
    QTRY_VERIFY_WITH_TIMEOUT(server.hasPendingConnections(), WAIT_MS);
    std::unique_ptr<QTcpSocket> accepted(server.nextPendingConnection());
    QCOMPARE(accepted->peerPort(), local);
    QVERIFY(!m_rec->has(1, Kind::Error));
}

void tst_ClientOptions::tcpPortInUseIsASentence()
{
    QTcpServer target;
    QVERIFY(target.listen(QHostAddress::LocalHost, 0));
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
    m_rec->hub.open(1, ClientProtocol::Tcp);
    m_rec->hub.setOptions(1, fromPort(squatter.serverPort()));
    m_rec->hub.connectTo(1, u"127.0.0.1"_s, target.serverPort());
    QTRY_VERIFY_WITH_TIMEOUT(m_rec->has(1, Kind::Error), WAIT_MS);
    QCOMPARE(m_rec->firstText(1, Kind::Error),
             u"Port %1 is in use: choose another local port, or 0 for any."_s.arg(squatter.serverPort()));
    QVERIFY(m_rec->lastState(1) != ClientState::Connected);

    // Back to "any": the same session connects.
    m_rec->hub.setOptions(1, {});
    m_rec->hub.connectTo(1, u"127.0.0.1"_s, target.serverPort());
    QTRY_COMPARE_WITH_TIMEOUT(m_rec->lastState(1), ClientState::Connected, WAIT_MS);
}

void tst_ClientOptions::udpSendsFromTheChosenPort()
{
    QUdpSocket echo;
    QVERIFY(echo.bind(QHostAddress::LocalHost, 0));
    quint16 senderPort = 0;
    connect(&echo, &QIODevice::readyRead, &echo, [&] {
        while (echo.hasPendingDatagrams()) {
            const QNetworkDatagram datagram = echo.receiveDatagram();
            senderPort = quint16(datagram.senderPort());
            echo.writeDatagram(datagram.makeReply(datagram.data()));
        }
    });
    const quint16 local = freeUdpPort();
    QVERIFY(local != 0);
    m_rec->hub.open(1, ClientProtocol::Udp);
    m_rec->hub.setOptions(1, fromPort(local));
    m_rec->hub.connectTo(1, u"127.0.0.1"_s, echo.localPort());
    QTRY_COMPARE_WITH_TIMEOUT(m_rec->lastState(1), ClientState::Connected, WAIT_MS);
    QVERIFY(m_rec->has(1, Kind::State, u"from local port %1"_s.arg(local)));
    m_rec->hub.send(1, "ping"_ba);
    QTRY_COMPARE_WITH_TIMEOUT(m_rec->received(1), "ping"_ba, WAIT_MS);
    QCOMPARE(senderPort, local);
}

void tst_ClientOptions::udpPortInUseIsASentence()
{
    QUdpSocket squatter;
    QVERIFY(squatter.bind(QHostAddress::LocalHost, 0, QAbstractSocket::DontShareAddress));
    m_rec->hub.open(1, ClientProtocol::Udp);
    m_rec->hub.setOptions(1, fromPort(squatter.localPort()));
    m_rec->hub.connectTo(1, u"127.0.0.1"_s, 9);
    QTRY_VERIFY_WITH_TIMEOUT(m_rec->has(1, Kind::Error), WAIT_MS);
    QCOMPARE(m_rec->firstText(1, Kind::Error),
             u"Port %1 is in use: choose another local port, or 0 for any."_s.arg(squatter.localPort()));
    QCOMPARE(m_rec->lastState(1), ClientState::Idle);
}

// The options are read back from the socket into the "Ready" sentence, so
// this checks what setsockopt really got. Datagrams go to loopback only.
void tst_ClientOptions::multicastTtlAndLoopbackReachTheSocket()
{
    ClientOptions options;
    options.multicastTtl = 4;
    options.multicastLoopback = false;
    m_rec->hub.open(1, ClientProtocol::Udp);
    m_rec->hub.setOptions(1, options);
    m_rec->hub.connectTo(1, u"127.0.0.1"_s, 9);
    QTRY_COMPARE_WITH_TIMEOUT(m_rec->lastState(1), ClientState::Connected, WAIT_MS);
    QVERIFY2(m_rec->has(1, Kind::State, u"; multicast TTL 4, loopback off"_s), qPrintable(m_rec->states(1)));

    options.multicastTtl = 32;
    options.multicastLoopback = true;
    m_rec->hub.setOptions(1, options);
    m_rec->hub.connectTo(1, u"127.0.0.1"_s, 9);
    QTRY_VERIFY_WITH_TIMEOUT(m_rec->has(1, Kind::State, u"; multicast TTL 32, loopback on"_s), WAIT_MS);
    QVERIFY(!m_rec->has(1, Kind::Error));
}

void tst_ClientOptions::multicastGroupMustBeAGroup()
{
    ClientOptions options;
    options.multicastGroup = QHostAddress(u"10.1.2.3"_s);
    m_rec->hub.open(1, ClientProtocol::Udp);
    m_rec->hub.setOptions(1, options);
    m_rec->hub.connectTo(1, u"127.0.0.1"_s, 9);
    QTRY_VERIFY_WITH_TIMEOUT(m_rec->has(1, Kind::Error), WAIT_MS);
    QCOMPARE(m_rec->firstText(1, Kind::Error),
             u"10.1.2.3 is not a multicast group: use 224.0.0.0 to 239.255.255.255 or ff00::/8."_s);
    QCOMPARE(m_rec->lastState(1), ClientState::Idle);
}

void tst_ClientOptions::unknownInterfaceIsASentence()
{
    ClientOptions options;
    options.multicastGroup = QHostAddress(u"239.255.0.1"_s);
    options.multicastInterface = u"nosuchif0"_s;
    m_rec->hub.open(1, ClientProtocol::Udp);
    m_rec->hub.setOptions(1, options);
    m_rec->hub.connectTo(1, u"127.0.0.1"_s, 9);
    QTRY_VERIFY_WITH_TIMEOUT(m_rec->has(1, Kind::Error), WAIT_MS);
    QCOMPARE(m_rec->firstText(1, Kind::Error), u"Interface nosuchif0 was not found."_s);
}

// Joining needs an interface that can multicast; a sandbox's lo may not.
void tst_ClientOptions::joinOnLoopbackWhereItCanMulticast()
{
    QNetworkInterface loopback;
    for (const QNetworkInterface &iface : QNetworkInterface::allInterfaces()) {
        if (iface.flags().testFlag(QNetworkInterface::IsLoopBack))
            loopback = iface;
    }
    if (!loopback.isValid() || !loopback.flags().testFlag(QNetworkInterface::CanMulticast))
        QSKIP("The loopback interface has no MULTICAST flag here: only the option plumbing is tested.");
    ClientOptions options;
    options.multicastGroup = QHostAddress(u"239.255.0.1"_s);
    options.multicastInterface = loopback.name();
    m_rec->hub.open(1, ClientProtocol::Udp);
    m_rec->hub.setOptions(1, options);
    m_rec->hub.connectTo(1, u"127.0.0.1"_s, 9);
    QTRY_COMPARE_WITH_TIMEOUT(m_rec->lastState(1), ClientState::Connected, WAIT_MS);
    QVERIFY(m_rec->has(1, Kind::State, u", joined 239.255.0.1"_s));
}

// Linux refuses to connect a UDP socket to a broadcast address without
// SO_BROADCAST (EACCES): a session that gets ready has it. Nothing is sent.
void tst_ClientOptions::broadcastTargetIsAllowed()
{
    m_rec->hub.open(1, ClientProtocol::Udp);
    m_rec->hub.connectTo(1, u"255.255.255.255"_s, 9);
    QTRY_VERIFY_WITH_TIMEOUT(m_rec->lastState(1) == ClientState::Connected || m_rec->has(1, Kind::Error), WAIT_MS);
    const QString error = m_rec->firstText(1, Kind::Error);
    if (error.contains(u"unreachable"_s, Qt::CaseInsensitive))
        QSKIP("No route for broadcasts here (no network): SO_BROADCAST could not be checked.");
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(m_rec->has(1, Kind::State, u"Ready to send to 255.255.255.255:9"_s));
}

QTEST_GUILESS_MAIN(tst_ClientOptions)
#include "tst_clientoptions.moc"
