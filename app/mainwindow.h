#pragma once

#include <QMainWindow>

namespace Net {
class NetController;
struct ServerStatus;
struct TrafficBatch;
}
class ClientPane;
struct CommandLineOptions;
class ConnectionsPanel;
class QLabel;
class QSplitter;
class ServersPanel;
class Settings;
class ThroughputChart;
class TrafficLogPanel;

// The workbench window. It only assembles: panels in docks and a splitter,
// menus and shortcuts, the status bar, and the settings the panels hand in
// and out. Panels never call each other; cross-panel requests come here.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    MainWindow(Net::NetController &net, Settings &settings, QWidget *parent = nullptr);
    ~MainWindow() override;

    ServersPanel *servers() const { return m_servers; }
    TrafficLogPanel *log() const { return m_log; }
    ConnectionsPanel *connections() const { return m_connections; }
    ClientPane *client() const { return m_client; }

    // Command-line options given for the servers override the remembered fields.
    void applyCommandLine(const CommandLineOptions &options);
    void startAll();
    void stopAll();
    void saveSettings();

protected:
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    // "Send again" from the log: through `session` while it is open, or
    // (0) through the client pane's session.
    void sendAgain(quint64 session, const QByteArray &bytes);
    void buildDocks();
    void buildMenus();
    void restoreSettings();
    void placeOnScreen(const QByteArray &savedGeometry);
    void resetLayout();
    void applyDefaultDockSizes();
    void updateStatusBar();
    void onBatch(const Net::TrafficBatch &batch);
    void showAbout();

    Net::NetController &m_net;
    Settings &m_settings;
    ServersPanel *m_servers;
    ConnectionsPanel *m_connections;
    TrafficLogPanel *m_log;
    ThroughputChart *m_chart;
    ClientPane *m_client;
    QSplitter *m_centre;
    QLabel *m_serversLabel;
    QLabel *m_totalsLabel;
    QByteArray m_defaultLayout;
    bool m_firstRun = false; // no saved dock layout to restore: size the docks when shown
};
