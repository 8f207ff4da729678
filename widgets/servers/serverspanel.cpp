#include "serverspanel.h"

#include <QMessageBox>
#include <QScrollArea>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

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
{
    setObjectName(u"serversPanel"_s);
    setAccessibleName(tr("Servers"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    const Net::ServerKind kinds[] = {Net::ServerKind::Web, Net::ServerKind::Tcp, Net::ServerKind::Udp};
    for (size_t i = 0; i < m_cards.size(); ++i) {
        auto *card = new ServerCard(kinds[i], net, m_confirmation, this);
        m_cards[i] = card;
        layout->addWidget(card);
    }
    layout->addStretch(1);
}

ServerCard *ServersPanel::card(Net::ServerKind kind) const
{
    for (ServerCard *card : m_cards) {
        if (card->kind() == kind)
            return card;
    }
    return nullptr;
}

void ServersPanel::setLimits(const ServerLimits &limits)
{
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
