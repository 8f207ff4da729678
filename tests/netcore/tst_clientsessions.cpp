// The TCP and UDP client sessions and the hub that batches their events,
// against servers the test runs in its own thread (a QTcpServer and a
// QUdpSocket echo). Loopback only; waits are QTRY_*, never sleeps.

#include "clienttesthelpers.h"

#include <QNetworkDatagram>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QUdpSocket>

#include <memory>

using namespace Net;
using namespace Qt::StringLiterals;
using Kind = ClientEvent::Kind;

namespace {

constexpr int LOOKUP_TIMEOUT_MS = 30000; // a failing DNS lookup may take a while offline
constexpr int TRANSFER_TIMEOUT_MS = 20000;

// Writes back whatever arrives, on every connection it accepts.
void startTcp(QTcpServer &server)
{
    QObject::connect(&server, &QTcpServer::newConnection, &server, [&server] {
        while (QTcpSocket *socket = server.nextPendingConnection()) {
            QObject::connect(socket, &QIODevice::readyRead, socket, [socket] { socket->write(socket->readAll()); });
            QObject::connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
        }
    });
}

void startUdp(QUdpSocket &echo)
{
    QObject::connect(&echo, &QIODevice::readyRead, &echo, [&echo] {
        while (echo.hasPendingDatagrams()) {
            const QNetworkDatagram datagram = echo.receiveDatagram();
            echo.writeDatagram(datagram.makeReply(datagram.data()));
        }
    });
}

// A port on which nothing listens: bound once, then released.
quint16 closedTcpPort()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
}

quint16 closedUdpPort()
{
    QUdpSocket probe;
    return probe.bind(QHostAddress::LocalHost, 0) ? probe.localPort() : 0;
}

} // namespace

class tst_ClientSessions final : public QObject
{
    Q_OBJECT

private slots:
    void init() { m_rec = std::make_unique<ClientTest::HubRecorder>(); }
    void cleanup() { m_rec.reset(); }

    void tcpRoundTrip_data();
    void tcpRoundTrip();
    void tcpRefused();
    void tcpHostNotFound();
    void tcpServerCloses();
    void tcpSendWhileDisconnected();
    void tcpLargeTransfer();
    void tcpReconnect();

    void udpRoundTrip();
    void udpRefused();
    void udpDatagramLimit();
    void udpSendWithoutTarget();
    void udpHostNotFound();

    void unknownSessionAndWrongProtocol();
    void closeIsQuietAndIdempotent();
    void closeAll();
    void hubDestroyedMidFlight();
    void batching();
    void queueBound();

private:
    ClientHub &hub() { return m_rec->hub; }

    std::unique_ptr<ClientTest::HubRecorder> m_rec;
};

// --- TCP -------------------------------------------------------------------

void tst_ClientSessions::tcpRoundTrip_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<QHostAddress>("listenOn");
    QTest::addColumn<QString>("expectedStates");
    QTest::addRow("ipv4") << u"127.0.0.1"_s << QHostAddress(QHostAddress::LocalHost)
                          << u"Connecting,Connected,Closing,Closed"_s;
    QTest::addRow("ipv6") << u"::1"_s << QHostAddress(QHostAddress::LocalHostIPv6)
                          << u"Connecting,Connected,Closing,Closed"_s;
    QTest::addRow("name") << u"localhost"_s << QHostAddress(QHostAddress::LocalHost)
                          << u"Resolving,Connecting,Connected,Closing,Closed"_s;
}

void tst_ClientSessions::tcpRoundTrip()
{
    QFETCH(QString, host);
    QFETCH(QHostAddress, listenOn);
    QFETCH(QString, expectedStates);
    QTcpServer server;
    if (!server.listen(listenOn, 0)) {
        if (listenOn.protocol() == QAbstractSocket::IPv6Protocol)
            QSKIP("IPv6 loopback is not available here");
        QFAIL(qPrintable(server.errorString()));
    }
    startTcp(server);

    hub().open(1, ClientProtocol::Tcp);
    hub().connectTo(1, host, server.serverPort());
    QTRY_COMPARE(m_rec->lastState(1), ClientState::Connected);
    const ClientEvent connected = m_rec->events(1, Kind::State).constLast();
    QCOMPARE(connected.peerAddress, listenOn);
    QCOMPARE(connected.peerPort, server.serverPort());
    QVERIFY2(connected.text.startsWith(u"Connected to "_s), qPrintable(connected.text));
    QVERIFY(connected.timeMs > 0);

    hub().send(1, "hello"_ba);
    QTRY_COMPARE(m_rec->received(1), "hello"_ba);
    const QList<ClientEvent> sent = m_rec->events(1, Kind::Sent);
    QCOMPARE(sent.size(), 1);
    QCOMPARE(sent.constFirst().data, "hello"_ba);
    QCOMPARE(sent.constFirst().size, 5);

    hub().disconnectFrom(1);
    QTRY_COMPARE(m_rec->lastState(1), ClientState::Closed);
    QCOMPARE(m_rec->states(1), expectedStates);
    QVERIFY(m_rec->events(1, Kind::Error).isEmpty());
}

