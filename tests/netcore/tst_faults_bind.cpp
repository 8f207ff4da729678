// Bind failures through the façade, for the web, TCP echo and UDP echo
// servers: a port already in use, a port below 1024 without privileges, and
// an address this machine does not have. Each must come back as a sentence
// in serverStatusChanged, leave that server stopped and the controller
// working, and a later start on a good port must serve.
//
// Running as root, a privileged port binds fine, so that row checks the
// sentence directly and runs the real bind in a child process (this binary
// again) that has dropped to uid 65534 first.

#include "echotesthelpers.h"
#include "faulttesthelpers.h"
#include "api/netcontroller.h"
#include "rawclient.h"
#include "server/socketaddress.h"
#include "webserverfixture.h"

#include <QNetworkInterface>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>

#include <grp.h>

using namespace Net;
using namespace Qt::StringLiterals;
using FaultTest::reportLine;

namespace {

enum class Fault { InUse, Privileged, NotAvailable };

constexpr quint16 PrivilegedPort = 80;
constexpr quint16 UsualPort = 8080;
constexpr int StatusWaitMs = 5000;
constexpr uid_t Nobody = 65534;
constexpr int ChildCannotDropPrivileges = 3;
constexpr auto ChildMode = "bind-as-nobody";
constexpr QByteArrayView Hello = "Hello from the fault suite\n";

struct BindOutcome
{
    bool reported = false;      // a status arrived for the failed start
    QString error;              // its sentence
    bool stayedStopped = false; // neither that status nor the controller says running
    QString restartError;       // the later start on a good port
    quint16 restartPort = 0;    // 0 when it did not run
    bool served = false;        // ... and answered a client
};

// "127.0.0.1:80" or "[::1]:80", spelled out here rather than taken from the code under test.
QString where(const QHostAddress &address, quint16 port)
{
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol ? u'[' + address.toString() + u']'
                                                                              : address.toString();
    return host + u':' + QString::number(port);
}

void startServer(NetController &net, ServerKind kind, const QHostAddress &address, quint16 port, const QString &root)
{
    if (kind == ServerKind::Web) {
        WebServerConfig config;
        config.address = address;
        config.port = port;
        config.rootPath = root;
        net.startWeb(config);
        return;
    }
    EchoServerConfig config;
    config.address = address;
    config.port = port;
    if (kind == ServerKind::Tcp)
        net.startTcp(config);
    else
        net.startUdp(config);
}

bool serves(ServerKind kind, const QHostAddress &address, quint16 port)
{
    switch (kind) {
    case ServerKind::Web: {
        HttpTest::RawClient client;
        if (!client.connectTo(address, port))
            return false;
        return HttpTest::bodyOf(client.exchange(HttpTest::get("/hello.txt"))) == Hello.toByteArray();
    }
    case ServerKind::Tcp: {
        EchoTest::Client client(address, port);
        client.socket.write("ping");
        return EchoTest::waitUntil([&] { return client.received == "ping"; }, StatusWaitMs);
    }
    case ServerKind::Udp: {
        QUdpSocket socket;
        if (socket.writeDatagram("ping", address, port) != 4)
            return false;
        if (!EchoTest::waitUntil([&] { return socket.hasPendingDatagrams(); }, StatusWaitMs))
            return false;
        QByteArray datagram(64, '\0');
        datagram.truncate(socket.readDatagram(datagram.data(), datagram.size()));
        return datagram == "ping";
    }
    case ServerKind::Relay: break;
    }
    return false;
}

// Starts `kind` on the bad address:port through a fresh controller, then on
// port 0 of `good`, and says what happened.
BindOutcome probeBind(ServerKind kind, const QHostAddress &address, quint16 port, const QHostAddress &good,
                      const QString &root)
{
    BindOutcome outcome;
    NetController net;
    QList<ServerStatus> statuses;
    QObject::connect(&net, &NetController::serverStatusChanged, &net, [&](const ServerStatus &status) {
        // A start's answer: running, or an error. Adding a server reports it stopped first.
        if (status.kind == kind && (status.running || !status.error.isEmpty()))
            statuses.append(status);
    });
    startServer(net, kind, address, port, root);
    outcome.reported = EchoTest::waitUntil([&] { return !statuses.isEmpty(); }, StatusWaitMs);
    if (!outcome.reported)
        return outcome;
    outcome.error = statuses.constFirst().error;
    outcome.stayedStopped = !statuses.constFirst().running && !net.status(kind).running;

    startServer(net, kind, good, 0, root);
    if (!EchoTest::waitUntil([&] { return statuses.size() >= 2; }, StatusWaitMs))
        return outcome;
    const ServerStatus restarted = statuses.at(1);
    outcome.restartError = restarted.error;
    if (restarted.running && restarted.port != 0) {
        outcome.restartPort = restarted.port;
        outcome.served = serves(kind, good, restarted.port);
    }
    return outcome;
}

QString env(const char *name)
{
    return qEnvironmentVariable(name);
}

// The child: drop to nobody before Qt starts a thread, then probe as above
// and print the outcome.
int runBindAsNobody()
{
    if (::setgroups(0, nullptr) != 0 || ::setgid(Nobody) != 0 || ::setuid(Nobody) != 0) {
        reportLine("why", QString::fromLocal8Bit(std::strerror(errno)));
        return ChildCannotDropPrivileges;
    }
    int argc = 1;
    char name[] = "tst_faults_bind";
    char *argv[] = {name, nullptr};
    QCoreApplication app(argc, argv);
    reportLine("uid", QString::number(::getuid()));
    const BindOutcome outcome = probeBind(ServerKind(env("WIREBENCH_FAULT_KIND").toInt()),
                                          QHostAddress(env("WIREBENCH_FAULT_ADDRESS")),
                                          quint16(env("WIREBENCH_FAULT_PORT").toUInt()),
                                          QHostAddress(env("WIREBENCH_FAULT_GOOD")), env("WIREBENCH_FAULT_ROOT"));
    reportLine("reported", QString::number(outcome.reported));
    reportLine("error", outcome.error);
    reportLine("stopped", QString::number(outcome.stayedStopped));
    reportLine("restartError", outcome.restartError);
    reportLine("restartPort", QString::number(outcome.restartPort));
    reportLine("served", QString::number(outcome.served));
    return 0;
}

BindOutcome outcomeFrom(const FaultTest::ChildRun &run)
{
    BindOutcome outcome;
    outcome.reported = run.value("reported") == u"1";
    outcome.error = run.value("error");
    outcome.stayedStopped = run.value("stopped") == u"1";
    outcome.restartError = run.value("restartError");
    outcome.restartPort = quint16(run.value("restartPort").toUInt());
    outcome.served = run.value("served") == u"1";
    return outcome;
}

} // namespace

