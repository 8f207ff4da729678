// The window as a user meets it, offscreen: the server cards, the status bar,
// Start all / Stop all, settings that survive a restart, the About action and
// the question before listening on every interface. Every control is found by
// objectName and driven with clicks, keys and actions; every port is 0.

#include "windowtesthelpers.h"

#include "servercard.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QFontInfo>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QSettings>
#include <QSpinBox>
#include <QTcpServer>

#include <algorithm>

using namespace Qt::StringLiterals;
using Net::ServerKind;
using namespace WindowTest;

namespace {

constexpr ServerKind AllKinds[] = {ServerKind::Web, ServerKind::Tcp, ServerKind::Udp};

QByteArray demoIndex()
{
    QFile file(demoSitePath() + u"/index.html"_s);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class tst_MainWindow : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void webStartServesTheDemoSite();
    void portInUseIsExplainedAndTheAppRecovers();
    void startAllAndStopAll();
    void settingsSurviveARestart();
    void aboutActionAndRealFont();
    void networkAddressNeedsConfirmation();
    void networkAnswerIsPerAddressAndSession();
    void commandLineOverridesOnlyWhatItGives();
    void webRulesFromTheCommandLineReachTheServer();
    void stopAllWhileStartingStopsEverything();

private:
    WindowFixture *m_fx = nullptr;
};

void tst_MainWindow::init()
{
    m_fx = new WindowFixture;
    QVERIFY(m_fx->create());
}

void tst_MainWindow::cleanup()
{
    delete m_fx;
    m_fx = nullptr;
}

// Case 1: Start on the web card → a linked "Listening on" line, and the URL serves the demo page.
void tst_MainWindow::webStartServesTheDemoSite()
{
    const QString root = demoSitePath();
    const QByteArray index = demoIndex();
    QVERIFY2(index.contains("It works."), qPrintable(root));
    auto *rootEdit = m_fx->find<QLineEdit>(u"webRootEdit"_s);
    rootEdit->clear();
    QTest::keyClicks(rootEdit, root);
    QCOMPARE(rootEdit->text(), root);

    QAbstractButton *toggle = m_fx->toggle(ServerKind::Web);
    QCOMPARE(toggle->text(), u"Start"_s);
    QCOMPARE(plainText(m_fx->statusLabel(ServerKind::Web)), u"Stopped"_s);
    QTest::mouseClick(toggle, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(m_fx->net->status(ServerKind::Web).running, WaitMs);
    const quint16 port = m_fx->net->status(ServerKind::Web).port;
    QVERIFY(port != 0);

    const QString url = u"http://127.0.0.1:%1/"_s.arg(port);
    QLabel *status = m_fx->statusLabel(ServerKind::Web);
    QTRY_COMPARE_WITH_TIMEOUT(plainText(status), u"Listening on "_s + url, WaitMs);
    QVERIFY2(status->text().contains(u"<a href=\"%1\">"_s.arg(url)), qPrintable(status->text()));
    QVERIFY(status->openExternalLinks());
    QCOMPARE(toggle->text(), u"Stop"_s);
    QVERIFY(!m_fx->find<QSpinBox>(u"webPortSpin"_s)->isEnabled()); // fields are locked while running
    QVERIFY(!rootEdit->isEnabled());

    // The GET goes to the URL the label shows.
    const QUrl shown(plainText(status).sliced(QStringView(u"Listening on ").size()));
    QCOMPARE(shown.toString(), url);
    const HttpReply reply = httpGet(QHostAddress(shown.host()), quint16(shown.port()), shown.path().toLatin1());
    QVERIFY2(reply.error.isEmpty(), qPrintable(reply.error));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.body, index);
    QTRY_VERIFY_WITH_TIMEOUT(m_fx->find<QLabel>(u"webCountersLabel"_s)->text().contains(u"· 1 request"_s), WaitMs);
}

// Case 5: a taken port is a plain sentence, the card is ready again, and port 0 then works.
void tst_MainWindow::portInUseIsExplainedAndTheAppRecovers()
{
    QTcpServer blocker;
    QVERIFY(blocker.listen(QHostAddress(QHostAddress::LocalHost), 0));
    const quint16 taken = blocker.serverPort();

    auto *port = m_fx->find<QSpinBox>(u"webPortSpin"_s);
    port->setFocus();
    port->selectAll();
    QTest::keyClicks(port, QString::number(taken));
    QCOMPARE(port->value(), int(taken));

    QAbstractButton *toggle = m_fx->toggle(ServerKind::Web);
    QLabel *status = m_fx->statusLabel(ServerKind::Web);
    QTest::mouseClick(toggle, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(plainText(status).contains(u"in use"_s), WaitMs);
    const QString sentence = plainText(status);
    QVERIFY2(sentence.contains(QString::number(taken)), qPrintable(sentence));
    QVERIFY2(!sentence.contains(u"QAbstractSocket"_s) && !sentence.contains(u"Error"_s), qPrintable(sentence));
    QCOMPARE(toggle->text(), u"Start"_s);
    QVERIFY(toggle->isEnabled());
    QVERIFY(port->isEnabled());
    QVERIFY(!m_fx->net->status(ServerKind::Web).running);
    QVERIFY(!m_fx->card(ServerKind::Web)->isRunning());

    // The app keeps working: any free port starts.
    port->setValue(0);
    QVERIFY(m_fx->start(ServerKind::Web));
    const quint16 chosen = m_fx->net->status(ServerKind::Web).port;
    QVERIFY(chosen != 0 && chosen != taken);
    QTRY_COMPARE_WITH_TIMEOUT(plainText(status), u"Listening on http://127.0.0.1:%1/"_s.arg(chosen), WaitMs);
    QCOMPARE(toggle->text(), u"Stop"_s);
    QCOMPARE(httpGet(QHostAddress(QHostAddress::LocalHost), chosen).status, 200);
}

// Case 8: F5 starts every card, Stop all stops them; the status bar lists what runs.
void tst_MainWindow::startAllAndStopAll()
{
    auto *startAll = m_fx->window->findChild<QAction *>(u"startAllAction"_s);
    auto *stopAll = m_fx->window->findChild<QAction *>(u"stopAllAction"_s);
    QVERIFY(startAll && stopAll);
    QCOMPARE(startAll->shortcut(), QKeySequence(Qt::Key_F5));
    auto *servers = m_fx->find<QLabel>(u"statusServersLabel"_s);
    QCOMPARE(servers->text(), u"No server running — press F5 to start them all"_s);

    // F5 is a window shortcut: it needs the window active, as for a user.
    QVERIFY(m_fx->activate());
    QTest::keyClick(m_fx->window.get(), Qt::Key_F5);
    for (const ServerKind kind : AllKinds) {
        QTRY_VERIFY2_WITH_TIMEOUT(m_fx->card(kind)->isRunning(), qPrintable(Net::serverKindName(kind)), WaitMs);
        QCOMPARE(m_fx->toggle(kind)->text(), u"Stop"_s);
        QVERIFY2(plainText(m_fx->statusLabel(kind)).startsWith(u"Listening on "_s),
                 qPrintable(plainText(m_fx->statusLabel(kind))));
    }
    QStringList urls;
    for (const ServerKind kind : AllKinds) {
        const Net::ServerStatus status = m_fx->net->status(kind);
        QVERIFY(status.port != 0);
        urls.append(status.url());
    }
    QVERIFY2(urls.at(0).startsWith(u"http://127.0.0.1:"_s) && urls.at(1).startsWith(u"tcp://127.0.0.1:"_s)
                 && urls.at(2).startsWith(u"udp://127.0.0.1:"_s),
             qPrintable(urls.join(u' ')));
    QTRY_COMPARE_WITH_TIMEOUT(servers->text(), u"Running: "_s + urls.join(u"  ·  "_s), WaitMs);

    stopAll->trigger();
    for (const ServerKind kind : AllKinds) {
        QTRY_VERIFY2_WITH_TIMEOUT(!m_fx->card(kind)->isRunning() && m_fx->toggle(kind)->isEnabled(),
                                  qPrintable(Net::serverKindName(kind)), WaitMs);
        QCOMPARE(m_fx->toggle(kind)->text(), u"Start"_s);
        QCOMPARE(plainText(m_fx->statusLabel(kind)), u"Stopped"_s);
        QVERIFY(!m_fx->net->status(kind).running);
    }
    QTRY_COMPARE_WITH_TIMEOUT(servers->text(), u"No server running — press F5 to start them all"_s, WaitMs);

    // The action starts them again (ports chosen afresh).
    startAll->trigger();
    for (const ServerKind kind : AllKinds)
        QTRY_VERIFY_WITH_TIMEOUT(m_fx->card(kind)->isRunning(), WaitMs);
}

// Case 9: card fields and the client pane come back in a new window on the same file.
void tst_MainWindow::settingsSurviveARestart()
{
    const QString otherRoot = m_fx->tempPath(u"www"_s);
    m_fx->find<QComboBox>(u"webAddressCombo"_s)->setCurrentText(u"::1"_s);
    m_fx->find<QSpinBox>(u"webPortSpin"_s)->setValue(18080);
    auto *rootEdit = m_fx->find<QLineEdit>(u"webRootEdit"_s);
    rootEdit->clear();
    QTest::keyClicks(rootEdit, otherRoot);
    QTest::mouseClick(m_fx->find<QCheckBox>(u"webListingCheck"_s), Qt::LeftButton);
    QVERIFY(m_fx->find<QCheckBox>(u"webListingCheck"_s)->isChecked());
    m_fx->find<QSpinBox>(u"echoPortSpin"_s)->setValue(17070);
    m_fx->find<QComboBox>(u"udpechoAddressCombo"_s)->setCurrentText(u"::1"_s);
    m_fx->find<QSpinBox>(u"udpechoPortSpin"_s)->setValue(17071);

    m_fx->find<QLineEdit>(u"clientHostEdit"_s)->setText(u"localhost"_s);
    m_fx->find<QSpinBox>(u"clientPortSpin"_s)->setValue(17070);
    m_fx->find<QComboBox>(u"clientLineEndingCombo"_s)->setCurrentIndex(2); // CRLF
    m_fx->find<QComboBox>(u"clientModeCombo"_s)->setCurrentIndex(1);       // Hex
    m_fx->find<QSpinBox>(u"clientRepeatSpin"_s)->setValue(250);
    m_fx->find<QComboBox>(u"clientTranscriptModeCombo"_s)->setCurrentIndex(1);
    auto *protocol = m_fx->find<QComboBox>(u"clientProtocolCombo"_s);
    protocol->setCurrentIndex(protocol->findText(u"HTTP"_s));
    auto *url = m_fx->find<QLineEdit>(u"clientUrlEdit"_s);
    url->clear();
    QTest::keyClicks(url, u"http://127.0.0.1:18080/docs/"_s);
    m_fx->find<QComboBox>(u"clientHttpMethodCombo"_s)->setCurrentText(u"HEAD"_s);
    m_fx->find<QPlainTextEdit>(u"clientHttpHeadersEdit"_s)->setPlainText(u"Accept: text/plain"_s);
    m_fx->window->log()->setCapacity(20000);
    m_fx->window->resize(1200, 800);

    // Closing saves, as quitting does.
    QVERIFY(m_fx->window->close());
    {
        const QSettings ini(m_fx->iniPath(), QSettings::IniFormat);
        QVERIFY(ini.contains(u"window/geometry"_s));
        QVERIFY(!ini.value(u"window/geometry"_s).toByteArray().isEmpty());
        QVERIFY(ini.contains(u"window/state"_s));
    }

    QVERIFY(m_fx->reopen());
    const ServerCardState web = m_fx->card(ServerKind::Web)->state();
    QCOMPARE(web.address, u"::1"_s);
    QCOMPARE(web.port, quint16(18080));
    QCOMPARE(web.rootPath, otherRoot);
    QVERIFY(web.listing);
    QCOMPARE(m_fx->find<QLineEdit>(u"webRootEdit"_s)->text(), otherRoot);
    QVERIFY(m_fx->find<QCheckBox>(u"webListingCheck"_s)->isChecked());
    QCOMPARE(m_fx->find<QSpinBox>(u"echoPortSpin"_s)->value(), 17070);
    QCOMPARE(m_fx->find<QComboBox>(u"echoAddressCombo"_s)->currentText(), u"127.0.0.1"_s);
    QCOMPARE(m_fx->find<QComboBox>(u"udpechoAddressCombo"_s)->currentText(), u"::1"_s);
    QCOMPARE(m_fx->find<QSpinBox>(u"udpechoPortSpin"_s)->value(), 17071);

    QCOMPARE(m_fx->find<QComboBox>(u"clientProtocolCombo"_s)->currentText(), u"HTTP"_s);
    QCOMPARE(m_fx->find<QLineEdit>(u"clientHostEdit"_s)->text(), u"localhost"_s);
    QCOMPARE(m_fx->find<QSpinBox>(u"clientPortSpin"_s)->value(), 17070);
    QCOMPARE(m_fx->find<QComboBox>(u"clientModeCombo"_s)->currentIndex(), 1);
    QCOMPARE(m_fx->find<QComboBox>(u"clientLineEndingCombo"_s)->currentIndex(), 2);
    QCOMPARE(m_fx->find<QSpinBox>(u"clientRepeatSpin"_s)->value(), 250);
    QCOMPARE(m_fx->find<QComboBox>(u"clientTranscriptModeCombo"_s)->currentIndex(), 1);
    QCOMPARE(m_fx->find<QLineEdit>(u"clientUrlEdit"_s)->text(), u"http://127.0.0.1:18080/docs/"_s);
    QCOMPARE(m_fx->find<QComboBox>(u"clientHttpMethodCombo"_s)->currentText(), u"HEAD"_s);
    QCOMPARE(m_fx->find<QPlainTextEdit>(u"clientHttpHeadersEdit"_s)->toPlainText(), u"Accept: text/plain"_s);
    QCOMPARE(m_fx->window->log()->capacity(), 20000);
    // The HTTP form shows and the TCP target row hides, as for the saved protocol.
    QVERIFY(m_fx->find<QLineEdit>(u"clientUrlEdit"_s)->isVisible());
    QVERIFY(!m_fx->find<QLineEdit>(u"clientHostEdit"_s)->isVisible());
}

// Case 11: About is there (not opened: it is modal), and text is drawn with a real font.
void tst_MainWindow::aboutActionAndRealFont()
{
    auto *about = m_fx->window->findChild<QAction *>(u"aboutAction"_s);
    QVERIFY(about);
    QVERIFY(about->isEnabled());
    QVERIFY(!about->text().isEmpty());
    QVERIFY(about->isVisible());

    const QFontInfo info(qApp->font());
    QVERIFY2(!info.family().isEmpty(), "no font: every glyph would be a box (QT-NOTES pitfall 2)");
    QVERIFY(QFontInfo(m_fx->toggle(ServerKind::Web)->font()).pixelSize() > 0);
}

// Case 12a: 0.0.0.0 asks first; Cancel leaves the server stopped (nothing
// is even requested), Yes starts it, and the card then says it can be
// reached from the network.
void tst_MainWindow::networkAddressNeedsConfirmation()
{
    m_fx->find<QComboBox>(u"webAddressCombo"_s)->setCurrentText(u"0.0.0.0"_s);
    QAbstractButton *toggle = m_fx->toggle(ServerKind::Web);
    auto *badge = m_fx->find<QLabel>(u"webNetworkBadge"_s);
    {
        const ModalAnswerer cancel(QMessageBox::Cancel);
        QTest::mouseClick(toggle, Qt::LeftButton); // returns once the box is answered
        QCOMPARE(cancel.boxesSeen(), 1);
        QCOMPARE(cancel.title(), u"Listen on every interface?"_s);
        QVERIFY2(cancel.text().contains(u"0.0.0.0"_s), qPrintable(cancel.text()));
    }
    const QList<Net::ServerStatus> answered = m_fx->statusesUntilRoundTrip(ServerKind::Udp);
    QVERIFY(std::none_of(answered.cbegin(), answered.cend(),
                         [](const Net::ServerStatus &status) { return status.kind == ServerKind::Web; }));
    QVERIFY(!m_fx->window->servers()->bindConfirmation().isConfirmed(u"0.0.0.0"_s));
    QVERIFY(!m_fx->net->status(ServerKind::Web).running);
    QCOMPARE(toggle->text(), u"Start"_s);
    QVERIFY(toggle->isEnabled());
    QCOMPARE(plainText(m_fx->statusLabel(ServerKind::Web)), u"Stopped"_s);
    QVERIFY(badge->isHidden());

    {
        const ModalAnswerer yes(QMessageBox::Yes);
        QTest::mouseClick(toggle, Qt::LeftButton);
        QCOMPARE(yes.boxesSeen(), 1);
    }
    QTRY_VERIFY_WITH_TIMEOUT(m_fx->card(ServerKind::Web)->isRunning(), WaitMs);
    const Net::ServerStatus status = m_fx->net->status(ServerKind::Web);
    QCOMPARE(status.address, QHostAddress(QHostAddress::AnyIPv4));
    QVERIFY(badge->isVisible());
    QCOMPARE(badge->text(), u"Reachable from the network"_s);
    QVERIFY2(badge->toolTip().contains(status.url()), qPrintable(badge->toolTip()));
    QCOMPARE(httpGet(QHostAddress(QHostAddress::LocalHost), status.port).status, 200);

    // Stopped, the badge goes; on loopback it never shows.
    QTest::mouseClick(toggle, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!m_fx->card(ServerKind::Web)->isRunning(), WaitMs);
    QVERIFY(badge->isHidden());
    QVERIFY(m_fx->start(ServerKind::Tcp));
    QVERIFY(m_fx->find<QLabel>(u"echoNetworkBadge"_s)->isHidden());
}

// Case 12b: the answer is per address, for this run: 0.0.0.0 agreed once
// starts again (and on another card) without a question; "::" asks anew;
// and after a restart 0.0.0.0 asks again, as nothing was saved.
void tst_MainWindow::networkAnswerIsPerAddressAndSession()
{
    for (const ServerKind kind : {ServerKind::Web, ServerKind::Tcp})
        m_fx->find<QComboBox>(cardPrefix(kind) + u"AddressCombo"_s)->setCurrentText(u"0.0.0.0"_s);
    m_fx->find<QComboBox>(u"udpechoAddressCombo"_s)->setCurrentText(u"::"_s);
    {
        const ModalAnswerer yes(QMessageBox::Yes);
        QVERIFY(m_fx->start(ServerKind::Web));
        QCOMPARE(yes.boxesSeen(), 1);
    }
    {
        const ModalAnswerer cancel(QMessageBox::Cancel);
        QVERIFY(m_fx->start(ServerKind::Tcp)); // the same address: no question
        QCOMPARE(cancel.boxesSeen(), 0);
    }
    QVERIFY(m_fx->find<QLabel>(u"echoNetworkBadge"_s)->isVisible());
    QTcpSocket client; // reached over loopback only
    client.connectToHost(QHostAddress(QHostAddress::LocalHost), m_fx->net->status(ServerKind::Tcp).port);
    QVERIFY(client.waitForConnected(WaitMs));
    QCOMPARE(echoRoundTrip(client, "ping"_ba), "ping"_ba);
    {
        const ModalAnswerer yes(QMessageBox::Yes);
        QVERIFY(m_fx->start(ServerKind::Udp)); // "::" is another address
        QCOMPARE(yes.boxesSeen(), 1);
        QCOMPARE(yes.title(), u"Listen on every interface?"_s);
    }
    QVERIFY(m_fx->find<QLabel>(u"udpechoNetworkBadge"_s)->isVisible());

    // A restart: the addresses come back, the answers do not.
    QVERIFY(m_fx->window->close());
    {
        const QSettings ini(m_fx->iniPath(), QSettings::IniFormat);
        const QStringList keys = ini.allKeys();
        QVERIFY2(std::none_of(keys.cbegin(), keys.cend(),
                              [](const QString &key) { return key.contains(u"onfirm"_s); }),
                 qPrintable(keys.join(u' ')));
    }
    m_fx->net->stopAll();
    QVERIFY(m_fx->reopen());
    QCOMPARE(m_fx->card(ServerKind::Web)->state().address, u"0.0.0.0"_s);
    QVERIFY(!m_fx->window->servers()->bindConfirmation().isConfirmed(u"0.0.0.0"_s));
    const ModalAnswerer cancel(QMessageBox::Cancel);
    QTest::mouseClick(m_fx->toggle(ServerKind::Web), Qt::LeftButton);
    QCOMPARE(cancel.boxesSeen(), 1);
    QVERIFY(!m_fx->card(ServerKind::Web)->isRunning());
}

// Window mode: options given on the command line override the remembered
// card fields; options not given leave them alone.
void tst_MainWindow::commandLineOverridesOnlyWhatItGives()
{
    const CommandLineResult parsed = parseCommandLine({u"wirebench"_s, u"--bind"_s, u"::1"_s, u"--echo-port"_s,
                                                       u"7123"_s, u"--web-root"_s, u"/srv/www"_s, u"--listing"_s});
    QVERIFY(parsed.options);
    const quint16 udpPortBefore = m_fx->card(ServerKind::Udp)->state().port;
    const quint16 webPortBefore = m_fx->card(ServerKind::Web)->state().port;
    m_fx->window->applyCommandLine(*parsed.options);

    const ServerCardState web = m_fx->card(ServerKind::Web)->state();
    QCOMPARE(web.address, u"::1"_s);
    QCOMPARE(web.port, webPortBefore);
    QCOMPARE(web.rootPath, u"/srv/www"_s);
    QVERIFY(web.listing);
    QCOMPARE(m_fx->card(ServerKind::Tcp)->state().port, quint16(7123));
    QCOMPARE(m_fx->card(ServerKind::Udp)->state().port, udpPortBefore);
    QCOMPARE(m_fx->card(ServerKind::Udp)->state().address, u"::1"_s);
}

// --serve-dotfiles and --allowed-host are not card fields, but the window's
// web server must follow them as the headless one does.
void tst_MainWindow::webRulesFromTheCommandLineReachTheServer()
{
    QTemporaryDir root;
    QVERIFY(root.isValid());
    QFile secret(root.filePath(u".env"_s));
    QVERIFY(secret.open(QIODevice::WriteOnly) && secret.write("SECRET=1\n") == 9);
    secret.close();
    const auto startWith = [&](const QStringList &extra) -> quint16 {
        const CommandLineResult parsed = parseCommandLine(
            QStringList{u"wirebench"_s, u"--web-port"_s, u"0"_s, u"--web-root"_s, root.path()} + extra);
        if (!parsed.options)
            return 0;
        m_fx->window->applyCommandLine(*parsed.options);
        QTest::mouseClick(m_fx->toggle(ServerKind::Web), Qt::LeftButton);
        if (!QTest::qWaitFor([&] { return m_fx->card(ServerKind::Web)->isRunning(); }, WaitMs))
            return 0;
        return m_fx->net->status(ServerKind::Web).port;
    };
    // The status code of a GET with a Host header of our choosing.
    const auto asking = [](quint16 port, const QByteArray &host, const QByteArray &target) {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress(QHostAddress::LocalHost), port);
        if (!socket.waitForConnected(WaitMs))
            return -1;
        socket.write("GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
        QByteArray reply;
        while (!reply.contains("\r\n") && socket.waitForReadyRead(WaitMs))
            reply += socket.readAll();
        return reply.startsWith("HTTP/1.1 ") ? reply.mid(9, 3).toInt() : -1;
    };

    quint16 port = startWith({});
    QVERIFY(port != 0);
    QCOMPARE(asking(port, "localhost", "/.env"), 404);
    QCOMPARE(asking(port, "wirebench.example", "/"), 421);
    QTest::mouseClick(m_fx->toggle(ServerKind::Web), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!m_fx->card(ServerKind::Web)->isRunning() && m_fx->toggle(ServerKind::Web)->isEnabled(),
                             WaitMs);

    port = startWith({u"--serve-dotfiles"_s, u"--allowed-host"_s, u"wirebench.example"_s});
    QVERIFY(port != 0);
    QCOMPARE(asking(port, "localhost", "/.env"), 200);
    QCOMPARE(asking(port, "wirebench.example", "/.env"), 200);
    QCOMPARE(asking(port, "attacker.example", "/"), 421);
}

// "Stop all" right after "Start all", before the starts are answered: every
// server still ends up stopped, none left running behind the user's back.
void tst_MainWindow::stopAllWhileStartingStopsEverything()
{
    m_fx->window->findChild<QAction *>(u"startAllAction"_s)->trigger();
    m_fx->window->findChild<QAction *>(u"stopAllAction"_s)->trigger();
    for (const ServerKind kind : AllKinds) {
        QTRY_VERIFY_WITH_TIMEOUT(!m_fx->card(kind)->isRunning() && m_fx->toggle(kind)->isEnabled()
                                     && !m_fx->net->status(kind).running,
                                 WaitMs);
    }
    // And it stays that way: no late start arrives after the stop (a round
    // trip through the network thread would bring its answer back first).
    const QList<Net::ServerStatus> later = m_fx->statusesUntilRoundTrip(ServerKind::Udp);
    QVERIFY(std::none_of(later.cbegin(), later.cend(), [](const Net::ServerStatus &status) { return status.running; }));
    for (const ServerKind kind : AllKinds)
        QVERIFY(!m_fx->net->status(kind).running);
}

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
