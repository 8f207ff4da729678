#include "messageeditor.h"

#include "client/textencoding.h"
#include "client/textescapes.h"
#include "hexinput.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPlainTextEdit>
#include <QStringDecoder>
#include <QTextBlock>
#include <QTextLayout>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

constexpr qsizetype MAX_HISTORY = 100;
constexpr auto TEXT_PREFIX = "text:"_L1;
constexpr auto HEX_PREFIX = "hex:"_L1;

// Whether the cursor is on the first (or last) visual line of the document,
// wrapped lines included: only there do Up and Down leave the text for the
// history, as in a shell.
bool onEdgeLine(const QTextCursor &cursor, bool first)
{
    const QTextBlock block = cursor.block();
    if (first ? block.previous().isValid() : block.next().isValid())
        return false;
    const QTextLayout *layout = block.layout();
    if (!layout || layout->lineCount() <= 1)
        return true;
    const QTextLine line = layout->lineForTextPosition(cursor.positionInBlock());
    if (!line.isValid())
        return true;
    return line.lineNumber() == (first ? 0 : layout->lineCount() - 1);
}

QPalette errorPalette(QPalette palette)
{
    palette.setColor(QPalette::WindowText, QColor(0xc6, 0x28, 0x28));
    return palette;
}

} // namespace

MessageEditor::MessageEditor(QWidget *parent, const QString &namePrefix)
    : QWidget(parent)
{
    // Created in tab order: the focus chain follows creation.
    auto *messageLabel = new QLabel(tr("&Message:"), this);
    m_edit = new QPlainTextEdit(this);
    auto *modeLabel = new QLabel(tr("Mo&de:"), this);
    m_modeCombo = new QComboBox(this);
    auto *endingLabel = new QLabel(tr("L&ine ending:"), this);
    m_lineEndingCombo = new QComboBox(this);
    auto *encodingLabel = new QLabel(tr("Encoding:"), this);
    createTextOptions(namePrefix);
    encodingLabel->setBuddy(m_encodingCombo);
    m_hexErrorLabel = new QLabel(this);

    setObjectName(namePrefix + u"MessageEditor"_s);
    m_edit->setObjectName(namePrefix + u"MessageEdit"_s);
    m_edit->setAccessibleName(tr("Message to send"));
    m_edit->setPlaceholderText(tr("Ctrl+Return sends; Up and Down recall sent messages"));
    m_edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    // Tab leaves the box, so the pane works from the keyboard.
    m_edit->setTabChangesFocus(true);
    m_edit->installEventFilter(this);
    messageLabel->setBuddy(m_edit);

    m_modeCombo->setObjectName(namePrefix + u"ModeCombo"_s);
    m_modeCombo->setAccessibleName(tr("Message mode"));
    m_modeCombo->addItem(tr("Text"), int(MessageMode::Text));
    m_modeCombo->addItem(tr("Hex"), int(MessageMode::Hex));
    modeLabel->setBuddy(m_modeCombo);

    m_lineEndingCombo->setObjectName(namePrefix + u"LineEndingCombo"_s);
    m_lineEndingCombo->setAccessibleName(tr("Line ending"));
    m_lineEndingCombo->addItem(tr("None"), int(LineEnding::None));
    m_lineEndingCombo->addItem(tr("LF (\\n)"), int(LineEnding::Lf));
    m_lineEndingCombo->addItem(tr("CRLF (\\r\\n)"), int(LineEnding::CrLf));
    endingLabel->setBuddy(m_lineEndingCombo);

    m_hexErrorLabel->setObjectName(namePrefix + u"HexErrorLabel"_s);
    m_hexErrorLabel->setAccessibleName(tr("Hex input problem"));
    m_hexErrorLabel->setPalette(errorPalette(m_hexErrorLabel->palette()));
    m_hexErrorLabel->setWordWrap(true);
    m_hexErrorLabel->setTextFormat(Qt::PlainText); // it quotes what was typed or pasted
    m_hexErrorLabel->setVisible(false);

    buildLayout(messageLabel, modeLabel, endingLabel, encodingLabel);
    connect(m_modeCombo, &QComboBox::currentIndexChanged, this, &MessageEditor::onModeChanged);
    connect(m_edit, &QPlainTextEdit::textChanged, this, &MessageEditor::validate);
    connect(m_edit, &QPlainTextEdit::textChanged, this, &MessageEditor::contentChanged);
    connect(m_lineEndingCombo, &QComboBox::currentIndexChanged, this, &MessageEditor::contentChanged);
    connect(m_encodingCombo, &QComboBox::currentIndexChanged, this, &MessageEditor::contentChanged);
    connect(m_escapesCheck, &QCheckBox::toggled, this, &MessageEditor::contentChanged);
}

