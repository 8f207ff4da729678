#include "connectionspanel.h"
#include "toolbarnames.h"

#include "connectionsmodel.h"
#include "format.h"
#include "api/netcontroller.h"
#include "sendbytesdialog.h"
#include "api/hostport.h"

#include <QAction>
#include <QCheckBox>
#include <QClipboard>
#include <QDataStream>
#include <QEvent>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

// Space above and below the text of a row; the height is fixed so a view of
// 10,000 rows never measures its contents.
constexpr int ROW_PADDING_PX = 6;
// Extra width beyond the sample text of a column (sort arrow, margins).
constexpr int COLUMN_PADDING_PX = 24;
// saveState() layout: magic, version, header state, "show closed".
constexpr quint32 STATE_MAGIC = 0x57424350; // "WBCP"
constexpr quint32 STATE_VERSION = 1;

} // namespace

// Hides closed rows unless "Show closed" is on. It asks the source model for
// the record instead of going through a text role, so filtering 10,000 rows
// formats nothing.
class ConnectionsFilterModel final : public QSortFilterProxyModel
{
    Q_DISABLE_COPY_MOVE(ConnectionsFilterModel)

public:
    explicit ConnectionsFilterModel(QObject *parent)
        : QSortFilterProxyModel(parent)
    {
    }

    void setShowClosed(bool show)
    {
        if (show == m_showClosed)
            return;
        m_showClosed = show;
        invalidateRowsFilter();
    }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &) const override
    {
        if (m_showClosed)
            return true;
        const auto *connections = static_cast<const ConnectionsModel *>(sourceModel());
        const Net::ConnectionRecord *record = connections->recordAt(sourceRow);
        return record && record->state == Net::ConnectionState::Open;
    }

private:
    bool m_showClosed = true;
};

ConnectionsPanel::ConnectionsPanel(Net::NetController &net, QWidget *parent)
    : QWidget(parent)
    , m_net(net)
    , m_model(new ConnectionsModel(this))
    , m_proxy(new ConnectionsFilterModel(this))
    , m_table(new QTableView(this))
    , m_summaryLabel(new QLabel(this))
    , m_showClosedCheck(new QCheckBox(tr("Show closed"), this))
    , m_toolBar(new QToolBar(this))
{
    setObjectName(u"connectionsPanel"_s);
    setAccessibleName(tr("Connections"));

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(ConnectionsModel::SortRole);
    m_proxy->setDynamicSortFilter(true);

    setupTable();

    m_summaryLabel->setObjectName(u"connectionsSummaryLabel"_s);
    m_summaryLabel->setAccessibleName(tr("Connection summary"));
    m_showClosedCheck->setObjectName(u"connectionsShowClosedCheck"_s);
    m_showClosedCheck->setAccessibleName(tr("Show closed connections"));
    m_showClosedCheck->setToolTip(tr("Keep closed connections in the table for a few seconds, greyed"));
    m_showClosedCheck->setChecked(true);
    m_toolBar->setObjectName(u"connectionsToolBar"_s);
    m_toolBar->setAccessibleName(tr("Connection actions"));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);

    createActions();
    buildLayout();

    connect(m_showClosedCheck, &QCheckBox::toggled, m_proxy, &ConnectionsFilterModel::setShowClosed);
    connect(&m_net, &Net::NetController::trafficBatch, this, &ConnectionsPanel::onBatch);
    connect(m_table, &QWidget::customContextMenuRequested, this, &ConnectionsPanel::showContextMenu);
    connect(m_table, &QAbstractItemView::doubleClicked, this, &ConnectionsPanel::showTraffic);
    // A selected row can close, or vanish, without the selection changing.
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ConnectionsPanel::updateActions);
    connect(m_proxy, &QAbstractItemModel::dataChanged, this, &ConnectionsPanel::updateActions);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &ConnectionsPanel::updateActions);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &ConnectionsPanel::updateActions);

    m_model->setServerNames([&net = m_net](Net::ServerId id) { return net.serverName(id); });
    Net::TrafficBatch initial;
    for (const Net::ServerStatus &status : m_net.servers())
        initial.totals.insert(status.id, m_net.totals(status.id));
    onBatch(initial);
    updateActions();
}

