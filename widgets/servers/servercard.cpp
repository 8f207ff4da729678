#include "servercard.h"
#include "format.h"
#include "serverspanel.h"
#include "servers/relayfaultseditor.h"
#include "servers/rulesdialog.h"

#include "api/netcontroller.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHostAddress>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkInterface>
#include <QPushButton>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

// Warm and bold without relying on the theme: it must be noticed.
constexpr auto NETWORK_BADGE_STYLE =
    "QLabel { background: #fff3cd; color: #7a4b00; border: 1px solid #e0b252; border-radius: 3px;"
    " padding: 1px 6px; font-weight: bold; }"_L1;

// Room for a spin box's arrows and frame beside its text.
constexpr int SPIN_BUTTONS_WIDTH = 28;

QSizePolicy wrappingPolicy()
{
    QSizePolicy policy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    return policy;
}

QString titleFor(Net::ServerKind kind)
{
    switch (kind) {
    case Net::ServerKind::Web: return QObject::tr("Web server");
    case Net::ServerKind::Tcp: return QObject::tr("TCP server");
    case Net::ServerKind::Udp: return QObject::tr("UDP server");
    case Net::ServerKind::Relay: return QObject::tr("Relay");
    }
    return {};
}

// The start of a card's object names: the server name's letters and digits,
// so the first three cards keep the names they always had ("udpechoCard").
QString objectPrefix(const QString &name)
{
    QString prefix;
    for (const QChar c : name) {
        if (c.isLetterOrNumber())
            prefix.append(c);
    }
    return prefix;
}

// The usual choices first, then this machine's own addresses.
QStringList bindChoices()
{
    QStringList choices{u"127.0.0.1"_s, u"::1"_s, u"0.0.0.0"_s, u"::"_s};
    const auto addresses = QNetworkInterface::allAddresses();
    for (const QHostAddress &address : addresses) {
        const QString text = address.toString();
        if (!address.isLoopback() && !address.isLinkLocal() && !choices.contains(text))
            choices.append(text);
    }
    return choices;
}

} // namespace

ServerCard::ServerCard(Net::ServerKind kind, const QString &name, Net::NetController &net,
                       BindConfirmation &confirmation, QWidget *parent)
    : QFrame(parent)
    , m_kind(kind)
    , m_name(name)
    , m_prefix(objectPrefix(name))
    , m_net(net)
    , m_confirmation(confirmation)
    , m_address(new QComboBox(this))
    , m_port(new QSpinBox(this))
    , m_nameEdit(new QLineEdit(name, this))
    , m_toggle(new QPushButton(tr("Start"), this))
    , m_remove(new QToolButton(this))
    , m_status(new QLabel(tr("Stopped"), this))
    , m_counters(new QLabel(this))
    , m_networkBadge(new QLabel(tr("Reachable from the network"), this))
{
    const QString &prefix = m_prefix;
    Net::ServerSpec added;
    added.kind = kind;
    added.name = name;
    m_serverId = net.addServer(added);
    setObjectName(prefix + u"Card"_s);
    setAccessibleName(titleFor(kind));
    setFrameShape(QFrame::StyledPanel);

    auto *title = new QLabel(u"<b>"_s + titleFor(kind) + u"</b>"_s, this);
    auto *layout = new QVBoxLayout(this);
    auto *header = new QHBoxLayout;
    header->addWidget(title, 1);
    header->addWidget(m_toggle);
    header->addWidget(m_remove);
    layout->addLayout(header);
    layout->addWidget(buildForm());
    layout->addWidget(m_networkBadge, 0, Qt::AlignLeft);
    layout->addWidget(m_status);
    layout->addWidget(m_counters);

    m_toggle->setObjectName(prefix + u"ToggleButton"_s);
    m_toggle->setAccessibleName(tr("Start or stop the %1").arg(titleFor(kind)));
    m_remove->setText(tr("Remove"));
    m_remove->setObjectName(prefix + u"RemoveButton"_s);
    m_remove->setAccessibleName(tr("Remove the %1 %2").arg(titleFor(kind), name));
    m_remove->setToolTip(tr("Stop this server and remove its card"));
    connect(m_remove, &QToolButton::clicked, this, &ServerCard::removeRequested);
    m_status->setObjectName(prefix + u"StatusLabel"_s);
    m_status->setAccessibleName(tr("%1 status").arg(titleFor(kind)));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::RichText);
    m_status->setOpenExternalLinks(true);
    m_status->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_counters->setObjectName(prefix + u"CountersLabel"_s);
    m_counters->setAccessibleName(tr("%1 counters").arg(titleFor(kind)));
    m_counters->setWordWrap(true);
    m_networkBadge->setObjectName(prefix + u"NetworkBadge"_s);
    m_networkBadge->setAccessibleName(tr("%1 is reachable from the network").arg(titleFor(kind)));
    m_networkBadge->setStyleSheet(QString(NETWORK_BADGE_STYLE));
    m_networkBadge->hide();
    // Sentences wrap inside the width the card has; they never widen it.
    for (QLabel *label : {m_status, m_counters})
        label->setSizePolicy(wrappingPolicy());
    onBatch(Net::TrafficBatch{});

    connect(m_toggle, &QPushButton::clicked, this, &ServerCard::toggle);
    connect(&net, &Net::NetController::serverStatusChanged, this, &ServerCard::onStatus);
    connect(&net, &Net::NetController::trafficBatch, this, &ServerCard::onBatch);
}

