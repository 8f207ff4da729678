// Client sessions as tabs, through the real pane offscreen: each tab its own
// protocol, target, session and transcript; "+" adds one, closing a tab ends
// its session; the library sends to the tab in front; tabs round-trip as values.

#include "client/clientsessionwidget.h"
#include "clientpane.h"
#include "namedchild.h"
#include "api/netcontroller.h"
#include "recordingserver.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabBar>
#include <QTabWidget>
#include <QTest>
#include <QToolButton>

#include <memory>

using namespace Qt::StringLiterals;
using Net::ClientProtocol;

namespace {

constexpr int WAIT_MS = 10000;

bool connectTab(QWidget *tab, quint16 port)
{
    namedChild<QSpinBox>(tab, u"clientPortSpin"_s)->setValue(port);
    QTest::mouseClick(namedChild<QPushButton>(tab, u"clientConnectButton"_s), Qt::LeftButton);
    return QTest::qWaitFor(
        [tab] { return namedChild<QLabel>(tab, u"clientStateLabel"_s)->text().startsWith(u"Connected to"_s); }, WAIT_MS);
}

void sendFrom(QWidget *tab, const QString &text)
{
    namedChild<QPlainTextEdit>(tab, u"clientMessageEdit"_s)->setPlainText(text);
    QTest::mouseClick(namedChild<QPushButton>(tab, u"clientSendButton"_s), Qt::LeftButton);
}

} // namespace

class tst_ClientTabs : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void tabsKeepSeparateSessions();
    void titleFollowsTheTarget();
    void librarySendsToTheTabInFront();
    void extraTabsRoundTrip();

private:
    QTabWidget *tabs() const { return namedChild<QTabWidget>(m_pane.get(), u"clientTabs"_s); }

    std::unique_ptr<Net::NetController> m_net;
    std::unique_ptr<ClientPane> m_pane;
};

void tst_ClientTabs::init()
{
    m_net = std::make_unique<Net::NetController>();
    m_pane = std::make_unique<ClientPane>(*m_net);
    m_pane->resize(900, 900);
    m_pane->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_pane.get()));
}

void tst_ClientTabs::cleanup()
{
    m_pane.reset();
    m_net.reset();
}