ConnectionsPanel::~ConnectionsPanel() = default;

void ConnectionsPanel::createActions()
{
    const auto makeAction = [this](const QString &text, const QString &iconText, const QString &name,
                                   void (ConnectionsPanel::*slot)()) {
        auto *action = new QAction(text, this);
        action->setIconText(iconText);
        action->setObjectName(name);
        // Shortcuts work while the focus is anywhere in the panel, not only in the table.
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(action, &QAction::triggered, this, slot);
        addAction(action);
        addNamedToolButton(m_toolBar, action);
        return action;
    };
    m_closeAction = makeAction(tr("&Close connection"), tr("Close"), u"closeConnectionAction"_s,
                               &ConnectionsPanel::closeSelected);
    m_closeAction->setShortcut(QKeySequence::Delete);
    m_sendAction = makeAction(tr("&Send to this client…"), tr("Send…"), u"sendToClientAction"_s,
                              &ConnectionsPanel::sendToCurrent);
    m_copyAction = makeAction(tr("Copy &address"), tr("Copy address"), u"copyAddressAction"_s,
                              &ConnectionsPanel::copyAddress);
    m_showTrafficAction = makeAction(tr("Show &traffic in the log"), tr("Show traffic"), u"showTrafficAction"_s,
                                     &ConnectionsPanel::showTraffic);
    m_closeAction->setToolTip(tr("Close the selected connections (Delete)"));
    m_copyAction->setToolTip(tr("Copy the client's address and port"));
    m_showTrafficAction->setToolTip(tr("Show this connection's traffic in the log"));
}

void ConnectionsPanel::buildLayout()
{
    auto *header = new QHBoxLayout;
    header->setContentsMargins(0, 0, 0, 0);
    header->addWidget(m_summaryLabel);
    header->addStretch();
    header->addWidget(m_toolBar);
    header->addWidget(m_showClosedCheck);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(header);
    layout->addWidget(m_table);
}

void ConnectionsPanel::setupTable()
{
    m_table->setObjectName(u"connectionsTable"_s);
    m_table->setAccessibleName(tr("Connections table"));
    m_table->setModel(m_proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setWordWrap(false);
    m_table->setAlternatingRowColors(true);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->verticalHeader()->setVisible(false);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->horizontalHeader()->setSectionsMovable(true);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(ConnectionsModel::IdColumn, Qt::AscendingOrder);
    setInitialColumnWidths();
}

void ConnectionsPanel::setInitialColumnWidths()
{
    // Sized from typical contents once, instead of ResizeToContents, which
    // would measure every row on every change.
    static const QString samples[ConnectionsModel::ColumnCount] = {
        u"000000"_s,         u"udp-echo"_s,  u"255.255.255.255:65535"_s,
        u"00:00:00.000"_s,   u"00 min 00 s"_s, u"000.0 MiB"_s,
        u"000.0 MiB"_s,      u"00000"_s,     ConnectionsModel::tr("Expired"),
    };
    const QFontMetrics metrics = m_table->fontMetrics();
    m_table->verticalHeader()->setDefaultSectionSize(metrics.height() + ROW_PADDING_PX);
    const QFontMetrics headerMetrics = m_table->horizontalHeader()->fontMetrics();
    for (int column = 0; column < ConnectionsModel::ColumnCount; ++column) {
        const QString title = m_model->headerData(column, Qt::Horizontal).toString();
        const int width = qMax(metrics.horizontalAdvance(samples[column]), headerMetrics.horizontalAdvance(title));
        m_table->horizontalHeader()->resizeSection(column, width + COLUMN_PADDING_PX);
    }
}

void ConnectionsPanel::onBatch(const Net::TrafficBatch &batch)
{
    m_model->ingest(batch);
    qint64 open = 0;
    qint64 total = 0;
    for (const Net::ServerTotals &totals : batch.totals) {
        open += totals.connectionsNow;
        total += totals.connectionsTotal;
    }
    m_summaryLabel->setText(tr("%1 open, %2 total").arg(Format::integer(open), Format::integer(total)));
}

QList<quint64> ConnectionsPanel::selectedIds() const
{
    QList<quint64> ids;
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    ids.reserve(rows.size());
    for (const QModelIndex &row : rows)
        ids.append(row.data(ConnectionsModel::IdRole).toULongLong());
    return ids;
}

// The record the single-row actions act on: only when exactly one row is selected.
const Net::ConnectionRecord *ConnectionsPanel::currentRecord() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.size() != 1)
        return nullptr;
    return m_model->recordForId(rows.front().data(ConnectionsModel::IdRole).toULongLong());
}

