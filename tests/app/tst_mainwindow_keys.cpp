// The window by keyboard, offscreen: one Alt mnemonic per letter, so Alt+F,
// S, L, V and H open the menus; labels' mnemonics reach their fields; Find
// (Ctrl+F) and Export (Ctrl+E) are window actions that work wherever the
// focus is; Escape clears the filter and leaves it; an address box keeps
// exactly what is typed.

#include "windowtesthelpers.h"

#include "servercard.h"

#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QPushButton>
#include <QDir>
#include <QFileDialog>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSpinBox>
#include <QStatusBar>
#include <QTabBar>
#include <QTableView>

#include <map>

using namespace Qt::StringLiterals;
using Net::ServerKind;
using namespace WindowTest;

namespace {

// "QLabel 'Hos&t:' → clientHostEdit": enough to find the owner in the code.
QString describe(const QObject *owner, const QString &text)
{
    QString name = owner->objectName();
    if (const auto *label = qobject_cast<const QLabel *>(owner); label && label->buddy())
        name = u"→ "_s + label->buddy()->objectName();
    return QString::fromLatin1(owner->metaObject()->className()) + u" '"_s + text + u"' "_s + name;
}

// Every Alt mnemonic live in the window now: the menu bar's titles, labels
// with a buddy, buttons and tabs. Hidden widgets take no keys, as in Qt.
std::multimap<QString, QString> liveMnemonics(QMainWindow *window)
{
    std::multimap<QString, QString> found;
    const auto add = [&found](const QObject *owner, const QString &text) {
        const QKeySequence key = QKeySequence::mnemonic(text);
        if (!key.isEmpty())
            found.emplace(key.toString(), describe(owner, text));
    };
    const auto menus = window->menuBar()->actions();
    for (const QAction *action : menus)
        add(action, action->text());
    const auto labels = window->findChildren<QLabel *>();
    for (const QLabel *label : labels) {
        if (label->buddy() && label->isVisible())
            add(label, label->text());
    }
    const auto buttons = window->findChildren<QAbstractButton *>();
    for (const QAbstractButton *button : buttons) {
        if (button->isVisible())
            add(button, button->text());
    }
    const auto tabBars = window->findChildren<QTabBar *>();
    for (const QTabBar *tabs : tabBars) {
        for (int i = 0; tabs->isVisible() && i < tabs->count(); ++i)
            add(tabs, tabs->tabText(i));
    }
    return found;
}

} // namespace

class tst_MainWindowKeys : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void oneMnemonicPerLetter();
    void altOpensTheMenus();
    void labelMnemonicsReachTheirFields();
    void findWorksFromAnywhereAndEscapeLeavesTheFilter();
    void exportAsksForAFormatAndRemembersTheFolder();
    void addressBoxesKeepWhatIsTyped();

private:
    QMenu *menu(const QString &title) const;
    QFileDialog *openExportDialog();
    // Over `client`, kept open so the log holds exactly five rows.
    void echoTwoMessages(QTcpSocket &client);

    WindowFixture *m_fx = nullptr;
};

void tst_MainWindowKeys::init()
{
    m_fx = new WindowFixture;
    QVERIFY(m_fx->create());
}

void tst_MainWindowKeys::cleanup()
{
    delete m_fx;
    m_fx = nullptr;
}

QMenu *tst_MainWindowKeys::menu(const QString &title) const
{
    const auto actions = m_fx->window->menuBar()->actions();
    for (const QAction *action : actions) {
        if (action->text() == title)
            return action->menu();
    }
    return nullptr;
}

// In every protocol the client pane can show, no letter is taken twice.
void tst_MainWindowKeys::oneMnemonicPerLetter()
{
    auto *protocol = m_fx->find<QComboBox>(u"clientProtocolCombo"_s);
    for (const QString &mode : {u"TCP"_s, u"UDP"_s, u"HTTP"_s}) {
        protocol->setCurrentIndex(protocol->findText(mode));
        const std::multimap<QString, QString> found = liveMnemonics(m_fx->window.get());
        QVERIFY2(found.size() >= 15, qPrintable(QString::number(found.size()))); // the walk found the controls
        QStringList collisions;
        for (auto it = found.cbegin(); it != found.cend(); it = found.upper_bound(it->first)) {
            if (found.count(it->first) < 2)
                continue;
            QStringList owners;
            const auto [first, last] = found.equal_range(it->first);
            for (auto owner = first; owner != last; ++owner)
                owners.append(owner->second);
            collisions.append(it->first + u": "_s + owners.join(u", "_s));
        }
        QVERIFY2(collisions.isEmpty(), qPrintable(mode + u" mode:\n  "_s + collisions.join(u"\n  "_s)));
    }
}

