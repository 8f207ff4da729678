#pragma once

#include "servercard.h"

#include <QWidget>

#include <array>

namespace Net {
class NetController;
}

// Asks, once, before a server listens on every interface: from then on other
// machines can reach it, which is worth a moment's thought on a laptop in a café.
class BindConfirmation
{
public:
    bool confirmed() const { return m_confirmed; }
    void setConfirmed(bool confirmed) { m_confirmed = confirmed; }
    // True when `address` is safe or the user agreed (now or before).
    bool allow(QWidget *parent, const QString &address);

private:
    bool m_confirmed = false;
};

// The three server cards: web, TCP echo, UDP echo.
class ServersPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServersPanel)

public:
    explicit ServersPanel(Net::NetController &net, QWidget *parent = nullptr);

    ServerCard *card(Net::ServerKind kind) const { return m_cards[size_t(kind)]; }
    BindConfirmation &bindConfirmation() { return m_confirmation; }

    void setLimits(const ServerLimits &limits);
    void startAll();
    void stopAll();

private:
    BindConfirmation m_confirmation;
    std::array<ServerCard *, Net::ServerKindCount> m_cards{};
};
