// --serve SPEC parsing (pure) and the list of servers a headless run starts:
// every kind, IPv6 in brackets, modes passed through, and a sentence for
// every way a spec can be wrong.

#include "commandline.h"
#include "servespec.h"

#include <QTest>

using namespace Qt::StringLiterals;
using Net::ServerKind;
using Net::ServerMode;

class tst_ServeSpec : public QObject
{
    Q_OBJECT

private slots:
    void parsesGoodSpecs_data();
    void parsesGoodSpecs();
    void refusesBadSpecs_data();
    void refusesBadSpecs();
    void relayUpstream();
    void serveReplacesTheDefaultServers();
    void shorthandsJoinWhenAskedFor();
    void namesAreUnique();
    void limitsApplyToServeSpecs();
    void badSpecExitsWithTwo();
};

void tst_ServeSpec::parsesGoodSpecs_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("address");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("root");
    QTest::addColumn<int>("mode");

    QTest::addRow("web v4") << u"web:127.0.0.1:8080:/srv/www"_s << int(ServerKind::Web) << u"127.0.0.1"_s << 8080
                            << u"/srv/www"_s << int(ServerMode::Echo);
    QTest::addRow("web v6") << u"web:[::1]:0:/srv/www"_s << int(ServerKind::Web) << u"::1"_s << 0 << u"/srv/www"_s
                            << int(ServerMode::Echo);
    QTest::addRow("web root with colons") << u"web:0.0.0.0:80:/srv/a:b"_s << int(ServerKind::Web) << u"0.0.0.0"_s
                                          << 80 << u"/srv/a:b"_s << int(ServerMode::Echo);
    QTest::addRow("tcp, mode by default") << u"tcp:127.0.0.1:7007"_s << int(ServerKind::Tcp) << u"127.0.0.1"_s
                                          << 7007 << QString() << int(ServerMode::Echo);
    QTest::addRow("tcp listen") << u"tcp:[::]:7000:listen"_s << int(ServerKind::Tcp) << u"::"_s << 7000 << QString()
                                << int(ServerMode::Listen);
    QTest::addRow("tcp echo") << u"tcp:127.0.0.1:1:echo"_s << int(ServerKind::Tcp) << u"127.0.0.1"_s << 1
                              << QString() << int(ServerMode::Echo);
    QTest::addRow("udp rules") << u"udp:127.0.0.1:65535:rules"_s << int(ServerKind::Udp) << u"127.0.0.1"_s << 65535
                               << QString() << int(ServerMode::Rules);
    QTest::addRow("relay") << u"relay:127.0.0.1:9000:localhost:80"_s << int(ServerKind::Relay)
                           << u"127.0.0.1"_s << 9000 << QString() << int(ServerMode::Echo);
}

void tst_ServeSpec::parsesGoodSpecs()
{
    QFETCH(QString, text);
    QFETCH(int, kind);
    QFETCH(QString, address);
    QFETCH(int, port);
    QFETCH(QString, root);
    QFETCH(int, mode);

    const ServeSpecResult result = parseServeSpec(text);
    QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
    QCOMPARE(int(result.spec.kind), kind);
    QCOMPARE(result.spec.address(), QHostAddress(address));
    QCOMPARE(int(result.spec.port()), port);
    QCOMPARE(result.spec.web.rootPath, root);
    const Net::EchoServerConfig &echo = result.spec.kind == ServerKind::Udp ? result.spec.udp : result.spec.tcp;
    QCOMPARE(int(echo.mode), mode);
    QCOMPARE(result.spec.id, Net::ServerId(0)); // the controller hands out ids
}

