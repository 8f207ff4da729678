#include "sendbytesdialog.h"

#include "hexinput.h"

#include <QButtonGroup>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

SendBytesDialog::SendBytesDialog(const QString &peer, QWidget *parent)
    : QDialog(parent)
    , m_textRadio(new QRadioButton(tr("&Text"), this))
    , m_hexRadio(new QRadioButton(tr("He&x"), this))
    , m_edit(new QLineEdit(this))
    , m_errorLabel(new QLabel(this))
    , m_buttons(new QDialogButtonBox(this))
{
    setObjectName(u"sendToClientDialog"_s);
    setWindowTitle(tr("Send to %1").arg(peer));
    setAccessibleName(windowTitle());

    m_textRadio->setObjectName(u"sendTextRadio"_s);
    m_textRadio->setAccessibleName(tr("Send as text"));
    m_textRadio->setChecked(true);
    m_hexRadio->setObjectName(u"sendHexRadio"_s);
    m_hexRadio->setAccessibleName(tr("Send as hex"));
    auto *modes = new QButtonGroup(this);
    modes->addButton(m_textRadio);
    modes->addButton(m_hexRadio);

    m_edit->setObjectName(u"sendBytesEdit"_s);
    m_edit->setAccessibleName(tr("Bytes to send"));
    m_edit->setPlaceholderText(tr("Text sent as UTF-8"));
    m_edit->setMinimumWidth(m_edit->fontMetrics().horizontalAdvance(u'0') * 40);

    m_errorLabel->setObjectName(u"sendErrorLabel"_s);
    m_errorLabel->setAccessibleName(tr("Input problem"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setTextFormat(Qt::PlainText); // it quotes what was typed or pasted
    m_errorLabel->setVisible(false);

    m_sendButton = m_buttons->addButton(tr("&Send"), QDialogButtonBox::AcceptRole);
    m_sendButton->setObjectName(u"sendButton"_s);
    m_sendButton->setDefault(true);
    m_buttons->addButton(QDialogButtonBox::Cancel)->setObjectName(u"sendCancelButton"_s);
    m_buttons->setObjectName(u"sendButtons"_s);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    buildLayout();

    // Switching modes carries the input over, so "hello" becomes "68 65 6c 6c 6f"
    // and back: easier than retyping, and a way to see the bytes of a text.
    connect(m_hexRadio, &QRadioButton::toggled, this, &SendBytesDialog::switchMode);
    connect(m_edit, &QLineEdit::textChanged, this, &SendBytesDialog::validate);
    validate();
}

void SendBytesDialog::buildLayout()
{
    auto *modeRow = new QHBoxLayout;
    modeRow->addWidget(m_textRadio);
    modeRow->addWidget(m_hexRadio);
    modeRow->addStretch();
    auto *form = new QFormLayout;
    form->addRow(tr("Send as:"), modeRow);
    form->addRow(tr("&Bytes:"), m_edit);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_errorLabel);
    layout->addWidget(m_buttons);
}

void SendBytesDialog::switchMode(bool hex)
{
    if (hex) {
        m_edit->setText(toHexText(m_edit->text().toUtf8()));
        m_edit->setPlaceholderText(tr("Hex, e.g. 48 65 6c 6c 6f"));
    } else {
        const HexParseResult parsed = parseHex(m_edit->text());
        if (parsed.ok)
            m_edit->setText(QString::fromUtf8(parsed.bytes));
        m_edit->setPlaceholderText(tr("Text sent as UTF-8"));
    }
    validate();
}

bool SendBytesDialog::isHexMode() const
{
    return m_hexRadio->isChecked();
}

QByteArray SendBytesDialog::bytes() const
{
    if (!isHexMode())
        return m_edit->text().toUtf8();
    const HexParseResult parsed = parseHex(m_edit->text());
    return parsed.ok ? parsed.bytes : QByteArray();
}

void SendBytesDialog::validate()
{
    QString problem;
    if (isHexMode()) {
        const HexParseResult parsed = parseHex(m_edit->text());
        if (!parsed.ok)
            problem = parsed.error;
    }
    m_errorLabel->setText(problem);
    m_errorLabel->setVisible(!problem.isEmpty());
    m_sendButton->setEnabled(problem.isEmpty() && !bytes().isEmpty());
}