void tst_ClientSessions::tcpRefused()
{
    const quint16 port = closedTcpPort();
    QVERIFY(port != 0);
    hub().open(1, ClientProtocol::Tcp);
    hub().connectTo(1, u"127.0.0.1"_s, port);
    QTRY_VERIFY(m_rec->has(1, Kind::Error, u"refused"_s));
    QTRY_COMPARE(m_rec->lastState(1), ClientState::Closed);
    const ClientEvent error = m_rec->events(1, Kind::Error).constFirst();
    QCOMPARE(error.text, u"Connection refused by 127.0.0.1:%1: nothing is listening there."_s.arg(port));
}

void tst_ClientSessions::tcpHostNotFound()
{
    hub().open(1, ClientProtocol::Tcp);
    hub().connectTo(1, u"no-such-host.invalid"_s, 80);
    QTRY_VERIFY_WITH_TIMEOUT(m_rec->has(1, Kind::Error, u"not found"_s), LOOKUP_TIMEOUT_MS);
    QCOMPARE(m_rec->firstText(1, Kind::Error),
             u"Host \"no-such-host.invalid\" was not found."_s);
    QTRY_COMPARE(m_rec->lastState(1), ClientState::Closed);
}

void tst_ClientSessions::tcpServerCloses()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    connect(&server, &QTcpServer::newConnection, &server, [&server] {
        while (QTcpSocket *socket = server.nextPendingConnection())
            socket->disconnectFromHost();
    });
    hub().open(1, ClientProtocol::Tcp);
    hub().connectTo(1, u"127.0.0.1"_s, server.serverPort());
    QTRY_COMPARE(m_rec->lastState(1), ClientState::Closed);
    QCOMPARE(m_rec->events(1, Kind::State).constLast().text, u"The server closed the connection."_s);
    QCOMPARE(m_rec->states(1), u"Connecting,Connected,Closed"_s);
    QVERIFY(m_rec->events(1, Kind::Error).isEmpty());
}

void tst_ClientSessions::tcpSendWhileDisconnected()
{
    hub().open(1, ClientProtocol::Tcp);
    hub().send(1, "lost"_ba);
    QTRY_VERIFY(m_rec->has(1, Kind::Error, u"Not connected: connect first."_s));
    QVERIFY(m_rec->events(1, Kind::Sent).isEmpty());
}

void tst_ClientSessions::tcpLargeTransfer()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    startTcp(server);
    QByteArray payload(1024 * 1024, Qt::Uninitialized);
    QRandomGenerator random(20240601);
    random.fillRange(reinterpret_cast<quint32 *>(payload.data()), payload.size() / int(sizeof(quint32)));

    hub().open(1, ClientProtocol::Tcp);
    hub().connectTo(1, u"127.0.0.1"_s, server.serverPort());
    QTRY_COMPARE(m_rec->lastState(1), ClientState::Connected);
    hub().send(1, payload);
    QTRY_COMPARE_WITH_TIMEOUT(m_rec->received(1).size(), payload.size(), TRANSFER_TIMEOUT_MS);
    QVERIFY(m_rec->received(1) == payload); // not QCOMPARE: a diff of 1 MiB helps nobody
    const QList<ClientEvent> chunks = m_rec->events(1, Kind::Received);
    qint64 counted = 0;
    for (const ClientEvent &chunk : chunks) {
        QCOMPARE(chunk.size, chunk.data.size());
        counted += chunk.size;
    }
    QCOMPARE(counted, payload.size());
    QCOMPARE(m_rec->events(1, Kind::Sent).constFirst().size, payload.size());
}

void tst_ClientSessions::tcpReconnect()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    startTcp(server);
    hub().open(1, ClientProtocol::Tcp);
    hub().connectTo(1, u"127.0.0.1"_s, server.serverPort());
    QTRY_COMPARE(m_rec->lastState(1), ClientState::Connected);
    hub().connectTo(1, u"127.0.0.1"_s, server.serverPort());
    QTRY_COMPARE(m_rec->states(1), u"Connecting,Connected,Closed,Connecting,Connected"_s);
    hub().send(1, "again"_ba);
    QTRY_COMPARE(m_rec->received(1), "again"_ba);
}

// --- UDP -------------------------------------------------------------------

