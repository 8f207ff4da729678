#pragma once

#include "api/clientoptions.h"

#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QSpinBox;

// UDP multicast for a client tab: a group to join (empty: none), the
// interface to join it on, the TTL and whether this host sees its own
// datagrams. Broadcasts need none of it: send to 255.255.255.255 or a
// subnet's broadcast address.
class MulticastRow final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MulticastRow)

public:
    explicit MulticastRow(QWidget *parent = nullptr);
    ~MulticastRow() override;

    // Fills the multicast fields of `options`; nullopt when the group typed
    // is not an IP address (the sentence is in `error`).
    std::optional<Net::ClientOptions> apply(Net::ClientOptions options, QString *error) const;

signals:
    void changed();

private:
    QLineEdit *m_groupEdit;
    QComboBox *m_interfaceCombo;
    QSpinBox *m_ttlSpin;
    QCheckBox *m_loopbackCheck;
};
