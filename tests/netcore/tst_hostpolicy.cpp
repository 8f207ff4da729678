// HostPolicy without sockets: which Host values a server answers to,
// depending on where it is bound and which names were allowed.

#include "api/hostpolicy.h"
#include "http/requestparser.h"

#include <QHostAddress>
#include <QTest>

using namespace Qt::StringLiterals;
using Net::HostPolicy;
using Verdict = Net::HostPolicy::Verdict;

Q_DECLARE_METATYPE(Net::HostPolicy::Verdict)

class tst_HostPolicy : public QObject
{
    Q_OBJECT

private slots:
    void loopbackBind_data();
    void loopbackBind();
    void loopbackAddresses_data();
    void loopbackAddresses();
    void otherBindChecksOnlyWithAllowedNames();
    void allowedNames();
    void absoluteFormTargetWins();
    void http10WithoutHostPasses();
    void validNames_data();
    void validNames();
};

void tst_HostPolicy::loopbackBind_data()
{
    QTest::addColumn<QByteArray>("host");
    QTest::addColumn<Verdict>("verdict");
    const auto allowed = [](const char *host) { QTest::addRow("%s", host) << QByteArray(host) << Verdict::Allowed; };
    const auto misdirected = [](const char *host) {
        QTest::addRow("%s", host) << QByteArray(host) << Verdict::Misdirected;
    };
    const auto malformed = [](const char *name, const char *host) {
        QTest::addRow("%s", name) << QByteArray(host) << Verdict::Malformed;
    };
    allowed("localhost");
    allowed("localhost:8080");
    allowed("LocalHost:8080");
    allowed("localhost.");
    allowed("localhost:"); // RFC 3986: port = *DIGIT, so an empty port is well-formed
    allowed("app.localhost");
    allowed("a.b.localhost:80");
    allowed("127.0.0.1");
    allowed("127.0.0.1:8080");
    allowed("10.1.2.3:80"); // any IP literal: no DNS answer can stand behind it
    allowed("[::1]");
    allowed("[::1]:8080");
    allowed("[::ffff:127.0.0.1]:80");
    allowed(""); // an empty Host names no host (RFC 9110 §7.2)

    misdirected("attacker.example");
    misdirected("attacker.example:8080");
    misdirected("localhost.attacker.example");
    misdirected("attackerlocalhost");
    misdirected(".localhost");
    misdirected("127.1");        // not a dotted quad: a name a resolver could answer
    misdirected("2130706433");
    misdirected("256.0.0.1");
    misdirected("127.0.0.1.nip.io");
    misdirected("local%68ost");  // percent-encoded names are never decoded into a match

    malformed("unbracketed IPv6", "::1");
    malformed("unbracketed IPv6 with port", "::1:8080");
    malformed("unclosed bracket", "[::1");
    malformed("not IPv6 in brackets", "[localhost]");
    malformed("junk after bracket", "[::1]x");
    malformed("port not a number", "localhost:http");
    malformed("port too long", "localhost:123456");
    malformed("two colons", "localhost:80:80");
    malformed("only a port", ":8080");
    malformed("space", "local host");
    malformed("userinfo", "user@localhost");
    malformed("slash", "localhost/x");
}

void tst_HostPolicy::loopbackBind()
{
    QFETCH(QByteArray, host);
    QFETCH(Verdict, verdict);
    const HostPolicy policy(QHostAddress(QHostAddress::LocalHost), {});
    QVERIFY(policy.enforced());
    QCOMPARE(policy.check(QByteArrayView(host)), verdict);
}

void tst_HostPolicy::loopbackAddresses_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<bool>("enforced");
    QTest::newRow("127.0.0.1") << u"127.0.0.1"_s << true;
    QTest::newRow("127.0.1.1") << u"127.0.1.1"_s << true;
    QTest::newRow("::1") << u"::1"_s << true;
    QTest::newRow("0.0.0.0") << u"0.0.0.0"_s << false;
    QTest::newRow("::") << u"::"_s << false;
    QTest::newRow("192.168.1.10") << u"192.168.1.10"_s << false;
}

void tst_HostPolicy::loopbackAddresses()
{
    QFETCH(QString, address);
    QFETCH(bool, enforced);
    const HostPolicy policy(QHostAddress(address), {});
    QCOMPARE(policy.enforced(), enforced);
    QCOMPARE(policy.check("attacker.example"), enforced ? Verdict::Misdirected : Verdict::Allowed);
}

