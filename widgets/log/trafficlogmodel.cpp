#include "trafficlogmodel.h"

#include "format.h"
#include "api/hostport.h"

#include <QColor>

#include <algorithm>
#include <vector>

using namespace Qt::StringLiterals;
using Net::TrafficEvent;

namespace {

// Data rows' tooltips (and the text filter) see more of the payload than the cell has room for.
constexpr int TOOLTIP_PREVIEW_CHARS = 200;

const QColor ERROR_COLOUR(0xd0, 0x3a, 0x2f); // readable on light and dark bases
const QColor CLOSED_COLOUR(0x80, 0x80, 0x80);

// What an event costs beyond its fixed-size fields: the byte arrays it holds.
qint64 heldBytes(const TrafficEvent &event)
{
    return event.payload.size() + event.requestHead.size() + event.responseHead.size();
}

QString directionArrow(Net::Direction direction)
{
    switch (direction) {
    case Net::Direction::In:
        return u"←"_s;
    case Net::Direction::Out:
        return u"→"_s;
    case Net::Direction::None:
        break;
    }
    return u"•"_s;
}

// Why a connection ended, as the servers note it. The notes stay English in
// the records (exports, the headless log); the window translates the ones it
// knows, and shows any other note as it came.
[[maybe_unused]] constexpr const char *KNOWN_NOTES[] = {
    QT_TRANSLATE_NOOP("TrafficLogModel", "closed"),
    QT_TRANSLATE_NOOP("TrafficLogModel", "closed by peer"),
    QT_TRANSLATE_NOOP("TrafficLogModel", "closed by peer mid-request"),
    QT_TRANSLATE_NOOP("TrafficLogModel", "closed by the user"),
    QT_TRANSLATE_NOOP("TrafficLogModel", "closed after error"),
    QT_TRANSLATE_NOOP("TrafficLogModel", "reset by peer"),
    QT_TRANSLATE_NOOP("TrafficLogModel", "server stopped"),
    QT_TRANSLATE_NOOP("TrafficLogModel", "idle"),
    QT_TRANSLATE_NOOP("TrafficLogModel", "idle timeout"),
    QT_TRANSLATE_NOOP("TrafficLogModel", "send timeout: the client stopped reading"),
    QT_TRANSLATE_NOOP("TrafficLogModel", "file shrank while being sent"),
};

QString noteText(const QString &note)
{
    // tr() takes a C string: a note from the network with a NUL in it would
    // be cut short there, and no note we translate has one.
    if (note.contains(QChar(0)))
        return note;
    return TrafficLogModel::tr(note.toUtf8().constData());
}

bool statusMatches(LogFilter::StatusClass status, const TrafficEvent &event)
{
    if (event.kind == TrafficEvent::Kind::Error)
        return status == LogFilter::StatusClass::Errors;
    if (event.kind != TrafficEvent::Kind::Http)
        return false;
    const int hundreds = event.status / 100;
    switch (status) {
    case LogFilter::StatusClass::Any:
        return true;
    case LogFilter::StatusClass::Success:
        return hundreds == 2;
    case LogFilter::StatusClass::Redirect:
        return hundreds == 3;
    case LogFilter::StatusClass::ClientError:
        return hundreds == 4;
    case LogFilter::StatusClass::ServerError:
        return hundreds == 5;
    case LogFilter::StatusClass::Errors:
        return hundreds == 4 || hundreds == 5;
    }
    return false;
}

// The summary with a longer payload preview: the tooltip, and what the text
// filter searches.
QString longSummary(const TrafficEvent &event)
{
    if (event.kind != TrafficEvent::Kind::Data || event.payload.isEmpty())
        return TrafficLogModel::summaryText(event);
    return directionArrow(event.direction) + u' ' + Format::bytes(event.size) + u' '
         + Format::payloadPreview(event.payload, TOOLTIP_PREVIEW_CHARS);
}

// A client event with the part of its bytes the log keeps (see
// TrafficLogModel::ResendableBytes), or nothing when it keeps them all.
std::optional<TrafficEvent> clientSample(const TrafficEvent &event)
{
    if (event.source != Net::EventSource::Client)
        return std::nullopt;
    const bool sent = event.kind == TrafficEvent::Kind::Data && event.direction == Net::Direction::Out;
    const qsizetype keep = sent ? TrafficLogModel::ResendableBytes : TrafficLogModel::ClientSampleBytes;
    if (event.payload.size() <= keep)
        return std::nullopt;
    TrafficEvent kept = event;
    kept.payload = event.payload.first(TrafficLogModel::ClientSampleBytes);
    return kept;
}

} // namespace

bool LogFilter::matches(const TrafficEvent &event) const
{
    // Connection and server numbers belong to the servers: a client
    // session's event matches neither.
    const bool client = event.source == Net::EventSource::Client;
    if (connectionId != 0 && (client || event.connectionId != connectionId))
        return false;
    if (server && (client || event.server != *server))
        return false;
    if (status != StatusClass::Any && !statusMatches(status, event))
        return false;
    if (text.isEmpty())
        return true;
    // The summary holds the method and target of an exchange; for data rows
    // the longer summary of the tooltip finds text further into the payload.
    return longSummary(event).contains(text, Qt::CaseInsensitive)
        || Net::hostPort(event.peerAddress, event.peerPort).contains(text, Qt::CaseInsensitive);
}

