#pragma once

#include "clientlink.h"
#include "clientpanestate.h"

#include <QByteArray>
#include <QStringList>
#include <QTimer>
#include <QWidget>

class HttpClientForm;
class MessageEditor;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class TranscriptView;

namespace Net {
class NetController;
}

// The client pane: talk to any TCP, UDP or HTTP server (the local ones are a
// click away) and read the exchange in a transcript. One session at a time
// (see ClientLink); switching the protocol or closing the pane closes it.
class ClientPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClientPane)

public:
    explicit ClientPane(Net::NetController &net, QWidget *parent = nullptr);
    ~ClientPane() override;

    ClientPaneState state() const;
    void setState(const ClientPaneState &state);

    // Sent messages, oldest first, each "text:…" or "hex:…" (at most 100).
    QStringList history() const;
    void setHistory(const QStringList &entries);

    // The client session the pane drives, or 0 while none is open.
    quint64 sessionId() const { return m_link.sessionId(); }

private:
    QWidget *createTargetRow(QWidget *parent);
    QWidget *createSendRow(QWidget *parent);
    QWidget *createQuickRow(QWidget *parent);
    void connectSignals();

    Net::ClientProtocol protocol() const;
    void setProtocol(Net::ClientProtocol protocol);
    void onProtocolChanged();
    QString host() const;
    quint16 port() const;

    void toggleConnection();
    void updateConnectButton();
    void send();
    bool sendOnce(bool fromRepeat);
    void onRepeatToggled(bool on);
    void stopRepeat();
    void setStateText(const QString &sentence, bool error);

    void updateQuickTargets();
    void sendToLocalEcho();
    void getLocalWeb();
    void useLocalUdpEcho();

    Net::NetController &m_net;
    ClientLink m_link;

    QComboBox *m_protocolCombo = nullptr;
    QWidget *m_targetRow = nullptr; // host, port, Connect: hidden for HTTP
    QLineEdit *m_hostEdit = nullptr;
    QSpinBox *m_portSpin = nullptr;
    QPushButton *m_connectButton = nullptr;
    HttpClientForm *m_httpForm = nullptr;
    MessageEditor *m_messageEditor = nullptr;
    QPushButton *m_sendButton = nullptr;
    QCheckBox *m_repeatCheck = nullptr;
    QSpinBox *m_repeatSpin = nullptr;
    QLabel *m_stateLabel = nullptr;
    QPushButton *m_localEchoButton = nullptr;
    QPushButton *m_localWebButton = nullptr;
    QPushButton *m_localUdpButton = nullptr;
    TranscriptView *m_transcript = nullptr;

    // Repeat resends exactly what was last sent by hand, not what is being typed.
    QTimer m_repeatTimer;
    QByteArray m_repeatBytes;
    Net::HttpClientRequest m_repeatRequest;
};
