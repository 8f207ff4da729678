// The web server over real loopback sockets: clients that do not read what
// they asked for. Their send deadline runs on bytes that leave, the answers
// they leave unread stay within the per-connection and server-wide budgets,
// and a download they cut short still gets its access record.

#include "parsedresponse.h"
#include "testserverids.h"
#include "posixclient.h"
#include "rawclient.h"
#include "testsite.h"
#include "webserverfixture.h"

#include <QTest>
#include <QTimer>

#include <memory>

using namespace Qt::StringLiterals;
using namespace HttpTest;

class tst_HttpServerSlowClients : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data();
    void initTestCase();
    void init();
    void cleanup();

    void sendingWithoutReadingHitsSendTimeout();
    void requestDeadlineRunsWhileAnswersWait();
    void pipeliningWithoutReadingStaysInConnectionBudget();
    void spentServerBudgetMakesConnectionsWait();
    void interruptedDownloadIsLogged_data();
    void interruptedDownloadIsLogged();

private:
    void startServer(const Net::WebServerConfig &config);
    // Starts a server whose connections never fill their share, and asks it
    // through `client` for 200 KiB answers from memory, one at a time, until
    // the kernel takes no more and the rest waits in the server.
    void startAndFillUntilQueued(Net::WebServerConfig config, PosixClient &client);
    Net::WebServerConfig config() const { return WebServerFixture::config(m_address, m_site.root()); }
    Net::ServerTotals totals() const { return m_web->monitor.totals(testServerId(Net::ServerKind::Web)); }
    const Net::OutputBudget &budget() const { return m_web->server.outputBudget(); }

    TestSite m_site;
    bool m_ipv6 = false;
    QHostAddress m_address;
    std::unique_ptr<WebServerFixture> m_web;
};

namespace {

constexpr int SendTimeoutMs = 500;
// The server sweeps its deadlines once a second: a 500 ms deadline passes by
// the second sweep at the latest.
constexpr int DeadlineWaitMs = 3000;
constexpr int SmallReceiveBuffer = 16 * 1024;
constexpr qint64 KiB = 1024;
// A response head, with room to spare: budgets may be passed by one response.
constexpr qint64 HeadAllowance = 1 * KiB;
// A loopback socket takes up to 4 MiB (tcp_wmem) of a client that does not
// read before anything waits in the server: ask for more than that.
constexpr int ManyMediumFiles = 60;

QByteArray pipelined(int count, QByteArrayView target)
{
    QByteArray burst;
    for (int i = 0; i < count; ++i)
        burst += get(target.toByteArray() + "?n=" + QByteArray::number(i));
    return burst;
}

} // namespace

void tst_HttpServerSlowClients::initTestCase_data()
{
    addLoopbackRows();
}

void tst_HttpServerSlowClients::initTestCase()
{
    QVERIFY2(m_site.create(), qPrintable(m_site.error()));
    m_ipv6 = ipv6LoopbackAvailable();
}

void tst_HttpServerSlowClients::init()
{
    m_address = currentLoopback();
    if (m_address.protocol() == QAbstractSocket::IPv6Protocol && !m_ipv6)
        QSKIP("IPv6 loopback (::1) is not available on this machine");
}

void tst_HttpServerSlowClients::cleanup()
{
    m_web.reset();
}

void tst_HttpServerSlowClients::startServer(const Net::WebServerConfig &config)
{
    m_web = std::make_unique<WebServerFixture>();
    QCOMPARE(m_web->start(config), QString());
}

// A client that reads nothing but keeps the connection busy with a byte now
// and then must not escape the send deadline: only bytes that leave count.
void tst_HttpServerSlowClients::startAndFillUntilQueued(Net::WebServerConfig config, PosixClient &client)
{
    // A share the answers never fill, so the server keeps reading this client.
    config.limits.maxQueuedOutputPerConnection = 64 * 1024 * KiB;
    startServer(config);
    QVERIFY(client.connectTo(m_address, m_web->port(), SmallReceiveBuffer));
    for (int i = 0; i < ManyMediumFiles && budget().used() == 0; ++i) {
        QVERIFY(client.send(get("/medium.bin?n=" + QByteArray::number(i))));
        QTRY_COMPARE(totals().requests, i + 1);
    }
    QVERIFY(budget().used() > 0);
}