TrafficLogModel::TrafficLogModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

TrafficLogModel::~TrafficLogModel() = default;

void TrafficLogModel::ingest(const Net::TrafficBatch &batch)
{
    addNotShown(batch.eventsDropped);
    if (batch.events.isEmpty())
        return;
    // Shared with the batch unless a client event has more bytes than the log keeps.
    QList<TrafficEvent> events = batch.events;
    for (qsizetype i = 0; i < events.size(); ++i) {
        if (std::optional<TrafficEvent> kept = clientSample(events.at(i)))
            events[i] = std::move(*kept);
    }
    if (!m_paused) {
        append(events);
        return;
    }
    m_pausedCount += events.size();
    for (const TrafficEvent &event : std::as_const(events)) {
        m_pending.append(event);
        m_pendingBytes += heldBytes(event);
    }
    // The pending list obeys the same limits as the ring: what would be
    // evicted on resume anyway is not worth holding.
    qsizetype drop = 0;
    while (drop < m_pending.size()
           && (m_pending.size() - drop > m_capacity || m_pendingBytes > m_payloadBudget)) {
        m_pendingBytes -= heldBytes(m_pending.at(drop));
        ++drop;
    }
    m_pending.remove(0, drop);
    addNotShown(drop);
    emit pausedCountChanged(m_pausedCount);
}

void TrafficLogModel::append(const QList<TrafficEvent> &events)
{
    // A batch larger than the ring keeps only its tail, which alone fills the
    // ring: everything held goes, and the skipped head still uses up its
    // sequence numbers so that they keep counting every event ingested.
    const qsizetype skip = qMax<qsizetype>(0, events.size() - m_capacity);
    if (skip > 0) {
        dropFront(m_ring.size());
        m_frontSequence += quint64(skip);
        addNotShown(skip);
    }
    const quint64 firstNew = m_frontSequence + m_ring.size();
    for (qsizetype i = skip; i < events.size(); ++i) {
        m_ring.push_back(events.at(i));
        m_storedBytes += heldBytes(events.at(i));
    }
    // New events are in the ring but not yet visible, so the views still see
    // a consistent model while the oldest rows go.
    evictToLimits();

    std::vector<quint64> matching;
    const quint64 end = m_frontSequence + m_ring.size();
    for (quint64 sequence = qMax(firstNew, m_frontSequence); sequence < end; ++sequence) {
        if (m_filter.matches(bySequence(sequence)))
            matching.push_back(sequence);
    }
    if (matching.empty())
        return;
    const int first = int(m_visible.size());
    beginInsertRows({}, first, first + int(matching.size()) - 1);
    m_visible.insert(m_visible.end(), matching.begin(), matching.end());
    endInsertRows();
}

void TrafficLogModel::evictToLimits()
{
    size_t evict = 0;
    qint64 bytes = m_storedBytes;
    while (evict < m_ring.size() && (m_ring.size() - evict > size_t(m_capacity) || bytes > m_payloadBudget)) {
        bytes -= heldBytes(m_ring[evict]);
        ++evict;
    }
    dropFront(evict);
}

void TrafficLogModel::dropFront(size_t count)
{
    if (count == 0)
        return;
    const quint64 newFront = m_frontSequence + count;
    const auto keptVisible = std::lower_bound(m_visible.begin(), m_visible.end(), newFront);
    const auto gone = int(keptVisible - m_visible.begin());
    if (gone > 0) {
        beginRemoveRows({}, 0, gone - 1);
        m_visible.erase(m_visible.begin(), keptVisible);
        endRemoveRows();
    }
    for (size_t i = 0; i < count; ++i)
        m_storedBytes -= heldBytes(m_ring[i]);
    m_ring.erase(m_ring.begin(), m_ring.begin() + qsizetype(count));
    m_frontSequence = newFront;
    addNotShown(qint64(count));
}

void TrafficLogModel::addNotShown(qint64 count)
{
    if (count <= 0)
        return;
    m_notShown += count;
    emit notShownChanged(m_notShown);
}

void TrafficLogModel::clear()
{
    beginResetModel();
    m_frontSequence += m_ring.size();
    m_ring.clear();
    m_visible.clear();
    m_storedBytes = 0;
    m_pending.clear();
    m_pendingBytes = 0;
    endResetModel();
    m_pausedCount = 0;
    m_notShown = 0;
    emit pausedCountChanged(0);
    emit notShownChanged(0);
}

void TrafficLogModel::setCapacity(int rows)
{
    m_capacity = qMax(1, rows);
    evictToLimits();
}

void TrafficLogModel::setPayloadBudget(qint64 bytes)
{
    m_payloadBudget = qMax<qint64>(0, bytes);
    evictToLimits();
}