QWidget *ServerCard::buildForm()
{
    const QString &prefix = m_prefix;
    auto *form = new QWidget(this);
    auto *layout = new QFormLayout(form);
    layout->setContentsMargins(0, 0, 0, 0);
    // No mnemonics here: cards with the same fields would take the same
    // letters again and again; Tab walks the cards in order instead.

    m_nameEdit->setObjectName(prefix + u"NameEdit"_s);
    m_nameEdit->setAccessibleName(tr("Server name"));
    m_nameEdit->setToolTip(tr("The name the traffic log and the connections table show for this server"));
    connect(m_nameEdit, &QLineEdit::editingFinished, this, [this] {
        if (m_nameEdit->text().trimmed() != m_name)
            emit nameEdited(m_nameEdit->text().trimmed());
    });
    layout->addRow(tr("Name:"), m_nameEdit);

    m_address->setEditable(true);
    // What is typed is what is bound: a completer would turn "::" (everywhere)
    // into "::1" (loopback), and Return would add typos to the list.
    m_address->setCompleter(nullptr);
    m_address->setInsertPolicy(QComboBox::NoInsert);
    m_address->addItems(bindChoices());
    m_address->setObjectName(prefix + u"AddressCombo"_s);
    m_address->setAccessibleName(tr("Bind address"));
    m_address->setToolTip(tr("127.0.0.1 and ::1 are reachable from this machine only; 0.0.0.0 and :: from everywhere."));
    layout->addRow(tr("Address:"), m_address);

    m_port->setRange(0, 65535);
    m_port->setObjectName(prefix + u"PortSpin"_s);
    m_port->setAccessibleName(tr("Port"));
    m_port->setSpecialValueText(tr("any free port"));
    layout->addRow(tr("Port:"), m_port);

    if (m_kind == Net::ServerKind::Web) {
        m_root = new QLineEdit(form);
        m_root->setObjectName(prefix + u"RootEdit"_s);
        m_root->setAccessibleName(tr("Document root"));
        m_browse = new QPushButton(tr("Browse…"), form);
        m_browse->setObjectName(prefix + u"RootBrowseButton"_s);
        m_browse->setAccessibleName(tr("Choose the document root"));
        connect(m_browse, &QPushButton::clicked, this, &ServerCard::chooseRoot);
        auto *row = new QHBoxLayout;
        row->addWidget(m_root, 1);
        row->addWidget(m_browse);
        layout->addRow(tr("Root:"), row);

        m_listing = new QCheckBox(tr("List directories without index.html"), form);
        m_listing->setObjectName(prefix + u"ListingCheck"_s);
        m_listing->setAccessibleName(tr("Directory listing"));
        layout->addRow(QString(), m_listing);
    } else if (m_kind == Net::ServerKind::Relay) {
        addRelayRows(layout);
    } else {
        m_mode = new QComboBox(form);
        m_mode->addItem(tr("Echo"), int(Net::ServerMode::Echo));
        m_mode->addItem(tr("Listen"), int(Net::ServerMode::Listen));
        m_mode->addItem(tr("Rules"), int(Net::ServerMode::Rules));
        m_mode->setObjectName(prefix + u"ModeCombo"_s);
        m_mode->setAccessibleName(tr("Server mode"));
        m_mode->setToolTip(tr("Echo sends everything back; Listen only logs (answer from the connections table); "
                              "Rules answers by the reply rules."));
        m_rulesButton = new QPushButton(tr("Rules…"), form);
        m_rulesButton->setObjectName(prefix + u"RulesButton"_s);
        m_rulesButton->setAccessibleName(tr("Edit the reply rules"));
        connect(m_rulesButton, &QPushButton::clicked, this, &ServerCard::editRules);
        // Unlike the address and port, the mode changes on a running server without dropping its clients.
        connect(m_mode, &QComboBox::currentIndexChanged, this, &ServerCard::applyModeAndRules);
        auto *row = new QHBoxLayout;
        row->addWidget(m_mode, 1);
        row->addWidget(m_rulesButton);
        layout->addRow(tr("Mode:"), row);
    }
    return form;
}