void ConnectionsPanel::updateActions()
{
    bool anyOpen = false;
    for (const quint64 id : selectedIds()) {
        const Net::ConnectionRecord *record = m_model->recordForId(id);
        anyOpen = anyOpen || (record && record->state == Net::ConnectionState::Open);
    }
    m_closeAction->setEnabled(anyOpen);

    const Net::ConnectionRecord *record = currentRecord();
    const bool open = record && record->state == Net::ConnectionState::Open;
    const bool web = record && record->serverKind == Net::ServerKind::Web;
    m_sendAction->setEnabled(open && !web);
    if (web)
        m_sendAction->setToolTip(tr("Web connections carry HTTP: bytes can only be sent to echo clients."));
    else if (record && !open)
        m_sendAction->setToolTip(tr("The connection is closed."));
    else
        m_sendAction->setToolTip(tr("Send bytes from the server to this client"));
    m_copyAction->setEnabled(record != nullptr);
    m_showTrafficAction->setEnabled(record != nullptr);
}

void ConnectionsPanel::showContextMenu(const QPoint &position)
{
    auto *menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->setObjectName(u"connectionsContextMenu"_s);
    // Shows why "Send to this client…" is disabled on web rows.
    menu->setToolTipsVisible(true);
    menu->addAction(m_closeAction);
    menu->addAction(m_sendAction);
    menu->addSeparator();
    menu->addAction(m_copyAction);
    menu->addAction(m_showTrafficAction);
    menu->popup(m_table->viewport()->mapToGlobal(position));
}

void ConnectionsPanel::closeSelected()
{
    for (const quint64 id : selectedIds()) {
        const Net::ConnectionRecord *record = m_model->recordForId(id);
        if (record && record->state == Net::ConnectionState::Open)
            m_net.closeConnection(id);
    }
}

void ConnectionsPanel::sendToCurrent()
{
    const Net::ConnectionRecord *record = currentRecord();
    if (!record || record->state != Net::ConnectionState::Open || record->serverKind == Net::ServerKind::Web)
        return;
    const quint64 id = record->id;
    auto *dialog = new SendBytesDialog(Net::hostPort(record->peerAddress, record->peerPort), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, id] {
        const QByteArray bytes = dialog->bytes();
        if (!bytes.isEmpty())
            m_net.sendToConnection(id, bytes);
    });
    dialog->open();
}

void ConnectionsPanel::copyAddress()
{
    if (const Net::ConnectionRecord *record = currentRecord())
        QGuiApplication::clipboard()->setText(Net::hostPort(record->peerAddress, record->peerPort));
}

void ConnectionsPanel::showTraffic()
{
    if (const Net::ConnectionRecord *record = currentRecord())
        emit showTrafficRequested(record->id);
}

QByteArray ConnectionsPanel::saveState() const
{
    QByteArray state;
    QDataStream out(&state, QIODevice::WriteOnly);
    out.setVersion(QDataStream::Qt_6_0);
    out << STATE_MAGIC << STATE_VERSION << m_table->horizontalHeader()->saveState() << m_showClosedCheck->isChecked();
    return state;
}

void ConnectionsPanel::restoreState(const QByteArray &state)
{
    QDataStream in(state);
    in.setVersion(QDataStream::Qt_6_0);
    quint32 magic = 0;
    quint32 version = 0;
    QByteArray headerState;
    bool showClosed = true;
    in >> magic >> version >> headerState >> showClosed;
    if (in.status() != QDataStream::Ok || magic != STATE_MAGIC || version != STATE_VERSION)
        return;
    QHeaderView *header = m_table->horizontalHeader();
    if (header->restoreState(headerState))
        m_table->sortByColumn(header->sortIndicatorSection(), header->sortIndicatorOrder());
    m_showClosedCheck->setChecked(showClosed);
}
