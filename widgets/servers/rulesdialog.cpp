#include "rulesdialog.h"
#include "hexinput.h"
#include "ruleeditor.h"

#include "api/ruleengine.h"
#include "api/rulesjson.h"

#include <QCheckBox>
#include <QDir>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

// The peer the Test box pretends the input came from, for {{peer}}.
constexpr quint16 TEST_PEER_PORT = 50000;
// An imported file larger than this is not a rules file.
constexpr qint64 MAX_RULES_FILE_BYTES = 16 * 1024 * 1024;
constexpr auto ERROR_STYLE = "color: #c0392b;"_L1;

// Bytes as readable text where they are text, else as hex.
QString shownBytes(const QByteArray &bytes)
{
    const QString text = QString::fromUtf8(bytes);
    const bool printable = text.toUtf8() == bytes && std::all_of(text.cbegin(), text.cend(), [](QChar c) {
        return c.isPrint() || c == u'\r' || c == u'\n' || c == u'\t';
    });
    if (!printable)
        return RulesDialog::tr("hex %1").arg(toHexText(bytes));
    QString escaped = text;
    escaped.replace(u'\\', u"\\\\"_s).replace(u'\r', u"\\r"_s).replace(u'\n', u"\\n"_s).replace(u'\t', u"\\t"_s);
    return u'"' + escaped + u'"';
}

// Line breaks as \r and \n, so a row stays one line high.
QString oneLine(QString text)
{
    return text.replace(u'\r', u"\\r"_s).replace(u'\n', u"\\n"_s);
}

} // namespace