void ServerCard::addRelayRows(QFormLayout *layout)
{
    m_upstreamHost = new QLineEdit(u"127.0.0.1"_s, this);
    m_upstreamHost->setObjectName(m_prefix + u"UpstreamHostEdit"_s);
    m_upstreamHost->setAccessibleName(tr("Upstream address"));
    m_upstreamHost->setToolTip(tr("An IP address or localhost: every accepted connection connects there"));
    m_upstreamPort = new QSpinBox(this);
    m_upstreamPort->setRange(1, 65535);
    m_upstreamPort->setObjectName(m_prefix + u"UpstreamPortSpin"_s);
    m_upstreamPort->setAccessibleName(tr("Upstream port"));
    auto *upstream = new QHBoxLayout;
    upstream->addWidget(m_upstreamHost, 1);
    upstream->addWidget(m_upstreamPort);
    layout->addRow(tr("Upstream:"), upstream);

    // The editor is tall: it opens on demand, and stays open while the user works with it.
    m_faultsToggle = new QToolButton(this);
    m_faultsToggle->setText(tr("Faults"));
    m_faultsToggle->setCheckable(true);
    m_faultsToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_faultsToggle->setArrowType(Qt::RightArrow);
    m_faultsToggle->setObjectName(m_prefix + u"FaultsButton"_s);
    m_faultsToggle->setAccessibleName(tr("Show the network faults"));
    m_faultsEditor = new RelayFaultsEditor(this);
    m_faultsEditor->setObjectName(m_prefix + u"FaultsEditor"_s);
    m_faultsEditor->hide();
    // A spin box asks for the width of its largest value (an hour in ms): in
    // a card that would make the servers dock scroll sideways. Typical values
    // fit in less, and a longer one scrolls inside its box.
    const int spinWidth = fontMetrics().horizontalAdvance(u"100000 ms ±"_s) + SPIN_BUTTONS_WIDTH;
    for (QSpinBox *spin : m_faultsEditor->findChildren<QSpinBox *>())
        spin->setMinimumWidth(spinWidth);
    connect(m_faultsToggle, &QToolButton::toggled, this, [this](bool open) {
        m_faultsToggle->setArrowType(open ? Qt::DownArrow : Qt::RightArrow);
        m_faultsEditor->setVisible(open);
    });
    connect(m_faultsEditor, &RelayFaultsEditor::faultsChanged, this, &ServerCard::applyFaults);
    layout->addRow(m_faultsToggle);
    layout->addRow(m_faultsEditor);
}

void ServerCard::setName(const QString &name)
{
    m_nameEdit->setText(name);
    if (name == m_name)
        return;
    m_name = name;
    Net::ServerSpec renamed = m_net.spec(m_serverId);
    renamed.name = name;
    m_net.updateServer(m_serverId, renamed);
}

