// The servers panel through the real window (offscreen), on real loopback
// sockets: cards added from the "Add server" menu, started, reached and
// removed; a relay card whose embedded fault editor changes a running relay;
// the list of cards saved and restored in order; the three fixed cards of
// older settings files moved into the list.

#include "windowtesthelpers.h"

#include "api/replyrule.h"

#include <QAction>
#include <QCheckBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QScrollArea>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTcpServer>
#include <QToolButton>

using namespace Qt::StringLiterals;
using namespace WindowTest;
using Net::ServerKind;

class tst_ServersPanel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void addedServersRunAndRemoveFreesThePort();
    void removingAServerWithClientsAsksFirst();
    void namesStayUnique();
    void relayCardPassesBytesAndTakesFaultsLive();
    void faultsEditedWhileStoppedApplyAtTheNextStart();
    void cardsRoundTripThroughTheSettings();
    void oldPerKindSettingsMoveIntoTheList();

private:
    ServerCard *add(const QString &action);
    quint16 startOnAnyPort(ServerCard *card);
    quint16 port(const ServerCard *card) const { return m_fx->net->status(card->serverId()).port; }

    std::unique_ptr<WindowFixture> m_fx;
};

void tst_ServersPanel::init()
{
    m_fx = std::make_unique<WindowFixture>();
    QVERIFY(m_fx->create());
}

void tst_ServersPanel::cleanup()
{
    m_fx.reset();
}

// Through the menu's action, as a click on the menu entry triggers it.
ServerCard *tst_ServersPanel::add(const QString &action)
{
    const qsizetype before = m_fx->window->servers()->cards().size();
    m_fx->find<QAction>(action)->trigger();
    if (m_fx->window->servers()->cards().size() != before + 1)
        return nullptr;
    return m_fx->window->servers()->cards().constLast();
}

quint16 tst_ServersPanel::startOnAnyPort(ServerCard *card)
{
    ServerCardState state = card->state();
    state.port = 0;
    card->setState(state);
    QTest::mouseClick(card->findChild<QPushButton *>(card->objectName().chopped(4) + u"ToggleButton"_s),
                      Qt::LeftButton);
    if (!QTest::qWaitFor([&] { return card->isRunning(); }, WaitMs))
        return 0;
    return port(card);
}

// One request on a fresh connection; the whole answer once the server closes.
static QByteArray httpGet(quint16 port, const QByteArray &path)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(WaitMs))
        return {};
    socket.write("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    QByteArray answer;
    while (socket.state() == QAbstractSocket::ConnectedState && socket.waitForReadyRead(WaitMs))
        answer += socket.readAll();
    return answer + socket.readAll();
}

static QByteArray echoOnce(quint16 port, const QByteArray &message)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(WaitMs))
        return {};
    socket.write(message);
    QByteArray answer;
    while (answer.size() < message.size() && socket.waitForReadyRead(WaitMs))
        answer += socket.readAll();
    return answer;
}

