#include "sendbytesdialog.h"

#include "messageeditor.h"

#include <QDialogButtonBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
// Room for a short message and its options without a cramped editor.
constexpr int EDITOR_COLUMNS = 48;
constexpr int EDITOR_LINES = 5;
} // namespace

SendBytesDialog::SendBytesDialog(const QString &peer, QWidget *parent)
    : QDialog(parent)
    , m_editor(new MessageEditor(this, u"send"_s))
    , m_buttons(new QDialogButtonBox(this))
{
    setObjectName(u"sendToClientDialog"_s);
    setWindowTitle(tr("Send to %1").arg(peer));
    setAccessibleName(windowTitle());

    QPlainTextEdit *edit = m_editor->editor();
    edit->setAccessibleName(tr("Bytes to send"));
    edit->setPlaceholderText(tr("Text sent as UTF-8; Ctrl+Return sends"));
    const QFontMetrics metrics(edit->font());
    edit->setMinimumSize(metrics.horizontalAdvance(u'0') * EDITOR_COLUMNS, metrics.lineSpacing() * EDITOR_LINES);

    m_sendButton = m_buttons->addButton(tr("Se&nd"), QDialogButtonBox::AcceptRole);
    m_sendButton->setObjectName(u"sendButton"_s);
    // Return belongs to the editor (a new line); no button takes it from there.
    m_sendButton->setAutoDefault(false);
    QPushButton *cancel = m_buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(u"sendCancelButton"_s);
    cancel->setAutoDefault(false);
    m_buttons->setObjectName(u"sendButtons"_s);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_editor, &MessageEditor::sendRequested, this, &SendBytesDialog::sendIfValid);
    connect(m_editor, &MessageEditor::contentChanged, this, &SendBytesDialog::validate);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_editor, 1);
    layout->addWidget(m_buttons);

    validate();
    // The message is what the dialog is for: typing starts there.
    edit->setFocus(Qt::OtherFocusReason);
}

QByteArray SendBytesDialog::bytes() const
{
    return m_editor->encoded().value_or(QByteArray());
}

void SendBytesDialog::validate()
{
    m_sendButton->setEnabled(!bytes().isEmpty());
}

void SendBytesDialog::sendIfValid()
{
    if (m_sendButton->isEnabled())
        accept();
    else
        m_editor->message(); // points at the bad hex
}
