#include "clientpane.h"

#include "format.h"
#include "elidedlabel.h"
#include "httpclientform.h"
#include "messageeditor.h"
#include "netcontroller.h"
#include "transcriptview.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;
using Net::ClientProtocol;

namespace {

constexpr int MIN_REPEAT_MS = 10;
constexpr int MAX_REPEAT_MS = 3600000;

QPushButton *makeButton(QWidget *parent, const QString &text, const QString &name, const QString &accessibleName)
{
    auto *button = new QPushButton(text, parent);
    button->setObjectName(name);
    button->setAccessibleName(accessibleName);
    return button;
}

} // namespace

ClientPane::ClientPane(Net::NetController &net, QWidget *parent)
    : QWidget(parent)
    , m_net(net)
    , m_link(net)
{
    setObjectName(u"clientPane"_s);
    setAccessibleName(tr("Client"));
    // Widgets are created in tab order, each with its final parent: the
    // focus chain follows creation.
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(u"clientSplitter"_s);
    splitter->setChildrenCollapsible(false);
    auto *compose = new QWidget(splitter);
    QWidget *targetRow = createTargetRow(compose);
    m_httpForm = new HttpClientForm(compose);
    m_messageEditor = new MessageEditor(compose);
    QWidget *sendRow = createSendRow(compose);
    QWidget *quickRow = createQuickRow(compose);
    m_transcript = new TranscriptView(splitter);

    auto *composeLayout = new QVBoxLayout(compose);
    composeLayout->setContentsMargins({});
    composeLayout->addWidget(targetRow);
    composeLayout->addWidget(m_httpForm, 1);
    composeLayout->addWidget(m_messageEditor, 1);
    composeLayout->addWidget(sendRow);
    composeLayout->addWidget(quickRow);
    splitter->addWidget(compose);
    splitter->addWidget(m_transcript);
    splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    m_repeatTimer.setInterval(m_repeatSpin->value());
    connectSignals();
    onProtocolChanged();
    updateQuickTargets();
}

// m_link closes the session.
ClientPane::~ClientPane() = default;

// Two rows: the protocol with the session's state beside it, then where to
// connect (hidden for HTTP, whose form holds a URL). Kept narrow so the
// client dock fits beside the log on a 1366-pixel screen.
QWidget *ClientPane::createTargetRow(QWidget *parent)
{
    auto *rows = new QWidget(parent);
    auto *protocolLabel = new QLabel(tr("&Protocol:"), rows);
    m_protocolCombo = new QComboBox(rows);
    m_stateLabel = new ElidedLabel(rows);
    m_targetRow = new QWidget(rows);
    auto *hostLabel = new QLabel(tr("Hos&t:"), m_targetRow);
    m_hostEdit = new QLineEdit(u"127.0.0.1"_s, m_targetRow);
    auto *portLabel = new QLabel(tr("P&ort:"), m_targetRow);
    m_portSpin = new QSpinBox(m_targetRow);
    m_connectButton = makeButton(m_targetRow, tr("&Connect"), u"clientConnectButton"_s, tr("Connect or disconnect"));

    m_protocolCombo->setObjectName(u"clientProtocolCombo"_s);
    m_protocolCombo->setAccessibleName(tr("Protocol"));
    m_protocolCombo->addItem(u"TCP"_s, int(ClientProtocol::Tcp));
    m_protocolCombo->addItem(u"UDP"_s, int(ClientProtocol::Udp));
    m_protocolCombo->addItem(u"HTTP"_s, int(ClientProtocol::Http));
    protocolLabel->setBuddy(m_protocolCombo);
    // A long sentence ("Connection refused…") is cut to the pane's width, never widening it.
    m_stateLabel->setObjectName(u"clientStateLabel"_s);
    m_stateLabel->setAccessibleName(tr("Session state"));
    m_hostEdit->setObjectName(u"clientHostEdit"_s);
    m_hostEdit->setAccessibleName(tr("Host"));
    m_hostEdit->setPlaceholderText(tr("Address or host name"));
    hostLabel->setBuddy(m_hostEdit);
    m_portSpin->setObjectName(u"clientPortSpin"_s);
    m_portSpin->setAccessibleName(tr("Port"));
    m_portSpin->setRange(1, 65535);
    m_portSpin->setValue(7007);
    portLabel->setBuddy(m_portSpin);
    // "Connect" and "Disconnect" take turns: the button keeps the wider one's
    // width, so the row does not move when it changes.
    const int connectWidth = m_connectButton->sizeHint().width();
    m_connectButton->setText(tr("Dis&connect"));
    m_connectButton->setMinimumWidth(qMax(connectWidth, m_connectButton->sizeHint().width()));
    m_connectButton->setText(tr("&Connect"));

    auto *protocolRow = new QHBoxLayout;
    protocolRow->addWidget(protocolLabel);
    protocolRow->addWidget(m_protocolCombo);
    protocolRow->addSpacing(12);
    protocolRow->addWidget(m_stateLabel, 1);
    auto *target = new QHBoxLayout(m_targetRow);
    target->setContentsMargins({});
    target->addWidget(hostLabel);
    target->addWidget(m_hostEdit, 1);
    target->addWidget(portLabel);
    target->addWidget(m_portSpin);
    target->addWidget(m_connectButton);
    auto *layout = new QVBoxLayout(rows);
    layout->setContentsMargins({});
    layout->addLayout(protocolRow);
    layout->addWidget(m_targetRow);
    return rows;
}

