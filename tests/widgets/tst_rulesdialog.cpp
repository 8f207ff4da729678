#include "servercard.h"
#include "servers/rulesdialog.h"
#include "serverspanel.h"

#include "api/netcontroller.h"
#include "api/rulesjson.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace {

constexpr int WAIT_MS = 10000;

template<typename T>
T *find(QWidget &parent, const QString &name)
{
    T *child = parent.findChild<T *>(name);
    if (!child)
        qFatal("no %s named %s", T::staticMetaObject.className(), qPrintable(name));
    return child;
}

Net::ReplyRule rule(const QString &name, Net::MatchKind kind, const QString &pattern, const QString &reply)
{
    Net::ReplyRule r;
    r.name = name;
    r.match = kind;
    r.pattern = pattern;
    r.reply = reply;
    return r;
}

QStringList names(const Net::RuleSet &set)
{
    QStringList result;
    for (const Net::ReplyRule &r : set.rules)
        result.append(r.name);
    return result;
}

void click(QWidget &dialog, const QString &button)
{
    QTest::mouseClick(find<QPushButton>(dialog, button), Qt::LeftButton);
}

bool okEnabled(QWidget &dialog)
{
    return find<QDialogButtonBox>(dialog, u"rulesButtonBox"_s)->button(QDialogButtonBox::Ok)->isEnabled();
}

} // namespace

class tst_RulesDialog : public QObject
{
    Q_OBJECT

private slots:
    void addEditAndReorder();
    void invalidRulesDisableOk();
    void testBoxShowsTheMatch();
    void exportThenImportGivesTheSameRules();
    void malformedImportIsASentence();
    void cardRunsRulesAndShowsHits();
};

void tst_RulesDialog::addEditAndReorder()
{
    RulesDialog dialog({});
    dialog.show();
    auto *table = find<QTableWidget>(dialog, u"rulesTable"_s);
    QCOMPARE(table->rowCount(), 0);
    QVERIFY(!find<QPushButton>(dialog, u"removeRuleButton"_s)->isEnabled());

    click(dialog, u"addRuleButton"_s);
    QLineEdit *name = find<QLineEdit>(dialog, u"ruleNameEdit"_s);
    name->setText(u"first"_s);
    find<QComboBox>(dialog, u"ruleMatchCombo"_s)->setCurrentIndex(0); // Exact
    find<QLineEdit>(dialog, u"rulePatternEdit"_s)->setText(u"PING"_s);
    find<QPlainTextEdit>(dialog, u"ruleReplyEdit"_s)->setPlainText(u"PONG"_s);
    find<QSpinBox>(dialog, u"ruleDelaySpin"_s)->setValue(250);
    find<QCheckBox>(dialog, u"ruleCloseCheck"_s)->setChecked(true);
    QCOMPARE(table->item(0, 0)->text(), u"first"_s);
    QCOMPARE(table->item(0, 2)->text(), u"PING"_s);

    click(dialog, u"addRuleButton"_s); // inserted after the selection, and selected
    name->setText(u"second"_s);
    click(dialog, u"duplicateRuleButton"_s);
    QCOMPARE(names(dialog.rules()), QStringList({u"first"_s, u"second"_s, u"second (copy)"_s}));

    click(dialog, u"moveRuleUpButton"_s);
    click(dialog, u"moveRuleUpButton"_s);
    QCOMPARE(names(dialog.rules()), QStringList({u"second (copy)"_s, u"first"_s, u"second"_s}));
    QVERIFY(!find<QPushButton>(dialog, u"moveRuleUpButton"_s)->isEnabled()); // at the top
    click(dialog, u"moveRuleDownButton"_s);
    QCOMPARE(names(dialog.rules()), QStringList({u"first"_s, u"second (copy)"_s, u"second"_s}));
    click(dialog, u"removeRuleButton"_s);
    QCOMPARE(names(dialog.rules()), QStringList({u"first"_s, u"second"_s}));

    const Net::ReplyRule first = dialog.rules().rules.constFirst();
    QCOMPARE(first.match, Net::MatchKind::Exact);
    QCOMPARE(first.pattern, u"PING"_s);
    QCOMPARE(first.reply, u"PONG"_s);
    QCOMPARE(first.delayMs, 250);
    QVERIFY(first.closeAfter);
    QVERIFY(okEnabled(dialog));
}