void tst_ClientTabs::tabsKeepSeparateSessions()
{
    RecordingServer first;
    RecordingServer second;
    QVERIFY(first.server.listen(QHostAddress::LocalHost, 0));
    QVERIFY(second.server.listen(QHostAddress::LocalHost, 0));
    QCOMPARE(m_pane->tabCount(), 1);
    QVERIFY(!tabs()->tabsClosable()); // the last tab stays
    QVERIFY(connectTab(m_pane->session(0), first.server.serverPort()));

    QTest::mouseClick(namedChild<QToolButton>(m_pane.get(), u"clientAddTabButton"_s), Qt::LeftButton);
    QCOMPARE(m_pane->tabCount(), 2);
    QCOMPARE(tabs()->currentIndex(), 1);
    QVERIFY(tabs()->tabsClosable());
    ClientSessionWidget *other = m_pane->session(1);
    QCOMPARE(namedChild<QLabel>(other, u"clientStateLabel"_s)->text(), u"Disconnected"_s); // a session of its own
    QVERIFY(connectTab(other, second.server.serverPort()));

    sendFrom(other, u"two"_s);
    tabs()->setCurrentIndex(0);
    sendFrom(m_pane->session(0), u"one"_s);
    QTRY_COMPARE_WITH_TIMEOUT(first.received, "one"_ba, WAIT_MS);
    QTRY_COMPARE_WITH_TIMEOUT(second.received, "two"_ba, WAIT_MS);
    const auto transcript = [](QWidget *tab) {
        return namedChild<QPlainTextEdit>(tab, u"clientTranscript"_s)->toPlainText();
    };
    QTRY_VERIFY_WITH_TIMEOUT(transcript(other).contains(u"← 3 B  two"_s), WAIT_MS);
    QVERIFY(!transcript(other).contains(u"one"_s));
    QTRY_VERIFY_WITH_TIMEOUT(transcript(m_pane->session(0)).contains(u"← 3 B  one"_s), WAIT_MS);
    QVERIFY(!transcript(m_pane->session(0)).contains(u"two"_s));

    // Closing a tab ends its session only.
    emit tabs()->tabCloseRequested(1);
    QCOMPARE(m_pane->tabCount(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(second.connections, 0, WAIT_MS);
    QCOMPARE(first.connections, 1);
    QVERIFY(!tabs()->tabsClosable());
}

void tst_ClientTabs::titleFollowsTheTarget()
{
    QWidget *tab = m_pane->session(0);
    namedChild<QSpinBox>(tab, u"clientPortSpin"_s)->setValue(7100);
    QCOMPARE(tabs()->tabText(0), u"tcp 127.0.0.1:7100"_s);
    namedChild<QComboBox>(tab, u"clientProtocolCombo"_s)->setCurrentIndex(1);
    namedChild<QLineEdit>(tab, u"clientHostEdit"_s)->setText(u"::1"_s);
    QCOMPARE(tabs()->tabText(0), u"udp [::1]:7100"_s);
    namedChild<QLineEdit>(tab, u"clientHostEdit"_s)->setText(u"a&b"_s);
    QCOMPARE(tabs()->tabText(0), u"udp a&&b:7100"_s); // shown as typed, not a mnemonic
    namedChild<QComboBox>(tab, u"clientProtocolCombo"_s)->setCurrentIndex(2);
    QCOMPARE(tabs()->tabText(0), u"http"_s);
}

void tst_ClientTabs::librarySendsToTheTabInFront()
{
    RecordingServer first;
    RecordingServer second;
    QVERIFY(first.server.listen(QHostAddress::LocalHost, 0));
    QVERIFY(second.server.listen(QHostAddress::LocalHost, 0));
    QVERIFY(connectTab(m_pane->session(0), first.server.serverPort()));
    m_pane->addTab(m_pane->state());
    QVERIFY(connectTab(m_pane->session(1), second.server.serverPort()));
    m_pane->setLibrary({{u"saved"_s, ClientProtocol::Tcp, MessageMode::Text, u"lib\\n"_s}});
    auto *list = namedChild<QListWidget>(m_pane.get(), u"clientLibraryList"_s);
    list->setCurrentRow(0);
    QTest::mouseClick(namedChild<QPushButton>(m_pane.get(), u"clientLibrarySendButton"_s), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(second.received, "lib\n"_ba, WAIT_MS);
    QVERIFY(first.received.isEmpty());
    // A UDP tab in front shows its own protocol's messages.
    namedChild<QComboBox>(m_pane->session(1), u"clientProtocolCombo"_s)->setCurrentIndex(1);
    QCOMPARE(list->count(), 0);
    tabs()->setCurrentIndex(0);
    QCOMPARE(list->count(), 1);
}

void tst_ClientTabs::extraTabsRoundTrip()
{
    ClientPaneState udp;
    udp.protocol = ClientProtocol::Udp;
    udp.host = u"::1"_s;
    udp.port = 9;
    udp.localPort = 40000;
    ClientPaneState tcp;
    tcp.host = u"localhost"_s;
    tcp.port = 81;
    m_pane->setExtraTabs({udp, tcp});
    QCOMPARE(m_pane->tabCount(), 3);
    QCOMPARE(tabs()->currentIndex(), 0);
    QCOMPARE(tabs()->tabText(1), u"udp [::1]:9"_s);
    QCOMPARE(tabs()->tabText(2), u"tcp localhost:81"_s);
    const QList<ClientPaneState> back = m_pane->extraTabs();
    QCOMPARE(back.size(), 2);
    QVERIFY(back.at(0) == udp);
    QVERIFY(back.at(1) == tcp);
    m_pane->setExtraTabs({});
    QCOMPARE(m_pane->tabCount(), 1);
}

QTEST_MAIN(tst_ClientTabs)
#include "tst_clienttabs.moc"
