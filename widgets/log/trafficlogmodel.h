#pragma once

#include "servernames.h"
#include "api/trafficevent.h"

#include <QAbstractTableModel>
#include <QList>
#include <QString>

#include <deque>
#include <optional>

// What the traffic log shows. Every field narrows; the default shows all.
struct LogFilter
{
    enum class StatusClass : quint8 {
        Any,
        Success,     // 2xx
        Redirect,    // 3xx
        ClientError, // 4xx
        ServerError, // 5xx
        Errors,      // 4xx and 5xx exchanges, and Error events
    };

    QString text;                          // case-insensitive: summary (with target or payload preview), peer
    std::optional<Net::ServerId> server;   // empty: any server
    StatusClass status = StatusClass::Any; // anything but Any shows HTTP exchanges (and Errors) only
    quint64 connectionId = 0;              // 0: any connection

    bool isEmpty() const { return text.isEmpty() && !server && status == StatusClass::Any && connectionId == 0; }
    bool matches(const Net::TrafficEvent &event) const;
    bool operator==(const LogFilter &other) const = default;
};

// The traffic log: a bounded ring of events (by row count and by the bytes
// their payloads and heads hold), of which the rows matching a LogFilter are
// visible. Fed one batch at a time; each batch costs at most one row removal
// (the oldest, evicted) and one row insertion, so 50,000 events a second
// stay cheap for the views. Text is made in data(), never stored.
class TrafficLogModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrafficLogModel)

public:
    enum Column { TimeColumn, ConnectionColumn, ServerColumn, DirectionColumn, SummaryColumn, SizeColumn,
                  ColumnCount };
    enum Role { EventRole = Qt::UserRole + 1, SequenceRole };

    static constexpr int DefaultCapacity = 100000;
    static constexpr qint64 DefaultPayloadBudget = 64LL * 1024 * 1024;
    // Client events arrive with their bytes whole (the transcript shows them
    // so). The log keeps the first ClientSampleBytes of each, like the
    // servers' samples, except what a client sent: up to ResendableBytes of
    // it, so that "Send again" sends it whole. The payload budget bounds both.
    static constexpr int ClientSampleBytes = 4096;
    static constexpr qsizetype ResendableBytes = 64 * 1024;

    explicit TrafficLogModel(QObject *parent = nullptr);
    ~TrafficLogModel() override;

    // The one entry point, connected to Net::NetController::trafficBatch.
    void ingest(const Net::TrafficBatch &batch);
    void clear();

    int capacity() const { return m_capacity; }
    void setCapacity(int rows);
    qint64 payloadBudget() const { return m_payloadBudget; }
    void setPayloadBudget(qint64 bytes);

    const LogFilter &filter() const { return m_filter; }
    void setFilter(const LogFilter &filter);
    // How the server column names a server id (default: its kind's name).
    void setServerNames(ServerNames names) { m_serverNames = std::move(names); }
    const ServerNames &serverNames() const { return m_serverNames; }

    // Paused: events keep arriving into a bounded pending list and are shown,
    // all in one batch, on resume.
    bool isPaused() const { return m_paused; }
    void setPaused(bool paused);
    qint64 pausedCount() const { return m_pausedCount; }

    // Events the user cannot see any more: dropped before they reached us,
    // evicted from the ring, or pushed out of the pending list while paused.
    qint64 notShown() const { return m_notShown; }
    // Events held (visible or not), and the bytes they hold.
    qsizetype storedCount() const { return qsizetype(m_ring.size()); }
    qint64 storedBytes() const { return m_storedBytes; }

    // `row` must be a valid row; the reference lasts until the next ingest or change.
    const Net::TrafficEvent &eventAt(int row) const;
    quint64 sequenceAt(int row) const { return m_visible[size_t(row)]; }
    QList<Net::TrafficEvent> visibleEvents() const;

    // "GET /index.html → 200, 1.2 KiB, 0.3 ms", "← 15 B "hello"", …
    static QString summaryText(const Net::TrafficEvent &event);
    // The Server column: the server's name, or "client #3" for a client session's event.
    QString originText(const Net::TrafficEvent &event) const;
    // Whether the row holds every byte of what a client session sent (or of
    // any data row's chunk), so that it can be sent again.
    static bool holdsWholePayload(const Net::TrafficEvent &event);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void notShownChanged(qint64 count);
    void pausedCountChanged(qint64 count);

private:
    ServerNames m_serverNames;
    void append(const QList<Net::TrafficEvent> &events);
    void evictToLimits();
    void dropFront(size_t count); // the oldest `count` events, with at most one row removal
    void addNotShown(qint64 count);
    const Net::TrafficEvent &bySequence(quint64 sequence) const;
    QVariant displayText(const Net::TrafficEvent &event, int column) const;

    // Sequence numbers are consecutive in the ring, so the front's number
    // turns any sequence into an index without a search.
    std::deque<Net::TrafficEvent> m_ring;
    quint64 m_frontSequence = 0;
    qint64 m_storedBytes = 0;
    std::deque<quint64> m_visible;

    QList<Net::TrafficEvent> m_pending;
    qint64 m_pendingBytes = 0;
    qint64 m_pausedCount = 0;
    bool m_paused = false;

    LogFilter m_filter;
    int m_capacity = DefaultCapacity;
    qint64 m_payloadBudget = DefaultPayloadBudget;
    qint64 m_notShown = 0;
};
