// Any number of servers at once through the façade: two web servers on
// different roots and two TCP servers, all on port 0. Traffic, records and
// totals belong to the server that carried them; removing a server frees its
// port; a relay added by id relays, and takes new faults on an open connection.

#include "api/netcontroller.h"

#include <algorithm>

#include <QDir>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Net;

namespace {

constexpr int WAIT_MS = 15000;
const QHostAddress Loopback(QHostAddress::LocalHost);

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

// A client socket that keeps everything it receives.
struct Client
{
    explicit Client(quint16 port)
    {
        QObject::connect(&socket, &QTcpSocket::readyRead, &socket, [this] { received += socket.readAll(); });
        socket.connectToHost(Loopback, port);
    }
    QTcpSocket socket;
    QByteArray received;
};

} // namespace

class tst_Servers : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void twoWebAndTwoTcpServersKeepTheirTraffic();
    void removeServerFreesItsPort();
    void updateServerRestartsOnTheNewAddress();
    void relayAddedByIdRelaysToAnEcho();
    void relayFaultsChangeOnAnOpenConnection();
    void idsAreHandedOutAtOnce();

private:
    ServerId addAndStart(const ServerSpec &spec);
    ServerSpec webSpec(const QString &root) const;
    ServerSpec tcpSpec() const;
    ServerSpec relaySpec(quint16 upstreamPort) const;
    // A TCP echo and a relay in front of it, both running; the relay's id.
    ServerId startRelayToEcho();
    quint16 port(ServerId id) const { return m_net->status(id).port; }
    // Every traffic event and record seen so far.
    QList<TrafficEvent> m_events;
    QList<ConnectionRecord> m_records;
    std::unique_ptr<NetController> m_net;
    QTemporaryDir m_dir;
};

void tst_Servers::init()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(QDir(m_dir.path()).mkpath(u"a"_s) && QDir(m_dir.path()).mkpath(u"b"_s));
    QVERIFY(writeFile(m_dir.filePath(u"a/index.html"_s), "site A"));
    QVERIFY(writeFile(m_dir.filePath(u"b/index.html"_s), "site B, longer"));
    m_events.clear();
    m_records.clear();
    m_net = std::make_unique<NetController>();
    connect(m_net.get(), &NetController::trafficBatch, this, [this](const TrafficBatch &batch) {
        m_events.append(batch.events);
        m_records.append(batch.changedConnections);
    });
}

void tst_Servers::cleanup()
{
    m_net.reset();
}

ServerId tst_Servers::addAndStart(const ServerSpec &spec)
{
    const ServerId id = m_net->addServer(spec);
    m_net->startServer(id);
    return id;
}

ServerSpec tst_Servers::webSpec(const QString &root) const
{
    ServerSpec spec;
    spec.kind = ServerKind::Web;
    spec.setEndpoint(Loopback, 0);
    spec.web.rootPath = m_dir.filePath(root);
    return spec;
}

ServerSpec tst_Servers::tcpSpec() const
{
    ServerSpec spec;
    spec.kind = ServerKind::Tcp;
    spec.setEndpoint(Loopback, 0);
    return spec;
}

