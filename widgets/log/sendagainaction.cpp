#include "sendagainaction.h"

#include "format.h"
#include "trafficlogmodel.h"

#include <QItemSelectionModel>
#include <QTableView>

using namespace Qt::StringLiterals;
using Net::TrafficEvent;

namespace {

bool sentByClient(const TrafficEvent &event)
{
    return event.source == Net::EventSource::Client && event.direction == Net::Direction::Out;
}

} // namespace

SendAgainAction::SendAgainAction(QTableView &table, TrafficLogModel &model, QObject *parent)
    : QAction(tr("Send &again"), parent)
    , m_table(table)
    , m_model(model)
{
    setObjectName(u"sendAgainAction"_s);
    setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    // Only while the log has the focus: elsewhere Ctrl+R is free for others.
    setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_table.selectionModel(), &QItemSelectionModel::currentRowChanged, this, &SendAgainAction::update);
    connect(&m_model, &QAbstractItemModel::modelReset, this, &SendAgainAction::update);
    connect(&m_model, &QAbstractItemModel::rowsRemoved, this, &SendAgainAction::update);
    connect(this, &QAction::triggered, this, &SendAgainAction::emitRequest);
    update();
}

void SendAgainAction::update()
{
    const QModelIndex current = m_table.currentIndex();
    if (!current.isValid()) {
        setEnabled(false);
        setToolTip(tr("Pick a data row to send its bytes again"));
        return;
    }
    const TrafficEvent &event = m_model.eventAt(current.row());
    if (event.kind != TrafficEvent::Kind::Data || event.size == 0) {
        setEnabled(false);
        setToolTip(tr("Only data rows can be sent again"));
    } else if (!TrafficLogModel::holdsWholePayload(event)) {
        setEnabled(false);
        setToolTip(tr("The log kept only the first %1 of this row's %2: it cannot be sent again")
                       .arg(Format::bytes(event.payload.size()), Format::bytes(event.size)));
    } else {
        setEnabled(true);
        setToolTip(sentByClient(event) ? tr("Send these bytes again through client #%1").arg(event.connectionId)
                                       : tr("Send these bytes through the client pane's session"));
    }
}

void SendAgainAction::emitRequest()
{
    update(); // the row may have changed since the menu opened
    const QModelIndex current = m_table.currentIndex();
    if (!isEnabled() || !current.isValid())
        return;
    const TrafficEvent &event = m_model.eventAt(current.row());
    emit requested(sentByClient(event) ? event.connectionId : 0, event.payload);
}
