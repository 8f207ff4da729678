// The web server over real loopback sockets, seen through its TrafficMonitor:
// access records, connection records and totals must match what a client
// sent and received, byte for byte.

#include "parsedresponse.h"
#include "testserverids.h"
#include "posixclient.h"
#include "rawclient.h"
#include "testsite.h"
#include "webserverfixture.h"

#include <QDateTime>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace HttpTest;
using Kind = Net::TrafficEvent::Kind;

class tst_HttpServerMonitor : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data();
    void initTestCase();
    void init();
    void cleanup();

    void accessRecordDescribesExchange();
    void accessRecordsFollowRequestOrder();
    void accessRecordOfRefusedRequest();
    void totalsMatchTheWire();
    void parseErrorsAreCounted();
    void bytesReadAfterAnErrorAreCounted();
    void connectionRecordOpensAndCloses();
    void batchesWaitForTheConsumer();
    void exchangesShareTheConnectionsClock();

private:
    TestSite m_site;
    bool m_ipv6 = false;
    QHostAddress m_address;
    std::unique_ptr<WebServerFixture> m_web;
};

void tst_HttpServerMonitor::initTestCase_data()
{
    addLoopbackRows();
}

void tst_HttpServerMonitor::initTestCase()
{
    QVERIFY2(m_site.create(), qPrintable(m_site.error()));
    m_ipv6 = ipv6LoopbackAvailable();
}

void tst_HttpServerMonitor::init()
{
    m_address = currentLoopback();
    if (m_address.protocol() == QAbstractSocket::IPv6Protocol && !m_ipv6)
        QSKIP("IPv6 loopback (::1) is not available on this machine");
    m_web = std::make_unique<WebServerFixture>();
    QCOMPARE(m_web->start(WebServerFixture::config(m_address, m_site.root())), QString());
}

void tst_HttpServerMonitor::cleanup()
{
    m_web.reset();
}

void tst_HttpServerMonitor::accessRecordDescribesExchange()
{
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    RawClient client;
    QVERIFY(client.connectTo(m_address, m_web->port()));
    const QByteArray sent = get("/hello.txt?q=1", "User-Agent: tst\r\n");
    const auto response = client.exchange(sent);
    QCOMPARE(statusOf(response), 200);
    m_web->flush();

    const auto records = m_web->eventsOfKind(Kind::Http);
    QCOMPARE(records.size(), 1);
    const Net::TrafficEvent &record = records.first();
    QCOMPARE(record.serverKind, Net::ServerKind::Web);
    QCOMPARE(record.method(), "GET");
    QCOMPARE(record.target(), "/hello.txt?q=1");
    QCOMPARE(record.httpVersion(), "HTTP/1.1");
    QCOMPARE(record.status, 200);
    QCOMPARE(record.size, response->wireSize);
    QCOMPARE(record.bodySize, Site::HelloTxt.size());
    QCOMPARE(record.requestHead, sent);
    QCOMPARE(record.responseHead, response->head);
    QCOMPARE(record.peerAddress, client.socket().localAddress());
    QCOMPARE(record.peerPort, client.socket().localPort());
    QVERIFY(record.durationUs >= 0);
    // Wall-clock time of the exchange. The server derives it from a monotonic
    // clock in whole milliseconds, so allow it to lag the test's clock a little.
    constexpr qint64 ClockSlackMs = 50;
    QVERIFY(record.timeMs >= before - ClockSlackMs);
    QVERIFY(record.timeMs <= QDateTime::currentMSecsSinceEpoch() + ClockSlackMs);
    QVERIFY(record.connectionId != 0);
    QCOMPARE(record.connectionId, m_web->idForPeerPort(client.socket().localPort()));
}

void tst_HttpServerMonitor::accessRecordsFollowRequestOrder()
{
    RawClient client;
    QVERIFY(client.connectTo(m_address, m_web->port()));
    const auto head = client.exchange(request("HEAD", "/hello.txt"), true);
    const auto missing = client.exchange(get("/missing.txt"));
    const auto big = client.exchange(get("/big.bin"));
    QVERIFY(head && missing && big);
    m_web->flush();

    const auto records = m_web->eventsOfKind(Kind::Http);
    QCOMPARE(records.size(), 3);
    QCOMPARE(records[0].method(), "HEAD");
    QCOMPARE(records[0].status, 200);
    QCOMPARE(records[0].bodySize, 0);
    QCOMPARE(records[0].size, head->wireSize);
    QCOMPARE(records[1].status, 404);
    QCOMPARE(records[1].bodySize, missing->body.size());
    QCOMPARE(records[1].size, missing->wireSize);
    QCOMPARE(records[2].target(), "/big.bin");
    QCOMPARE(records[2].status, 200);
    QCOMPARE(records[2].bodySize, Site::BigFileBytes);
    QCOMPARE(records[2].size, big->wireSize);
    QCOMPARE(records[2].responseHead, big->head);
    for (const Net::TrafficEvent &record : records)
        QVERIFY(record.durationUs >= 0);
}