void TrafficLogModel::setFilter(const LogFilter &filter)
{
    if (filter == m_filter)
        return;
    beginResetModel();
    m_filter = filter;
    m_visible.clear();
    for (size_t i = 0; i < m_ring.size(); ++i) {
        if (m_filter.isEmpty() || m_filter.matches(m_ring[i]))
            m_visible.push_back(m_frontSequence + i);
    }
    endResetModel();
}

void TrafficLogModel::setPaused(bool paused)
{
    if (paused == m_paused)
        return;
    m_paused = paused;
    if (paused)
        return;
    const QList<TrafficEvent> pending = std::exchange(m_pending, {});
    m_pendingBytes = 0;
    m_pausedCount = 0;
    emit pausedCountChanged(0);
    if (!pending.isEmpty())
        append(pending);
}

const TrafficEvent &TrafficLogModel::bySequence(quint64 sequence) const
{
    return m_ring[size_t(sequence - m_frontSequence)];
}

const TrafficEvent &TrafficLogModel::eventAt(int row) const
{
    return bySequence(m_visible[size_t(row)]);
}

QList<TrafficEvent> TrafficLogModel::visibleEvents() const
{
    QList<TrafficEvent> events;
    events.reserve(qsizetype(m_visible.size()));
    for (const quint64 sequence : m_visible)
        events.append(bySequence(sequence));
    return events;
}

QString TrafficLogModel::summaryText(const TrafficEvent &event)
{
    switch (event.kind) {
    case TrafficEvent::Kind::Http:
        return u"%1 %2 → %3, %4, %5"_s.arg(QString::fromUtf8(event.method()), QString::fromUtf8(event.target()),
                                            QString::number(event.status), Format::bytes(event.bodySize),
                                            Format::durationUs(event.durationUs));
    case TrafficEvent::Kind::Data: {
        const QString head = directionArrow(event.direction) + u' ' + Format::bytes(event.size);
        return event.payload.isEmpty() ? head : head + u' ' + Format::payloadPreview(event.payload);
    }
    case TrafficEvent::Kind::Opened:
        return tr("connection opened from %1").arg(Net::hostPort(event.peerAddress, event.peerPort));
    case TrafficEvent::Kind::Closed:
        return event.note.isEmpty() ? tr("connection closed") : tr("connection closed (%1)").arg(noteText(event.note));
    case TrafficEvent::Kind::Error:
        return event.note.isEmpty() ? tr("error") : noteText(event.note);
    case TrafficEvent::Kind::ClientState:
        return event.note; // the session's own sentence, translated where it was made
    case TrafficEvent::Kind::ClientProgress:
        return tr("sending %1: %2 of %3").arg(event.note, Format::bytes(event.size), Format::bytes(event.bodySize));
    }
    return {};
}

QString TrafficLogModel::originText(const TrafficEvent &event) const
{
    if (event.source == Net::EventSource::Client)
        return tr("client #%1").arg(event.connectionId);
    return serverNameOr(m_serverNames, event.server, Net::serverKindName(event.serverKind));
}

bool TrafficLogModel::holdsWholePayload(const TrafficEvent &event)
{
    return event.kind == TrafficEvent::Kind::Data && event.payload.size() == event.size;
}

int TrafficLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_visible.size());
}

int TrafficLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TrafficLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TrafficEvent &event = eventAt(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayText(event, index.column());
    case Qt::ToolTipRole:
        return index.column() == SummaryColumn ? Format::plainToolTip(longSummary(event)) : QVariant();
    case Qt::ForegroundRole:
        if (event.kind == TrafficEvent::Kind::Error || (event.kind == TrafficEvent::Kind::Http && event.status >= 400))
            return ERROR_COLOUR;
        if (event.kind == TrafficEvent::Kind::Closed)
            return CLOSED_COLOUR;
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == SizeColumn || index.column() == ConnectionColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case EventRole:
        return QVariant::fromValue(event);
    case SequenceRole:
        return QVariant::fromValue(sequenceAt(index.row()));
    default:
        return {};
    }
}

QVariant TrafficLogModel::displayText(const TrafficEvent &event, int column) const
{
    switch (column) {
    case TimeColumn:
        return Format::timeOfDay(event.timeMs);
    case ConnectionColumn:
        if (event.source == Net::EventSource::Client) // the Server column names the session
            return QString();
        return event.connectionId == 0 ? QString() : u'#' + QString::number(event.connectionId);
    case ServerColumn:
        return originText(event);
    case DirectionColumn:
        return directionArrow(event.direction);
    case SummaryColumn:
        return summaryText(event);
    case SizeColumn:
        if (event.kind == TrafficEvent::Kind::Data || event.kind == TrafficEvent::Kind::Http)
            return Format::bytes(event.size);
        return QString();
    default:
        return {};
    }
}

QVariant TrafficLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    static const char *const titles[ColumnCount] = {
        QT_TR_NOOP("Time"), QT_TR_NOOP("Conn"), QT_TR_NOOP("Server"),
        QT_TR_NOOP("Dir"), QT_TR_NOOP("Summary"), QT_TR_NOOP("Size"),
    };
    if (section < 0 || section >= ColumnCount)
        return {};
    return tr(titles[section]);
}
