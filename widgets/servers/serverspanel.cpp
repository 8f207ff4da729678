#include "serverspanel.h"

#include "format.h"

#include "api/defaults.h"
#include "api/netcontroller.h"

#include <QSet>
#include <QTimer>
#include <QMenu>
#include <QMessageBox>
#include <QScrollArea>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {
// Where a new card's port search starts, per kind.
constexpr quint16 RELAY_FIRST_PORT = 9000;

quint16 firstPort(Net::ServerKind kind)
{
    switch (kind) {
    case Net::ServerKind::Web: return Net::Defaults::WebPort;
    case Net::ServerKind::Tcp:
    case Net::ServerKind::Udp: return Net::Defaults::EchoPort;
    case Net::ServerKind::Relay: return RELAY_FIRST_PORT;
    }
    return 0;
}
} // namespace

bool BindConfirmation::isConfirmed(const QString &address) const
{
    return m_confirmed.contains(QHostAddress(address));
}

bool BindConfirmation::allow(QWidget *parent, const QString &address)
{
    const QHostAddress host(address);
    // Anything but loopback is reachable from other machines: the wildcard
    // addresses, and this machine's own network addresses alike.
    if (host.isLoopback() || m_confirmed.contains(host))
        return true;
    const bool everywhere = host == QHostAddress(QHostAddress::AnyIPv4) || host == QHostAddress(QHostAddress::AnyIPv6)
        || host == QHostAddress(QHostAddress::Any);
    const auto answer = QMessageBox::question(
        parent, everywhere ? QObject::tr("Listen on every interface?") : QObject::tr("Listen on the network?"),
        QObject::tr("Listening on %1 lets other machines on your network connect to this server and "
                    "see what it serves.\n\nListen there anyway?")
            .arg(address),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return false;
    m_confirmed.insert(host);
    return true;
}

ServersPanel::ServersPanel(Net::NetController &net, QWidget *parent)
    : QWidget(parent)
    , m_net(net)
    , m_cardsLayout(new QVBoxLayout)
{
    setObjectName(u"serversPanel"_s);
    setAccessibleName(tr("Servers"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);

    auto *add = new QToolButton(this);
    add->setText(tr("Add server"));
    add->setObjectName(u"addServerButton"_s);
    add->setAccessibleName(tr("Add a server"));
    add->setPopupMode(QToolButton::InstantPopup);
    add->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto *menu = new QMenu(add);
    const std::tuple<Net::ServerKind, QString, QString> choices[] = {
        {Net::ServerKind::Web, tr("Web server"), u"addWebServerAction"_s},
        {Net::ServerKind::Tcp, tr("TCP server"), u"addTcpServerAction"_s},
        {Net::ServerKind::Udp, tr("UDP server"), u"addUdpServerAction"_s},
        {Net::ServerKind::Relay, tr("Relay"), u"addRelayAction"_s}};
    for (const auto &[kind, text, name] : choices) {
        QAction *action = menu->addAction(text, this, [this, kind] { addServer(kind); });
        action->setObjectName(name);
    }
    add->setMenu(menu);
    layout->addWidget(add, 0, Qt::AlignLeft);

    m_cardsLayout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(m_cardsLayout);
    layout->addStretch(1);
    const std::pair<Net::ServerKind, QString> firstRun[] = {
        {Net::ServerKind::Web, u"web"_s}, {Net::ServerKind::Tcp, u"echo"_s}, {Net::ServerKind::Udp, u"udp-echo"_s}};
    for (const auto &[kind, name] : firstRun) {
        ServerCardState state;
        state.kind = kind;
        state.name = name;
        addCard(state);
    }
}

ServerCard *ServersPanel::card(Net::ServerKind kind) const
{
    for (ServerCard *card : m_cards) {
        if (card->kind() == kind)
            return card;
    }
    return nullptr;
}

ServerCard *ServersPanel::addServer(Net::ServerKind kind)
{
    ServerCardState state;
    state.kind = kind;
    state.name = Net::serverKindName(kind);
    state.port = nextPort(kind);
    if (kind == Net::ServerKind::Relay) {
        // In front of the first TCP server, the usual thing to put a relay in front of.
        if (const ServerCard *tcp = card(Net::ServerKind::Tcp); tcp && tcp->state().port != 0)
            state.upstreamPort = tcp->state().port;
        else
            state.upstreamPort = Net::Defaults::EchoPort;
    }
    ServerCard *added = addCard(state);
    added->setFocus();
    // The new card is the last one: scroll the panel's scroll area to it once it is laid out.
    QTimer::singleShot(0, added, [added] {
        for (QWidget *w = added->parentWidget(); w; w = w->parentWidget()) {
            if (auto *area = qobject_cast<QScrollArea *>(w)) {
                area->ensureWidgetVisible(added);
                return;
            }
        }
    });
    return added;
}

ServerCard *ServersPanel::addCard(const ServerCardState &state)
{
    const QString fallback = Net::serverKindName(state.kind);
    auto *card = new ServerCard(state.kind, uniqueName(state.name.isEmpty() ? fallback : state.name), m_net,
                                m_confirmation, this);
    card->setLimits(m_limits);
    card->setState(state);
    connect(card, &ServerCard::nameEdited, this, [this, card](const QString &name) { rename(card, name); });
    // Queued: the card goes away, and the click that asked for it is still being handled inside it.
    connect(card, &ServerCard::removeRequested, this, [this, card] { removeCard(card); }, Qt::QueuedConnection);
    m_cards.append(card);
    m_cardsLayout->addWidget(card);
    return card;
}

void ServersPanel::setStates(const QList<ServerCardState> &states)
{
    // The cards that already match keep their servers (and ids): a restore
    // of the first run's three cards changes nothing but their fields.
    qsizetype kept = 0;
    while (kept < m_cards.size() && kept < states.size() && m_cards[kept]->kind() == states[kept].kind
           && m_cards[kept]->name() == states[kept].name) {
        m_cards[kept]->setState(states[kept]);
        ++kept;
    }
    while (m_cards.size() > kept) {
        ServerCard *card = m_cards.takeLast();
        m_net.removeServer(card->serverId());
        delete card;
    }
    for (qsizetype i = kept; i < states.size(); ++i)
        addCard(states[i]);
}

QList<ServerCardState> ServersPanel::states() const
{
    QList<ServerCardState> states;
    for (const ServerCard *card : m_cards)
        states.append(card->state());
    return states;
}

void ServersPanel::removeCard(ServerCard *card)
{
    if (!m_cards.contains(card))
        return;
    const qint64 open = m_net.totals(card->serverId()).connectionsNow;
    if (card->isRunning() && open > 0) {
        const auto answer = QMessageBox::question(
            this, tr("Remove %1?").arg(card->name()),
            tr("%1 has %2. Removing it closes them.")
                .arg(card->name(), Format::count(open, tr("open connection"), tr("open connections"))),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Yes)
            return;
    }
    m_cards.removeOne(card);
    m_net.removeServer(card->serverId());
    card->deleteLater();
}

QString ServersPanel::uniqueName(const QString &wanted, const ServerCard *except) const
{
    const auto taken = [&](const QString &name) {
        return std::any_of(m_cards.cbegin(), m_cards.cend(), [&](const ServerCard *card) {
            return card != except && card->name().compare(name, Qt::CaseInsensitive) == 0;
        });
    };
    QString name = wanted;
    for (int n = 2; taken(name); ++n)
        name = wanted + u'-' + QString::number(n);
    return name;
}

// The first port from the kind's usual one up that no other card on the
// same transport (UDP, or TCP for the rest) has: two new cards never
// collide, and a card with a taken port still says so when it starts.
quint16 ServersPanel::nextPort(Net::ServerKind kind) const
{
    const bool udp = kind == Net::ServerKind::Udp;
    QSet<quint16> used;
    for (const ServerCard *card : m_cards) {
        if ((card->kind() == Net::ServerKind::Udp) == udp)
            used.insert(card->state().port);
    }
    quint16 port = firstPort(kind);
    while (used.contains(port) && port < 65535)
        ++port;
    return port;
}

void ServersPanel::rename(ServerCard *card, const QString &name)
{
    // An empty or taken name would make two rows of the log look alike: keep the old one.
    if (name.isEmpty() || uniqueName(name, card) != name) {
        card->setName(card->name());
        return;
    }
    card->setName(name);
}

void ServersPanel::setLimits(const ServerLimits &limits)
{
    m_limits = limits;
    for (ServerCard *card : m_cards)
        card->setLimits(limits);
}

void ServersPanel::startAll()
{
    for (ServerCard *card : m_cards) {
        if (!card->isRunning())
            card->start();
    }
}

void ServersPanel::stopAll()
{
    // Also the cards still starting: they stop as soon as the start is answered.
    for (ServerCard *card : m_cards)
        card->stop();
}
