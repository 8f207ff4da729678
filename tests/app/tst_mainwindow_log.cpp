// The traffic log and the keyboard, in the real window offscreen: the filter
// and its debounce, 50,000 echo messages against a capped log with exact
// counters, every control named for tests and assistive technology, and the
// keys a user relies on (Tab through the client pane, Ctrl+L, Ctrl+F).

#include "windowtesthelpers.h"
#include "testserverids.h"

#include "format.h"

#include <QAbstractItemView>
#include <QAccessible>
#include <QAbstractSpinBox>
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QHeaderView>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTabBar>
#include <QTableView>
#include <QTextEdit>

using namespace Qt::StringLiterals;
using Net::ServerKind;
using namespace WindowTest;

namespace {

constexpr int BurstMessages = 50000;
constexpr int MessageBytes = 16;
constexpr qint64 BurstBytes = qint64(BurstMessages) * MessageBytes;
constexpr int MessagesInFlight = 8; // so the server reads at least BurstMessages / 8 times
constexpr int BurstTimeoutMs = 30000;
constexpr int LogCapacity = 5000;

bool isInteractive(const QWidget *widget)
{
    return qobject_cast<const QAbstractButton *>(widget) || qobject_cast<const QLineEdit *>(widget)
        || qobject_cast<const QComboBox *>(widget) || qobject_cast<const QAbstractSpinBox *>(widget)
        || qobject_cast<const QPlainTextEdit *>(widget) || qobject_cast<const QTextEdit *>(widget)
        || qobject_cast<const QAbstractItemView *>(widget);
}

// Parts Qt builds inside its own composite controls (the line edit of a spin
// box or combo box, a combo's popup list, a line edit's clear button, a tab
// bar's scroll arrows, a table's corner button) are named by Qt, not by us.
bool isQtInternal(const QWidget *widget, const QWidget *window)
{
    if (widget->objectName().startsWith(u"qt_"_s) || qobject_cast<const QScrollBar *>(widget)
        || qobject_cast<const QHeaderView *>(widget))
        return true;
    for (const QWidget *up = widget->parentWidget(); up && up != window; up = up->parentWidget()) {
        if (qobject_cast<const QComboBox *>(up) || qobject_cast<const QAbstractSpinBox *>(up)
            || qobject_cast<const QLineEdit *>(up) || qobject_cast<const QTabBar *>(up)
            || qobject_cast<const QAbstractItemView *>(up) || qobject_cast<const QPlainTextEdit *>(up)
            || qobject_cast<const QTextEdit *>(up))
            return true;
    }
    return false;
}

// `QToolButton text="Start all" in mainToolBar`: enough to find the widget in the code.
QString describe(const QWidget *widget)
{
    QString text = QString::fromLatin1(widget->metaObject()->className());
    if (!widget->objectName().isEmpty())
        text += u" objectName=\""_s + widget->objectName() + u'"';
    if (const auto *button = qobject_cast<const QAbstractButton *>(widget); button && !button->text().isEmpty())
        text += u" text=\""_s + button->text() + u'"';
    for (const QWidget *up = widget->parentWidget(); up; up = up->parentWidget()) {
        if (!up->objectName().isEmpty()) {
            text += u" in "_s + up->objectName();
            break;
        }
    }
    return text;
}

} // namespace

class tst_MainWindowLog : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void filterHidesAndClearingRestores();
    void fiftyThousandEchoesWithACappedLogAndExactCounters();
    void everyControlHasANameAndAnAccessibleName();
    void tabWalksTheClientPaneInOrder();
    void ctrlLClearsAndCtrlFFindsInTheLog();

private:
    // Starts the echo card and sends each message over one connection, waiting for its echo.
    bool echoMessages(QTcpSocket &client, const QList<QByteArray> &messages);

    WindowFixture *m_fx = nullptr;
};

void tst_MainWindowLog::init()
{
    m_fx = new WindowFixture;
    QVERIFY(m_fx->create());
}

void tst_MainWindowLog::cleanup()
{
    delete m_fx;
    m_fx = nullptr;
}

bool tst_MainWindowLog::echoMessages(QTcpSocket &client, const QList<QByteArray> &messages)
{
    if (!m_fx->start(ServerKind::Tcp))
        return false;
    client.connectToHost(QHostAddress(QHostAddress::LocalHost), m_fx->net->status(ServerKind::Tcp).port);
    if (!client.waitForConnected(WaitMs))
        return false;
    for (const QByteArray &message : messages) {
        if (echoRoundTrip(client, message) != message)
            return false;
    }
    return true;
}

