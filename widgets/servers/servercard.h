#pragma once

#include "api/serverspec.h"
#include "api/trafficevent.h"

#include <QFrame>
#include <QString>
#include <QStringList>

namespace Net {
class NetController;
struct ServerStatus;
}
class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QToolButton;
class BindConfirmation;
class RelayFaultsEditor;

// What a card's fields hold, as plain values the app persists.
struct ServerCardState
{
    Net::ServerKind kind = Net::ServerKind::Web; // fixed when the card is made
    QString name;                                // unique among the cards; the log shows it
    QString address = QStringLiteral("127.0.0.1");
    quint16 port = 0;
    QString rootPath;      // web only
    bool listing = false;  // web only
    Net::ServerMode mode = Net::ServerMode::Echo; // TCP and UDP only
    Net::RuleSet rules;                           // TCP and UDP only: used in Rules mode
    QString upstreamHost = QStringLiteral("127.0.0.1"); // relay only
    quint16 upstreamPort = 0;                           // relay only
    Net::RelayFaults faults;                            // relay only
};

// Bounds the cards apply when they start a server; the app reads them from
// the settings file and the command line.
struct ServerLimits
{
    int keepAliveTimeoutMs = 15000;
    int requestTimeoutMs = 10000;
    int maxConnections = 20000;
    Net::EchoLimits echo;
    // The web server's rules beyond its card's fields: dot files off and only
    // local names answered on loopback unless the settings or command line say.
    bool serveDotfiles = false;
    QStringList allowedHosts;
};

// One server's card: where it listens, a Start/Stop button, a status line
// that links to the running server or says in plain words why it could not
// start, and live counters.
class ServerCard final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServerCard)

public:
    // Adds its server (stopped) to `net` under `name`; the card starts and
    // stops that one, and its object names begin with the name's letters and
    // digits ("udp-echo" → "udpechoToggleButton").
    ServerCard(Net::ServerKind kind, const QString &name, Net::NetController &net, BindConfirmation &confirmation,
               QWidget *parent = nullptr);

    Net::ServerKind kind() const { return m_kind; }
    QString name() const { return m_name; }
    // Renames the server (live: the log shows the new name from now on).
    void setName(const QString &name);
    Net::ServerId serverId() const { return m_serverId; }
    ServerCardState state() const;
    void setState(const ServerCardState &state);

    void setLimits(const ServerLimits &limits) { m_limits = limits; }

    bool isRunning() const { return m_running; }
    void start();
    void stop();

signals:
    // The user typed `name` into the name field; the panel checks it is unique and calls setName().
    void nameEdited(const QString &name);
    void removeRequested();

private:
    void onStatus(const Net::ServerStatus &status);
    void onBatch(const Net::TrafficBatch &batch);
    void toggle();
    void chooseRoot();
    void editRules();
    void applyModeAndRules();
    void applyFaults(const Net::RelayFaults &faults);
    void addRelayRows(QFormLayout *layout);
    void setEditable(bool editable);
    QWidget *buildForm();
    Net::ServerSpec spec(const QHostAddress &address, const ServerCardState &fields) const;

    Net::ServerKind m_kind;
    Net::ServerId m_serverId = 0;
    QString m_name;
    QString m_prefix; // of the object names
    Net::NetController &m_net;
    BindConfirmation &m_confirmation;
    QComboBox *m_address;
    QSpinBox *m_port;
    QLineEdit *m_root = nullptr;
    QPushButton *m_browse = nullptr;
    QCheckBox *m_listing = nullptr;
    QComboBox *m_mode = nullptr;         // TCP and UDP only
    QPushButton *m_rulesButton = nullptr; // TCP and UDP only
    Net::RuleSet m_rules;
    QList<qint64> m_ruleHits;            // from the latest batch, for the rules dialog
    QLineEdit *m_nameEdit;
    QLineEdit *m_upstreamHost = nullptr;        // relay only
    QSpinBox *m_upstreamPort = nullptr;         // relay only
    QToolButton *m_faultsToggle = nullptr;      // relay only
    RelayFaultsEditor *m_faultsEditor = nullptr; // relay only
    Net::RelayFaults m_faults;
    QPushButton *m_toggle;
    QToolButton *m_remove;
    QLabel *m_status;
    QLabel *m_counters;
    QLabel *m_networkBadge; // shown while listening on anything but loopback
    ServerLimits m_limits;
    bool m_running = false;
    bool m_pending = false;
    bool m_stopWhenAnswered = false;
};
