#pragma once

#include "clientlink.h"
#include "clientpanestate.h"
#include "client/messagelibrary.h"

#include <QByteArray>
#include <QStringList>
#include <QWidget>

class FileTransferRow;
class HttpClientForm;
class MulticastRow;
class MessageEditor;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class RepeatControl;
class TranscriptView;

namespace Net {
class NetController;
}

// One tab of the client pane: talk to any TCP, UDP or HTTP server (the local
// ones are a click away) and read the exchange in a transcript. One session
// at a time (see ClientLink); switching the protocol or closing the tab closes it.
class ClientSessionWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClientSessionWidget)

public:
    explicit ClientSessionWidget(Net::NetController &net, QWidget *parent = nullptr);
    ~ClientSessionWidget() override;

    ClientPaneState state() const;
    void setState(const ClientPaneState &state);

    // Sent messages, oldest first, each "text:…" or "hex:…" (at most 100).
    QStringList history() const;
    void setHistory(const QStringList &entries);

    Net::ClientProtocol protocol() const;
    // The session this tab drives, or 0 while none is open.
    quint64 sessionId() const { return m_link.sessionId(); }
    // "tcp 127.0.0.1:7007", "udp [::1]:9", "http": the tab's title.
    QString title() const;
    // The message in the editor, to be saved under `name`.
    SavedMessage currentMessage(const QString &name) const;
    // Puts a saved message in the editor and sends it as if typed.
    void sendSaved(const SavedMessage &message);

signals:
    void protocolChanged(Net::ClientProtocol protocol);
    void titleChanged(const QString &title);

private:
    QWidget *createTargetRow(QWidget *parent);
    QWidget *createSendRow(QWidget *parent);
    QWidget *createQuickRow(QWidget *parent);
    void connectSignals();

    void setProtocol(Net::ClientProtocol protocol);
    void onProtocolChanged();
    QString host() const;
    quint16 port() const;

    void toggleConnection();
    void updateConnectButton();
    void send();
    bool sendOnce(bool fromRepeat);
    void startRepeat();
    void stopRepeat();
    void applyOptions();
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
    QSpinBox *m_localPortSpin = nullptr;
    MulticastRow *m_multicast = nullptr; // UDP only
    QPushButton *m_connectButton = nullptr;
    HttpClientForm *m_httpForm = nullptr;
    MessageEditor *m_messageEditor = nullptr;
    QPushButton *m_sendButton = nullptr;
    RepeatControl *m_repeat = nullptr;
    QLabel *m_stateLabel = nullptr;
    QPushButton *m_localEchoButton = nullptr;
    QPushButton *m_localWebButton = nullptr;
    QPushButton *m_localUdpButton = nullptr;
    FileTransferRow *m_files = nullptr;
    TranscriptView *m_transcript = nullptr;

    // Repeat resends exactly what was last sent by hand, not what is being typed.
    QByteArray m_repeatBytes;
    Net::HttpClientRequest m_repeatRequest;
};