void MessageEditor::createTextOptions(const QString &namePrefix)
{
    m_encodingCombo = new QComboBox(this);
    m_encodingCombo->setObjectName(namePrefix + u"EncodingCombo"_s);
    m_encodingCombo->setAccessibleName(tr("Text encoding"));
    m_encodingCombo->setToolTip(tr("How typed text becomes bytes; received text is read the same way."));
    for (const QString &name : TextEncoding::names()) {
        if (TextEncoding::isAvailable(name))
            m_encodingCombo->addItem(name, name);
    }
    // Escapes are on by default (as in Packet Sender): a backslash itself is "\\".
    m_escapesCheck = new QCheckBox(tr("Escapes"), this);
    m_escapesCheck->setObjectName(namePrefix + u"EscapesCheck"_s);
    m_escapesCheck->setAccessibleName(tr("Read backslash escapes"));
    m_escapesCheck->setToolTip(tr("Read \\r \\n \\t \\0 \\xHH as bytes; type \\\\ for a backslash."));
    m_escapesCheck->setChecked(true);
}

MessageEditor::~MessageEditor() = default;

void MessageEditor::buildLayout(QLabel *messageLabel, QLabel *modeLabel, QLabel *endingLabel, QLabel *encodingLabel)
{
    // A second row keeps the editor narrow enough for the client dock.
    auto *textOptions = new QHBoxLayout;
    textOptions->addWidget(encodingLabel);
    textOptions->addWidget(m_encodingCombo);
    textOptions->addSpacing(12);
    textOptions->addWidget(m_escapesCheck);
    textOptions->addStretch();

    auto *options = new QHBoxLayout;
    options->addWidget(modeLabel);
    options->addWidget(m_modeCombo);
    options->addSpacing(12);
    options->addWidget(endingLabel);
    options->addWidget(m_lineEndingCombo);
    options->addStretch();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins({});
    layout->addWidget(messageLabel);
    layout->addWidget(m_edit, 1);
    layout->addLayout(options);
    layout->addLayout(textOptions);
    layout->addWidget(m_hexErrorLabel);
}

MessageMode MessageEditor::mode() const
{
    return MessageMode(m_modeCombo->currentData().toInt());
}

void MessageEditor::setMode(MessageMode mode)
{
    m_modeCombo->setCurrentIndex(m_modeCombo->findData(int(mode)));
}

LineEnding MessageEditor::lineEnding() const
{
    return LineEnding(m_lineEndingCombo->currentData().toInt());
}

void MessageEditor::setLineEnding(LineEnding ending)
{
    m_lineEndingCombo->setCurrentIndex(m_lineEndingCombo->findData(int(ending)));
}

bool MessageEditor::escapes() const
{
    return m_escapesCheck->isChecked();
}

void MessageEditor::setEscapes(bool on)
{
    m_escapesCheck->setChecked(on);
}

QString MessageEditor::encoding() const
{
    return m_encodingCombo->currentData().toString();
}

void MessageEditor::setEncoding(const QString &name)
{
    const int index = m_encodingCombo->findData(name);
    if (index >= 0)
        m_encodingCombo->setCurrentIndex(index);
}

std::optional<QByteArray> MessageEditor::encoded() const
{
    QString text = m_edit->toPlainText();
    if (mode() == MessageMode::Text) {
        // The ending ends every typed line, so a request typed by hand over
        // TCP ("GET / HTTP/1.1", "Host: …", "") goes out with CRLFs. It
        // applies to typed lines before escapes are read: a "\n" escape stays one LF.
        switch (lineEnding()) {
        case LineEnding::None: break;
        case LineEnding::Lf: text += u'\n'; break;
        case LineEnding::CrLf: text.replace(u'\n', u"\r\n"_s).append(u"\r\n"_s); break;
        }
        const QString name = encoding();
        const auto encode = [&name](QStringView plain) { return TextEncoding::encode(plain, name); };
        return escapes() ? TextEscapes::toBytes(text, encode) : encode(text);
    }
    const HexParseResult parsed = parseHex(text);
    if (parsed.ok)
        return parsed.bytes;
    return std::nullopt;
}

std::optional<QByteArray> MessageEditor::message()
{
    if (std::optional<QByteArray> bytes = encoded())
        return bytes;
    const QString text = m_edit->toPlainText();
    const HexParseResult parsed = parseHex(text);
    validate();
    QTextCursor cursor(m_edit->document());
    const int position = qBound(0, parsed.errorPosition, int(text.size()));
    cursor.setPosition(position);
    cursor.setPosition(qMin(position + 1, int(text.size())), QTextCursor::KeepAnchor);
    m_edit->setTextCursor(cursor);
    m_edit->setFocus(Qt::OtherFocusReason);
    return std::nullopt;
}

