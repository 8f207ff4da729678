#pragma once

#include <QList>
#include <QWidget>

class ConnectionsModel;
class ConnectionsFilterModel;
class QAction;
class QCheckBox;
class QLabel;
class QTableView;
class QToolBar;

namespace Net {
class NetController;
struct ConnectionRecord;
struct TrafficBatch;
}

// The live connections table: a summary, a "Show closed" switch, and actions
// on the selected rows (close, send bytes, copy the address, show the
// traffic in the log). It acts on connections only through the façade, and
// asks the window to show the log rather than calling the log panel.
class ConnectionsPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionsPanel)

public:
    explicit ConnectionsPanel(Net::NetController &net, QWidget *parent = nullptr);
    ~ConnectionsPanel() override;

    ConnectionsModel *model() const { return m_model; }

    // Column widths, order and sort plus "Show closed", as opaque bytes for
    // the settings; restoreState() ignores bytes it does not recognise.
    QByteArray saveState() const;
    void restoreState(const QByteArray &state);

signals:
    // "Show traffic in the log" for connection `id`.
    void showTrafficRequested(quint64 id);

private:
    void createActions();
    void buildLayout();
    void setupTable();
    void setInitialColumnWidths();
    void onBatch(const Net::TrafficBatch &batch);
    void updateActions();
    void showContextMenu(const QPoint &position);
    QList<quint64> selectedIds() const;
    const Net::ConnectionRecord *currentRecord() const;

    void closeSelected();
    void sendToCurrent();
    void copyAddress();
    void showTraffic();

    Net::NetController &m_net;
    ConnectionsModel *m_model;
    ConnectionsFilterModel *m_proxy;
    QTableView *m_table;
    QLabel *m_summaryLabel;
    QCheckBox *m_showClosedCheck;
    QToolBar *m_toolBar;
    QAction *m_closeAction = nullptr;
    QAction *m_sendAction = nullptr;
    QAction *m_copyAction = nullptr;
    QAction *m_showTrafficAction = nullptr;
};