QWidget *ClientPane::createSendRow(QWidget *parent)
{
    auto *row = new QWidget(parent);
    m_sendButton = makeButton(row, tr("Se&nd"), u"clientSendButton"_s, tr("Send"));
    m_sendButton->setToolTip(tr("Send the message (Ctrl+Return in the editor)"));
    m_repeatCheck = new QCheckBox(tr("&Repeat every"), row);
    m_repeatCheck->setObjectName(u"clientRepeatCheck"_s);
    m_repeatCheck->setAccessibleName(tr("Repeat the message"));
    m_repeatSpin = new QSpinBox(row);
    m_repeatSpin->setObjectName(u"clientRepeatSpin"_s);
    m_repeatSpin->setAccessibleName(tr("Repeat interval in milliseconds"));
    m_repeatSpin->setRange(MIN_REPEAT_MS, MAX_REPEAT_MS);
    m_repeatSpin->setValue(1000);
    m_repeatSpin->setSuffix(tr(" ms"));
    m_repeatSpin->setGroupSeparatorShown(true);

    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins({});
    layout->addWidget(m_sendButton);
    layout->addSpacing(12);
    layout->addWidget(m_repeatCheck);
    layout->addWidget(m_repeatSpin);
    layout->addStretch(1);
    return row;
}

QWidget *ClientPane::createQuickRow(QWidget *parent)
{
    auto *row = new QWidget(parent);
    m_localEchoButton = makeButton(row, tr("Send to local &echo"), u"clientLocalEchoButton"_s,
                                   tr("Connect to the local TCP echo server"));
    m_localWebButton = makeButton(row, tr("GET local &web"), u"clientLocalWebButton"_s,
                                  tr("Get the front page of the local web server"));
    m_localUdpButton = makeButton(row, tr("Local UDP echo"), u"clientLocalUdpButton"_s,
                                  tr("Send datagrams to the local UDP echo server"));
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins({});
    layout->addWidget(m_localEchoButton);
    layout->addWidget(m_localWebButton);
    layout->addWidget(m_localUdpButton);
    layout->addStretch();
    return row;
}