class tst_FaultsBind : public QObject
{
    Q_OBJECT

public:
    // Before QCoreApplication exists: the child mode runs instead of the tests.
    static void initMain()
    {
        if (FaultTest::childMode() == QLatin1StringView(ChildMode))
            std::exit(runBindAsNobody());
    }

private slots:
    void initTestCase_data();
    void initTestCase();
    void init();

    void bindFailure_data();
    void bindFailure();

private:
    QTemporaryDir m_dir;
    QString m_root;
    bool m_ipv6 = false;
    QHostAddress m_loopback;
};

void tst_FaultsBind::initTestCase_data()
{
    HttpTest::addLoopbackRows();
}

void tst_FaultsBind::initTestCase()
{
    // A root the child can read after dropping to nobody, or the web server
    // would refuse the root before it ever tried to bind.
    QVERIFY(m_dir.isValid());
    m_root = m_dir.path() + u"/www"_s;
    QVERIFY(QDir().mkpath(m_root));
    QFile hello(m_root + u"/hello.txt"_s);
    QVERIFY(hello.open(QIODevice::WriteOnly));
    QCOMPARE(hello.write(Hello.data(), Hello.size()), Hello.size());
    hello.close();
    const auto readable = QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther;
    const auto searchable = readable | QFile::WriteOwner | QFile::ExeOwner | QFile::ExeGroup | QFile::ExeOther;
    QVERIFY(QFile::setPermissions(m_dir.path(), searchable));
    QVERIFY(QFile::setPermissions(m_root, searchable));
    QVERIFY(QFile::setPermissions(hello.fileName(), readable | QFile::WriteOwner));
    m_ipv6 = HttpTest::ipv6LoopbackAvailable();
}

void tst_FaultsBind::init()
{
    m_loopback = HttpTest::currentLoopback();
    if (m_loopback.protocol() == QAbstractSocket::IPv6Protocol && !m_ipv6)
        QSKIP("IPv6 loopback (::1) is not available on this machine");
}

