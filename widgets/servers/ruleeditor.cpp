#include "ruleeditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSpinBox>

using namespace Qt::StringLiterals;

namespace {
constexpr Net::MatchKind MATCH_KINDS[] = {Net::MatchKind::Exact, Net::MatchKind::StartsWith, Net::MatchKind::Contains,
                                          Net::MatchKind::Regex, Net::MatchKind::HexPrefix};
// A reply box of a few lines: replies are short, the table above needs the room.
constexpr int REPLY_LINES = 3;

// A form label whose mnemonic moves the focus to its field.
QLabel *labelFor(const QString &text, QWidget *buddy)
{
    auto *label = new QLabel(text, buddy->parentWidget());
    label->setBuddy(buddy);
    return label;
}
} // namespace

RuleEditor::RuleEditor(QWidget *parent)
    : QWidget(parent)
    , m_name(new QLineEdit(this))
    , m_enabled(new QCheckBox(tr("Enabled"), this))
    , m_match(new QComboBox(this))
    , m_pattern(new QLineEdit(this))
    , m_replyHex(new QCheckBox(tr("Hex"), this))
    , m_reply(new QPlainTextEdit(this))
    , m_delay(new QSpinBox(this))
    , m_closeAfter(new QCheckBox(tr("Close after the reply"), this))
{
    auto *form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);

    m_name->setObjectName(u"ruleNameEdit"_s);
    m_name->setAccessibleName(tr("Rule name"));
    m_enabled->setObjectName(u"ruleEnabledCheck"_s);
    m_enabled->setAccessibleName(tr("Rule enabled"));
    auto *nameRow = new QHBoxLayout;
    nameRow->addWidget(m_name, 1);
    nameRow->addWidget(m_enabled);
    form->addRow(labelFor(tr("&Name:"), m_name), nameRow);

    for (Net::MatchKind kind : MATCH_KINDS)
        m_match->addItem(matchKindText(kind), int(kind));
    m_match->setObjectName(u"ruleMatchCombo"_s);
    m_match->setAccessibleName(tr("Match kind"));
    m_pattern->setObjectName(u"rulePatternEdit"_s);
    m_pattern->setAccessibleName(tr("Pattern"));
    m_pattern->setToolTip(tr("Text (UTF-8), a regular expression, or hex digits for \"Hex prefix\"."));
    auto *matchRow = new QHBoxLayout;
    matchRow->addWidget(m_match);
    matchRow->addWidget(m_pattern, 1);
    form->addRow(labelFor(tr("&Match:"), m_match), matchRow);

    m_reply->setObjectName(u"ruleReplyEdit"_s);
    m_reply->setAccessibleName(tr("Reply"));
    m_reply->setTabChangesFocus(true);
    m_reply->setToolTip(tr("Macros: {{counter}} {{time}} {{unixtime}} {{random}} {{peer}} {{rx}} (the bytes received)."));
    m_reply->setFixedHeight(m_reply->fontMetrics().lineSpacing() * REPLY_LINES + 12);
    m_replyHex->setObjectName(u"ruleReplyHexCheck"_s);
    m_replyHex->setAccessibleName(tr("Reply in hex"));
    auto *replyRow = new QHBoxLayout;
    replyRow->addWidget(m_reply, 1);
    replyRow->addWidget(m_replyHex, 0, Qt::AlignTop);
    form->addRow(labelFor(tr("&Reply:"), m_reply), replyRow);

    m_delay->setRange(0, Net::ReplyRule::MAX_DELAY_MS);
    m_delay->setSuffix(tr(" ms"));
    m_delay->setObjectName(u"ruleDelaySpin"_s);
    m_delay->setAccessibleName(tr("Delay before the reply"));
    m_closeAfter->setObjectName(u"ruleCloseCheck"_s);
    m_closeAfter->setAccessibleName(tr("Close after the reply"));
    auto *delayRow = new QHBoxLayout;
    delayRow->addWidget(m_delay);
    delayRow->addWidget(m_closeAfter);
    delayRow->addStretch(1);
    form->addRow(labelFor(tr("&Delay:"), m_delay), delayRow);

    const auto changed = [this] {
        if (!m_loading)
            emit edited();
    };
    connect(m_name, &QLineEdit::textChanged, this, changed);
    connect(m_enabled, &QCheckBox::toggled, this, changed);
    connect(m_match, &QComboBox::currentIndexChanged, this, changed);
    connect(m_pattern, &QLineEdit::textChanged, this, changed);
    connect(m_replyHex, &QCheckBox::toggled, this, changed);
    connect(m_reply, &QPlainTextEdit::textChanged, this, changed);
    connect(m_delay, &QSpinBox::valueChanged, this, changed);
    connect(m_closeAfter, &QCheckBox::toggled, this, changed);
}

Net::ReplyRule RuleEditor::rule() const
{
    Net::ReplyRule rule;
    rule.name = m_name->text();
    rule.enabled = m_enabled->isChecked();
    rule.match = Net::MatchKind(m_match->currentData().toInt());
    rule.pattern = m_pattern->text();
    rule.replyHex = m_replyHex->isChecked();
    rule.reply = m_reply->toPlainText();
    rule.delayMs = m_delay->value();
    rule.closeAfter = m_closeAfter->isChecked();
    return rule;
}

void RuleEditor::setRule(const Net::ReplyRule &rule)
{
    m_loading = true;
    m_name->setText(rule.name);
    m_enabled->setChecked(rule.enabled);
    m_match->setCurrentIndex(m_match->findData(int(rule.match)));
    m_pattern->setText(rule.pattern);
    m_replyHex->setChecked(rule.replyHex);
    m_reply->setPlainText(rule.reply);
    m_delay->setValue(rule.delayMs);
    m_closeAfter->setChecked(rule.closeAfter);
    m_loading = false;
}

QString RuleEditor::problemText(const Net::ReplyRule &rule)
{
    const Net::ReplyRule::Check check = rule.check();
    switch (check.fault) {
    case Net::ReplyRule::Fault::None: return {};
    case Net::ReplyRule::Fault::BadRegex:
        return tr("The regular expression is not valid: %1 at character %2.").arg(check.detail).arg(check.offset);
    case Net::ReplyRule::Fault::BadHexPattern:
        return tr("The hex prefix \"%1\" is not hex digits in pairs (e.g. \"02 ff\").").arg(check.detail);
    case Net::ReplyRule::Fault::BadHexReply:
        return tr("The hex reply \"%1\" is not hex digits in pairs (e.g. \"48 69 0d 0a\"); macros may stand between "
                  "bytes.").arg(check.detail);
    case Net::ReplyRule::Fault::BadDelay:
        return tr("The delay must be from 0 to %1 ms.").arg(Net::ReplyRule::MAX_DELAY_MS);
    }
    return {};
}

QString RuleEditor::matchKindText(Net::MatchKind kind)
{
    switch (kind) {
    case Net::MatchKind::Exact: return tr("Exact");
    case Net::MatchKind::StartsWith: return tr("Starts with");
    case Net::MatchKind::Contains: return tr("Contains");
    case Net::MatchKind::Regex: return tr("Regex");
    case Net::MatchKind::HexPrefix: return tr("Hex prefix");
    }
    return {};
}