// Case 4: typing narrows the rows after the debounce; clearing brings them all back.
void tst_MainWindowLog::filterHidesAndClearingRestores()
{
    QTcpSocket client;
    QVERIFY(echoMessages(client, {"alpha-one"_ba, "bravo-two"_ba, "charlie-three"_ba}));
    TrafficLogModel *log = m_fx->logModel();
    // Opened, then each message in (←) and out (→).
    const int all = 7;
    QTRY_COMPARE_WITH_TIMEOUT(log->rowCount(), all, WaitMs);

    auto *filter = m_fx->find<QLineEdit>(u"logFilterEdit"_s);
    QTest::keyClicks(filter, u"BRAVO"_s);
    QCOMPARE(log->rowCount(), all); // not yet: the filter waits for a pause in the typing
    QTRY_COMPARE_WITH_TIMEOUT(log->rowCount(), 2, WaitMs);
    QStringList directions;
    for (int row = 0; row < log->rowCount(); ++row) {
        QVERIFY(log->index(row, TrafficLogModel::SummaryColumn).data().toString().contains(u"bravo-two"_s));
        directions.append(log->index(row, TrafficLogModel::DirectionColumn).data().toString());
    }
    QCOMPARE(directions, QStringList({u"←"_s, u"→"_s}));

    QTest::keyClicks(filter, u"-nothing-matches"_s);
    QTRY_COMPARE_WITH_TIMEOUT(log->rowCount(), 0, WaitMs);

    filter->selectAll();
    QTest::keyClick(filter, Qt::Key_Backspace);
    QCOMPARE(filter->text(), QString());
    QTRY_COMPARE_WITH_TIMEOUT(log->rowCount(), all, WaitMs);
}

// Case 7: 50,000 small messages echoed; the log stays within its capacity and
// says how much it did not keep, while every counter is exact to the byte.
void tst_MainWindowLog::fiftyThousandEchoesWithACappedLogAndExactCounters()
{
    m_fx->window->log()->setCapacity(LogCapacity);
    QVERIFY(m_fx->start(ServerKind::Tcp));
    QTcpSocket client;
    client.connectToHost(QHostAddress(QHostAddress::LocalHost), m_fx->net->status(ServerKind::Tcp).port);
    QVERIFY(client.waitForConnected(WaitMs));

    // Messages go one write each, at most MessagesInFlight unanswered, so the
    // server sees thousands of separate reads rather than a few big ones.
    QByteArray expected;
    expected.reserve(BurstBytes);
    QByteArray received;
    received.reserve(BurstBytes);
    int sent = 0;
    const QDeadlineTimer deadline(BurstTimeoutMs);
    while (received.size() < BurstBytes && !deadline.hasExpired()) {
        while (sent < BurstMessages && (expected.size() - received.size()) < MessagesInFlight * MessageBytes) {
            const QByteArray message = '#' + QByteArray::number(sent).rightJustified(MessageBytes - 2, '0') + ';';
            client.write(message);
            client.flush();
            expected += message;
            ++sent;
        }
        if (client.bytesAvailable() == 0 && !client.waitForReadyRead(WaitMs))
            break;
        received += client.readAll();
    }
    QCOMPARE(sent, BurstMessages);
    QCOMPARE(received.size(), BurstBytes);
    QVERIFY(received == expected);

    const QString bytes = Format::bytes(BurstBytes);
    QCOMPARE(bytes, u"781.3 KiB"_s);
    QTRY_COMPARE_WITH_TIMEOUT(m_fx->net->totals(testServerId(ServerKind::Tcp)).bytesIn, BurstBytes, WaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(m_fx->net->totals(testServerId(ServerKind::Tcp)).bytesOut, BurstBytes, WaitMs);
    const QString inOut = u"in %1 · out %1"_s.arg(bytes);
    QTRY_VERIFY2_WITH_TIMEOUT(m_fx->find<QLabel>(u"echoCountersLabel"_s)->text().contains(inOut),
                              qPrintable(m_fx->find<QLabel>(u"echoCountersLabel"_s)->text()), WaitMs);
    QTRY_VERIFY2_WITH_TIMEOUT(m_fx->find<QLabel>(u"statusTotalsLabel"_s)->text().contains(inOut),
                              qPrintable(m_fx->find<QLabel>(u"statusTotalsLabel"_s)->text()), WaitMs);
    QVERIFY(m_fx->find<QLabel>(u"echoCountersLabel"_s)->text().startsWith(u"1 open · 1 total"_s));

    TrafficLogModel *log = m_fx->logModel();
    QCOMPARE(log->capacity(), LogCapacity);
    QVERIFY2(log->rowCount() <= LogCapacity, qPrintable(QString::number(log->rowCount())));
    QVERIFY(log->storedCount() <= LogCapacity);
    QVERIFY2(log->notShown() > 0, "the log kept every event: the burst did not test the cap");
    auto *notShown = m_fx->find<QLabel>(u"logNotShownLabel"_s);
    QVERIFY(notShown->isVisible());
    QVERIFY2(notShown->text().endsWith(u"events not shown"_s), qPrintable(notShown->text()));
}

// Case 10a: every control a user can reach has an objectName (for tests) and
// an accessible name (for screen readers). All failures are listed at once.
void tst_MainWindowLog::everyControlHasANameAndAnAccessibleName()
{
    QWidget *window = m_fx->window.get();
    QStringList failures;
    int checked = 0;
    const auto widgets = window->findChildren<QWidget *>();
    for (const QWidget *widget : widgets) {
        if (!isInteractive(widget) || isQtInternal(widget, window))
            continue;
        ++checked;
        QStringList missing;
        if (widget->objectName().isEmpty())
            missing.append(u"objectName"_s);
        if (widget->accessibleName().isEmpty())
            missing.append(u"accessibleName"_s);
        if (missing.isEmpty())
            continue;
        QString failure = describe(widget) + u": no "_s + missing.join(u" and no "_s);
        // What a screen reader would fall back to (the text, for a button).
        if (QAccessibleInterface *a11y = QAccessible::queryAccessibleInterface(const_cast<QWidget *>(widget)))
            failure += u" (Qt's fallback name: \""_s + a11y->text(QAccessible::Name) + u"\")"_s;
        failures.append(failure);
    }
    QVERIFY2(checked >= 40, qPrintable(QString::number(checked))); // the walk did find the controls
    failures.sort();
    QVERIFY2(failures.isEmpty(),
             qPrintable(u"%1 of %2 controls:\n  "_s.arg(failures.size()).arg(checked) + failures.join(u"\n  "_s)));
}

// Case 10b: Tab from the protocol combo walks the TCP form in reading order up to Send.
void tst_MainWindowLog::tabWalksTheClientPaneInOrder()
{
    QVERIFY(m_fx->activate());
    auto *protocol = m_fx->find<QComboBox>(u"clientProtocolCombo"_s);
    QCOMPARE(protocol->currentText(), u"TCP"_s);
    protocol->setFocus(Qt::TabFocusReason);
    QTRY_COMPARE_WITH_TIMEOUT(focusName(), u"clientProtocolCombo"_s, WaitMs);

    QStringList visited{focusName()};
    for (int presses = 0; presses < 20 && visited.constLast() != u"clientSendButton"_s; ++presses) {
        QVERIFY(QApplication::focusWidget());
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        const QString now = focusName();
        QVERIFY2(now != visited.constLast(), qPrintable(visited.join(u" → "_s)));
        visited.append(now);
    }
    QCOMPARE(visited, QStringList({u"clientProtocolCombo"_s, u"clientHostEdit"_s, u"clientPortSpin"_s,
                                   u"clientConnectButton"_s, u"clientMessageEdit"_s, u"clientModeCombo"_s,
                                   u"clientLineEndingCombo"_s, u"clientSendButton"_s}));
    // Shift+Tab goes back.
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Backtab, Qt::ShiftModifier);
    QCOMPARE(focusName(), u"clientLineEndingCombo"_s);
}

