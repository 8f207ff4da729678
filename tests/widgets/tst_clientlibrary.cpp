// The client pane's library of saved messages: its JSON (round trip and
// clear errors) and, through the real pane offscreen, save / rename /
// delete / one-click send / import / export against a loopback server.

#include "client/librarypanel.h"
#include "client/messagelibrary.h"
#include "clientpane.h"
#include "namedchild.h"
#include "api/netcontroller.h"
#include "recordingserver.h"

#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace Qt::StringLiterals;
using Net::ClientProtocol;

namespace {

constexpr int WAIT_MS = 10000;

MessageLibrary sample()
{
    return {
        {u"hello"_s, ClientProtocol::Tcp, MessageMode::Text, u"hi\\r\\n"_s},
        {u"binary"_s, ClientProtocol::Tcp, MessageMode::Hex, u"00 ff 41"_s},
        {u"probe"_s, ClientProtocol::Udp, MessageMode::Text, u"ping"_s},
    };
}

// Answers the next QInputDialog with `text` once it is shown.
void answerNextDialog(const QString &text)
{
    QTimer::singleShot(0, qApp, [text] {
        QTRY_VERIFY(qobject_cast<QInputDialog *>(QApplication::activeModalWidget()));
        auto *dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget());
        dialog->setTextValue(text);
        dialog->accept();
    });
}

} // namespace

class tst_ClientLibrary : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void jsonRoundTrips();
    void badJsonIsASentence_data();
    void badJsonIsASentence();
    void listShowsTheProtocolsMessages();
    void oneClickSendsTheSavedBytes();
    void saveRenameDelete();
    void exportThenImport();
    void importErrorsAreShown();

private:
    template<typename T>
    T *find(const QString &name) const
    {
        return namedChild<T>(m_pane.get(), name);
    }
    QListWidget *list() const { return find<QListWidget>(u"clientLibraryList"_s); }
    void select(const QString &name) const;

    std::unique_ptr<Net::NetController> m_net;
    std::unique_ptr<ClientPane> m_pane;
};

void tst_ClientLibrary::init()
{
    m_net = std::make_unique<Net::NetController>();
    m_pane = std::make_unique<ClientPane>(*m_net);
    m_pane->resize(900, 900);
    m_pane->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_pane.get()));
}

void tst_ClientLibrary::cleanup()
{
    m_pane.reset();
    m_net.reset();
}

void tst_ClientLibrary::select(const QString &name) const
{
    const QList<QListWidgetItem *> items = list()->findItems(name, Qt::MatchExactly);
    QVERIFY2(items.size() == 1, qPrintable(name));
    list()->setCurrentItem(items.constFirst());
}

void tst_ClientLibrary::jsonRoundTrips()
{
    const QByteArray json = MessageLibraryJson::toJson(sample());
    const MessageLibraryJson::ParseResult parsed = MessageLibraryJson::fromJson(json);
    QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
    QVERIFY(parsed.messages == sample());
    QVERIFY(json.contains("\"protocol\": \"udp\""));
}

void tst_ClientLibrary::badJsonIsASentence_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");
    QTest::addRow("not json") << "{nope"_ba << u"This is not JSON: "_s;
    QTest::addRow("other json") << "{\"a\": 1}"_ba << u"This is not a Wirebench message library"_s;
    QTest::addRow("newer") << "{\"wirebenchMessages\": 9, \"messages\": []}"_ba << u"newer Wirebench (format 9)"_s;
    QTest::addRow("no name") << "{\"wirebenchMessages\": 1, \"messages\": [{\"text\": \"x\"}]}"_ba
                             << u"Message 1 needs a \"name\" and a \"text\"."_s;
    QTest::addRow("bad protocol")
        << "{\"wirebenchMessages\": 1, \"messages\": [{\"name\": \"a\", \"text\": \"x\", \"protocol\": \"sctp\"}]}"_ba
        << u"Message 1 (\"a\") has protocol \"sctp\": use \"tcp\" or \"udp\"."_s;
    QTest::addRow("bad mode")
        << "{\"wirebenchMessages\": 1, \"messages\": [{\"name\": \"a\", \"text\": \"x\", "
           "\"protocol\": \"tcp\", \"mode\": \"b64\"}]}"_ba
        << u"Message 1 (\"a\") has mode \"b64\": use \"text\" or \"hex\"."_s;
}

void tst_ClientLibrary::badJsonIsASentence()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    const MessageLibraryJson::ParseResult parsed = MessageLibraryJson::fromJson(json);
    QVERIFY2(parsed.error.contains(error), qPrintable(parsed.error));
    QVERIFY(parsed.messages.isEmpty()); // all or nothing
}