void MessageEditor::validate()
{
    const bool hex = mode() == MessageMode::Hex;
    const HexParseResult parsed = hex ? parseHex(m_edit->toPlainText()) : HexParseResult{{}, true, -1, {}};
    m_hexErrorLabel->setText(parsed.error);
    m_hexErrorLabel->setVisible(!parsed.ok);
    // Marked without moving the cursor: typing goes on undisturbed.
    QList<QTextEdit::ExtraSelection> marks;
    if (!parsed.ok) {
        QTextEdit::ExtraSelection mark;
        mark.cursor = QTextCursor(m_edit->document());
        mark.cursor.setPosition(parsed.errorPosition);
        mark.cursor.movePosition(QTextCursor::NextCharacter, QTextCursor::KeepAnchor);
        mark.format.setBackground(QColor(0xff, 0xcd, 0xd2));
        mark.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        mark.format.setUnderlineColor(QColor(0xc6, 0x28, 0x28));
        marks.append(mark);
    }
    m_edit->setExtraSelections(marks);
}

void MessageEditor::onModeChanged()
{
    const MessageMode now = mode();
    convertText(m_currentMode, now);
    m_currentMode = now;
    m_lineEndingCombo->setEnabled(now == MessageMode::Text);
    m_encodingCombo->setEnabled(now == MessageMode::Text);
    m_escapesCheck->setEnabled(now == MessageMode::Text);
    validate();
    emit contentChanged();
}

// Switching carries the message over ("hi" ⇄ "68 69"): easier than retyping,
// and a way to see a text's bytes. Hex that is not valid UTF-8 text stays as
// typed, so nothing is lost.
void MessageEditor::convertText(MessageMode from, MessageMode to)
{
    const QString text = m_edit->toPlainText();
    if (from == to || m_recalling || text.isEmpty())
        return;
    if (to == MessageMode::Hex) {
        m_edit->setPlainText(toHexText(TextEncoding::encode(text, encoding())));
        return;
    }
    const HexParseResult parsed = parseHex(text);
    if (!parsed.ok)
        return;
    QStringDecoder decoder(encoding().toLatin1().constData(), QStringDecoder::Flag::Stateless);
    const QString decoded = decoder.decode(parsed.bytes);
    if (decoder.isValid() && !decoder.hasError())
        m_edit->setPlainText(decoded);
}

void MessageEditor::remember()
{
    const HistoryEntry entry{mode(), m_edit->toPlainText()};
    if (!entry.text.isEmpty() && (m_history.isEmpty() || m_history.constLast() != entry)) {
        m_history.append(entry);
        if (m_history.size() > MAX_HISTORY)
            m_history.remove(0, m_history.size() - MAX_HISTORY);
    }
    m_historyPos = m_history.size();
    m_draft = {};
}

QStringList MessageEditor::history() const
{
    QStringList entries;
    entries.reserve(m_history.size());
    for (const HistoryEntry &entry : m_history)
        entries.append((entry.mode == MessageMode::Hex ? QString(HEX_PREFIX) : QString(TEXT_PREFIX)) + entry.text);
    return entries;
}

void MessageEditor::setHistory(const QStringList &entries)
{
    m_history.clear();
    for (const QString &stored : entries) {
        // An entry without a known prefix is kept as text rather than lost.
        HistoryEntry entry{MessageMode::Text, stored};
        if (stored.startsWith(HEX_PREFIX))
            entry = {MessageMode::Hex, stored.sliced(HEX_PREFIX.size())};
        else if (stored.startsWith(TEXT_PREFIX))
            entry.text = stored.sliced(TEXT_PREFIX.size());
        if (!entry.text.isEmpty() && (m_history.isEmpty() || m_history.constLast() != entry))
            m_history.append(entry);
    }
    if (m_history.size() > MAX_HISTORY)
        m_history.remove(0, m_history.size() - MAX_HISTORY);
    m_historyPos = m_history.size();
    m_draft = {};
}

bool MessageEditor::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_edit || event->type() != QEvent::KeyPress)
        return QWidget::eventFilter(watched, event);
    const auto *key = static_cast<const QKeyEvent *>(event);
    const Qt::KeyboardModifiers modifiers = key->modifiers() & ~Qt::KeypadModifier;
    if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) && modifiers == Qt::ControlModifier) {
        emit sendRequested();
        return true;
    }
    if (modifiers != Qt::NoModifier)
        return false;
    if (key->key() == Qt::Key_Up && onEdgeLine(m_edit->textCursor(), true))
        return walkHistory(-1);
    if (key->key() == Qt::Key_Down && onEdgeLine(m_edit->textCursor(), false))
        return walkHistory(+1);
    return false;
}

// Moves through the history; the message being written is kept as a draft
// that Down past the newest entry brings back.
bool MessageEditor::walkHistory(int step)
{
    const qsizetype target = m_historyPos + step;
    if (target < 0 || target > m_history.size())
        return false;
    if (m_historyPos == m_history.size())
        m_draft = {mode(), m_edit->toPlainText()};
    m_historyPos = target;
    recall(target == m_history.size() ? m_draft : m_history.at(target));
    return true;
}

void MessageEditor::recall(const HistoryEntry &entry)
{
    m_recalling = true;
    setMode(entry.mode);
    m_edit->setPlainText(entry.text);
    m_recalling = false;
    m_edit->moveCursor(QTextCursor::End);
}