void tst_HttpServerMonitor::accessRecordOfRefusedRequest()
{
    RawClient client;
    QVERIFY(client.connectTo(m_address, m_web->port()));
    const auto response = client.exchange(request("DELETE", "/hello.txt"));
    QCOMPARE(statusOf(response), 405);
    QVERIFY(client.waitForDisconnected());
    m_web->flush();
    const auto records = m_web->eventsOfKind(Kind::Http);
    QCOMPARE(records.size(), 1);
    QCOMPARE(records.first().method(), "DELETE");
    QCOMPARE(records.first().status, 405);
    QCOMPARE(records.first().size, response->wireSize);
}

void tst_HttpServerMonitor::totalsMatchTheWire()
{
    RawClient first;
    RawClient second;
    QVERIFY(first.connectTo(m_address, m_web->port()));
    QVERIFY(second.connectTo(m_address, m_web->port()));
    QVERIFY(first.exchange(get("/hello.txt")));
    QVERIFY(first.exchange(request("HEAD", "/index.html"), true));
    QVERIFY(first.exchange(get("/nothing-here")));
    first.send(get("/style.css") + get("/image.png", "Range: bytes=0-9\r\n"));
    QVERIFY(first.next() && first.next());
    QVERIFY(second.exchange(get("/docs/")));
    // A refused request counts too, and ends its connection.
    QCOMPARE(statusOf(second.exchange(request("POST", "/form", "Content-Length: 3\r\n") + "abc")), 405);
    QVERIFY(second.waitForDisconnected());
    first.socket().disconnectFromHost();
    QTRY_COMPARE(m_web->monitor.totals(testServerId(Net::ServerKind::Web)).connectionsNow, 0);

    m_web->flush();
    const Net::ServerTotals &totals = m_web->totals;
    QCOMPARE(totals.requests, 7);
    QCOMPARE(totals.bytesIn, first.bytesSent() + second.bytesSent());
    QCOMPARE(totals.bytesOut, first.bytesReceived() + second.bytesReceived());
    QCOMPARE(totals.connectionsTotal, 2);
    QCOMPARE(totals.connectionsNow, 0);
    QCOMPARE(totals.errors, 0); // a 405 is an answer, not a failure
    QCOMPARE(m_web->eventsDropped, 0);
}

void tst_HttpServerMonitor::parseErrorsAreCounted()
{
    RawClient client;
    QVERIFY(client.connectTo(m_address, m_web->port()));
    QCOMPARE(statusOf(client.exchange("NOT HTTP AT ALL\r\n\r\n")), 400);
    QVERIFY(client.waitForDisconnected());
    QTRY_COMPARE(m_web->monitor.totals(testServerId(Net::ServerKind::Web)).connectionsNow, 0);
    m_web->flush();
    QCOMPARE(m_web->totals.errors, 1);
    QCOMPARE(m_web->totals.requests, 1);
    QCOMPARE(m_web->totals.bytesIn, client.bytesSent());
    QCOMPARE(m_web->totals.bytesOut, client.bytesReceived());
    const auto records = m_web->eventsOfKind(Kind::Http);
    QCOMPARE(records.size(), 1);
    QCOMPARE(records.first().status, 400);
}

void tst_HttpServerMonitor::bytesReadAfterAnErrorAreCounted()
{
    // After an error answer the server reads on for a moment and discards
    // what arrives (lingering close). Discarded or not, those bytes came in.
    PosixClient client;
    QVERIFY(client.connectTo(m_address, m_web->port()));
    const QByteArray refused = request("PUT", "/hello.txt", "Content-Length: 0\r\n");
    QVERIFY(client.send(refused));
    client.startReading();
    QCOMPARE(statusOf(client.next()), 405);
    QVERIFY(client.waitForEnd()); // the server has shut down its side and lingers
    const QByteArray late = get("/hello.txt");
    QVERIFY(client.send(late));
    client.shutdownWrite();
    QTRY_COMPARE(m_web->monitor.totals(testServerId(Net::ServerKind::Web)).connectionsNow, 0);
    m_web->flush();
    QCOMPARE(m_web->totals.bytesIn, refused.size() + late.size());
    QCOMPARE(m_web->totals.bytesOut, client.bytesReceived());
}

