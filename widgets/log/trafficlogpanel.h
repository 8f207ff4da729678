#pragma once

#include "logexport.h"

#include <QTimer>
#include <QWidget>

namespace Net {
class NetController;
struct ServerStatus;
}
class LogDetailPane;
class SendAgainAction;
class TrafficLogModel;
class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSplitter;
class QTableView;
class QToolButton;

// The traffic log of the window: a filter bar, the live table of events and a
// detail pane (hex, decoded text, HTTP heads) for the selected row. Batches
// from the façade go straight into the model; nothing here runs per event.
// Find (Ctrl+F) and Export (Ctrl+E) are actions the window also puts in its
// menus; sentences that come and go ("Paused — 3 new", "7 events not shown")
// sit in a slot of their own at the end of the bar, so no control moves.
class TrafficLogPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrafficLogPanel)

public:
    explicit TrafficLogPanel(Net::NetController &net, QWidget *parent = nullptr);
    ~TrafficLogPanel() override;

    // Shows only connection `id` with a removable "Connection #id ✕" chip;
    // 0 shows every connection again.
    void showConnection(quint64 id);

    void setCapacity(int rows);
    int capacity() const;
    TrafficLogModel *model() const { return m_model; }

    // Splitter sizes, column widths and order, auto-scroll and the encoding;
    // an empty or foreign state is ignored.
    QByteArray saveState() const;
    void restoreState(const QByteArray &state);

    void clear();

    // Ctrl+F: puts the focus in the filter, its text selected.
    QAction *findAction() const { return m_findAction; }
    // Ctrl+E: the Save dialog for the rows the filter shows, in a format chosen there.
    QAction *exportAction() const { return m_exportAction; }
    // Ctrl+R (in the log) and the rows' context menu: sendAgainRequested().
    QAction *sendAgainAction() const;

    // Writes the rows the filter shows. Empty on success, else a sentence.
    QString exportTo(const QString &path, ExportFormat format) const;
    // Where the export dialog opens: the folder of the last export.
    QString exportFolder() const { return m_exportFolder; }
    void setExportFolder(const QString &folder) { m_exportFolder = folder; }

signals:
    // A file was written: `events` rows to `path`.
    void exported(const QString &path, qsizetype events);
    // "Send again" on a data row: its whole bytes, for client session
    // `session` (the one that sent the row), or 0 for the client pane's own.
    void sendAgainRequested(quint64 session, const QByteArray &bytes);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QWidget *buildToolbar();
    void createFilterControls();
    void createCaptureControls();
    void createActions();
    void setUpTable();
    void connectModel();

    void applyFilter();
    void updatePauseButton();
    void updateNotShown(qint64 count);
    void chooseExportFile();
    void writeExport(const QString &path, ExportFormat format);
    void followServer(const Net::ServerStatus &status);
    void rememberWebServer(const Net::ServerStatus &status);
    void showContextMenu(const QPoint &position);

    bool isAtBottom() const;
    void onRowsAboutToChange();
    void onFrontRowsRemoved(int count);
    void onRowsInserted();

    TrafficLogModel *m_model;
    QLineEdit *m_filterEdit = nullptr;
    QComboBox *m_serverCombo = nullptr;
    QComboBox *m_statusCombo = nullptr;
    QToolButton *m_connectionChip = nullptr;
    QToolButton *m_pauseButton = nullptr;
    QCheckBox *m_autoScrollCheck = nullptr;
    QToolButton *m_clearButton = nullptr;
    QToolButton *m_exportButton = nullptr;
    QLabel *m_pausedLabel = nullptr;
    QLabel *m_notShownLabel = nullptr;
    QAction *m_findAction = nullptr;
    QAction *m_exportAction = nullptr;
    SendAgainAction *m_sendAgainAction = nullptr;
    QSplitter *m_splitter = nullptr;
    QTableView *m_table = nullptr;
    LogDetailPane *m_detailPane = nullptr;

    QTimer m_filterDelay;
    QString m_exportFolder;
    ExportFormat m_exportFormat = ExportFormat::Csv;
    quint64 m_connectionId = 0;
    // host:port of the web server as last seen running: a HAR URL's host
    // when a request's Host header is missing or invalid.
    QString m_webServerAuthority;
    bool m_wasAtBottom = true;
};
