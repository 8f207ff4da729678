#include "connectionsmodel.h"

#include "format.h"
#include "api/hostport.h"

#include <QColor>
#include <QDateTime>
#include <QGuiApplication>
#include <QPalette>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

// Durations are whole seconds on screen, so the column needs no faster clock;
// the same tick sweeps expired closed rows.
constexpr int TICK_INTERVAL_MS = 1000;
// Removing rows range by range re-indexes everything behind each range; past
// this many ranges one reset is cheaper than that and than the views' work.
constexpr std::size_t MAX_REMOVE_RANGES = 16;

bool isNumericColumn(int column)
{
    switch (column) {
    case ConnectionsModel::IdColumn:
    case ConnectionsModel::DurationColumn:
    case ConnectionsModel::BytesInColumn:
    case ConnectionsModel::BytesOutColumn:
    case ConnectionsModel::RequestsColumn: return true;
    default: return false;
    }
}

QString stateText(const Net::ConnectionRecord &record)
{
    const bool open = record.state == Net::ConnectionState::Open;
    // A UDP "connection" is only a peer we have heard from recently.
    if (record.udp)
        return open ? ConnectionsModel::tr("Active") : ConnectionsModel::tr("Expired");
    return open ? ConnectionsModel::tr("Open") : ConnectionsModel::tr("Closed");
}

// Addresses compare by their bytes (IPv4 as IPv4-mapped IPv6), then by port,
// so 10.0.0.9 sorts before 10.0.0.10 where the text would not.
QString peerSortKey(const Net::ConnectionRecord &record)
{
    const Q_IPV6ADDR address = record.peerAddress.toIPv6Address();
    const QByteArray raw(reinterpret_cast<const char *>(address.c), sizeof address.c);
    return QString::fromLatin1(raw.toHex()) + u':' + u"%1"_s.arg(int(record.peerPort), 5, 10, QChar(u'0'));
}

// Half way between text and background: grey on light and dark palettes alike.
QColor closedRowColor()
{
    const QPalette palette = QGuiApplication::palette();
    const QColor text = palette.color(QPalette::Text);
    const QColor base = palette.color(QPalette::Base);
    return QColor((text.red() + base.red()) / 2, (text.green() + base.green()) / 2, (text.blue() + base.blue()) / 2);
}

} // namespace

ConnectionsModel::ConnectionsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    m_clock.start();
    m_tickTimer.setInterval(TICK_INTERVAL_MS);
    connect(&m_tickTimer, &QTimer::timeout, this, &ConnectionsModel::tick);
}

int ConnectionsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ConnectionsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ConnectionsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows[std::size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole: return displayText(row, index.column());
    case SortRole: return sortValue(row, index.column());
    case IdRole: return QVariant::fromValue(row.record.id);
    case Qt::ForegroundRole:
        if (row.record.state == Net::ConnectionState::Closed)
            return closedRowColor();
        return {};
    case Qt::TextAlignmentRole:
        if (isNumericColumn(index.column()))
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
        if (index.column() == PeerColumn)
            return Format::plainToolTip(
                tr("%1 → %2 (local)").arg(Net::hostPort(row.record.peerAddress, row.record.peerPort),
                                          Net::hostPort(row.record.localAddress, row.record.localPort)));
        return {};
    default: return {};
    }
}

QVariant ConnectionsModel::displayText(const Row &row, int column) const
{
    const Net::ConnectionRecord &r = row.record;
    switch (column) {
    case IdColumn: return QString::number(r.id);
    case ServerColumn: return serverNameOr(m_serverNames, r.server, Net::serverKindName(r.serverKind));
    case PeerColumn: return Net::hostPort(r.peerAddress, r.peerPort);
    case OpenedColumn: return Format::timeOfDay(r.openedMs);
    case DurationColumn: return Format::durationMs(durationMs(r));
    case BytesInColumn: return Format::bytes(r.bytesIn);
    case BytesOutColumn: return Format::bytes(r.bytesOut);
    case RequestsColumn: return r.serverKind == Net::ServerKind::Web ? QString::number(r.requests) : u"—"_s;
    case StateColumn: return stateText(r);
    default: return {};
    }
}

QVariant ConnectionsModel::sortValue(const Row &row, int column) const
{
    const Net::ConnectionRecord &r = row.record;
    switch (column) {
    case IdColumn: return QVariant::fromValue(r.id);
    case ServerColumn: return r.server;
    case PeerColumn: return peerSortKey(r);
    case OpenedColumn: return r.openedMs;
    case DurationColumn: return durationMs(r);
    case BytesInColumn: return r.bytesIn;
    case BytesOutColumn: return r.bytesOut;
    // Echo rows have no requests; -1 keeps them apart from idle web rows.
    case RequestsColumn: return r.serverKind == Net::ServerKind::Web ? r.requests : qint64(-1);
    case StateColumn: return int(r.state);
    default: return {};
    }
}

QVariant ConnectionsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole) {
        switch (section) {
        case IdColumn: return tr("ID");
        case ServerColumn: return tr("Server");
        case PeerColumn: return tr("Peer");
        case OpenedColumn: return tr("Opened");
        case DurationColumn: return tr("Duration");
        case BytesInColumn: return tr("Bytes in");
        case BytesOutColumn: return tr("Bytes out");
        case RequestsColumn: return tr("Requests");
        case StateColumn: return tr("State");
        default: return {};
        }
    }
    // The first click on a count shows the biggest first: the busy connections.
    if (role == Qt::InitialSortOrderRole && section != IdColumn && isNumericColumn(section))
        return QVariant::fromValue(Qt::DescendingOrder);
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case BytesInColumn: return tr("Bytes received from the client");
        case BytesOutColumn: return tr("Bytes sent to the client");
        case RequestsColumn: return tr("HTTP requests answered (web server only)");
        default: return {};
        }
    }
    return {};
}