void tst_HostPolicy::otherBindChecksOnlyWithAllowedNames()
{
    // Reachable on purpose: any name that points at the machine is fine...
    const HostPolicy open(QHostAddress(QHostAddress::AnyIPv4), {});
    QCOMPARE(open.check("my-desktop.lan:8080"), Verdict::Allowed);
    QCOMPARE(open.check("::1"), Verdict::Malformed); // ...but the syntax is still checked
    // ...until names are given: then those, localhost names and IP literals only.
    const HostPolicy listed(QHostAddress(QHostAddress::AnyIPv4), {u"my-desktop.lan"_s});
    QVERIFY(listed.enforced());
    QCOMPARE(listed.check("my-desktop.lan:8080"), Verdict::Allowed);
    QCOMPARE(listed.check("192.168.1.10:8080"), Verdict::Allowed);
    QCOMPARE(listed.check("localhost"), Verdict::Allowed);
    QCOMPARE(listed.check("attacker.example"), Verdict::Misdirected);
}

void tst_HostPolicy::allowedNames()
{
    const HostPolicy policy(QHostAddress(QHostAddress::LocalHost), {u"Wirebench.Example"_s, u"dev.test."_s});
    QCOMPARE(policy.check("wirebench.example"), Verdict::Allowed);
    QCOMPARE(policy.check("WIREBENCH.EXAMPLE:8080"), Verdict::Allowed);
    QCOMPARE(policy.check("wirebench.example."), Verdict::Allowed);
    QCOMPARE(policy.check("dev.test"), Verdict::Allowed);
    QCOMPARE(policy.check("sub.wirebench.example"), Verdict::Misdirected); // exact names, no subdomains
    QCOMPARE(policy.check("attacker.example"), Verdict::Misdirected);
}

namespace {

Net::HttpRequest parsed(QByteArrayView bytes)
{
    Net::RequestParser parser;
    const Net::ParseResult result = parser.parse(bytes);
    if (result.status != Net::ParseStatus::Complete)
        qFatal("test request did not parse");
    return parser.request();
}

} // namespace

void tst_HostPolicy::absoluteFormTargetWins()
{
    // RFC 9112 §3.2.2: the target's authority, not Host, names the host.
    const HostPolicy policy(QHostAddress(QHostAddress::LocalHost), {});
    QCOMPARE(policy.check(parsed("GET http://attacker.example/ HTTP/1.1\r\nHost: localhost\r\n\r\n")),
             Verdict::Misdirected);
    QCOMPARE(policy.check(parsed("GET http://localhost:8080/x HTTP/1.1\r\nHost: attacker.example\r\n\r\n")),
             Verdict::Allowed);
    QCOMPARE(policy.check(parsed("GET HTTPS://[::1]/x?q HTTP/1.1\r\nHost: a\r\n\r\n")), Verdict::Allowed);
    QCOMPARE(policy.check(parsed("GET http://me@localhost/ HTTP/1.1\r\nHost: localhost\r\n\r\n")),
             Verdict::Malformed);
    QCOMPARE(policy.check(parsed("GET / HTTP/1.1\r\nHost: attacker.example\r\n\r\n")), Verdict::Misdirected);
}

void tst_HostPolicy::http10WithoutHostPasses()
{
    // No name claimed, so nothing to rebind; a browser always sends Host.
    const HostPolicy policy(QHostAddress(QHostAddress::LocalHost), {});
    QCOMPARE(policy.check(parsed("GET / HTTP/1.0\r\n\r\n")), Verdict::Allowed);
    QCOMPARE(policy.check(parsed("GET / HTTP/1.0\r\nHost: attacker.example\r\n\r\n")), Verdict::Misdirected);
}

void tst_HostPolicy::validNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("valid");
    QTest::newRow("simple") << u"example"_s << true;
    QTest::newRow("dotted") << u"dev.example.com"_s << true;
    QTest::newRow("trailing dot") << u"example.com."_s << true;
    QTest::newRow("dash and underscore") << u"my-host_1.lan"_s << true;
    QTest::newRow("an address is a name too") << u"192.168.1.10"_s << true;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("only a dot") << u"."_s << false;
    QTest::newRow("empty label") << u"a..b"_s << false;
    QTest::newRow("with port") << u"example.com:8080"_s << false;
    QTest::newRow("IPv6") << u"[::1]"_s << false;
    QTest::newRow("space") << u"my host"_s << false;
    QTest::newRow("non-ASCII") << u"bücher.example"_s << false;
    QTest::newRow("wildcard") << u"*.example.com"_s << false;
    QTest::newRow("too long") << QString(254, u'a') << false;
}

void tst_HostPolicy::validNames()
{
    QFETCH(QString, name);
    QFETCH(bool, valid);
    QCOMPARE(HostPolicy::isValidName(name), valid);
}

QTEST_GUILESS_MAIN(tst_HostPolicy)
#include "tst_hostpolicy.moc"