void tst_Servers::twoWebAndTwoTcpServersKeepTheirTraffic()
{
    ServerSpec named = webSpec(u"b"_s);
    named.name = u"second site"_s;
    const ServerId webA = addAndStart(webSpec(u"a"_s));
    const ServerId webB = addAndStart(named);
    const ServerId tcpA = addAndStart(tcpSpec());
    const ServerId tcpB = addAndStart(tcpSpec());
    QCOMPARE(QSet<ServerId>({webA, webB, tcpA, tcpB}).size(), 4);
    QTRY_VERIFY_WITH_TIMEOUT(m_net->status(webA).running && m_net->status(webB).running && m_net->status(tcpA).running
                                 && m_net->status(tcpB).running,
                             WAIT_MS);
    QCOMPARE(QSet<quint16>({port(webA), port(webB), port(tcpA), port(tcpB)}).size(), 4);
    QCOMPARE(m_net->servers().size(), 4);
    QCOMPARE(m_net->serverName(webA), u"web"_s);
    QCOMPARE(m_net->serverName(webB), u"second site"_s);
    QCOMPARE(m_net->status(webB).name, u"second site"_s);

    // Each web server answers from its own root.
    Client getA(port(webA));
    Client getB(port(webB));
    getA.socket.write("GET / HTTP/1.0\r\n\r\n");
    getB.socket.write("GET / HTTP/1.0\r\n\r\n");
    QTRY_VERIFY_WITH_TIMEOUT(getA.received.endsWith("site A"), WAIT_MS);
    QTRY_VERIFY_WITH_TIMEOUT(getB.received.endsWith("site B, longer"), WAIT_MS);

    // Each TCP server echoes its own client, and "send to all" reaches only its own.
    Client echoA(port(tcpA));
    Client echoB(port(tcpB));
    echoA.socket.write("one");
    echoB.socket.write("second");
    QTRY_COMPARE_WITH_TIMEOUT(echoA.received, "one"_ba, WAIT_MS);
    QTRY_COMPARE_WITH_TIMEOUT(echoB.received, "second"_ba, WAIT_MS);
    m_net->sendToAll(tcpB, "!"_ba);
    QTRY_COMPARE_WITH_TIMEOUT(echoB.received, "second!"_ba, WAIT_MS);

    // Totals are kept per server id.
    QTRY_COMPARE_WITH_TIMEOUT(m_net->totals(tcpA).bytesIn, qint64(3), WAIT_MS);
    QTRY_COMPARE_WITH_TIMEOUT(m_net->totals(tcpB).bytesOut, qint64(7), WAIT_MS);
    QCOMPARE(m_net->totals(tcpB).bytesIn, qint64(6));
    QCOMPARE(m_net->totals(tcpA).bytesOut, qint64(3));
    QTRY_COMPARE_WITH_TIMEOUT(m_net->totals(webA).requests, qint64(1), WAIT_MS);
    QCOMPARE(m_net->totals(webB).requests, qint64(1));
    QCOMPARE(m_net->totals(webA).connectionsTotal, qint64(1));
    QCOMPARE(m_net->totals(tcpA).requests, qint64(0));
    echoA.socket.write("x"); // nothing more went to tcpA: bytesIn moves from 3 to 4, not past it
    QTRY_COMPARE_WITH_TIMEOUT(m_net->totals(tcpA).bytesIn, qint64(4), WAIT_MS);

    // Every event and record names its server by id, with that server's kind.
    QHash<ServerId, QSet<QByteArray>> payloads;
    QHash<ServerId, int> exchanges;
    for (const TrafficEvent &event : std::as_const(m_events)) {
        QCOMPARE(event.serverKind, m_net->status(event.server).kind);
        if (event.kind == TrafficEvent::Kind::Data && event.direction == Direction::In)
            payloads[event.server].insert(event.payload);
        if (event.kind == TrafficEvent::Kind::Http)
            ++exchanges[event.server];
    }
    QCOMPARE(payloads.value(tcpA), (QSet<QByteArray>{"one", "x"}));
    QCOMPARE(payloads.value(tcpB), (QSet<QByteArray>{"second"}));
    QCOMPARE(exchanges.value(webA), 1);
    QCOMPARE(exchanges.value(webB), 1);
    for (const ConnectionRecord &record : std::as_const(m_records)) {
        QVERIFY(QSet<ServerId>({webA, webB, tcpA, tcpB}).contains(record.server));
        QCOMPARE(record.serverKind, m_net->status(record.server).kind);
        if (record.peerPort == echoB.socket.localPort())
            QCOMPARE(record.server, tcpB);
    }
}

void tst_Servers::removeServerFreesItsPort()
{
    const ServerId kept = addAndStart(tcpSpec());
    const ServerId removed = addAndStart(tcpSpec());
    QTRY_VERIFY_WITH_TIMEOUT(m_net->status(kept).running && m_net->status(removed).running, WAIT_MS);
    const quint16 freed = port(removed);
    Client client(freed);
    client.socket.write("bye");
    QTRY_COMPARE_WITH_TIMEOUT(client.received, "bye"_ba, WAIT_MS);

    QSignalSpy removals(m_net.get(), &NetController::serverRemoved);
    m_net->removeServer(removed);
    QTRY_COMPARE_WITH_TIMEOUT(removals.size(), 1, WAIT_MS);
    QCOMPARE(removals.first().first().value<ServerId>(), removed);
    QTRY_COMPARE_WITH_TIMEOUT(client.socket.state(), QAbstractSocket::UnconnectedState, WAIT_MS);
    QCOMPARE(m_net->servers().size(), 1);
    QCOMPARE(m_net->servers().first().id, kept);
    QVERIFY(!m_net->status(removed).running);
    QCOMPARE(m_net->status(removed).id, ServerId(0)); // unknown now
    QCOMPARE(m_net->serverName(removed), u"tcp"_s); // the log still names its events

    // The port is free again: another program can listen on it.
    QTcpServer other;
    QVERIFY2(other.listen(Loopback, freed), qPrintable(other.errorString()));
    QVERIFY(m_net->status(kept).running);
    QTRY_VERIFY_WITH_TIMEOUT(!m_net->totals(kept).connectionsTotal, WAIT_MS); // the kept one saw nothing
}

void tst_Servers::updateServerRestartsOnTheNewAddress()
{
    const ServerId id = addAndStart(tcpSpec());
    QTRY_VERIFY_WITH_TIMEOUT(m_net->status(id).running, WAIT_MS);
    QTcpServer blocker; // a port we know, freed just before the update
    QVERIFY(blocker.listen(Loopback, 0));
    const quint16 wanted = blocker.serverPort();
    blocker.close();
    ServerSpec moved = tcpSpec();
    moved.setEndpoint(Loopback, wanted);
    moved.name = u"moved"_s;
    m_net->updateServer(id, moved);
    QTRY_COMPARE_WITH_TIMEOUT(port(id), wanted, WAIT_MS);
    QVERIFY(m_net->status(id).running);
    QCOMPARE(m_net->status(id).name, u"moved"_s);
    QCOMPARE(m_net->spec(id).port(), wanted);
    Client client(wanted);
    client.socket.write("here");
    QTRY_COMPARE_WITH_TIMEOUT(client.received, "here"_ba, WAIT_MS);
}

