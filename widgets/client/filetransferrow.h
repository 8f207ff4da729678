#pragma once

#include "api/clientevent.h"

#include <QWidget>

class ElidedLabel;
class QCheckBox;
class QProgressBar;
class QPushButton;

// Files in the client pane: "Send file…" (TCP) with a progress bar and
// Cancel while it streams, and "Save received to…", which appends every
// byte the session receives to a file (TCP and UDP). It only asks: the pane
// passes the requests to its session and the progress back.
class FileTransferRow final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FileTransferRow)

public:
    explicit FileTransferRow(QWidget *parent = nullptr);
    ~FileTransferRow() override;

    void setProtocol(Net::ClientProtocol protocol);
    // What the file dialogs would give: for tests and the pane.
    void sendFile(const QString &path);
    void setSaveReceivedPath(const QString &path); // empty: stop saving
    QString saveReceivedPath() const { return m_savePath; }

    void setProgress(qint64 sent, qint64 total);
    // The transfer ended early (an error, a cancel, a close).
    void stopProgress();

signals:
    void sendFileRequested(const QString &path);
    void cancelRequested();
    void saveReceivedChanged(const QString &path);

private:
    void chooseFileToSend();
    void onSaveToggled(bool on);

    QPushButton *m_sendFileButton;
    QProgressBar *m_progress;
    QPushButton *m_cancelButton;
    QCheckBox *m_saveCheck;
    ElidedLabel *m_savePathLabel;
    QString m_savePath;
};