void ClientPane::connectSignals()
{
    connect(&m_net, &Net::NetController::serverStatusChanged, this, &ClientPane::updateQuickTargets);
    connect(&m_link, &ClientLink::transcript, this, [this](const QList<Net::ClientEvent> &events) {
        m_transcript->append(events, m_link.protocol() == ClientProtocol::Http);
    });
    connect(&m_link, &ClientLink::note, m_transcript, &TranscriptView::appendNote);
    connect(&m_link, &ClientLink::stateText, this, &ClientPane::setStateText);
    connect(&m_link, &ClientLink::activeChanged, this, &ClientPane::updateConnectButton);
    connect(&m_link, &ClientLink::interrupted, this, &ClientPane::stopRepeat);

    connect(m_protocolCombo, &QComboBox::currentIndexChanged, this, &ClientPane::onProtocolChanged);
    connect(m_connectButton, &QPushButton::clicked, this, &ClientPane::toggleConnection);
    connect(m_sendButton, &QPushButton::clicked, this, &ClientPane::send);
    connect(m_messageEditor, &MessageEditor::sendRequested, this, &ClientPane::send);
    connect(m_httpForm, &HttpClientForm::sendRequested, this, &ClientPane::send);
    connect(m_repeatCheck, &QCheckBox::toggled, this, &ClientPane::onRepeatToggled);
    connect(m_repeatSpin, &QSpinBox::valueChanged, &m_repeatTimer, qOverload<int>(&QTimer::setInterval));
    connect(&m_repeatTimer, &QTimer::timeout, this, [this] {
        if (!sendOnce(true))
            stopRepeat();
    });
    connect(m_localEchoButton, &QPushButton::clicked, this, &ClientPane::sendToLocalEcho);
    connect(m_localWebButton, &QPushButton::clicked, this, &ClientPane::getLocalWeb);
    connect(m_localUdpButton, &QPushButton::clicked, this, &ClientPane::useLocalUdpEcho);
}

ClientPaneState ClientPane::state() const
{
    ClientPaneState state;
    state.protocol = protocol();
    state.host = m_hostEdit->text();
    state.port = port();
    state.mode = m_messageEditor->mode();
    state.lineEnding = m_messageEditor->lineEnding();
    state.url = m_httpForm->url();
    state.method = m_httpForm->method();
    state.headers = m_httpForm->headersText();
    state.repeatMs = m_repeatSpin->value();
    state.transcriptMode = m_transcript->mode();
    return state;
}

void ClientPane::setState(const ClientPaneState &state)
{
    setProtocol(state.protocol);
    m_hostEdit->setText(state.host);
    m_portSpin->setValue(state.port);
    m_messageEditor->setMode(state.mode);
    m_messageEditor->setLineEnding(state.lineEnding);
    m_httpForm->setUrl(state.url);
    m_httpForm->setMethod(state.method);
    m_httpForm->setHeadersText(state.headers);
    m_repeatSpin->setValue(state.repeatMs); // the spin box clamps a stored value out of range
    m_transcript->setMode(state.transcriptMode);
}

QStringList ClientPane::history() const
{
    return m_messageEditor->history();
}

void ClientPane::setHistory(const QStringList &entries)
{
    m_messageEditor->setHistory(entries);
}

ClientProtocol ClientPane::protocol() const
{
    return ClientProtocol(m_protocolCombo->currentData().toInt());
}

void ClientPane::setProtocol(ClientProtocol protocol)
{
    m_protocolCombo->setCurrentIndex(m_protocolCombo->findData(int(protocol)));
}

void ClientPane::onProtocolChanged()
{
    const ClientProtocol protocol = this->protocol();
    stopRepeat();
    m_link.setProtocol(protocol);
    m_targetRow->setVisible(protocol != ClientProtocol::Http);
    m_connectButton->setVisible(protocol == ClientProtocol::Tcp);
    m_httpForm->setVisible(protocol == ClientProtocol::Http);
    m_messageEditor->setVisible(protocol != ClientProtocol::Http);
    updateConnectButton();
}

QString ClientPane::host() const
{
    return m_hostEdit->text().trimmed();
}

quint16 ClientPane::port() const
{
    return quint16(m_portSpin->value());
}

void ClientPane::toggleConnection()
{
    if (m_link.isActive()) {
        stopRepeat();
        m_link.disconnectFrom();
    } else {
        m_link.connectTo(host(), port());
    }
}

