#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;

// "Send to this client…": a line of text or hex for the server to send to one
// client. Hex that does not parse is pointed out here and the Send button
// stays disabled, so a typo is never sent.
class SendBytesDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SendBytesDialog)

public:
    // `peer` is how the client is named in the title ("127.0.0.1:50412").
    explicit SendBytesDialog(const QString &peer, QWidget *parent = nullptr);

    // The bytes to send: UTF-8 in text mode, the parsed bytes in hex mode;
    // empty while the input is empty or invalid.
    QByteArray bytes() const;
    bool isHexMode() const;

private:
    void buildLayout();
    void switchMode(bool hex);
    void validate();

    QRadioButton *m_textRadio;
    QRadioButton *m_hexRadio;
    QLineEdit *m_edit;
    QLabel *m_errorLabel;
    QDialogButtonBox *m_buttons;
    QPushButton *m_sendButton = nullptr;
};