void tst_MainWindowKeys::altOpensTheMenus()
{
    QVERIFY(m_fx->activate());
    const std::pair<Qt::Key, QString> menus[] = {{Qt::Key_F, u"&File"_s}, {Qt::Key_S, u"&Servers"_s},
                                                 {Qt::Key_L, u"&Log"_s},  {Qt::Key_V, u"&View"_s},
                                                 {Qt::Key_H, u"&Help"_s}};
    for (const auto &[key, title] : menus) {
        QMenu *opened = menu(title);
        QVERIFY2(opened, qPrintable(title));
        QTest::keyClick(m_fx->window.get(), key, Qt::AltModifier);
        QTRY_VERIFY2_WITH_TIMEOUT(opened->isVisible(), qPrintable(title), WaitMs);
        QTest::keyClick(opened, Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!opened->isVisible(), WaitMs);
        QVERIFY(m_fx->activate());
    }
}

void tst_MainWindowKeys::labelMnemonicsReachTheirFields()
{
    QVERIFY(m_fx->activate());
    const std::pair<Qt::Key, QString> fields[] = {{Qt::Key_T, u"clientHostEdit"_s},
                                                  {Qt::Key_O, u"clientPortSpin"_s},
                                                  {Qt::Key_M, u"clientMessageEdit"_s},
                                                  {Qt::Key_P, u"clientProtocolCombo"_s}};
    for (const auto &[key, name] : fields) {
        QTest::keyClick(m_fx->window.get(), key, Qt::AltModifier);
        QTRY_COMPARE_WITH_TIMEOUT(focusName(), name, WaitMs);
    }
}

// Ctrl+F from the client pane goes to the log's filter (it is the Log menu's
// Find); Escape there clears the filter, shows every row and leaves.
void tst_MainWindowKeys::findWorksFromAnywhereAndEscapeLeavesTheFilter()
{
    QTcpSocket client;
    echoTwoMessages(client);
    TrafficLogModel *log = m_fx->logModel();
    QTRY_COMPARE_WITH_TIMEOUT(log->rowCount(), 5, WaitMs); // opened, then two in and out
    QMenu *logMenu = menu(u"&Log"_s);
    auto *find = m_fx->window->findChild<QAction *>(u"findInLogAction"_s);
    QVERIFY(find && logMenu->actions().contains(find));
    QCOMPARE(find->shortcut(), QKeySequence(QKeySequence::Find));

    QVERIFY(m_fx->activate());
    auto *message = m_fx->find<QPlainTextEdit>(u"clientMessageEdit"_s);
    message->setFocus(Qt::OtherFocusReason);
    QTRY_VERIFY_WITH_TIMEOUT(message->hasFocus(), WaitMs);
    QTest::keyClick(message, Qt::Key_F, Qt::ControlModifier);
    auto *filter = m_fx->find<QLineEdit>(u"logFilterEdit"_s);
    QTRY_VERIFY_WITH_TIMEOUT(filter->hasFocus(), WaitMs);
    QVERIFY(message->toPlainText().isEmpty()); // the key went to the action, not the editor

    QTest::keyClicks(filter, u"second"_s);
    QTRY_COMPARE_WITH_TIMEOUT(log->rowCount(), 2, WaitMs);
    QTest::keyClick(filter, Qt::Key_Escape);
    QCOMPARE(filter->text(), QString());
    QCOMPARE(log->rowCount(), 5); // at once, without the typing delay
    QCOMPARE(focusName(), u"logTable"_s);
}

QFileDialog *tst_MainWindowKeys::openExportDialog()
{
    if (!m_fx->activate())
        return nullptr;
    auto *message = m_fx->find<QPlainTextEdit>(u"clientMessageEdit"_s);
    message->setFocus(Qt::OtherFocusReason);
    QTest::keyClick(message, Qt::Key_E, Qt::ControlModifier);
    QFileDialog *dialog = nullptr;
    const bool shown = QTest::qWaitFor([&] {
        dialog = m_fx->window->findChild<QFileDialog *>(u"logExportDialog"_s);
        return dialog && dialog->isVisible();
    }, WaitMs);
    return shown ? dialog : nullptr;
}

void tst_MainWindowKeys::echoTwoMessages(QTcpSocket &client)
{
    QVERIFY(m_fx->start(ServerKind::Tcp));
    client.connectToHost(QHostAddress(QHostAddress::LocalHost), m_fx->net->status(ServerKind::Tcp).port);
    QVERIFY(client.waitForConnected(WaitMs));
    QCOMPARE(echoRoundTrip(client, "first"_ba), "first"_ba);
    QCOMPARE(echoRoundTrip(client, "second"_ba), "second"_ba);
}

