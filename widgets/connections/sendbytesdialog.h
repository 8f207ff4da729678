#pragma once

#include <QDialog>

class MessageEditor;
class QDialogButtonBox;
class QPushButton;

// "Send to this client…": a message for the server to send to one client,
// typed in the client pane's own editor, so it reads text, line endings and
// hex exactly as the pane does (Return starts a new line, Ctrl+Return
// sends). Hex that does not parse is pointed out and the Send button stays
// disabled, so a typo is never sent.
class SendBytesDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SendBytesDialog)

public:
    // `peer` is how the client is named in the title ("127.0.0.1:50412").
    explicit SendBytesDialog(const QString &peer, QWidget *parent = nullptr);

    // The bytes to send; empty while the input is empty or invalid.
    QByteArray bytes() const;
    MessageEditor *editor() const { return m_editor; }

private:
    void validate();
    void sendIfValid();

    MessageEditor *m_editor;
    QDialogButtonBox *m_buttons;
    QPushButton *m_sendButton = nullptr;
};
