#pragma once

#include "servercard.h"

#include <QHostAddress>
#include <QSet>
#include <QWidget>

#include <array>

namespace Net {
class NetController;
}

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

// The three server cards: web, TCP echo, UDP echo, each with its own server.
class ServersPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServersPanel)

public:
    explicit ServersPanel(Net::NetController &net, QWidget *parent = nullptr);

    // The card of each kind it has (web, TCP, UDP), or nullptr.
    ServerCard *card(Net::ServerKind kind) const;
    const std::array<ServerCard *, 3> &cards() const { return m_cards; }
    BindConfirmation &bindConfirmation() { return m_confirmation; }

    void setLimits(const ServerLimits &limits);
    void startAll();
    void stopAll();

private:
    BindConfirmation m_confirmation;
    std::array<ServerCard *, 3> m_cards{};
};