// Case 10c: Ctrl+L (the window's Clear log) empties the log; Ctrl+F in the log focuses the filter.
void tst_MainWindowLog::ctrlLClearsAndCtrlFFindsInTheLog()
{
    QTcpSocket client;
    QVERIFY(echoMessages(client, {"one"_ba, "two"_ba}));
    TrafficLogModel *log = m_fx->logModel();
    QTRY_COMPARE_WITH_TIMEOUT(log->rowCount(), 5, WaitMs); // opened, then two in and out
    QVERIFY(m_fx->activate());

    auto *table = m_fx->find<QTableView>(u"logTable"_s);
    table->setFocus(Qt::OtherFocusReason);
    QTRY_VERIFY_WITH_TIMEOUT(table->hasFocus(), WaitMs);
    QTest::keyClick(table, Qt::Key_F, Qt::ControlModifier);
    auto *filter = m_fx->find<QLineEdit>(u"logFilterEdit"_s);
    QTRY_VERIFY_WITH_TIMEOUT(filter->hasFocus(), WaitMs);

    auto *clear = m_fx->window->findChild<QAction *>(u"clearLogAction"_s);
    QVERIFY(clear);
    QCOMPARE(clear->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_L));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_L, Qt::ControlModifier);
    QCOMPARE(log->rowCount(), 0);
    QCOMPARE(log->storedCount(), 0);

    // New traffic lands in the cleared log.
    QCOMPARE(echoRoundTrip(client, "three"_ba), "three"_ba);
    QTRY_COMPARE_WITH_TIMEOUT(log->rowCount(), 2, WaitMs);
}

QTEST_MAIN(tst_MainWindowLog)
#include "tst_mainwindow_log.moc"
