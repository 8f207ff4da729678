// The web server over real loopback sockets: the names it answers to. A
// loopback server refuses requests for any other name with 421, so a web
// page that rebinds its own name to 127.0.0.1 cannot read it.

#include "parsedresponse.h"
#include "testserverids.h"
#include "rawclient.h"
#include "testsite.h"
#include "webserverfixture.h"

#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace HttpTest;

class tst_HttpServerHosts : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data();
    void initTestCase();
    void init();
    void cleanup();

    void foreignNameIs421AndLogged();
    void localNamesAreServed_data();
    void localNamesAreServed();
    void allowedNameIsServed();
    void absoluteFormTargetIsChecked();
    void malformedHostIs400_data();
    void malformedHostIs400();
    void http11WithoutHostIs400();
    void http10WithoutHostIsServed();

private:
    void startServer(const QStringList &allowedHosts = {});
    std::optional<ParsedResponse> fetchWithHost(QByteArrayView host, QByteArrayView target = "/hello.txt");

    TestSite m_site;
    bool m_ipv6 = false;
    QHostAddress m_address;
    std::unique_ptr<WebServerFixture> m_web;
};

namespace {

QByteArray requestFor(QByteArrayView host, QByteArrayView target)
{
    return "GET " + target.toByteArray() + " HTTP/1.1\r\nHost: " + host.toByteArray() + "\r\n\r\n";
}

} // namespace

void tst_HttpServerHosts::initTestCase_data()
{
    addLoopbackRows();
}

void tst_HttpServerHosts::initTestCase()
{
    QVERIFY2(m_site.create(), qPrintable(m_site.error()));
    m_ipv6 = ipv6LoopbackAvailable();
}

void tst_HttpServerHosts::init()
{
    m_address = currentLoopback();
    if (m_address.protocol() == QAbstractSocket::IPv6Protocol && !m_ipv6)
        QSKIP("IPv6 loopback (::1) is not available on this machine");
    startServer();
}

void tst_HttpServerHosts::cleanup()
{
    m_web.reset();
}

void tst_HttpServerHosts::startServer(const QStringList &allowedHosts)
{
    m_web = std::make_unique<WebServerFixture>();
    Net::WebServerConfig config = WebServerFixture::config(m_address, m_site.root());
    config.allowedHosts = allowedHosts;
    QCOMPARE(m_web->start(config), QString());
}

std::optional<ParsedResponse> tst_HttpServerHosts::fetchWithHost(QByteArrayView host, QByteArrayView target)
{
    RawClient client;
    if (!client.connectTo(m_address, m_web->port()))
        return std::nullopt;
    return client.exchange(requestFor(host, target));
}

void tst_HttpServerHosts::foreignNameIs421AndLogged()
{
    RawClient client;
    QVERIFY(client.connectTo(m_address, m_web->port()));
    const QByteArray host = "attacker.example:" + QByteArray::number(m_web->port());
    const auto response = client.exchange(requestFor(host, "/hello.txt"));
    QVERIFY(response);
    QCOMPARE(response->status, 421);
    QCOMPARE(response->reason, "Misdirected Request"_ba);
    QCOMPARE(response->header("Connection"), "close"_ba);
    QVERIFY(!response->body.contains(Site::HelloTxt.toByteArray()));
    QVERIFY(client.waitForDisconnected());
    QVERIFY2(client.pending().isEmpty(), client.pending().left(80).constData());

    // Logged like any answer: the access record names the host that was refused.
    m_web->flush();
    const auto exchanges = m_web->eventsOfKind(Net::TrafficEvent::Kind::Http);
    QCOMPARE(exchanges.size(), 1);
    QCOMPARE(exchanges.first().status, 421);
    QVERIFY(exchanges.first().requestHead.contains("Host: " + host));
    QCOMPARE(m_web->monitor.totals(testServerId(Net::ServerKind::Web)).requests, 1);
}

void tst_HttpServerHosts::localNamesAreServed_data()
{
    QTest::addColumn<QByteArray>("host");
    QTest::newRow("localhost") << "localhost"_ba;
    QTest::newRow("localhost with port") << "localhost:8080"_ba;
    QTest::newRow("upper case") << "LOCALHOST"_ba;
    QTest::newRow("subdomain of localhost") << "app.localhost:8080"_ba;
    QTest::newRow("IPv4 literal") << "127.0.0.1"_ba;
    QTest::newRow("IPv4 literal with port") << "127.0.0.1:8080"_ba;
    QTest::newRow("IPv6 literal") << "[::1]"_ba;
    QTest::newRow("IPv6 literal with port") << "[::1]:8080"_ba;
}

void tst_HttpServerHosts::localNamesAreServed()
{
    QFETCH(QByteArray, host);
    const auto response = fetchWithHost(host);
    QCOMPARE(statusOf(response), 200);
    QCOMPARE(response->body, Site::HelloTxt.toByteArray());
}

void tst_HttpServerHosts::allowedNameIsServed()
{
    startServer({u"wirebench.example"_s});
    QCOMPARE(bodyOf(fetchWithHost("wirebench.example:8080")), Site::HelloTxt.toByteArray());
    QCOMPARE(bodyOf(fetchWithHost("localhost")), Site::HelloTxt.toByteArray());
    QCOMPARE(statusOf(fetchWithHost("other.example")), 421);
}

void tst_HttpServerHosts::absoluteFormTargetIsChecked()
{
    // RFC 9112 §3.2.2: the target's authority counts, not the Host field.
    QCOMPARE(statusOf(fetchWithHost("localhost", "http://attacker.example/hello.txt")), 421);
    QCOMPARE(bodyOf(fetchWithHost("attacker.example", "http://localhost/hello.txt")),
             Site::HelloTxt.toByteArray());
}

void tst_HttpServerHosts::malformedHostIs400_data()
{
    QTest::addColumn<QByteArray>("host");
    QTest::newRow("unbracketed IPv6") << "::1"_ba;
    QTest::newRow("port not a number") << "localhost:http"_ba;
    QTest::newRow("userinfo") << "user@localhost"_ba;
    QTest::newRow("space") << "local host"_ba;
}

void tst_HttpServerHosts::malformedHostIs400()
{
    // RFC 9112 §3.2: an invalid Host value gets 400.
    QFETCH(QByteArray, host);
    RawClient client;
    QVERIFY(client.connectTo(m_address, m_web->port()));
    QCOMPARE(statusOf(client.exchange(requestFor(host, "/hello.txt"))), 400);
    QVERIFY(client.waitForDisconnected());
}

void tst_HttpServerHosts::http11WithoutHostIs400()
{
    RawClient client;
    QVERIFY(client.connectTo(m_address, m_web->port()));
    QCOMPARE(statusOf(client.exchange("GET /hello.txt HTTP/1.1\r\n\r\n")), 400);
    QVERIFY(client.waitForDisconnected());
}

void tst_HttpServerHosts::http10WithoutHostIsServed()
{
    // No name, nothing to rebind: old clients that send no Host still work.
    RawClient client;
    QVERIFY(client.connectTo(m_address, m_web->port()));
    QCOMPARE(bodyOf(client.exchange("GET /hello.txt HTTP/1.0\r\n\r\n")), Site::HelloTxt.toByteArray());
}

QTEST_GUILESS_MAIN(tst_HttpServerHosts)
#include "tst_httpserver_hosts.moc"
