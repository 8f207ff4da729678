#pragma once

#include "clientpanestate.h"

#include <QByteArray>
#include <QList>
#include <QStringList>
#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QPlainTextEdit;

// The client pane's message box: text or hex, for text a line ending, an
// encoding and backslash escapes (TextEscapes; on by default), and a history of sent messages that Up and Down walk through (as a shell does).
// Invalid hex is pointed out as it is typed and never turned into bytes. The
// "Send to this client…" dialog uses it too, so both read what is typed alike.
class MessageEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessageEditor)

public:
    // Controls are named `namePrefix` + "MessageEdit", "ModeCombo", "LineEndingCombo", "HexErrorLabel",
    // "EncodingCombo", "EscapesCheck".
    explicit MessageEditor(QWidget *parent = nullptr, const QString &namePrefix = QStringLiteral("client"));
    ~MessageEditor() override;

    MessageMode mode() const;
    void setMode(MessageMode mode);
    LineEnding lineEnding() const;
    void setLineEnding(LineEnding ending);
    // Text mode: "\r", "\n", "\t", "\0", "\\" and "\xHH" are read as bytes.
    bool escapes() const;
    void setEscapes(bool on);
    // Text mode: one of TextEncoding::names(); an unknown name is ignored.
    QString encoding() const;
    void setEncoding(const QString &name);
    QPlainTextEdit *editor() const { return m_edit; }

    // The bytes to send (Text: encoded, escapes read, plus the line ending). Invalid hex gives
    // nullopt, with the bad character selected and the sentence shown.
    std::optional<QByteArray> message();
    // The same without touching the editor: nullopt while the hex is invalid.
    std::optional<QByteArray> encoded() const;
    // Adds what is in the editor to the history, after it was sent.
    void remember();

    // Oldest first, each "text:…" or "hex:…", for the app's settings.
    QStringList history() const;
    void setHistory(const QStringList &entries);

signals:
    // Ctrl+Return in the editor.
    void sendRequested();
    // The text, the mode or the line ending changed: encoded() may differ.
    void contentChanged();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct HistoryEntry
    {
        MessageMode mode = MessageMode::Text;
        QString text;
        friend bool operator==(const HistoryEntry &, const HistoryEntry &) = default;
    };

    void buildLayout(QLabel *messageLabel, QLabel *modeLabel, QLabel *endingLabel, QLabel *encodingLabel);
    void createTextOptions(const QString &namePrefix);
    void onModeChanged();
    void convertText(MessageMode from, MessageMode to);
    void validate();
    bool walkHistory(int step);
    void recall(const HistoryEntry &entry);

    QPlainTextEdit *m_edit;
    QComboBox *m_modeCombo;
    QComboBox *m_lineEndingCombo;
    QComboBox *m_encodingCombo = nullptr;
    QCheckBox *m_escapesCheck = nullptr;
    QLabel *m_hexErrorLabel;
    QList<HistoryEntry> m_history;
    qsizetype m_historyPos = 0; // == m_history.size(): the draft being written
    HistoryEntry m_draft;
    MessageMode m_currentMode = MessageMode::Text;
    bool m_recalling = false; // a history entry brings its own text: no conversion
};