void tst_ServersPanel::addedServersRunAndRemoveFreesThePort()
{
    ServerCard *tcp = add(u"addTcpServerAction"_s);
    ServerCard *web = add(u"addWebServerAction"_s);
    QVERIFY(tcp && web);
    QCOMPARE(tcp->name(), u"tcp"_s);
    QCOMPARE(web->name(), u"web-2"_s); // the first card is "web"
    QVERIFY(!tcp->isRunning() && !web->isRunning());
    QCOMPARE(tcp->state().address, u"127.0.0.1"_s);

    QTemporaryDir root;
    QVERIFY(root.isValid());
    QFile file(root.filePath(u"second.txt"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("from the second root\n");
    file.close();
    ServerCardState webState = web->state();
    webState.rootPath = root.path();
    web->setState(webState);

    const quint16 tcpPort = startOnAnyPort(tcp);
    const quint16 webPort = startOnAnyPort(web);
    QVERIFY(tcpPort != 0 && webPort != 0);
    QCOMPARE(echoOnce(tcpPort, "hello, new card"), "hello, new card"_ba);
    const QByteArray answer = httpGet(webPort, "/second.txt");
    QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
    QVERIFY(answer.endsWith("from the second root\n"));
    // The log and the connections table name the servers by the cards' names.
    QCOMPARE(m_fx->net->serverName(web->serverId()), u"web-2"_s);

    const Net::ServerId removed = tcp->serverId();
    QTest::mouseClick(m_fx->find<QToolButton>(u"tcpRemoveButton"_s), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!m_fx->window->servers()->cards().contains(tcp), WaitMs);
    const auto listed = [&] {
        const QList<Net::ServerStatus> servers = m_fx->net->servers();
        return std::any_of(servers.cbegin(), servers.cend(), [&](const auto &s) { return s.id == removed; });
    };
    QTRY_VERIFY_WITH_TIMEOUT(!listed(), WaitMs);
    QTcpServer reuse;
    // (QTRY evaluates once more after success: a second listen() would fail.)
    QTRY_VERIFY_WITH_TIMEOUT(reuse.isListening() || reuse.listen(QHostAddress::LocalHost, tcpPort), WaitMs);
    QVERIFY(web->isRunning()); // the other card is untouched
}

void tst_ServersPanel::removingAServerWithClientsAsksFirst()
{
    ServerCard *tcp = add(u"addTcpServerAction"_s);
    QVERIFY(tcp);
    const quint16 tcpPort = startOnAnyPort(tcp);
    QVERIFY(tcpPort != 0);
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, tcpPort);
    QVERIFY(client.waitForConnected(WaitMs));
    QTRY_COMPARE_WITH_TIMEOUT(m_fx->net->totals(tcp->serverId()).connectionsNow, qint64(1), WaitMs);

    {
        ModalAnswerer cancel(QMessageBox::Cancel);
        m_fx->window->servers()->removeCard(tcp);
        QCOMPARE(cancel.boxesSeen(), 1);
        QVERIFY(cancel.text().contains(u"1 open connection"_s));
    }
    QVERIFY(m_fx->window->servers()->cards().contains(tcp)); // Cancel keeps it, running
    QVERIFY(tcp->isRunning());

    ModalAnswerer yes(QMessageBox::Yes);
    m_fx->window->servers()->removeCard(tcp);
    QCOMPARE(yes.boxesSeen(), 1);
    QCOMPARE(m_fx->window->servers()->cards().size(), 3);
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), QAbstractSocket::UnconnectedState, WaitMs);
}

void tst_ServersPanel::namesStayUnique()
{
    ServerCard *first = add(u"addUdpServerAction"_s);
    ServerCard *second = add(u"addUdpServerAction"_s);
    QVERIFY(first && second);
    QCOMPARE(first->name(), u"udp"_s);
    QCOMPARE(second->name(), u"udp-2"_s);
    QVERIFY(first->state().port != second->state().port); // the next port, not the same one

    auto *name = second->findChild<QLineEdit *>(u"udp2NameEdit"_s);
    QVERIFY(name);
    name->setText(u"echo"_s); // the TCP card's name
    emit name->editingFinished();
    QCOMPARE(second->name(), u"udp-2"_s);
    QCOMPARE(name->text(), u"udp-2"_s);

    name->setText(u"syslog"_s);
    emit name->editingFinished();
    QCOMPARE(second->name(), u"syslog"_s);
    QCOMPARE(m_fx->net->serverName(second->serverId()), u"syslog"_s);

    QStringList names;
    for (const ServerCard *card : m_fx->window->servers()->cards())
        names.append(card->name());
    QCOMPARE(names, (QStringList{u"web"_s, u"echo"_s, u"udp-echo"_s, u"udp"_s, u"syslog"_s}));
}