void tst_RulesDialog::invalidRulesDisableOk()
{
    RulesDialog dialog({{rule(u"r"_s, Net::MatchKind::Contains, u"x"_s, u"y"_s)}});
    dialog.show();
    auto *problem = find<QLabel>(dialog, u"ruleProblemLabel"_s);
    QVERIFY(okEnabled(dialog));
    QVERIFY(problem->isHidden());

    auto *match = find<QComboBox>(dialog, u"ruleMatchCombo"_s);
    auto *pattern = find<QLineEdit>(dialog, u"rulePatternEdit"_s);
    match->setCurrentIndex(match->findData(int(Net::MatchKind::Regex)));
    pattern->setText(u"(unclosed"_s);
    QVERIFY(!okEnabled(dialog));
    QVERIFY(problem->isVisible());
    QVERIFY2(problem->text().startsWith(u"Rule 1: The regular expression is not valid: "_s), qPrintable(problem->text()));
    pattern->setText(u"(closed)"_s);
    QVERIFY(okEnabled(dialog));

    match->setCurrentIndex(match->findData(int(Net::MatchKind::HexPrefix)));
    pattern->setText(u"0g"_s);
    QVERIFY(!okEnabled(dialog));
    QCOMPARE(problem->text(), u"Rule 1: The hex prefix \"0g\" is not hex digits in pairs (e.g. \"02 ff\")."_s);
    pattern->setText(u"0a"_s);
    QVERIFY(okEnabled(dialog));

    find<QCheckBox>(dialog, u"ruleReplyHexCheck"_s)->setChecked(true); // "y" is not hex
    QVERIFY(!okEnabled(dialog));
    find<QPlainTextEdit>(dialog, u"ruleReplyEdit"_s)->setPlainText(u"79 {{rx}}"_s);
    QVERIFY(okEnabled(dialog));
}

void tst_RulesDialog::testBoxShowsTheMatch()
{
    Net::ReplyRule hex = rule(u"binary"_s, Net::MatchKind::HexPrefix, u"01"_s, u"ff {{rx}}"_s);
    hex.replyHex = true;
    Net::ReplyRule slow = rule(u"ping"_s, Net::MatchKind::Exact, u"PING"_s, u"PONG {{counter}}\n"_s);
    slow.delayMs = 300;
    slow.closeAfter = true;
    RulesDialog dialog({{rule(u"off"_s, Net::MatchKind::Contains, QString(), u"never"_s), slow, hex}});
    dialog.show();
    find<QCheckBox>(dialog, u"ruleEnabledCheck"_s)->setChecked(false); // the first rule is selected
    auto *input = find<QLineEdit>(dialog, u"testInputEdit"_s);
    auto *result = find<QLabel>(dialog, u"testResultLabel"_s);

    input->setText(u"PING"_s);
    QCOMPARE(result->text(), u"Rule 2 (ping) matches. Reply: \"PONG 1\\n\" after 300 ms. Then the connection closes."_s);
    input->setText(u"nothing"_s);
    QCOMPARE(result->text(), u"No rule matches: nothing is sent."_s);
    find<QCheckBox>(dialog, u"testHexCheck"_s)->setChecked(true);
    input->setText(u"01 80"_s);
    QCOMPARE(result->text(), u"Rule 3 (binary) matches. Reply: hex ff 01 80"_s);
}

void tst_RulesDialog::exportThenImportGivesTheSameRules()
{
    QTemporaryDir dir;
    Net::ReplyRule second = rule(u"hex"_s, Net::MatchKind::HexPrefix, u"0a 0b"_s, u"01 {{rx}}"_s);
    second.replyHex = true;
    second.delayMs = 40;
    second.enabled = false;
    const Net::RuleSet rules{{rule(u"ping"_s, Net::MatchKind::Regex, u"^PING\\s*$"_s, u"PONG {{time}}"_s), second}};
    const QString path = dir.filePath(u"rules.json"_s);
    RulesDialog exporter(rules);
    QCOMPARE(exporter.exportTo(path), QString());
    QCOMPARE(find<QLabel>(exporter, u"rulesFileLabel"_s)->text(), u"Exported 2 rule(s) to %1."_s.arg(path));

    RulesDialog importer({});
    QCOMPARE(importer.importFrom(path), QString());
    QCOMPARE(importer.rules(), rules);
    QCOMPARE(find<QTableWidget>(importer, u"rulesTable"_s)->rowCount(), 2);
}

void tst_RulesDialog::malformedImportIsASentence()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"broken.json"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"rules": [{"match": "sometimes"}]})");
    file.close();
    const Net::RuleSet kept{{rule(u"keep"_s, Net::MatchKind::Contains, u"a"_s, u"b"_s)}};
    RulesDialog dialog(kept);
    const QString error = dialog.importFrom(path);
    QCOMPARE(error, u"Could not import %1: Rule 1 in the rules file: \"match\" must be one of exact, startsWith, "
                    "contains, regex, hexPrefix."_s.arg(path));
    QCOMPARE(find<QLabel>(dialog, u"rulesFileLabel"_s)->text(), error);
    QCOMPARE(dialog.rules(), kept); // nothing half-imported
    QVERIFY(dialog.importFrom(dir.filePath(u"missing.json"_s)).startsWith(u"Could not open "_s));
}

