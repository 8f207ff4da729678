#pragma once

#include <QAction>
#include <QByteArray>

class QTableView;
class TrafficLogModel;

// "Send again" (Ctrl+R while the log has the focus) for the traffic log's
// current row: the bytes of a data row, whole, to a client session. A row a
// client session sent goes back through that session; any other data row
// (a server's chunk, a reply a client received) through the client pane's
// current session. Rows whose bytes the log did not keep whole (a server's
// chunk over the sample, a client send over TrafficLogModel::ResendableBytes)
// leave the action disabled, saying why.
class SendAgainAction final : public QAction
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SendAgainAction)

public:
    SendAgainAction(QTableView &table, TrafficLogModel &model, QObject *parent = nullptr);

    // Enables (or not) for the current row; also run when it changes.
    void update();

signals:
    // `session`: the client session that sent the row, or 0 for "the current one".
    void requested(quint64 session, const QByteArray &bytes);

private:
    void emitRequest();

    QTableView &m_table;
    TrafficLogModel &m_model;
};