void tst_ServeSpec::refusesBadSpecs_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected"); // a part of the sentence

    QTest::addRow("no kind") << u"127.0.0.1:80"_s << u"the kind must be web, tcp, udp or relay"_s;
    QTest::addRow("unknown kind") << u"ftp:127.0.0.1:21"_s << u"the kind must be web, tcp, udp or relay"_s;
    QTest::addRow("kind only") << u"tcp"_s << u"expected tcp:ADDRESS:PORT"_s;
    QTest::addRow("no port") << u"tcp:127.0.0.1"_s << u"expected tcp:ADDRESS:PORT"_s;
    QTest::addRow("empty port") << u"tcp:127.0.0.1:"_s << u"\"\" is not a port number"_s;
    QTest::addRow("port too big") << u"udp:127.0.0.1:65536"_s << u"\"65536\" is not a port number"_s;
    QTest::addRow("port not a number") << u"udp:127.0.0.1:http"_s << u"\"http\" is not a port number"_s;
    QTest::addRow("host name") << u"tcp:localhost:7007"_s << u"\"localhost\" is not an IP address"_s;
    QTest::addRow("v6 without brackets") << u"tcp:::1:7007"_s << u"expected tcp:ADDRESS:PORT"_s;
    QTest::addRow("unclosed bracket") << u"tcp:[::1:7007"_s << u"expected tcp:ADDRESS:PORT"_s;
    QTest::addRow("v4 in brackets is fine, junk is not") << u"tcp:[nope]:7007"_s << u"\"nope\" is not an IP address"_s;
    QTest::addRow("web without root") << u"web:127.0.0.1:8080"_s << u"needs a document root"_s;
    QTest::addRow("web with empty root") << u"web:127.0.0.1:8080:"_s << u"needs a document root"_s;
    QTest::addRow("unknown mode") << u"tcp:127.0.0.1:7007:shout"_s << u"the mode must be echo, listen or rules"_s;
    QTest::addRow("empty mode") << u"udp:127.0.0.1:7007:"_s << u"the mode must be echo, listen or rules"_s;
    QTest::addRow("relay without upstream") << u"relay:127.0.0.1:9000"_s << u"a relay needs an upstream"_s;
    QTest::addRow("relay without upstream port") << u"relay:127.0.0.1:9000:example.org"_s
                                                 << u"a relay needs an upstream"_s;
    QTest::addRow("relay upstream port 0") << u"relay:127.0.0.1:9000:example.org:0"_s
                                           << u"a relay needs an upstream"_s;
}

void tst_ServeSpec::refusesBadSpecs()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const ServeSpecResult result = parseServeSpec(text);
    QVERIFY2(result.error.contains(expected), qPrintable(result.error));
    QVERIFY2(result.error.startsWith(u"--serve "_s + text + u": "_s), qPrintable(result.error));
    QVERIFY(result.error.endsWith(u'.'));
}

void tst_ServeSpec::relayUpstream()
{
    ServeSpecResult result = parseServeSpec(u"relay:[::1]:9000:[2001:db8::1]:443"_s);
    QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
    QCOMPARE(result.spec.relay.address, QHostAddress(u"::1"_s));
    QCOMPARE(result.spec.relay.port, quint16(9000));
    QCOMPARE(result.spec.relay.upstreamHost, u"2001:db8::1"_s);
    QCOMPARE(result.spec.relay.upstreamPort, quint16(443));

    result = parseServeSpec(u"relay:127.0.0.1:9000:localhost:8080"_s);
    QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
    QCOMPARE(result.spec.relay.upstreamHost, u"localhost"_s);
    QCOMPARE(result.spec.relay.upstreamPort, quint16(8080));

    // The relay never looks a name up, so a name is refused here rather than at start.
    result = parseServeSpec(u"relay:127.0.0.1:9000:backend.local:8080"_s);
    QVERIFY(result.error.contains(u"the upstream must be an IP address or localhost, not \"backend.local\""_s));
}

void tst_ServeSpec::serveReplacesTheDefaultServers()
{
    const CommandLineResult parsed = parseCommandLine(
        {u"wirebench"_s, u"--headless"_s, u"--serve"_s, u"web:127.0.0.1:0:/a"_s, u"--serve"_s, u"web:[::1]:0:/b"_s});
    QVERIFY2(parsed.options, qPrintable(parsed.message));
    const QList<Net::ServerSpec> servers = headlessServers(*parsed.options);
    QCOMPARE(servers.size(), 2);
    QCOMPARE(servers[0].web.rootPath, u"/a"_s);
    QCOMPARE(servers[1].web.rootPath, u"/b"_s);
    QCOMPARE(servers[1].address(), QHostAddress(QHostAddress::LocalHostIPv6));
}

