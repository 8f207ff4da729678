#pragma once

#include "servercard.h"

#include <QHostAddress>
#include <QSet>
#include <QList>
#include <QWidget>

namespace Net {
class NetController;
}
class QVBoxLayout;

// Asks before a server listens anywhere but loopback: other machines can then
// reach it, which is worth a moment's thought on a laptop in a café. The
// answer holds for that one address and for this run of the program only
// (it is never saved), so a new address, or the next start of Wirebench,
// asks again.
class BindConfirmation
{
public:
    // True when `address` is loopback or the user agreed to it in this run (now or before).
    bool allow(QWidget *parent, const QString &address);
    // Whether the user agreed to `address` in this run.
    bool isConfirmed(const QString &address) const;

private:
    QSet<QHostAddress> m_confirmed;
};

// The server cards, any number of any kind: an "Add server" menu adds one
// (stopped, on loopback, on the next port), each card's Remove button
// removes it with its server.
class ServersPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServersPanel)

public:
    // Starts with the three cards of a first run: web, TCP echo ("echo"), UDP echo ("udp-echo").
    explicit ServersPanel(Net::NetController &net, QWidget *parent = nullptr);

    // The first card of `kind`, or nullptr.
    ServerCard *card(Net::ServerKind kind) const;
    const QList<ServerCard *> &cards() const { return m_cards; }
    BindConfirmation &bindConfirmation() { return m_confirmation; }

    // A new card as the Add menu makes it: stopped, loopback, the next port,
    // a name not taken yet ("web-2").
    ServerCard *addServer(Net::ServerKind kind);
    // Replaces every card by cards with these fields, in this order.
    void setStates(const QList<ServerCardState> &states);
    QList<ServerCardState> states() const;
    // Stops and removes the card's server, asking first only if clients are connected.
    void removeCard(ServerCard *card);

    void setLimits(const ServerLimits &limits);
    void startAll();
    void stopAll();

private:
    ServerCard *addCard(const ServerCardState &state);
    QString uniqueName(const QString &wanted, const ServerCard *except = nullptr) const;
    quint16 nextPort(Net::ServerKind kind) const;
    void rename(ServerCard *card, const QString &name);

    Net::NetController &m_net;
    BindConfirmation m_confirmation;
    ServerLimits m_limits;
    QList<ServerCard *> m_cards;
    QVBoxLayout *m_cardsLayout;
};