void tst_HttpServerSlowClients::sendingWithoutReadingHitsSendTimeout()
{
    Net::WebServerConfig slow = config();
    slow.sendTimeoutMs = SendTimeoutMs;
    slow.keepAliveTimeoutMs = 60000;
    slow.requestTimeoutMs = 60000; // so the send deadline alone can end it
    PosixClient client;
    startAndFillUntilQueued(slow, client);
    if (QTest::currentTestFailed())
        return;
    const qint64 bytesInBefore = totals().bytesIn;

    const QByteArray next = get("/hello.txt", "X-Slow: " + QByteArray(100, 's') + "\r\n");
    qsizetype dripped = 0;
    QTimer drip;
    connect(&drip, &QTimer::timeout, this, [&] {
        if (dripped < next.size())
            client.send(next.sliced(dripped++, 1));
    });
    drip.start(100);
    QTRY_VERIFY_WITH_TIMEOUT(m_web->server.connectionCount() == 0, DeadlineWaitMs);
    drip.stop();
    QVERIFY2(totals().bytesIn > bytesInBefore, "the dripped bytes were read, and did not count as progress");

    m_web->flush();
    const auto closed = m_web->eventsOfKind(Net::TrafficEvent::Kind::Closed);
    QCOMPARE(closed.size(), 1);
    QVERIFY2(closed.first().note.contains(u"send timeout"_s), qPrintable(closed.first().note));
    QTRY_COMPARE(budget().used(), 0);
}

// A request that does not arrive whole in time gets its 408 even while
// earlier answers still wait to go out.
void tst_HttpServerSlowClients::requestDeadlineRunsWhileAnswersWait()
{
    Net::WebServerConfig slow = config();
    slow.requestTimeoutMs = SendTimeoutMs;
    slow.sendTimeoutMs = 60000; // so the request deadline alone can act
    PosixClient client;
    startAndFillUntilQueued(slow, client);
    if (QTest::currentTestFailed())
        return;
    const qint64 answered = totals().requests;
    QVERIFY(client.send("GET /hello.txt HTTP/1.1\r\nHost: localhost\r\n")); // never finished
    QTRY_VERIFY_WITH_TIMEOUT(totals().errors == 1, DeadlineWaitMs);
    m_web->flush();
    const auto exchanges = m_web->eventsOfKind(Net::TrafficEvent::Kind::Http);
    QCOMPARE(exchanges.size(), answered + 1);
    QCOMPARE(exchanges.last().status, 408);
    QCOMPARE(m_web->server.connectionCount(), 1); // still there: its answers are waiting, not stalled long
}

// Many requests, none of the answers read: the server takes requests only
// while the connection's queued answers are under its share.
void tst_HttpServerSlowClients::pipeliningWithoutReadingStaysInConnectionBudget()
{
    constexpr qint64 Share = 64 * KiB;
    constexpr int Count = 40;
    Net::WebServerConfig config = this->config();
    config.limits.maxQueuedOutputPerConnection = Share;
    startServer(config);
    const QByteArray burst = pipelined(Count, "/medium.bin");
    // Its share, plus the one answer that crossed it, plus the requests waiting behind.
    const qint64 bound = Share + Site::MediumFileBytes + HeadAllowance + burst.size();

    PosixClient client;
    QVERIFY(client.connectTo(m_address, m_web->port(), SmallReceiveBuffer));
    QVERIFY(client.send(burst));
    QTRY_COMPARE(totals().bytesIn, qint64(burst.size()));
    QTRY_VERIFY(budget().used() > 0);
    QVERIFY2(budget().peak() <= bound, qPrintable(u"%1 bytes held, bound %2"_s.arg(budget().peak()).arg(bound)));
    QVERIFY2(totals().requests < Count, "requests were taken although their answers could not be held");

    client.startReading();
    const QByteArray medium = m_site.big().first(Site::MediumFileBytes);
    for (int i = 0; i < Count; ++i) {
        const auto response = client.next();
        QVERIFY2(response, qPrintable(u"response %1 of %2 is missing"_s.arg(i + 1).arg(Count)));
        QVERIFY(response->body == medium);
    }
    QCOMPARE(totals().requests, Count);
    QVERIFY2(budget().peak() <= bound, qPrintable(u"%1 bytes held, bound %2"_s.arg(budget().peak()).arg(bound)));
    QTRY_COMPARE(budget().used(), 0);
}

