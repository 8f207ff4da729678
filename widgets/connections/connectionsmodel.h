#pragma once

#include "servernames.h"
#include "api/trafficevent.h"

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QHash>
#include <QTimer>

#include <vector>

// The live connections: one row per TCP connection or UDP peer, keyed by the
// connection id. Records arrive in batches from the network thread; a batch
// costs at most one row insertion and one dataChanged per changed range (or
// one for the whole table when most rows changed). Closed rows stay a short
// while, greyed, so a connection that lasted a millisecond can still be seen,
// then a once-a-second sweep removes them. Text is made in data(), never
// stored, so 10,000 rows cost 10,000 records and nothing more.
class ConnectionsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionsModel)

public:
    enum Column {
        IdColumn,
        ServerColumn,
        PeerColumn,
        OpenedColumn,
        DurationColumn,
        BytesInColumn,
        BytesOutColumn,
        RequestsColumn,
        StateColumn,
        ColumnCount
    };

    enum Role {
        IdRole = Qt::UserRole + 1, // quint64: the connection id, on every column
        SortRole,                  // the raw value behind the text (numbers sort as numbers)
    };

    static constexpr int DefaultLingerMs = 5000;

    explicit ConnectionsModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Applies the changed records of one batch (events and totals are not used here).
    void ingest(const Net::TrafficBatch &batch);
    void clear();

    // How long a closed row stays (greyed) before the sweep removes it.
    void setLingerMs(int ms) { m_lingerMs = qMax(0, ms); }
    int lingerMs() const { return m_lingerMs; }

    // nullptr when the id has no row (never seen, or already removed).
    const Net::ConnectionRecord *recordForId(quint64 id) const;
    // How the server column names a server id (default: its kind's name).
    void setServerNames(ServerNames names) { m_serverNames = std::move(names); }
    // nullptr when the row is out of range.
    const Net::ConnectionRecord *recordAt(int row) const;
    int openCount() const { return m_openCount; }

private:
    ServerNames m_serverNames;
    struct Row
    {
        Net::ConnectionRecord record;
        qint64 closedSeenAt = -1; // m_clock time when the row was first seen closed
    };

    QVariant displayText(const Row &row, int column) const;
    QVariant sortValue(const Row &row, int column) const;
    qint64 durationMs(const Net::ConnectionRecord &record) const;
    void emitChangedRows(std::vector<int> &rows);
    void tick();
    void removeExpiredRows();
    void removeRange(int first, int last);
    void reindexFrom(int first);
    void updateTimer();

    std::vector<Row> m_rows;
    QHash<quint64, int> m_rowForId;
    int m_openCount = 0;
    int m_lingerMs = DefaultLingerMs;
    QElapsedTimer m_clock;
    QTimer m_tickTimer;
};
