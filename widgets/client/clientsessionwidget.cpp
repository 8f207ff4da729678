#include "client/clientsessionwidget.h"

#include "client/filetransferrow.h"
#include "client/multicastrow.h"
#include "client/namedbutton.h"
#include "client/repeatcontrol.h"
#include "format.h"
#include "elidedlabel.h"
#include "httpclientform.h"
#include "messageeditor.h"
#include "api/netcontroller.h"
#include "api/hostport.h"
#include "transcriptview.h"

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

ClientSessionWidget::ClientSessionWidget(Net::NetController &net, QWidget *parent)
    : QWidget(parent)
    , m_net(net)
    , m_link(net)
{
    setObjectName(u"clientSession"_s);
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
    m_files = new FileTransferRow(compose);
    QWidget *quickRow = createQuickRow(compose);
    m_transcript = new TranscriptView(splitter);

    auto *composeLayout = new QVBoxLayout(compose);
    composeLayout->setContentsMargins({});
    composeLayout->addWidget(targetRow);
    composeLayout->addWidget(m_httpForm, 1);
    composeLayout->addWidget(m_messageEditor, 1);
    composeLayout->addWidget(sendRow);
    composeLayout->addWidget(m_files);
    composeLayout->addWidget(quickRow);
    splitter->addWidget(compose);
    splitter->addWidget(m_transcript);
    splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    connectSignals();
    onProtocolChanged();
    updateQuickTargets();
}

// m_link closes the session.
ClientSessionWidget::~ClientSessionWidget() = default;

// Two rows: the protocol with the session's state beside it, then where to
// connect (hidden for HTTP, whose form holds a URL). Kept narrow so the
// client dock fits beside the log on a 1366-pixel screen.
QWidget *ClientSessionWidget::createTargetRow(QWidget *parent)
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
    m_connectButton =
        makeNamedButton(m_targetRow, tr("&Connect"), u"clientConnectButton"_s, tr("Connect or disconnect"));
    auto *localPortLabel = new QLabel(tr("Local port:"), m_targetRow);
    m_localPortSpin = new QSpinBox(m_targetRow);

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
    m_localPortSpin->setObjectName(u"clientLocalPortSpin"_s);
    m_localPortSpin->setAccessibleName(tr("Local port"));
    m_localPortSpin->setToolTip(tr("The port to send from, bound before connecting."));
    m_localPortSpin->setRange(0, 65535);
    m_localPortSpin->setSpecialValueText(tr("any"));
    localPortLabel->setBuddy(m_localPortSpin);
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
    auto *target = new QHBoxLayout;
    target->addWidget(hostLabel);
    target->addWidget(m_hostEdit, 1);
    target->addWidget(portLabel);
    target->addWidget(m_portSpin);
    target->addWidget(m_connectButton);
    auto *local = new QHBoxLayout;
    local->addWidget(localPortLabel);
    local->addWidget(m_localPortSpin);
    local->addStretch(1);
    m_multicast = new MulticastRow(m_targetRow);
    auto *targetRows = new QVBoxLayout(m_targetRow);
    targetRows->setContentsMargins({});
    targetRows->addLayout(target);
    targetRows->addLayout(local);
    targetRows->addWidget(m_multicast);
    auto *layout = new QVBoxLayout(rows);
    layout->setContentsMargins({});
    layout->addLayout(protocolRow);
    layout->addWidget(m_targetRow);
    return rows;
}

QWidget *ClientSessionWidget::createSendRow(QWidget *parent)
{
    auto *row = new QWidget(parent);
    m_sendButton = makeNamedButton(row, tr("Se&nd"), u"clientSendButton"_s, tr("Send"));
    m_sendButton->setToolTip(tr("Send the message (Ctrl+Return in the editor)"));
    m_repeat = new RepeatControl(row);

    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins({});
    layout->addWidget(m_sendButton);
    layout->addSpacing(12);
    layout->addWidget(m_repeat);
    layout->addStretch(1);
    return row;
}

QWidget *ClientSessionWidget::createQuickRow(QWidget *parent)
{
    auto *row = new QWidget(parent);
    m_localEchoButton = makeNamedButton(row, tr("Send to local &echo"), u"clientLocalEchoButton"_s,
                                   tr("Connect to the local TCP echo server"));
    m_localWebButton = makeNamedButton(row, tr("GET local &web"), u"clientLocalWebButton"_s,
                                  tr("Get the front page of the local web server"));
    m_localUdpButton = makeNamedButton(row, tr("Local UDP echo"), u"clientLocalUdpButton"_s,
                                  tr("Send datagrams to the local UDP echo server"));
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins({});
    layout->addWidget(m_localEchoButton);
    layout->addWidget(m_localWebButton);
    layout->addWidget(m_localUdpButton);
    layout->addStretch();
    return row;
}