ServerCardState ServerCard::state() const
{
    ServerCardState state;
    state.kind = m_kind;
    state.name = m_name;
    state.address = m_address->currentText().trimmed();
    state.port = quint16(m_port->value());
    if (m_root)
        state.rootPath = m_root->text().trimmed();
    if (m_listing)
        state.listing = m_listing->isChecked();
    if (m_mode) {
        state.mode = Net::ServerMode(m_mode->currentData().toInt());
        state.rules = m_rules;
    }
    if (m_upstreamHost) {
        state.upstreamHost = m_upstreamHost->text().trimmed();
        state.upstreamPort = quint16(m_upstreamPort->value());
        state.faults = m_faults;
    }
    return state;
}

void ServerCard::setState(const ServerCardState &state)
{
    m_address->setCurrentText(state.address);
    m_port->setValue(state.port);
    if (m_root)
        m_root->setText(state.rootPath);
    if (m_listing)
        m_listing->setChecked(state.listing);
    if (m_mode) {
        m_mode->setCurrentIndex(m_mode->findData(int(state.mode)));
        m_rules = state.rules;
    }
    if (m_upstreamHost) {
        m_upstreamHost->setText(state.upstreamHost);
        m_upstreamPort->setValue(state.upstreamPort);
        m_faults = state.faults;
        m_faultsEditor->setFaults(state.faults);
    }
}

void ServerCard::toggle()
{
    if (m_running)
        stop();
    else
        start();
}

void ServerCard::start()
{
    if (m_pending)
        return;
    const ServerCardState fields = state();
    const QHostAddress address(fields.address);
    if (address.isNull()) {
        m_status->setText(u"<span style='color:#c0392b'>"_s
                          + tr("\"%1\" is not an IP address.").arg(fields.address).toHtmlEscaped() + u"</span>"_s);
        return;
    }
    if (!m_confirmation.allow(this, fields.address))
        return;
    m_pending = true;
    m_toggle->setEnabled(false);
    m_status->setText(tr("Starting…"));
    m_net.updateServer(m_serverId, spec(address, fields));
    m_net.startServer(m_serverId);
}

Net::ServerSpec ServerCard::spec(const QHostAddress &address, const ServerCardState &fields) const
{
    Net::ServerSpec spec = m_net.spec(m_serverId);
    if (m_kind == Net::ServerKind::Web) {
        Net::WebServerConfig &config = spec.web;
        config.rootPath = fields.rootPath;
        config.directoryListing = fields.listing;
        config.keepAliveTimeoutMs = m_limits.keepAliveTimeoutMs;
        config.requestTimeoutMs = m_limits.requestTimeoutMs;
        config.maxConnections = m_limits.maxConnections;
        config.serveDotfiles = m_limits.serveDotfiles;
        config.allowedHosts = m_limits.allowedHosts;
    } else if (m_kind == Net::ServerKind::Relay) {
        Net::RelayConfig &config = spec.relay;
        config.upstreamHost = fields.upstreamHost;
        config.upstreamPort = fields.upstreamPort;
        config.faults = fields.faults;
        config.limits.maxConnections = m_limits.maxConnections;
        config.limits.maxConnectionsPerAddress = m_limits.echo.maxConnectionsPerAddress;
    } else {
        Net::EchoServerConfig &config = m_kind == Net::ServerKind::Tcp ? spec.tcp : spec.udp;
        config.maxConnections = m_limits.maxConnections;
        config.limits = m_limits.echo;
        config.mode = fields.mode;
        config.rules = fields.rules;
    }
    spec.setEndpoint(address, fields.port);
    return spec;
}

void ServerCard::stop()
{
    if (!m_running && !m_pending)
        return;
    if (m_pending) {
        m_stopWhenAnswered = true; // "Stop all" while starting: stop once the start is answered
        return;
    }
    m_pending = true;
    m_toggle->setEnabled(false);
    m_net.stopServer(m_serverId);
}