ServerSpec tst_Servers::relaySpec(quint16 upstreamPort) const
{
    ServerSpec spec;
    spec.kind = ServerKind::Relay;
    spec.setEndpoint(Loopback, 0);
    spec.relay.upstreamHost = u"127.0.0.1"_s;
    spec.relay.upstreamPort = upstreamPort;
    return spec;
}

ServerId tst_Servers::startRelayToEcho()
{
    const ServerId echo = addAndStart(tcpSpec());
    [&] { QTRY_VERIFY_WITH_TIMEOUT(port(echo) != 0, WAIT_MS); }();
    const ServerId relay = addAndStart(relaySpec(port(echo)));
    [&] { QTRY_VERIFY_WITH_TIMEOUT(port(relay) != 0, WAIT_MS); }();
    return relay;
}

void tst_Servers::relayAddedByIdRelaysToAnEcho()
{
    const ServerId relay = startRelayToEcho();
    QVERIFY(port(relay) != 0);
    QCOMPARE(m_net->status(relay).kind, ServerKind::Relay);
    QVERIFY(m_net->status(relay).error.isEmpty());
    Client client(port(relay));
    client.socket.write("through");
    QTRY_COMPARE_WITH_TIMEOUT(client.received, "through"_ba, WAIT_MS);
    // The relay's events and record carry its id, not the echo's behind it.
    const auto relayData = [&](Direction direction) {
        return std::any_of(m_events.cbegin(), m_events.cend(), [&](const TrafficEvent &event) {
            return event.server == relay && event.serverKind == ServerKind::Relay
                && event.kind == TrafficEvent::Kind::Data && event.direction == direction
                && event.payload == "through";
        });
    };
    QTRY_VERIFY_WITH_TIMEOUT(relayData(Direction::In) && relayData(Direction::Out), WAIT_MS);
    const auto relayRecord = [&] {
        return std::any_of(m_records.cbegin(), m_records.cend(), [&](const ConnectionRecord &record) {
            return record.server == relay && record.peerPort == client.socket.localPort();
        });
    };
    QTRY_VERIFY_WITH_TIMEOUT(relayRecord(), WAIT_MS);
}

void tst_Servers::relayFaultsChangeOnAnOpenConnection()
{
    const ServerId relay = startRelayToEcho();
    const quint16 relayPort = port(relay);
    QVERIFY(relayPort != 0);
    Client client(relayPort);
    client.socket.write("one");
    QTRY_COMPARE_WITH_TIMEOUT(client.received, "one"_ba, WAIT_MS);

    // Only the faults change: the relay keeps its port and this connection.
    // limit_data counts from the connection's start, so 3 bytes are left.
    ServerSpec faulty = m_net->spec(relay);
    faulty.relay.faults.downstream.limitData.enabled = true;
    faulty.relay.faults.downstream.limitData.bytes = 6;
    QSignalSpy status(m_net.get(), &NetController::serverStatusChanged);
    m_net->updateServer(relay, faulty);
    QVERIFY(status.wait(WAIT_MS));
    QCOMPARE(status.constLast().first().value<ServerStatus>().id, relay);
    QVERIFY(m_net->status(relay).running);
    QCOMPARE(port(relay), relayPort);
    QCOMPARE(client.socket.state(), QAbstractSocket::ConnectedState);

    client.socket.write("abcdef");
    QTRY_COMPARE_WITH_TIMEOUT(client.socket.state(), QAbstractSocket::UnconnectedState, WAIT_MS);
    QCOMPARE(client.received, "oneabc"_ba);
    const auto closedByFault = [&] {
        return std::any_of(m_events.cbegin(), m_events.cend(), [&](const TrafficEvent &event) {
            return event.server == relay && event.kind == TrafficEvent::Kind::Closed
                && event.note.contains(u"limit_data"_s);
        });
    };
    QTRY_VERIFY_WITH_TIMEOUT(closedByFault(), WAIT_MS);
}

void tst_Servers::idsAreHandedOutAtOnce()
{
    // Known on the caller's thread before the network thread has seen them.
    const ServerId first = m_net->addServer(tcpSpec());
    const ServerId second = m_net->addServer(webSpec(u"a"_s));
    QVERIFY(first != 0 && second != 0 && first != second);
    QCOMPARE(m_net->servers().size(), 2);
    QCOMPARE(m_net->status(second).kind, ServerKind::Web);
    QVERIFY(!m_net->status(second).running);
    ServerSpec explicitId = tcpSpec();
    explicitId.id = 100;
    QCOMPARE(m_net->addServer(explicitId), ServerId(100));
    QCOMPARE(m_net->addServer(tcpSpec()), ServerId(101)); // later ids go past it
}

QTEST_GUILESS_MAIN(tst_Servers)
#include "tst_servers.moc"