void ClientPane::updateConnectButton()
{
    m_connectButton->setText(m_link.isActive() ? tr("Dis&connect") : tr("&Connect"));
}

void ClientPane::send()
{
    if (sendOnce(false) && m_repeatCheck->isChecked())
        m_repeatTimer.start(); // the interval starts again from this message
}

// Sends what is typed (keeping it for Repeat and the history) or, from the
// repeat timer, what was sent last. False when nothing could go.
bool ClientPane::sendOnce(bool fromRepeat)
{
    if (protocol() == ClientProtocol::Http) {
        if (!fromRepeat) {
            const std::optional<Net::HttpClientRequest> request = m_httpForm->request();
            if (!request)
                return false;
            m_repeatRequest = *request;
        }
        m_link.sendHttp(m_repeatRequest);
        return true;
    }
    if (!fromRepeat) {
        const std::optional<QByteArray> bytes = m_messageEditor->message();
        if (!bytes)
            return false;
        m_repeatBytes = *bytes;
    }
    if (!m_link.send(host(), port(), m_repeatBytes))
        return false;
    if (!fromRepeat)
        m_messageEditor->remember();
    return true;
}

// Checking the box starts repeating at once; an error, a close or a protocol
// change unchecks it, so the box always says whether messages are going out.
void ClientPane::onRepeatToggled(bool on)
{
    if (!on) {
        m_repeatTimer.stop();
        return;
    }
    m_repeatTimer.setInterval(m_repeatSpin->value());
    if (sendOnce(false))
        m_repeatTimer.start();
    else
        stopRepeat();
}

void ClientPane::stopRepeat()
{
    m_repeatTimer.stop();
    const QSignalBlocker blocker(m_repeatCheck);
    m_repeatCheck->setChecked(false);
}

void ClientPane::setStateText(const QString &sentence, bool error)
{
    m_stateLabel->setText(sentence);
    // Only the text colour is set, so the rest follows the window's palette.
    QPalette palette;
    if (error)
        palette.setColor(QPalette::WindowText, QColor(0xc6, 0x28, 0x28));
    m_stateLabel->setPalette(palette);
}

void ClientPane::updateQuickTargets()
{
    const auto update = [this](QPushButton *button, Net::ServerKind kind, const QString &what) {
        const Net::ServerStatus status = m_net.status(kind);
        button->setEnabled(status.running);
        button->setToolTip(status.running ? what.arg(status.url()) : tr("Start the server first."));
    };
    update(m_localEchoButton, Net::ServerKind::Tcp, tr("Connect to %1"));
    update(m_localWebButton, Net::ServerKind::Web, tr("GET %1"));
    update(m_localUdpButton, Net::ServerKind::Udp, tr("Send datagrams to %1"));
}

void ClientPane::sendToLocalEcho()
{
    const Net::ServerStatus status = m_net.status(Net::ServerKind::Tcp);
    if (!status.running)
        return;
    setProtocol(ClientProtocol::Tcp);
    m_hostEdit->setText(Format::reachableHost(status.address));
    m_portSpin->setValue(status.port);
    m_link.connectTo(host(), port());
    m_messageEditor->editor()->setFocus(Qt::OtherFocusReason);
}

void ClientPane::getLocalWeb()
{
    const Net::ServerStatus status = m_net.status(Net::ServerKind::Web);
    if (!status.running)
        return;
    setProtocol(ClientProtocol::Http);
    QUrl url(status.url());
    url.setHost(Format::reachableHost(status.address));
    m_httpForm->setMethod(u"GET"_s);
    m_httpForm->setUrl(url.toString());
    send();
}

void ClientPane::useLocalUdpEcho()
{
    const Net::ServerStatus status = m_net.status(Net::ServerKind::Udp);
    if (!status.running)
        return;
    setProtocol(ClientProtocol::Udp);
    m_hostEdit->setText(Format::reachableHost(status.address));
    m_portSpin->setValue(status.port);
    m_messageEditor->editor()->setFocus(Qt::OtherFocusReason);
}