void ClientSessionWidget::connectSignals()
{
    connect(&m_net, &Net::NetController::serverStatusChanged, this, &ClientSessionWidget::updateQuickTargets);
    connect(&m_link, &ClientLink::transcript, this, [this](const QList<Net::ClientEvent> &events) {
        m_transcript->append(events, m_link.protocol() == ClientProtocol::Http);
    });
    connect(&m_link, &ClientLink::note, m_transcript, &TranscriptView::appendNote);
    connect(&m_link, &ClientLink::stateText, this, &ClientSessionWidget::setStateText);
    connect(&m_link, &ClientLink::activeChanged, this, &ClientSessionWidget::updateConnectButton);
    connect(&m_link, &ClientLink::interrupted, this, &ClientSessionWidget::stopRepeat);

    connect(m_protocolCombo, &QComboBox::currentIndexChanged, this, &ClientSessionWidget::onProtocolChanged);
    connect(m_connectButton, &QPushButton::clicked, this, &ClientSessionWidget::toggleConnection);
    connect(m_sendButton, &QPushButton::clicked, this, &ClientSessionWidget::send);
    connect(m_messageEditor, &MessageEditor::sendRequested, this, &ClientSessionWidget::send);
    // Received text is read in the encoding messages are sent in.
    connect(m_messageEditor, &MessageEditor::contentChanged, this,
            [this] { m_transcript->setEncoding(m_messageEditor->encoding()); });
    connect(m_httpForm, &HttpClientForm::sendRequested, this, &ClientSessionWidget::send);
    connect(m_repeat, &RepeatControl::startRequested, this, &ClientSessionWidget::startRepeat);
    connect(m_repeat, &RepeatControl::tick, this, [this] {
        if (!sendOnce(true))
            stopRepeat();
    });
    connect(m_localPortSpin, &QSpinBox::valueChanged, this, &ClientSessionWidget::applyOptions);
    connect(m_multicast, &MulticastRow::changed, this, &ClientSessionWidget::applyOptions);
    connect(m_files, &FileTransferRow::sendFileRequested, this, [this](const QString &path) {
        if (!m_link.sendFile(path))
            m_files->stopProgress();
    });
    connect(m_files, &FileTransferRow::cancelRequested, &m_link, &ClientLink::cancelFile);
    connect(m_files, &FileTransferRow::saveReceivedChanged, &m_link, &ClientLink::saveReceived);
    connect(&m_link, &ClientLink::fileProgress, m_files, &FileTransferRow::setProgress);
    connect(&m_link, &ClientLink::interrupted, m_files, &FileTransferRow::stopProgress);
    connect(m_hostEdit, &QLineEdit::textChanged, this, [this] { emit titleChanged(title()); });
    connect(m_portSpin, &QSpinBox::valueChanged, this, [this] { emit titleChanged(title()); });
    connect(m_localEchoButton, &QPushButton::clicked, this, &ClientSessionWidget::sendToLocalEcho);
    connect(m_localWebButton, &QPushButton::clicked, this, &ClientSessionWidget::getLocalWeb);
    connect(m_localUdpButton, &QPushButton::clicked, this, &ClientSessionWidget::useLocalUdpEcho);
}

ClientPaneState ClientSessionWidget::state() const
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
    state.repeatMs = m_repeat->intervalMs();
    state.repeatCount = m_repeat->count();
    state.escapes = m_messageEditor->escapes();
    state.encoding = m_messageEditor->encoding();
    state.localPort = quint16(m_localPortSpin->value());
    state.transcriptMode = m_transcript->mode();
    return state;
}

void ClientSessionWidget::setState(const ClientPaneState &state)
{
    setProtocol(state.protocol);
    m_hostEdit->setText(state.host);
    m_portSpin->setValue(state.port);
    m_messageEditor->setMode(state.mode);
    m_messageEditor->setLineEnding(state.lineEnding);
    m_httpForm->setUrl(state.url);
    m_httpForm->setMethod(state.method);
    m_httpForm->setHeadersText(state.headers);
    m_repeat->setIntervalMs(state.repeatMs); // the spin box clamps a stored value out of range
    m_repeat->setCount(state.repeatCount);
    m_messageEditor->setEscapes(state.escapes);
    m_messageEditor->setEncoding(state.encoding);
    m_localPortSpin->setValue(state.localPort);
    m_transcript->setMode(state.transcriptMode);
}