void tst_ClientLibrary::listShowsTheProtocolsMessages()
{
    m_pane->setLibrary(sample());
    QCOMPARE(list()->count(), 2);
    QCOMPARE(list()->item(0)->text(), u"hello"_s);
    find<QComboBox>(u"clientProtocolCombo"_s)->setCurrentIndex(1);
    QCOMPARE(list()->count(), 1);
    QCOMPARE(list()->item(0)->text(), u"probe"_s);
    find<QComboBox>(u"clientProtocolCombo"_s)->setCurrentIndex(2);
    QVERIFY(!list()->isVisible()); // HTTP has no saved messages
    QVERIFY(m_pane->library() == sample());
}

void tst_ClientLibrary::oneClickSendsTheSavedBytes()
{
    RecordingServer server;
    QVERIFY(server.server.listen(QHostAddress::LocalHost, 0));
    m_pane->setLibrary(sample());
    find<QSpinBox>(u"clientPortSpin"_s)->setValue(server.server.serverPort());
    QTest::mouseClick(find<QPushButton>(u"clientConnectButton"_s), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(find<QLabel>(u"clientStateLabel"_s)->text().startsWith(u"Connected"_s), WAIT_MS);

    select(u"binary"_s);
    QTest::mouseClick(find<QPushButton>(u"clientLibrarySendButton"_s), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(server.received, "\x00\xff\x41"_ba, WAIT_MS);
    // A double click sends too; the text's escapes are read as when typed.
    const QListWidgetItem *hello = list()->findItems(u"hello"_s, Qt::MatchExactly).constFirst();
    const QRect rect = list()->visualItemRect(hello);
    QVERIFY(list()->viewport()->rect().contains(rect.center()));
    QTest::mouseClick(list()->viewport(), Qt::LeftButton, {}, rect.center());
    QTest::mouseDClick(list()->viewport(), Qt::LeftButton, {}, rect.center());
    QTRY_COMPARE_WITH_TIMEOUT(server.received, "\x00\xff\x41hi\r\n"_ba, WAIT_MS);
    QCOMPARE(find<QPlainTextEdit>(u"clientMessageEdit"_s)->toPlainText(), u"hi\\r\\n"_s); // left in the editor
}

void tst_ClientLibrary::saveRenameDelete()
{
    find<QComboBox>(u"clientModeCombo"_s)->setCurrentIndex(1);
    find<QPlainTextEdit>(u"clientMessageEdit"_s)->setPlainText(u"de ad"_s);
    answerNextDialog(u"dead"_s);
    QTest::mouseClick(find<QPushButton>(u"clientLibrarySaveButton"_s), Qt::LeftButton);
    QVERIFY(m_pane->library() == MessageLibrary({{u"dead"_s, ClientProtocol::Tcp, MessageMode::Hex, u"de ad"_s}}));
    QCOMPARE(list()->currentItem()->text(), u"dead"_s);

    answerNextDialog(u"beef"_s);
    QTest::mouseClick(find<QPushButton>(u"clientLibraryRenameButton"_s), Qt::LeftButton);
    QCOMPARE(m_pane->library().constFirst().name, u"beef"_s);
    QCOMPARE(list()->item(0)->text(), u"beef"_s);

    select(u"beef"_s);
    QTest::mouseClick(find<QPushButton>(u"clientLibraryDeleteButton"_s), Qt::LeftButton);
    QVERIFY(m_pane->library().isEmpty());
    QCOMPARE(list()->count(), 0);
}

void tst_ClientLibrary::exportThenImport()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"messages.json"_s);
    m_pane->setLibrary(sample());
    auto *panel = m_pane->findChild<LibraryPanel *>();
    QVERIFY(panel);
    QVERIFY(panel->exportFile(path));
    m_pane->setLibrary({});
    QVERIFY(panel->importFile(path));
    QVERIFY(m_pane->library() == sample());
    QVERIFY(panel->importFile(path)); // import adds
    QCOMPARE(m_pane->library().size(), 6);
}

void tst_ClientLibrary::importErrorsAreShown()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto *panel = m_pane->findChild<LibraryPanel *>();
    auto *error = find<QLabel>(u"clientLibraryErrorLabel"_s);
    QVERIFY(!panel->importFile(dir.filePath(u"missing.json"_s)));
    QVERIFY2(error->text().startsWith(u"Could not open "_s), qPrintable(error->text()));
    QVERIFY(error->isVisible());

    QFile bad(dir.filePath(u"bad.json"_s));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write("[1, 2");
    bad.close();
    QVERIFY(!panel->importFile(bad.fileName()));
    QVERIFY2(error->text().contains(u"This is not JSON"_s), qPrintable(error->text()));
    QVERIFY(m_pane->library().isEmpty());
    QVERIFY(!panel->exportFile(dir.filePath(u"no/such/dir/out.json"_s)));
    QVERIFY2(error->text().startsWith(u"Could not write "_s), qPrintable(error->text()));
}

QTEST_MAIN(tst_ClientLibrary)
#include "tst_clientlibrary.moc"