void tst_ClientSessions::udpRoundTrip()
{
    QUdpSocket echo;
    QVERIFY(echo.bind(QHostAddress::LocalHost, 0));
    startUdp(echo);
    hub().open(2, ClientProtocol::Udp);
    hub().connectTo(2, u"127.0.0.1"_s, echo.localPort());
    QTRY_COMPARE(m_rec->lastState(2), ClientState::Connected);
    QVERIFY(m_rec->events(2, Kind::State).constLast().text.startsWith(u"Ready to send to 127.0.0.1:"_s));

    hub().send(2, "ping"_ba);
    hub().send(2, "pong"_ba);
    QTRY_COMPARE(m_rec->events(2, Kind::Received).size(), 2);
    const QList<ClientEvent> datagrams = m_rec->events(2, Kind::Received);
    QCOMPARE(datagrams.at(0).data, "ping"_ba);
    QCOMPARE(datagrams.at(1).data, "pong"_ba);
    QCOMPARE(datagrams.at(0).peerAddress, QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(datagrams.at(0).peerPort, echo.localPort());
    QCOMPARE(m_rec->events(2, Kind::Sent).size(), 2);
    QVERIFY(m_rec->events(2, Kind::Error).isEmpty());
}

void tst_ClientSessions::udpRefused()
{
    const quint16 port = closedUdpPort();
    QVERIFY(port != 0);
    hub().open(2, ClientProtocol::Udp);
    hub().connectTo(2, u"127.0.0.1"_s, port);
    QTRY_COMPARE(m_rec->lastState(2), ClientState::Connected);
    hub().send(2, "anyone?"_ba);
    // Linux loopback answers with ICMP port unreachable at once.
    QTRY_VERIFY(m_rec->has(2, Kind::Error, u"refused"_s));
    QCOMPARE(m_rec->firstText(2, Kind::Error),
             u"127.0.0.1:%1 refused the datagram (nothing is listening there)."_s.arg(port));

    // The session stays usable: once something listens there, it answers.
    QUdpSocket echo;
    QVERIFY(echo.bind(QHostAddress::LocalHost, port));
    startUdp(echo);
    hub().send(2, "now?"_ba);
    QTRY_COMPARE(m_rec->received(2), "now?"_ba);
    QCOMPARE(m_rec->lastState(2), ClientState::Connected);
}

void tst_ClientSessions::udpDatagramLimit()
{
    QUdpSocket echo;
    QVERIFY(echo.bind(QHostAddress::LocalHost, 0));
    startUdp(echo);
    hub().open(2, ClientProtocol::Udp);
    hub().connectTo(2, u"127.0.0.1"_s, echo.localPort());
    QTRY_COMPARE(m_rec->lastState(2), ClientState::Connected);

    hub().send(2, QByteArray(65508, 'x'));
    QTRY_VERIFY(m_rec->has(2, Kind::Error, u"at most 65507 bytes"_s));
    QVERIFY(m_rec->events(2, Kind::Sent).isEmpty());

    hub().send(2, QByteArray(65507, 'y'));
    QTRY_COMPARE(m_rec->events(2, Kind::Received).size(), 1);
    QCOMPARE(m_rec->events(2, Kind::Received).constFirst().size, 65507);
    QCOMPARE(m_rec->events(2, Kind::Sent).size(), 1);
}

void tst_ClientSessions::udpSendWithoutTarget()
{
    hub().open(2, ClientProtocol::Udp);
    hub().send(2, "nowhere"_ba);
    QTRY_VERIFY(m_rec->has(2, Kind::Error, u"No target yet"_s));
    QVERIFY(m_rec->events(2, Kind::Sent).isEmpty());
}

void tst_ClientSessions::udpHostNotFound()
{
    hub().open(2, ClientProtocol::Udp);
    hub().connectTo(2, u"no-such-host.invalid"_s, 7);
    QTRY_VERIFY_WITH_TIMEOUT(m_rec->has(2, Kind::Error, u"not found"_s), LOOKUP_TIMEOUT_MS);
    QCOMPARE(m_rec->lastState(2), ClientState::Idle);
}

// --- The hub ---------------------------------------------------------------

void tst_ClientSessions::unknownSessionAndWrongProtocol()
{
    hub().send(42, "x"_ba);
    QTRY_VERIFY(m_rec->has(42, Kind::Error, u"no client session 42"_s));

    hub().open(1, ClientProtocol::Tcp);
    hub().open(1, ClientProtocol::Udp);
    hub().sendHttp(1, HttpClientRequest{});
    hub().open(3, ClientProtocol::Http);
    hub().connectTo(3, u"127.0.0.1"_s, 80);
    hub().send(3, "raw"_ba);
    QTRY_COMPARE(m_rec->events(1, Kind::Error).size(), 2);
    QVERIFY(m_rec->has(1, Kind::Error, u"already open"_s));
    QVERIFY(m_rec->has(1, Kind::Error, u"not supported for this protocol (TCP)"_s));
    QTRY_COMPARE(m_rec->events(3, Kind::Error).size(), 2);
    QVERIFY(m_rec->has(3, Kind::Error, u"not supported for this protocol (HTTP)"_s));
}

void tst_ClientSessions::closeIsQuietAndIdempotent()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    QTcpSocket *accepted = nullptr;
    connect(&server, &QTcpServer::newConnection, this, [&] { accepted = server.nextPendingConnection(); });
    hub().open(1, ClientProtocol::Tcp);
    hub().connectTo(1, u"127.0.0.1"_s, server.serverPort());
    QTRY_COMPARE(m_rec->lastState(1), ClientState::Connected);
    QTRY_VERIFY(accepted);
    const qsizetype before = m_rec->all.size();

    hub().close(1);
    hub().close(1);
    hub().close(99);
    QTRY_COMPARE(accepted->state(), QAbstractSocket::UnconnectedState); // the peer saw it go
    // Events leave in order: once a marker posted now has arrived, anything
    // the closed session had said would have arrived before it.
    ClientEvent marker;
    marker.sessionId = 1000;
    hub().post(std::move(marker));
    QTRY_COMPARE(m_rec->all.size(), before + 1);
    QCOMPARE(m_rec->all.constLast().sessionId, 1000u);
    hub().send(1, "gone"_ba);
    QTRY_VERIFY(m_rec->has(1, Kind::Error, u"no client session 1"_s));
}