void tst_ServersPanel::relayCardPassesBytesAndTakesFaultsLive()
{
    QVERIFY(m_fx->start(ServerKind::Tcp));
    const quint16 echoPort = m_fx->net->status(ServerKind::Tcp).port;
    ServerCard *relay = add(u"addRelayAction"_s);
    QVERIFY(relay);
    QCOMPARE(relay->kind(), ServerKind::Relay);
    ServerCardState state = relay->state();
    state.upstreamPort = echoPort;
    relay->setState(state);
    const quint16 relayPort = startOnAnyPort(relay);
    QVERIFY(relayPort != 0);

    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, relayPort);
    QVERIFY(client.waitForConnected(WaitMs));
    client.write("one");
    QByteArray received;
    while (received.size() < 3 && client.waitForReadyRead(WaitMs))
        received += client.readAll();
    QCOMPARE(received, "one"_ba);

    // Open the embedded editor and switch on limit_data downstream (6 bytes:
    // counted from the connection's start, so 3 are left) while connected.
    auto *faults = m_fx->find<QToolButton>(u"relayFaultsButton"_s);
    auto *editor = m_fx->find<QWidget>(u"relayFaultsEditor"_s);
    QVERIFY(!editor->isVisible());
    auto *panel = m_fx->find<QScrollArea>(u"serversScroll"_s)->widget();
    const int closedWidth = panel->minimumSizeHint().width();
    QTest::mouseClick(faults, Qt::LeftButton);
    QVERIFY(editor->isVisible());
    // Open, the editor asks for no more width than the cards already do, so
    // it never makes the servers dock scroll sideways.
    QCOMPARE_LE(panel->minimumSizeHint().width(), closedWidth);
    editor->findChild<QSpinBox *>(u"downstreamLimitBytes"_s)->setValue(6);
    QSignalSpy applied(m_fx->net.get(), &Net::NetController::serverStatusChanged);
    editor->findChild<QCheckBox *>(u"downstreamLimitDataCheck"_s)->click();
    QCOMPARE(m_fx->net->spec(relay->serverId()).relay.faults.downstream.limitData.enabled, true);
    QVERIFY(applied.wait(WaitMs)); // the network thread took the new faults
    QCOMPARE(client.state(), QAbstractSocket::ConnectedState);

    client.write("abcdef");
    QTRY_COMPARE_WITH_TIMEOUT((received += client.readAll(), client.state()), QAbstractSocket::UnconnectedState,
                              WaitMs);
    received += client.readAll();
    QCOMPARE(received, "oneabc"_ba);
    QVERIFY(relay->isRunning()); // only the connection closed
    QCOMPARE(relay->state().faults.downstream.limitData.bytes, qint64(6));
}

void tst_ServersPanel::faultsEditedWhileStoppedApplyAtTheNextStart()
{
    QVERIFY(m_fx->start(ServerKind::Tcp));
    ServerCard *relay = add(u"addRelayAction"_s);
    QVERIFY(relay);
    ServerCardState state = relay->state();
    state.upstreamPort = m_fx->net->status(ServerKind::Tcp).port;
    relay->setState(state);
    QTest::mouseClick(m_fx->find<QToolButton>(u"relayFaultsButton"_s), Qt::LeftButton);
    auto *editor = m_fx->find<QWidget>(u"relayFaultsEditor"_s);
    editor->findChild<QSpinBox *>(u"downstreamLimitBytes"_s)->setValue(3);
    editor->findChild<QCheckBox *>(u"downstreamLimitDataCheck"_s)->click();
    QVERIFY(relay->state().faults.downstream.limitData.enabled);

    const quint16 relayPort = startOnAnyPort(relay);
    QVERIFY(relayPort != 0);
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, relayPort);
    QVERIFY(client.waitForConnected(WaitMs));
    client.write("abcdef");
    QByteArray received;
    QTRY_COMPARE_WITH_TIMEOUT((received += client.readAll(), client.state()), QAbstractSocket::UnconnectedState,
                              WaitMs);
    received += client.readAll();
    QCOMPARE(received, "abc"_ba);
}