qint64 ConnectionsModel::durationMs(const Net::ConnectionRecord &record) const
{
    const qint64 end = record.state == Net::ConnectionState::Closed ? record.closedMs
                                                                    : QDateTime::currentMSecsSinceEpoch();
    return qMax<qint64>(0, end - record.openedMs);
}

void ConnectionsModel::ingest(const Net::TrafficBatch &batch)
{
    if (batch.changedConnections.isEmpty())
        return;
    const qint64 now = m_clock.elapsed();
    const int existing = int(m_rows.size());
    std::vector<int> changed;
    std::vector<Row> fresh;
    for (const Net::ConnectionRecord &record : batch.changedConnections) {
        const int known = m_rowForId.value(record.id, -1);
        Row *row = nullptr;
        if (known < 0) {
            // New ids get their row index now so a repeat in the same batch finds it.
            m_rowForId.insert(record.id, existing + int(fresh.size()));
            row = &fresh.emplace_back();
        } else if (known < existing) {
            row = &m_rows[std::size_t(known)];
            changed.push_back(known);
        } else {
            row = &fresh[std::size_t(known - existing)];
        }
        const bool wasOpen = known >= 0 && row->record.state == Net::ConnectionState::Open;
        const bool isOpen = record.state == Net::ConnectionState::Open;
        m_openCount += int(isOpen) - int(wasOpen);
        if (!isOpen && row->closedSeenAt < 0)
            row->closedSeenAt = now;
        else if (isOpen)
            row->closedSeenAt = -1;
        row->record = record;
    }
    emitChangedRows(changed);
    if (!fresh.empty()) {
        beginInsertRows({}, existing, existing + int(fresh.size()) - 1);
        m_rows.insert(m_rows.end(), std::make_move_iterator(fresh.begin()), std::make_move_iterator(fresh.end()));
        endInsertRows();
    }
    updateTimer();
}

// One signal per run of adjacent rows, or one for the table when most rows
// changed: a view repaints what is visible either way, but a proxy model
// re-sorts once per signal.
void ConnectionsModel::emitChangedRows(std::vector<int> &rows)
{
    if (rows.empty())
        return;
    const int lastColumn = ColumnCount - 1;
    if (rows.size() * 2 > m_rows.size()) {
        emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, lastColumn));
        return;
    }
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    std::size_t start = 0;
    for (std::size_t i = 1; i <= rows.size(); ++i) {
        if (i == rows.size() || rows[i] != rows[i - 1] + 1) {
            emit dataChanged(index(rows[start], 0), index(rows[i - 1], lastColumn));
            start = i;
        }
    }
}

void ConnectionsModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_rowForId.clear();
    m_openCount = 0;
    endResetModel();
    updateTimer();
}

const Net::ConnectionRecord *ConnectionsModel::recordForId(quint64 id) const
{
    const auto found = m_rowForId.constFind(id);
    if (found == m_rowForId.cend() || *found >= int(m_rows.size()))
        return nullptr;
    return &m_rows[std::size_t(*found)].record;
}

const Net::ConnectionRecord *ConnectionsModel::recordAt(int row) const
{
    if (row < 0 || row >= int(m_rows.size()))
        return nullptr;
    return &m_rows[std::size_t(row)].record;
}

void ConnectionsModel::tick()
{
    if (m_openCount > 0)
        emit dataChanged(index(0, DurationColumn), index(int(m_rows.size()) - 1, DurationColumn),
                         {Qt::DisplayRole, SortRole});
    removeExpiredRows();
    updateTimer();
}

void ConnectionsModel::removeExpiredRows()
{
    if (m_openCount == int(m_rows.size()))
        return;
    const qint64 now = m_clock.elapsed();
    const auto expired = [&](const Row &row) { return row.closedSeenAt >= 0 && now - row.closedSeenAt >= m_lingerMs; };
    // Back to front, so removing one range leaves the rows of the next intact.
    std::vector<std::pair<int, int>> ranges;
    for (int i = int(m_rows.size()) - 1; i >= 0;) {
        if (!expired(m_rows[std::size_t(i)])) {
            --i;
            continue;
        }
        const int last = i;
        while (i >= 0 && expired(m_rows[std::size_t(i)]))
            --i;
        ranges.emplace_back(i + 1, last);
    }
    if (ranges.empty())
        return;
    if (ranges.size() > MAX_REMOVE_RANGES) {
        beginResetModel();
        for (const Row &row : m_rows) {
            if (expired(row))
                m_rowForId.remove(row.record.id);
        }
        std::erase_if(m_rows, expired);
        reindexFrom(0);
        endResetModel();
        return;
    }
    for (const auto &[first, last] : ranges)
        removeRange(first, last);
}

void ConnectionsModel::removeRange(int first, int last)
{
    beginRemoveRows({}, first, last);
    for (int i = first; i <= last; ++i)
        m_rowForId.remove(m_rows[std::size_t(i)].record.id);
    m_rows.erase(m_rows.begin() + first, m_rows.begin() + last + 1);
    reindexFrom(first);
    endRemoveRows();
}

void ConnectionsModel::reindexFrom(int first)
{
    for (int i = first; i < int(m_rows.size()); ++i)
        m_rowForId.insert(m_rows[std::size_t(i)].record.id, i);
}

void ConnectionsModel::updateTimer()
{
    if (m_rows.empty())
        m_tickTimer.stop();
    else if (!m_tickTimer.isActive())
        m_tickTimer.start();
}