void tst_HttpServerMonitor::connectionRecordOpensAndCloses()
{
    RawClient client;
    QVERIFY(client.connectTo(m_address, m_web->port()));
    const quint16 clientPort = client.socket().localPort(); // 0 once disconnected
    QTRY_COMPARE(m_web->monitor.totals(testServerId(Net::ServerKind::Web)).connectionsNow, 1);
    m_web->flush();
    const quint64 id = m_web->idForPeerPort(clientPort);
    QVERIFY(id != 0);
    const Net::ConnectionRecord opened = *m_web->latestRecord(id);
    QCOMPARE(opened.state, Net::ConnectionState::Open);
    QCOMPARE(opened.serverKind, Net::ServerKind::Web);
    QVERIFY(!opened.udp);
    QCOMPARE(opened.peerAddress, client.socket().localAddress());
    QCOMPARE(opened.peerPort, clientPort);
    QCOMPARE(opened.localAddress, m_address);
    QCOMPARE(opened.localPort, m_web->port());
    QCOMPARE(opened.bytesIn, 0);

    QVERIFY(client.exchange(get("/hello.txt")));
    QVERIFY(client.exchange(get("/style.css")));
    client.socket().disconnectFromHost();
    QTRY_COMPARE(m_web->monitor.totals(testServerId(Net::ServerKind::Web)).connectionsNow, 0);
    m_web->flush();

    const Net::ConnectionRecord closed = *m_web->latestRecord(id);
    QCOMPARE(closed.state, Net::ConnectionState::Closed);
    QCOMPARE(closed.bytesIn, client.bytesSent());
    QCOMPARE(closed.bytesOut, client.bytesReceived());
    QCOMPARE(closed.requests, 2);
    QVERIFY(closed.closedMs >= closed.openedMs);

    int openedEvents = 0;
    int closedEvents = 0;
    for (const Net::TrafficEvent &event : std::as_const(m_web->events)) {
        if (event.connectionId != id)
            continue;
        openedEvents += event.kind == Kind::Opened ? 1 : 0;
        closedEvents += event.kind == Kind::Closed ? 1 : 0;
        QCOMPARE(event.peerPort, clientPort);
    }
    QCOMPARE(openedEvents, 1);
    QCOMPARE(closedEvents, 1);
}

void tst_HttpServerMonitor::batchesWaitForTheConsumer()
{
    // A consumer that has not acknowledged its batch gets no other; the
    // events wait, and arrive once it has.
    RawClient client;
    QVERIFY(client.connectTo(m_address, m_web->port()));
    QVERIFY(client.exchange(get("/hello.txt")));
    m_web->flush();
    const int batches = m_web->batches;
    m_web->monitor.inFlight()->fetch_add(1); // pretend a batch is still being handled
    QVERIFY(client.exchange(get("/style.css")));
    m_web->flush();
    QCOMPARE(m_web->batches, batches);
    m_web->monitor.inFlight()->fetch_sub(1);
    m_web->flush();
    QCOMPARE(m_web->batches, batches + 1);
    QCOMPARE(m_web->eventsOfKind(Kind::Http).size(), 2);
}

// An exchange is timed by the same clock as the connection that carried it,
// so the log never shows a request before its connection opened. (The server
// used to time exchanges by a monotonic clock of its own, which stops during
// a suspend and drifts from the wall clock the connection events use.)
void tst_HttpServerMonitor::exchangesShareTheConnectionsClock()
{
    constexpr qint64 MonitorClockMs = 1'000'000;
    m_web->monitor.setWallClock([] { return MonitorClockMs; });
    RawClient client;
    QVERIFY(client.connectTo(m_address, m_web->port()));
    QCOMPARE(statusOf(client.exchange(get("/hello.txt"))), 200);
    m_web->flush();

    const auto opened = m_web->eventsOfKind(Kind::Opened);
    const auto exchanges = m_web->eventsOfKind(Kind::Http);
    QCOMPARE(opened.size(), 1);
    QCOMPARE(exchanges.size(), 1);
    QCOMPARE(opened.first().timeMs, MonitorClockMs);
    QCOMPARE(exchanges.first().timeMs, MonitorClockMs);
}

QTEST_GUILESS_MAIN(tst_HttpServerMonitor)
#include "tst_httpserver_monitor.moc"