void tst_ClientSessions::closeAll()
{
    hub().open(1, ClientProtocol::Tcp);
    hub().open(2, ClientProtocol::Udp);
    hub().open(3, ClientProtocol::Http);
    hub().closeAll();
    hub().open(1, ClientProtocol::Tcp); // the id is free again
    hub().send(2, "x"_ba);
    hub().send(3, "x"_ba);
    hub().send(1, "x"_ba);
    QTRY_VERIFY(m_rec->has(1, Kind::Error, u"Not connected"_s));
    QVERIFY(m_rec->has(2, Kind::Error, u"no client session 2"_s));
    QVERIFY(m_rec->has(3, Kind::Error, u"no client session 3"_s));
}

// Deleting the hub with a stream open, a lookup pending and a request in
// flight must neither crash nor leave anything behind (run it under ASan).
void tst_ClientSessions::hubDestroyedMidFlight()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    startTcp(server);
    hub().open(1, ClientProtocol::Tcp);
    hub().connectTo(1, u"127.0.0.1"_s, server.serverPort());
    hub().open(2, ClientProtocol::Udp);
    hub().connectTo(2, u"no-such-host.invalid"_s, 7);
    hub().open(3, ClientProtocol::Http);
    hub().sendHttp(3, HttpClientRequest{"GET", QUrl(u"http://127.0.0.1:%1/"_s.arg(server.serverPort())), {}, {},
                                        30000});
    QTRY_COMPARE(m_rec->lastState(1), ClientState::Connected);
    hub().send(1, QByteArray(256 * 1024, 'z'));
    m_rec.reset();
    // Whatever the sockets had queued now runs against a hub that is gone.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    QCoreApplication::processEvents();
    QVERIFY(!m_rec);
}

void tst_ClientSessions::batching()
{
    constexpr int sends = 1000;
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    startTcp(server);
    hub().open(1, ClientProtocol::Tcp);
    hub().connectTo(1, u"127.0.0.1"_s, server.serverPort());
    QTRY_COMPARE(m_rec->lastState(1), ClientState::Connected);
    QTRY_VERIFY(m_rec->batches > 0); // the connect events are out of the way
    const int batchesBefore = m_rec->batches;
    const qsizetype eventsBefore = m_rec->all.size();

    for (int i = 0; i < sends; ++i)
        hub().send(1, "x"_ba);
    QTRY_COMPARE_WITH_TIMEOUT(m_rec->received(1).size(), sends, TRANSFER_TIMEOUT_MS);
    QTRY_COMPARE(m_rec->events(1, Kind::Sent).size(), sends);
    const qsizetype newEvents = m_rec->all.size() - eventsBefore;
    const int newBatches = m_rec->batches - batchesBefore;
    QVERIFY2(newBatches * 10 < newEvents,
             qPrintable(u"%1 events came in %2 batches"_s.arg(newEvents).arg(newBatches)));
    QCOMPARE(m_rec->dropped, 0);
}

void tst_ClientSessions::queueBound()
{
    constexpr int posted = 10500;
    for (int i = 0; i < posted; ++i) {
        ClientEvent event;
        event.sessionId = 7;
        event.kind = Kind::Received;
        hub().post(std::move(event));
    }
    QTRY_COMPARE(m_rec->batches, 1);
    QCOMPARE(m_rec->all.size(), 10000);
    QCOMPARE(m_rec->dropped, posted - 10000);
}

QTEST_GUILESS_MAIN(tst_ClientSessions)
#include "tst_clientsessions.moc"