// Ctrl+E: one dialog for the three formats, in the user's home the first
// time; the file type picked names the file; the status bar says where it
// went; the next export (also after a restart) opens in that folder.
void tst_MainWindowKeys::exportAsksForAFormatAndRemembersTheFolder()
{
    QTcpSocket client;
    echoTwoMessages(client);
    QTRY_COMPARE_WITH_TIMEOUT(m_fx->logModel()->rowCount(), 5, WaitMs);
    auto *exportAction = m_fx->window->findChild<QAction *>(u"exportLogAction"_s);
    QVERIFY(exportAction && menu(u"&File"_s)->actions().contains(exportAction));

    QFileDialog *dialog = openExportDialog();
    QVERIFY(dialog);
    QCOMPARE(dialog->acceptMode(), QFileDialog::AcceptSave);
    QCOMPARE(dialog->nameFilters().size(), 3);
    QVERIFY2(dialog->nameFilters().join(u'|').contains(u"JSON Lines (*.jsonl)"_s),
             qPrintable(dialog->nameFilters().join(u'|')));
    QCOMPARE(dialog->directory().absolutePath(), QDir::homePath());
    QVERIFY2(dialog->selectedFiles().value(0).endsWith(u"/traffic-log.csv"_s), qPrintable(dialog->selectedFiles().value(0)));

    // HAR, picked from the file types by keyboard as a user would.
    auto *types = dialog->findChild<QComboBox *>(u"fileTypeCombo"_s);
    QVERIFY(types);
    QTest::keyClick(types, Qt::Key_Down);
    QTest::keyClick(types, Qt::Key_Down);
    QCOMPARE(types->currentText(), u"HAR (*.har)"_s);
    QVERIFY2(dialog->selectedFiles().value(0).endsWith(u"/traffic-log.har"_s), qPrintable(dialog->selectedFiles().value(0)));

    const QString folder = m_fx->tempPath(u"exports"_s);
    QVERIFY(QDir().mkpath(folder));
    dialog->selectFile(folder + u"/session"_s); // no suffix: the chosen type adds it
    auto *buttons = dialog->findChild<QDialogButtonBox *>(u"buttonBox"_s);
    QVERIFY(buttons && buttons->button(QDialogButtonBox::Save));
    QTest::mouseClick(buttons->button(QDialogButtonBox::Save), Qt::LeftButton);
    const QString written = folder + u"/session.har"_s;
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(written), WaitMs);
    QFile file(written);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.readAll().contains("\"log\""));
    const QString message = m_fx->window->statusBar()->currentMessage();
    QVERIFY2(message.contains(QDir::toNativeSeparators(written)) && message.contains(u"5 events"_s), qPrintable(message));

    dialog = openExportDialog();
    QVERIFY(dialog);
    QCOMPARE(dialog->directory().absolutePath(), folder);
    QVERIFY2(dialog->selectedFiles().value(0).endsWith(u".har"_s), qPrintable(dialog->selectedFiles().value(0)));
    dialog->reject();

    QVERIFY(m_fx->window->close());
    QCOMPARE(QSettings(m_fx->iniPath(), QSettings::IniFormat).value(u"log/exportFolder"_s).toString(), folder);
    QVERIFY(m_fx->reopen());
    dialog = openExportDialog();
    QVERIFY(dialog);
    QCOMPARE(dialog->directory().absolutePath(), folder);
    dialog->reject();
}

// "::" is every interface; a completer would have made it "::1" (loopback).
void tst_MainWindowKeys::addressBoxesKeepWhatIsTyped()
{
    QVERIFY(m_fx->activate());
    auto *address = m_fx->find<QComboBox>(u"webAddressCombo"_s);
    const int choices = address->count();
    for (const QString &typed : {u"::"_s, u"0.0.0.0"_s, u"127.0.0.1"_s, u"::"_s}) {
        address->setFocus(Qt::OtherFocusReason);
        address->lineEdit()->clear();
        QTest::keyClicks(address, typed);
        QTest::keyClick(address, Qt::Key_Return);
        QTest::keyClick(address, Qt::Key_Tab);
        QCOMPARE(address->currentText(), typed);
        QCOMPARE(m_fx->card(ServerKind::Web)->state().address, typed);
    }
    QCOMPARE(address->count(), choices); // Return adds nothing to the list
    QVERIFY(!m_fx->find<QLineEdit>(u"clientHostEdit"_s)->completer());
}

QTEST_MAIN(tst_MainWindowKeys)
#include "tst_mainwindow_keys.moc"