void ServerCard::onStatus(const Net::ServerStatus &status)
{
    if (status.id != m_serverId)
        return;
    m_pending = false;
    m_running = status.running;
    if (std::exchange(m_stopWhenAnswered, false) && m_running) {
        stop();
        return;
    }
    m_toggle->setEnabled(true);
    m_toggle->setText(m_running ? tr("Stop") : tr("Start"));
    setEditable(!m_running);
    // Anything but loopback (a wildcard or one of this machine's addresses) can be reached from elsewhere.
    const bool reachable = m_running && !status.address.isLoopback();
    m_networkBadge->setVisible(reachable);
    m_networkBadge->setToolTip(reachable ? tr("Listening on %1: other machines on your network can connect.")
                                               .arg(status.url())
                                         : QString());
    if (!status.error.isEmpty()) {
        m_status->setText(u"<span style='color:#c0392b'>"_s + status.error.toHtmlEscaped() + u"</span>"_s);
    } else if (m_running) {
        const QString url = status.url();
        const QString shown = m_kind == Net::ServerKind::Web
            ? u"<a href=\"%1\">%1</a>"_s.arg(url.toHtmlEscaped())
            : url.toHtmlEscaped();
        m_status->setText(tr("Listening on %1").arg(shown));
    } else {
        m_status->setText(tr("Stopped"));
    }
}

void ServerCard::onBatch(const Net::TrafficBatch &batch)
{
    const Net::ServerTotals t = batch.totalsFor(m_serverId);
    m_ruleHits = t.ruleHits;
    if (auto *dialog = findChild<RulesDialog *>(); dialog && m_running)
        dialog->setHits(m_ruleHits);
    QString text = tr("%1 open · %2 total · in %3 · out %4")
                       .arg(Format::integer(t.connectionsNow), Format::integer(t.connectionsTotal),
                            Format::bytes(t.bytesIn), Format::bytes(t.bytesOut));
    if (m_kind == Net::ServerKind::Web)
        text += u" · "_s + Format::count(t.requests, tr("request"), tr("requests"));
    if (t.errors > 0)
        text += u" · "_s + Format::count(t.errors, tr("error"), tr("errors"));
    m_counters->setText(text);
}

void ServerCard::setEditable(bool editable)
{
    // A new name is a new spec, which restarts a running server: rename while stopped.
    m_nameEdit->setEnabled(editable);
    m_address->setEnabled(editable);
    m_port->setEnabled(editable);
    if (m_root) {
        m_root->setEnabled(editable);
        m_browse->setEnabled(editable);
        m_listing->setEnabled(editable);
    }
    if (m_upstreamHost) {
        m_upstreamHost->setEnabled(editable);
        m_upstreamPort->setEnabled(editable);
    }
}

void ServerCard::editRules()
{
    RulesDialog dialog(m_rules, this);
    dialog.setServerRunning(m_running);
    if (m_running)
        dialog.setHits(m_ruleHits);
    if (dialog.exec() == QDialog::Accepted && dialog.rules() != m_rules) {
        m_rules = dialog.rules();
        applyModeAndRules();
    }
}

void ServerCard::applyModeAndRules()
{
    if (!m_running)
        return; // the next start takes them with the rest of the card
    Net::ServerSpec live = m_net.spec(m_serverId);
    Net::EchoServerConfig &config = m_kind == Net::ServerKind::Tcp ? live.tcp : live.udp;
    config.mode = Net::ServerMode(m_mode->currentData().toInt());
    config.rules = m_rules;
    m_net.updateServer(m_serverId, live); // the server swaps its rules in place: connections stay
}

void ServerCard::applyFaults(const Net::RelayFaults &faults)
{
    m_faults = faults;
    if (!m_running)
        return; // kept for the next start
    Net::ServerSpec live = m_net.spec(m_serverId);
    live.relay.faults = faults;
    m_net.updateServer(m_serverId, live); // the relay applies them to its open connections too
}

void ServerCard::chooseRoot()
{
    const QString chosen = QFileDialog::getExistingDirectory(this, tr("Document root"), m_root->text());
    if (!chosen.isEmpty())
        m_root->setText(chosen);
}