void tst_ServersPanel::cardsRoundTripThroughTheSettings()
{
    ServerCard *relay = add(u"addRelayAction"_s);
    ServerCard *tcp = add(u"addTcpServerAction"_s);
    QVERIFY(relay && tcp);
    ServerCardState relayState = relay->state();
    relayState.upstreamHost = u"::1"_s;
    relayState.upstreamPort = 26007;
    relayState.faults.upstream.latency = {true, 250, 20};
    relayState.faults.downstream.limitData = {true, 4096};
    relay->setState(relayState);
    ServerCardState tcpState = tcp->state();
    tcpState.port = 26123;
    tcpState.mode = Net::ServerMode::Rules;
    Net::ReplyRule rule;
    rule.pattern = u"ping"_s;
    rule.reply = u"pong"_s;
    tcpState.rules.rules.append(rule);
    tcp->setState(tcpState);
    tcp->setName(u"pinger"_s);
    // The TCP echo card of the first run goes: the list keeps what is left, in order.
    QTest::mouseClick(m_fx->find<QToolButton>(u"echoRemoveButton"_s), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(m_fx->window->servers()->cards().size(), 4, WaitMs);
    const QList<ServerCardState> before = m_fx->window->servers()->states();

    QVERIFY(m_fx->window->close()); // closing saves, as quitting does
    QVERIFY(m_fx->reopen());
    const QList<ServerCardState> after = m_fx->window->servers()->states();
    QCOMPARE(after.size(), 4);
    QStringList names;
    for (const ServerCardState &card : after)
        names.append(card.name);
    QCOMPARE(names, (QStringList{u"web"_s, u"udp-echo"_s, u"relay"_s, u"pinger"_s}));
    QCOMPARE(after[2].kind, ServerKind::Relay);
    QCOMPARE(after[2].upstreamHost, u"::1"_s);
    QCOMPARE(after[2].upstreamPort, quint16(26007));
    QCOMPARE(after[2].faults, relayState.faults);
    QCOMPARE(after[3].kind, ServerKind::Tcp);
    QCOMPARE(after[3].port, quint16(26123));
    QCOMPARE(after[3].mode, Net::ServerMode::Rules);
    QCOMPARE(after[3].rules, before[3].rules);
    QCOMPARE(after[0].rootPath, before[0].rootPath);
    // The server the card added is named like the card.
    QCOMPARE(m_fx->net->serverName(m_fx->window->servers()->cards()[3]->serverId()), u"pinger"_s);
}

void tst_ServersPanel::oldPerKindSettingsMoveIntoTheList()
{
    m_fx.reset();
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString ini = dir.filePath(u"old.ini"_s);
    {
        QSettings old(ini, QSettings::IniFormat);
        old.setValue(u"servers/web/address"_s, u"::1"_s);
        old.setValue(u"servers/web/port"_s, 26080);
        old.setValue(u"servers/web/root"_s, dir.path());
        old.setValue(u"servers/echo/port"_s, 26007);
        old.setValue(u"servers/echo/mode"_s, u"listen"_s);
        old.setValue(u"servers/udp-echo/port"_s, 26008);
    }
    {
        Net::NetController net;
        Settings settings(ini);
        MainWindow window(net, settings);
        const QList<ServerCardState> cards = window.servers()->states();
        QCOMPARE(cards.size(), 3);
        QCOMPARE(cards[0].name, u"web"_s);
        QCOMPARE(cards[0].address, u"::1"_s);
        QCOMPARE(cards[0].port, quint16(26080));
        QCOMPARE(cards[0].rootPath, dir.path());
        QCOMPARE(cards[1].name, u"echo"_s);
        QCOMPARE(cards[1].port, quint16(26007));
        QCOMPARE(cards[1].mode, Net::ServerMode::Listen);
        QCOMPARE(cards[2].name, u"udp-echo"_s);
        QCOMPARE(cards[2].kind, ServerKind::Udp);
        QCOMPARE(cards[2].port, quint16(26008));
        window.close(); // saves the list
    }
    QVERIFY(QSettings(ini, QSettings::IniFormat).contains(u"servers/list"_s));
    // Once in the list, the old keys no longer decide: a removed card stays removed.
    {
        Net::NetController net;
        Settings settings(ini);
        MainWindow window(net, settings);
        window.servers()->removeCard(window.servers()->card(ServerKind::Udp));
        window.close();
    }
    Net::NetController net;
    Settings settings(ini);
    MainWindow window(net, settings);
    QCOMPARE(window.servers()->cards().size(), 2);
    QCOMPARE(window.servers()->card(ServerKind::Tcp)->state().port, quint16(26007));
}

QTEST_MAIN(tst_ServersPanel)
#include "tst_serverspanel.moc"