RulesDialog::RulesDialog(const Net::RuleSet &rules, QWidget *parent)
    : QDialog(parent)
    , m_rules(rules.rules)
    , m_table(new QTableWidget(0, ColumnCount, this))
    , m_editor(new RuleEditor(this))
    , m_problem(new QLabel(this))
    , m_fileStatus(new QLabel(this))
    , m_runningNote(new QLabel(tr("The server is running: changed rules apply at OK, to the connections already open too, and the hit counts start again."), this))
    , m_testInput(new QLineEdit(this))
    , m_testHex(new QCheckBox(tr("Hex"), this))
    , m_testResult(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(u"rulesDialog"_s);
    setWindowTitle(tr("Reply rules"));
    setAccessibleName(tr("Reply rules"));

    m_table->setObjectName(u"rulesTable"_s);
    m_table->setAccessibleName(tr("Rules, first match wins"));
    m_table->setHorizontalHeaderLabels(
        {tr("Name"), tr("Match"), tr("Pattern"), tr("Reply"), tr("Delay"), tr("Close"), tr("Hits")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->setWordWrap(false);
    QHeaderView *header = m_table->horizontalHeader();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(PatternColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(ReplyColumn, QHeaderView::Stretch);
    for (int column : {MatchColumn, DelayColumn, CloseColumn, HitsColumn})
        header->resizeSection(column, header->fontMetrics().horizontalAdvance(u"Hex prefix__"_s));

    for (QLabel *label : {m_problem, m_fileStatus, m_testResult}) {
        label->setWordWrap(true);
        label->setTextFormat(Qt::PlainText);
    }
    m_problem->setObjectName(u"ruleProblemLabel"_s);
    m_problem->setAccessibleName(tr("What is wrong with the rules"));
    m_problem->setStyleSheet(QString(ERROR_STYLE));
    m_fileStatus->setObjectName(u"rulesFileLabel"_s);
    m_fileStatus->setAccessibleName(tr("Import and export result"));
    m_runningNote->setObjectName(u"rulesRunningNote"_s);
    m_runningNote->hide();
    m_buttons->setObjectName(u"rulesButtonBox"_s);
    m_editor->setObjectName(u"ruleEditor"_s);

    auto *top = new QHBoxLayout;
    top->addWidget(m_table, 1);
    top->addWidget(buildButtons());
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top, 1);
    layout->addWidget(m_editor);
    layout->addWidget(m_problem);
    layout->addWidget(buildTestBox());
    layout->addWidget(m_fileStatus);
    layout->addWidget(m_runningNote);
    layout->addWidget(m_buttons);

    connect(m_table, &QTableWidget::itemSelectionChanged, this, &RulesDialog::onSelectionChanged);
    connect(m_editor, &RuleEditor::edited, this, &RulesDialog::onEdited);
    connect(m_testInput, &QLineEdit::textChanged, this, &RulesDialog::runTest);
    connect(m_testHex, &QCheckBox::toggled, this, &RulesDialog::runTest);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    refreshTable(m_rules.isEmpty() ? -1 : 0);
    resize(760, 620);
}

QWidget *RulesDialog::buildButtons()
{
    auto *column = new QWidget(this);
    auto *layout = new QVBoxLayout(column);
    layout->setContentsMargins(0, 0, 0, 0);
    const auto button = [&](const QString &text, const QString &name, const QString &accessible, auto slot) {
        auto *b = new QPushButton(text, column);
        b->setObjectName(name);
        b->setAccessibleName(accessible);
        connect(b, &QPushButton::clicked, this, slot);
        layout->addWidget(b);
        return b;
    };
    button(tr("&Add"), u"addRuleButton"_s, tr("Add a rule"), &RulesDialog::addRule);
    m_remove = button(tr("Remo&ve"), u"removeRuleButton"_s, tr("Remove the selected rule"), &RulesDialog::removeRule);
    m_up = button(tr("&Up"), u"moveRuleUpButton"_s, tr("Move the selected rule up"), [this] { moveRule(-1); });
    m_down = button(tr("Do&wn"), u"moveRuleDownButton"_s, tr("Move the selected rule down"), [this] { moveRule(1); });
    m_duplicate = button(tr("Du&plicate"), u"duplicateRuleButton"_s, tr("Duplicate the selected rule"),
                         &RulesDialog::duplicateRule);
    layout->addSpacing(12);
    button(tr("&Import…"), u"importRulesButton"_s, tr("Import rules from a JSON file"), &RulesDialog::chooseImport);
    button(tr("&Export…"), u"exportRulesButton"_s, tr("Export the rules to a JSON file"), &RulesDialog::chooseExport);
    layout->addStretch(1);
    return column;
}

QWidget *RulesDialog::buildTestBox()
{
    auto *box = new QGroupBox(tr("Test"), this);
    box->setObjectName(u"rulesTestBox"_s);
    m_testInput->setObjectName(u"testInputEdit"_s);
    m_testInput->setAccessibleName(tr("Sample input"));
    m_testInput->setPlaceholderText(tr("Type what a client would send"));
    m_testHex->setObjectName(u"testHexCheck"_s);
    m_testHex->setAccessibleName(tr("Sample input in hex"));
    m_testResult->setObjectName(u"testResultLabel"_s);
    m_testResult->setAccessibleName(tr("Test result"));
    auto *layout = new QVBoxLayout(box);
    auto *row = new QHBoxLayout;
    row->addWidget(m_testInput, 1);
    row->addWidget(m_testHex);
    layout->addLayout(row);
    layout->addWidget(m_testResult);
    return box;
}

Net::RuleSet RulesDialog::rules() const
{
    Net::RuleSet set;
    set.rules = m_rules;
    return set;
}

void RulesDialog::setHits(const QList<qint64> &hits)
{
    m_hits = hits;
    for (int row = 0; row < m_table->rowCount(); ++row)
        refreshRow(row);
}

void RulesDialog::setServerRunning(bool running)
{
    m_runningNote->setVisible(running);
}

int RulesDialog::currentRow() const
{
    const QList<QTableWidgetItem *> selected = m_table->selectedItems();
    return selected.isEmpty() ? -1 : selected.constFirst()->row();
}

void RulesDialog::addRule()
{
    Net::ReplyRule rule;
    rule.name = tr("Rule %1").arg(m_rules.size() + 1);
    const int row = currentRow() < 0 ? int(m_rules.size()) : currentRow() + 1;
    m_rules.insert(row, rule);
    m_hits.clear(); // the server's counts no longer line up with the rows
    refreshTable(row);
    m_editor->setFocus();
}

void RulesDialog::removeRule()
{
    const int row = currentRow();
    if (row < 0)
        return;
    m_rules.removeAt(row);
    m_hits.clear();
    refreshTable(qMin(row, int(m_rules.size()) - 1));
}

void RulesDialog::moveRule(int by)
{
    const int row = currentRow();
    const int to = row + by;
    if (row < 0 || to < 0 || to >= m_rules.size())
        return;
    m_rules.move(row, to);
    if (to < m_hits.size() && row < m_hits.size())
        m_hits.move(row, to);
    refreshTable(to);
}

void RulesDialog::duplicateRule()
{
    const int row = currentRow();
    if (row < 0)
        return;
    Net::ReplyRule copy = m_rules[row];
    copy.name = tr("%1 (copy)").arg(copy.name);
    m_rules.insert(row + 1, copy);
    m_hits.clear();
    refreshTable(row + 1);
}

void RulesDialog::onSelectionChanged()
{
    const int row = currentRow();
    m_editor->setEnabled(row >= 0);
    m_editor->setRule(row >= 0 ? m_rules[row] : Net::ReplyRule());
    m_remove->setEnabled(row >= 0);
    m_duplicate->setEnabled(row >= 0);
    m_up->setEnabled(row > 0);
    m_down->setEnabled(row >= 0 && row + 1 < m_rules.size());
}

void RulesDialog::onEdited()
{
    const int row = currentRow();
    if (row < 0)
        return;
    m_rules[row] = m_editor->rule();
    refreshRow(row);
    refreshChecks();
}

void RulesDialog::refreshTable(int select)
{
    m_table->setRowCount(int(m_rules.size()));
    for (int row = 0; row < m_rules.size(); ++row)
        refreshRow(row);
    if (select >= 0)
        m_table->selectRow(select);
    else
        m_table->clearSelection();
    onSelectionChanged();
    refreshChecks();
}

void RulesDialog::refreshRow(int row)
{
    const Net::ReplyRule &rule = m_rules[row];
    const QString texts[ColumnCount] = {
        rule.name,
        RuleEditor::matchKindText(rule.match),
        rule.pattern,
        rule.replyHex ? tr("hex %1").arg(rule.reply) : oneLine(rule.reply),
        tr("%1 ms").arg(rule.delayMs),
        rule.closeAfter ? tr("yes") : QString(),
        row < m_hits.size() ? QString::number(m_hits[row]) : QString()};
    for (int column = 0; column < ColumnCount; ++column) {
        QTableWidgetItem *item = m_table->item(row, column);
        if (!item) {
            item = new QTableWidgetItem;
            m_table->setItem(row, column, item);
        }
        item->setText(texts[column]);
        item->setForeground(rule.enabled ? palette().text() : palette().placeholderText());
        item->setToolTip(RuleEditor::problemText(rule));
    }
}

void RulesDialog::refreshChecks()
{
    QString problem;
    for (int row = 0; row < m_rules.size() && problem.isEmpty(); ++row) {
        const QString text = RuleEditor::problemText(m_rules[row]);
        if (!text.isEmpty())
            problem = tr("Rule %1: %2").arg(row + 1).arg(text);
    }
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
    runTest();
}

void RulesDialog::runTest()
{
    QByteArray input = m_testInput->text().toUtf8();
    if (m_testHex->isChecked()) {
        const HexParseResult hex = parseHex(m_testInput->text());
        if (!hex.ok) {
            m_testResult->setText(hex.error);
            return;
        }
        input = hex.bytes;
    }
    if (m_testInput->text().isEmpty()) {
        m_testResult->setText(tr("Type a sample to see which rule answers it."));
        return;
    }
    Net::RuleEngine engine(rules());
    Net::ReplyContext context = Net::RuleEngine::liveContext(QHostAddress(QHostAddress::LocalHost), TEST_PEER_PORT);
    const Net::RuleAction action = engine.respond(input, context);
    if (!action.matched()) {
        m_testResult->setText(tr("No rule matches: nothing is sent."));
        return;
    }
    const QString name = m_rules[action.rule].name;
    QString text = tr("Rule %1 (%2) matches. Reply: %3").arg(action.rule + 1).arg(name, shownBytes(action.reply));
    if (action.delayMs > 0)
        text += u' ' + tr("after %1 ms.").arg(action.delayMs);
    if (action.closeAfter)
        text += u' ' + tr("Then the connection closes.");
    m_testResult->setText(text);
}

QString RulesDialog::importFrom(const QString &path)
{
    QFile file(path);
    QString error;
    if (!file.open(QIODevice::ReadOnly)) {
        error = tr("Could not open %1: %2.").arg(QDir::toNativeSeparators(path), file.errorString());
    } else if (file.size() > MAX_RULES_FILE_BYTES) {
        error = tr("%1 is too large to be a rules file.").arg(QDir::toNativeSeparators(path));
    } else {
        const Net::RulesJsonResult result = Net::rulesFromJson(file.readAll());
        if (!result.ok()) {
            error = tr("Could not import %1: %2").arg(QDir::toNativeSeparators(path), result.error);
        } else {
            m_rules = result.rules.rules;
            m_hits.clear();
            refreshTable(m_rules.isEmpty() ? -1 : 0);
            m_fileStatus->setText(tr("Imported %n rule(s) from %1.", nullptr, int(m_rules.size()))
                                      .arg(QDir::toNativeSeparators(path)));
            m_fileStatus->setStyleSheet(QString());
            return {};
        }
    }
    m_fileStatus->setText(error);
    m_fileStatus->setStyleSheet(QString(ERROR_STYLE));
    return error;
}

QString RulesDialog::exportTo(const QString &path)
{
    QSaveFile file(path);
    QString error;
    if (!file.open(QIODevice::WriteOnly) || file.write(Net::rulesToJson(rules())) < 0 || !file.commit())
        error = tr("Could not write %1: %2.").arg(QDir::toNativeSeparators(path), file.errorString());
    m_fileStatus->setText(error.isEmpty() ? tr("Exported %n rule(s) to %1.", nullptr, int(m_rules.size()))
                                                .arg(QDir::toNativeSeparators(path))
                                          : error);
    m_fileStatus->setStyleSheet(error.isEmpty() ? QString() : QString(ERROR_STYLE));
    return error;
}

void RulesDialog::chooseImport()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Import rules"), QString(),
                                                      tr("Rules (*.json);;All files (*)"));
    if (!path.isEmpty())
        importFrom(path);
}

void RulesDialog::chooseExport()
{
    QString path = QFileDialog::getSaveFileName(this, tr("Export rules"), u"rules.json"_s,
                                                tr("Rules (*.json);;All files (*)"));
    if (!path.isEmpty())
        exportTo(path);
}