void tst_ServeSpec::shorthandsJoinWhenAskedFor()
{
    const CommandLineResult parsed = parseCommandLine({u"wirebench"_s, u"--headless"_s, u"--echo-port"_s, u"0"_s,
                                                       u"--bind"_s, u"::1"_s, u"--serve"_s, u"udp:127.0.0.1:0"_s});
    QVERIFY2(parsed.options, qPrintable(parsed.message));
    const QList<Net::ServerSpec> servers = headlessServers(*parsed.options);
    QCOMPARE(servers.size(), 2);
    QCOMPARE(servers[0].kind, ServerKind::Tcp);
    QCOMPARE(servers[0].name, u"echo"_s);
    QCOMPARE(servers[0].address(), QHostAddress(QHostAddress::LocalHostIPv6));
    QCOMPARE(servers[1].kind, ServerKind::Udp);

    // Without --serve the three shorthand servers run, as they always have.
    const CommandLineResult plain = parseCommandLine({u"wirebench"_s, u"--headless"_s});
    QVERIFY(plain.options);
    const QList<Net::ServerSpec> defaults = headlessServers(*plain.options);
    QCOMPARE(defaults.size(), 3);
    QCOMPARE(defaults[0].name, u"web"_s);
    QCOMPARE(defaults[0].port(), Net::Defaults::WebPort);
    QCOMPARE(defaults[1].name, u"echo"_s);
    QCOMPARE(defaults[1].port(), Net::Defaults::EchoPort);
    QCOMPARE(defaults[2].name, u"udp-echo"_s);
}

void tst_ServeSpec::namesAreUnique()
{
    const CommandLineResult parsed = parseCommandLine(
        {u"wirebench"_s, u"--headless"_s, u"--web-port"_s, u"0"_s, u"--serve"_s, u"web:127.0.0.1:0:/a"_s,
         u"--serve"_s, u"web:127.0.0.1:0:/b"_s, u"--serve"_s, u"tcp:127.0.0.1:0"_s});
    QVERIFY2(parsed.options, qPrintable(parsed.message));
    QStringList names;
    for (const Net::ServerSpec &spec : headlessServers(*parsed.options))
        names.append(spec.name);
    QCOMPARE(names, (QStringList{u"web"_s, u"web-2"_s, u"web-3"_s, u"tcp"_s}));
}

void tst_ServeSpec::limitsApplyToServeSpecs()
{
    const CommandLineResult parsed = parseCommandLine(
        {u"wirebench"_s, u"--headless"_s, u"--max-connections"_s, u"12"_s, u"--keep-alive-timeout"_s, u"3"_s,
         u"--serve"_s, u"web:127.0.0.1:0:/a"_s, u"--serve"_s, u"tcp:127.0.0.1:0:listen"_s});
    QVERIFY2(parsed.options, qPrintable(parsed.message));
    const QList<Net::ServerSpec> servers = headlessServers(*parsed.options);
    QCOMPARE(servers[0].web.maxConnections, 12);
    QCOMPARE(servers[0].web.keepAliveTimeoutMs, 3000);
    QCOMPARE(servers[1].tcp.maxConnections, 12);
    QCOMPARE(servers[1].tcp.mode, ServerMode::Listen);
}

void tst_ServeSpec::badSpecExitsWithTwo()
{
    const CommandLineResult parsed =
        parseCommandLine({u"wirebench"_s, u"--headless"_s, u"--serve"_s, u"tcp:127.0.0.1:99999"_s});
    QVERIFY(!parsed.options);
    QCOMPARE(parsed.exitCode, 2);
    QVERIFY2(parsed.message.contains(u"\"99999\" is not a port number"_s), qPrintable(parsed.message));
}

QTEST_GUILESS_MAIN(tst_ServeSpec)
#include "tst_servespec.moc"