void tst_RulesDialog::cardRunsRulesAndShowsHits()
{
    Net::NetController net;
    ServersPanel panel(net);
    panel.show();
    ServerCard *card = panel.card(Net::ServerKind::Tcp);
    ServerCardState state = card->state();
    state.address = u"127.0.0.1"_s;
    state.port = 0;
    state.rules.rules = {rule(u"ping"_s, Net::MatchKind::Exact, u"PING"_s, u"PONG {{counter}}"_s),
                         rule(u"other"_s, Net::MatchKind::Contains, u"zzz"_s, u"-"_s)};
    card->setState(state);
    auto *mode = find<QComboBox>(panel, u"echoModeCombo"_s);
    mode->setCurrentIndex(mode->findData(int(Net::ServerMode::Rules)));
    QCOMPARE(card->state().mode, Net::ServerMode::Rules);
    QCOMPARE(card->state().rules, state.rules);

    card->start();
    QTRY_VERIFY_WITH_TIMEOUT(card->isRunning(), WAIT_MS);
    QVERIFY(mode->isEnabled()); // unlike the address, the mode changes on the running server
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, net.status(card->serverId()).port);
    QTRY_VERIFY_WITH_TIMEOUT(client.state() == QAbstractSocket::ConnectedState, WAIT_MS);
    client.write("PING");
    QByteArray reply;
    QTRY_VERIFY_WITH_TIMEOUT((reply += client.readAll()).size() >= 6, WAIT_MS);
    QCOMPARE(reply, "PONG 1");

    // The card hands the server's hit counts to its rules dialog.
    QString hits;
    bool inspected = false;
    QTimer::singleShot(0, card, [&] {
        auto *dialog = card->findChild<RulesDialog *>();
        QVERIFY(dialog);
        QTRY_COMPARE_WITH_TIMEOUT(find<QTableWidget>(*dialog, u"rulesTable"_s)->item(0, 6)->text(), u"1"_s, WAIT_MS);
        hits = find<QTableWidget>(*dialog, u"rulesTable"_s)->item(1, 6)->text();
        inspected = true;
        dialog->reject();
    });
    QTest::mouseClick(find<QPushButton>(panel, u"echoRulesButton"_s), Qt::LeftButton);
    QVERIFY(inspected);
    QCOMPARE(hits, u"0"_s);

    // Rules changed in the dialog reach the running server: the connection
    // opened before the change gets the new rule's reply.
    QTemporaryDir dir;
    const QString path = dir.filePath(u"new.json"_s);
    Net::RuleSet changed;
    changed.rules = {rule(u"ping"_s, Net::MatchKind::Exact, u"PING"_s, u"PANG {{counter}}"_s)};
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly) && file.write(Net::rulesToJson(changed)) > 0);
    file.close();
    QTimer::singleShot(0, card, [&] {
        auto *dialog = card->findChild<RulesDialog *>();
        QVERIFY(dialog);
        QCOMPARE(dialog->importFrom(path), QString());
        dialog->accept();
    });
    // The engine answers an update of a running server with its status: once
    // that is here, the new rules are in place on the network thread.
    QSignalSpy updated(&net, &Net::NetController::serverStatusChanged);
    QTest::mouseClick(find<QPushButton>(panel, u"echoRulesButton"_s), Qt::LeftButton);
    QCOMPARE(card->state().rules, changed);
    QTRY_VERIFY_WITH_TIMEOUT(!updated.isEmpty(), WAIT_MS);
    client.write("PING");
    QTRY_VERIFY_WITH_TIMEOUT((reply += client.readAll()).size() >= 12, WAIT_MS);
    QCOMPARE(reply, "PONG 1PANG 1"); // the counter starts again with the new rules
    // So does the mode: the same connection now gets its bytes back.
    updated.clear();
    mode->setCurrentIndex(mode->findData(int(Net::ServerMode::Echo)));
    QTRY_VERIFY_WITH_TIMEOUT(!updated.isEmpty(), WAIT_MS);
    client.write("PING");
    QTRY_VERIFY_WITH_TIMEOUT((reply += client.readAll()).size() >= 16, WAIT_MS);
    QCOMPARE(reply, "PONG 1PANG 1PING");
    QCOMPARE(client.state(), QAbstractSocket::ConnectedState);
    card->stop();
    QTRY_VERIFY_WITH_TIMEOUT(!card->isRunning(), WAIT_MS);
}

QTEST_MAIN(tst_RulesDialog)
#include "tst_rulesdialog.moc"