void tst_FaultsBind::bindFailure_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("fault");
    const std::pair<ServerKind, const char *> kinds[] = {
        {ServerKind::Web, "web"}, {ServerKind::Tcp, "tcp echo"}, {ServerKind::Udp, "udp echo"}};
    const std::pair<Fault, const char *> faults[] = {
        {Fault::InUse, "port in use"}, {Fault::Privileged, "permission denied"},
        {Fault::NotAvailable, "address not available"}};
    for (const auto &[kind, kindName] : kinds) {
        for (const auto &[fault, faultName] : faults)
            QTest::addRow("%s: %s", kindName, faultName) << int(kind) << int(fault);
    }
}

void tst_FaultsBind::bindFailure()
{
    QFETCH(int, kind);
    QFETCH(int, fault);
    const ServerKind server = ServerKind(kind);
    const bool v6 = m_loopback.protocol() == QAbstractSocket::IPv6Protocol;
    QHostAddress address = m_loopback;
    quint16 port = 0;
    QString expected;
    int blocker = -1;
    const auto releaseBlocker = qScopeGuard([&] {
        if (blocker >= 0)
            ::close(blocker);
    });

    switch (Fault(fault)) {
    case Fault::InUse:
        // Held by a socket without SO_REUSEADDR, of the server's own protocol.
        blocker = FaultTest::bindBlocker(server == ServerKind::Udp ? SOCK_DGRAM : SOCK_STREAM, address);
        QVERIFY2(blocker >= 0, std::strerror(errno));
        port = FaultTest::localPortOf(blocker);
        expected = u"Port %1 on %2 is already in use by another program."_s.arg(port).arg(address.toString());
        break;
    case Fault::Privileged:
        port = PrivilegedPort;
        if (FaultTest::unprivilegedPortStart() <= port)
            QSKIP("net.ipv4.ip_unprivileged_port_start lets anyone bind port 80 here");
        expected = u"Permission denied for %1: ports below 1024 need administrator rights."_s.arg(where(address, port));
        break;
    case Fault::NotAvailable:
        // Documentation addresses (RFC 5737, RFC 3849): never configured on a real interface.
        address = QHostAddress(v6 ? u"2001:db8::1"_s : u"192.0.2.1"_s);
        if (QNetworkInterface::allAddresses().contains(address))
            QSKIP("the documentation address is configured on this machine");
        port = UsualPort;
        expected = u"Address %1 is not available on this machine."_s.arg(address.toString());
        break;
    }

    BindOutcome outcome;
    if (Fault(fault) == Fault::Privileged && ::geteuid() == 0) {
        // Root may bind port 80, so check the sentence for the error a
        // refused bind reports, then let an unprivileged child bind for real.
        QCOMPARE(Net::bindErrorSentence(QAbstractSocket::SocketAccessError, address, port, u"Permission denied"_s),
                 expected);
        const FaultTest::ChildRun run = FaultTest::runSelf(QString::fromLatin1(ChildMode), {
            {u"WIREBENCH_FAULT_KIND"_s, QString::number(kind)},
            {u"WIREBENCH_FAULT_ADDRESS"_s, address.toString()},
            {u"WIREBENCH_FAULT_PORT"_s, QString::number(port)},
            {u"WIREBENCH_FAULT_GOOD"_s, m_loopback.toString()},
            {u"WIREBENCH_FAULT_ROOT"_s, m_root},
        });
        QVERIFY2(run.started && run.finished && !run.crashed, qPrintable(run.describe()));
        if (run.exitCode == ChildCannotDropPrivileges)
            QSKIP(qPrintable(u"running as root and cannot drop to uid 65534 (%1): the real bind "
                             "check needs an unprivileged process"_s.arg(run.value("why"))));
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        QCOMPARE(run.value("uid"), QString::number(Nobody));
        outcome = outcomeFrom(run);
    } else {
        outcome = probeBind(server, address, port, m_loopback, m_root);
    }

    QVERIFY2(outcome.reported, "no serverStatusChanged arrived for the failed start");
    QCOMPARE(outcome.error, expected);
    QVERIFY2(outcome.stayedStopped, "a server whose bind failed reports itself running");
    QVERIFY2(outcome.restartPort != 0, qPrintable(u"the later start on a free port failed: "_s + outcome.restartError));
    QVERIFY(outcome.restartError.isEmpty());
    QVERIFY2(outcome.served, "the server restarted on a free port does not answer");
}

QTEST_GUILESS_MAIN(tst_FaultsBind)
#include "tst_faults_bind.moc"