// One client that reads nothing fills the whole server's budget: another
// connection waits, its request unread, and is served once the first drains.
void tst_HttpServerSlowClients::spentServerBudgetMakesConnectionsWait()
{
    constexpr qint64 Total = 256 * KiB;
    constexpr int Count = ManyMediumFiles;
    Net::WebServerConfig config = this->config();
    config.limits.maxQueuedOutputPerConnection = 4 * 1024 * KiB;
    config.limits.maxQueuedOutputTotal = Total;
    startServer(config);
    const QByteArray burst = pipelined(Count, "/medium.bin");
    const qint64 bound = Total + Site::MediumFileBytes + HeadAllowance + burst.size();

    PosixClient hog;
    QVERIFY(hog.connectTo(m_address, m_web->port(), SmallReceiveBuffer));
    QVERIFY(hog.send(burst));
    QTRY_VERIFY(budget().used() >= Total);
    const qint64 requestsBefore = totals().requests;
    QVERIFY(requestsBefore < Count);

    PosixClient waiter;
    QVERIFY(waiter.connectTo(m_address, m_web->port()));
    QVERIFY(waiter.send(get("/hello.txt")));
    QTRY_COMPARE(totals().connectionsTotal, 2);
    m_web->flush();
    const quint64 waiterId = m_web->idForPeerPort(waiter.localPort());
    QVERIFY(waiterId != 0);
    QTRY_VERIFY(budget().waiting().contains(waiterId));
    QCOMPARE(totals().requests, requestsBefore); // its request is still in the kernel, unread

    hog.startReading();
    waiter.startReading();
    QCOMPARE(bodyOf(waiter.next()), Site::HelloTxt.toByteArray());
    for (int i = 0; i < Count; ++i)
        QCOMPARE(statusOf(hog.next()), 200);
    QCOMPARE(totals().requests, Count + 1);
    QVERIFY2(budget().peak() <= bound, qPrintable(u"%1 bytes held, bound %2"_s.arg(budget().peak()).arg(bound)));
    QTRY_COMPARE(budget().used(), 0);
}

void tst_HttpServerSlowClients::interruptedDownloadIsLogged_data()
{
    QTest::addColumn<bool>("clientResets");
    QTest::newRow("the client resets") << true;
    QTest::newRow("closed by the user") << false;
}

// The download ends early: its access record still comes, with the status,
// the bytes that went out, and the mark that it was cut short.
void tst_HttpServerSlowClients::interruptedDownloadIsLogged()
{
    QFETCH(bool, clientResets);
    startServer(config());
    PosixClient client;
    QVERIFY(client.connectTo(m_address, m_web->port(), SmallReceiveBuffer));
    QVERIFY(client.send(get("/big.bin")));
    client.startReading();
    QVERIFY(client.waitForReceived(256 * KiB));
    if (clientResets) {
        client.reset();
    } else {
        m_web->flush();
        QVERIFY(m_web->server.closeConnection(m_web->idForPeerPort(client.localPort())));
    }
    QTRY_COMPARE(m_web->server.connectionCount(), 0);

    m_web->flush();
    const auto exchanges = m_web->eventsOfKind(Net::TrafficEvent::Kind::Http);
    QCOMPARE(exchanges.size(), 1);
    const Net::TrafficEvent &download = exchanges.first();
    QCOMPARE(download.status, 200);
    QVERIFY(download.interrupted);
    QVERIFY(download.requestHead.startsWith("GET /big.bin "));
    QVERIFY2(download.bodySize > 0 && download.bodySize < Site::BigFileBytes, qPrintable(QString::number(download.bodySize)));
    QVERIFY(download.size >= client.bytesReceived());
    // Every byte this connection sent belonged to the download.
    const Net::ConnectionRecord *record = m_web->latestRecord(download.connectionId);
    QVERIFY(record);
    QCOMPARE(download.size, record->bytesOut);
}

QTEST_GUILESS_MAIN(tst_HttpServerSlowClients)
#include "tst_httpserver_slowclients.moc"