QStringList ClientSessionWidget::history() const
{
    return m_messageEditor->history();
}

void ClientSessionWidget::setHistory(const QStringList &entries)
{
    m_messageEditor->setHistory(entries);
}

QString ClientSessionWidget::title() const
{
    if (protocol() == ClientProtocol::Http)
        return u"http"_s;
    const QString scheme = protocol() == ClientProtocol::Udp ? u"udp"_s : u"tcp"_s;
    return scheme + u' ' + Net::hostPort(host(), port());
}

SavedMessage ClientSessionWidget::currentMessage(const QString &name) const
{
    return {name, protocol(), m_messageEditor->mode(), m_messageEditor->editor()->toPlainText()};
}

// One click sends a saved message: it is put in the editor (so it can be
// changed and sent again) and sent as if typed.
void ClientSessionWidget::sendSaved(const SavedMessage &message)
{
    m_messageEditor->setMode(message.mode);
    m_messageEditor->editor()->setPlainText(message.text);
    send();
}

ClientProtocol ClientSessionWidget::protocol() const
{
    return ClientProtocol(m_protocolCombo->currentData().toInt());
}

void ClientSessionWidget::setProtocol(ClientProtocol protocol)
{
    m_protocolCombo->setCurrentIndex(m_protocolCombo->findData(int(protocol)));
}

void ClientSessionWidget::onProtocolChanged()
{
    const ClientProtocol protocol = this->protocol();
    stopRepeat();
    m_link.setProtocol(protocol);
    m_targetRow->setVisible(protocol != ClientProtocol::Http);
    m_connectButton->setVisible(protocol == ClientProtocol::Tcp);
    m_httpForm->setVisible(protocol == ClientProtocol::Http);
    m_messageEditor->setVisible(protocol != ClientProtocol::Http);
    emit protocolChanged(protocol);
    emit titleChanged(title());
    m_files->setProtocol(protocol);
    m_multicast->setVisible(protocol == ClientProtocol::Udp);
    applyOptions(); // multicast applies to UDP sessions only
    updateConnectButton();
}

QString ClientSessionWidget::host() const
{
    return m_hostEdit->text().trimmed();
}

quint16 ClientSessionWidget::port() const
{
    return quint16(m_portSpin->value());
}

void ClientSessionWidget::toggleConnection()
{
    if (m_link.isActive()) {
        stopRepeat();
        m_link.disconnectFrom();
    } else {
        m_link.connectTo(host(), port());
    }
}

void ClientSessionWidget::updateConnectButton()
{
    m_connectButton->setText(m_link.isActive() ? tr("Dis&connect") : tr("&Connect"));
}

void ClientSessionWidget::send()
{
    if (sendOnce(false))
        m_repeat->restartInterval(); // the interval starts again from this message
}

// Sends what is typed (keeping it for Repeat and the history) or, from the
// repeat timer, what was sent last. False when nothing could go.
bool ClientSessionWidget::sendOnce(bool fromRepeat)
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
void ClientSessionWidget::startRepeat()
{
    if (sendOnce(false))
        m_repeat->begin();
    else
        stopRepeat();
}

void ClientSessionWidget::stopRepeat()
{
    m_repeat->stop();
}

void ClientSessionWidget::applyOptions()
{
    Net::ClientOptions options;
    options.localPort = quint16(m_localPortSpin->value());
    if (protocol() == ClientProtocol::Udp) {
        QString error;
        const std::optional<Net::ClientOptions> withMulticast = m_multicast->apply(options, &error);
        if (!withMulticast) {
            setStateText(error, true);
            return;
        }
        options = *withMulticast;
    }
    m_link.setOptions(options);
}

void ClientSessionWidget::setStateText(const QString &sentence, bool error)
{
    m_stateLabel->setText(sentence);
    // Only the text colour is set, so the rest follows the window's palette.
    QPalette palette;
    if (error)
        palette.setColor(QPalette::WindowText, QColor(0xc6, 0x28, 0x28));
    m_stateLabel->setPalette(palette);
}

void ClientSessionWidget::updateQuickTargets()
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

void ClientSessionWidget::sendToLocalEcho()
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

void ClientSessionWidget::getLocalWeb()
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

void ClientSessionWidget::useLocalUdpEcho()
{
    const Net::ServerStatus status = m_net.status(Net::ServerKind::Udp);
    if (!status.running)
        return;
    setProtocol(ClientProtocol::Udp);
    m_hostEdit->setText(Format::reachableHost(status.address));
    m_portSpin->setValue(status.port);
    m_messageEditor->editor()->setFocus(Qt::OtherFocusReason);
}
