#include "trafficlogpanel.h"

#include "elidedlabel.h"
#include "format.h"
#include "logdetailpane.h"
#include "logexportdialog.h"
#include "sendagainaction.h"
#include "api/netcontroller.h"
#include "api/hostport.h"
#include "trafficlogmodel.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDataStream>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QKeyEvent>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

// "Filter: text, addr": what the squeezed filter box still shows.
constexpr int FILTER_MIN_CHARS = 18;
// Typing re-filters up to 100,000 rows; wait for a pause in the keystrokes.
constexpr int FILTER_DELAY_MS = 150;
constexpr quint32 STATE_MAGIC = 0x5742544c; // "WBTL"
constexpr quint8 STATE_VERSION = 1;

template<typename W>
W *named(W *widget, const QString &objectName, const QString &accessibleName)
{
    widget->setObjectName(objectName);
    widget->setAccessibleName(accessibleName);
    return widget;
}

} // namespace

TrafficLogPanel::TrafficLogPanel(Net::NetController &net, QWidget *parent)
    : QWidget(parent)
    , m_model(new TrafficLogModel(this))
{
    setObjectName(u"trafficLogPanel"_s);
    setAccessibleName(tr("Traffic log"));

    m_table = named(new QTableView, u"logTable"_s, tr("Traffic log events"));
    setUpTable();
    m_splitter = named(new QSplitter(Qt::Vertical), u"logSplitter"_s, tr("Events and details"));
    m_splitter->addWidget(m_table);
    m_detailPane = new LogDetailPane;
    m_splitter->addWidget(m_detailPane);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(buildToolbar());
    layout->addWidget(m_splitter, 1);

    m_filterDelay.setSingleShot(true);
    m_filterDelay.setInterval(FILTER_DELAY_MS);
    connect(&m_filterDelay, &QTimer::timeout, this, &TrafficLogPanel::applyFilter);

    createActions();
    connectModel();
    connect(&net, &Net::NetController::trafficBatch, m_model, &TrafficLogModel::ingest);
    m_model->setServerNames([&net](Net::ServerId id) { return net.serverName(id); });
    for (const Net::ServerStatus &status : net.servers())
        followServer(status);
    connect(&net, &Net::NetController::serverStatusChanged, this, &TrafficLogPanel::followServer);
    connect(&net, &Net::NetController::serverRemoved, this, [this](Net::ServerId id) {
        const int index = m_serverCombo->findData(id);
        if (index > 0)
            m_serverCombo->removeItem(index);
    });
}

TrafficLogPanel::~TrafficLogPanel() = default;

// Two rows, so the log fits between the docks on a small screen: what to
// show (the filter, then the chip of a connection shown alone, in room the
// filter gives up, and the combos, which never move), then the capture (the
// buttons, then sentences that come and go in the room left at the end:
// they are cut to it, never pushing a button).
QWidget *TrafficLogPanel::buildToolbar()
{
    createFilterControls();
    createCaptureControls();
    auto *bar = new QWidget;
    auto *show = new QHBoxLayout;
    show->addWidget(m_filterEdit, 1);
    for (QWidget *widget : {static_cast<QWidget *>(m_connectionChip), static_cast<QWidget *>(m_serverCombo),
                            static_cast<QWidget *>(m_statusCombo)})
        show->addWidget(widget);
    auto *capture = new QHBoxLayout;
    for (QWidget *widget : std::initializer_list<QWidget *>{m_pauseButton, m_autoScrollCheck, m_clearButton,
                                                            m_exportButton})
        capture->addWidget(widget);
    capture->addSpacing(8);
    capture->addWidget(m_pausedLabel, 1);
    capture->addWidget(m_notShownLabel, 1);
    auto *rows = new QVBoxLayout(bar);
    rows->setContentsMargins(4, 4, 4, 0);
    rows->setSpacing(2);
    rows->addLayout(show);
    rows->addLayout(capture);
    return bar;
}

void TrafficLogPanel::createFilterControls()
{
    m_filterEdit = named(new QLineEdit, u"logFilterEdit"_s, tr("Filter"));
    m_filterEdit->setPlaceholderText(tr("Filter: text, address, path…"));
    m_filterEdit->setClearButtonEnabled(true);
    // Narrow screens squeeze the bar: the box keeps room for what is typed.
    m_filterEdit->setMinimumWidth(m_filterEdit->fontMetrics().averageCharWidth() * FILTER_MIN_CHARS);
    m_filterEdit->installEventFilter(this); // Escape
    connect(m_filterEdit, &QLineEdit::textChanged, &m_filterDelay, qOverload<>(&QTimer::start));

    m_serverCombo = named(new QComboBox, u"logServerCombo"_s, tr("Server"));
    m_serverCombo->addItem(tr("All servers"), 0u); // the servers follow as they are added

    m_statusCombo = named(new QComboBox, u"logStatusCombo"_s, tr("HTTP status"));
    m_statusCombo->addItem(tr("All"), int(LogFilter::StatusClass::Any));
    m_statusCombo->addItem(tr("2xx"), int(LogFilter::StatusClass::Success));
    m_statusCombo->addItem(tr("3xx"), int(LogFilter::StatusClass::Redirect));
    m_statusCombo->addItem(tr("4xx"), int(LogFilter::StatusClass::ClientError));
    m_statusCombo->addItem(tr("5xx"), int(LogFilter::StatusClass::ServerError));
    m_statusCombo->addItem(tr("Errors"), int(LogFilter::StatusClass::Errors));
    m_statusCombo->setToolTip(tr("Errors: 4xx and 5xx exchanges and connection errors"));
    for (QComboBox *combo : {m_serverCombo, m_statusCombo})
        connect(combo, &QComboBox::currentIndexChanged, this, &TrafficLogPanel::applyFilter);

    m_connectionChip = named(new QToolButton, u"logConnectionChip"_s, tr("Remove the connection filter"));
    m_connectionChip->setToolTip(tr("Show every connection again"));
    m_connectionChip->hide();
    connect(m_connectionChip, &QToolButton::clicked, this, [this] { showConnection(0); });
}

void TrafficLogPanel::createCaptureControls()
{
    m_pauseButton = named(new QToolButton, u"logPauseButton"_s, tr("Pause the log"));
    m_pauseButton->setCheckable(true);
    m_pauseButton->setToolTip(tr("Stop updating the table; capture continues"));
    // "Pause" and "Resume" take turns: the button keeps the wider one's width.
    int pauseWidth = 0;
    for (const QString &text : {tr("Resume"), tr("Pause")}) {
        m_pauseButton->setText(text);
        pauseWidth = qMax(pauseWidth, m_pauseButton->sizeHint().width());
    }
    m_pauseButton->setMinimumWidth(pauseWidth);
    m_pausedLabel = named(new ElidedLabel, u"logPausedLabel"_s, tr("Events waiting while paused"));
    connect(m_pauseButton, &QToolButton::toggled, m_model, &TrafficLogModel::setPaused);
    connect(m_pauseButton, &QToolButton::toggled, this, &TrafficLogPanel::updatePauseButton);
    updatePauseButton();

    m_autoScrollCheck = named(new QCheckBox(tr("Auto-scroll")), u"logAutoScrollCheck"_s, tr("Auto-scroll"));
    m_autoScrollCheck->setChecked(true);
    m_autoScrollCheck->setToolTip(tr("Follow new events while the table is scrolled to the bottom"));

    m_clearButton = named(new QToolButton, u"logClearButton"_s, tr("Clear the log"));
    m_clearButton->setText(tr("Clear"));
    connect(m_clearButton, &QToolButton::clicked, this, &TrafficLogPanel::clear);

    m_exportButton = named(new QToolButton, u"logExportButton"_s, tr("Export the log"));
    m_exportButton->setText(tr("Export…"));
    m_exportButton->setToolTip(tr("Save the events the filter shows as CSV, JSON Lines or HAR (Ctrl+E)"));
    connect(m_exportButton, &QToolButton::clicked, this, &TrafficLogPanel::chooseExportFile);

    m_notShownLabel = named(new ElidedLabel, u"logNotShownLabel"_s, tr("Events not shown"));
    m_notShownLabel->setToolTip(tr("Events dropped under load or evicted from the log to bound its memory"));
    // Hidden while empty, but its room stays reserved: nothing moves when it shows.
    for (QLabel *label : {m_pausedLabel, m_notShownLabel}) {
        QSizePolicy policy = label->sizePolicy();
        policy.setRetainSizeWhenHidden(true);
        label->setSizePolicy(policy);
        label->hide();
    }
}

// Window-wide shortcuts (the window also lists them in its menus), so Ctrl+F
// and Ctrl+E work wherever the focus is, not only in the log.
void TrafficLogPanel::createActions()
{
    m_findAction = new QAction(tr("&Find in log…"), this);
    m_findAction->setObjectName(u"findInLogAction"_s);
    m_findAction->setShortcut(QKeySequence::Find);
    m_findAction->setShortcutContext(Qt::WindowShortcut);
    connect(m_findAction, &QAction::triggered, this, [this] {
        m_filterEdit->setFocus(Qt::ShortcutFocusReason);
        m_filterEdit->selectAll();
    });
    m_exportAction = new QAction(tr("&Export log…"), this);
    m_exportAction->setObjectName(u"exportLogAction"_s);
    m_exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_exportAction->setShortcutContext(Qt::WindowShortcut);
    connect(m_exportAction, &QAction::triggered, this, &TrafficLogPanel::chooseExportFile);
    addActions({m_findAction, m_exportAction});
}

// Escape in the filter clears it, shows every row at once and hands the
// focus back to the table.
bool TrafficLogPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_filterEdit && event->type() == QEvent::KeyPress
        && static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape) {
        m_filterEdit->clear();
        applyFilter();
        m_table->setFocus(Qt::OtherFocusReason);
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void TrafficLogPanel::setUpTable()
{
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setShowGrid(false);
    m_table->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);

    // A live view must never measure rows: one fixed height for all of them.
    const QFontMetrics metrics = m_table->fontMetrics();
    QHeaderView *rows = m_table->verticalHeader();
    rows->setSectionResizeMode(QHeaderView::Fixed);
    rows->setDefaultSectionSize(metrics.height() + 6);
    rows->hide();

    QHeaderView *columns = m_table->horizontalHeader();
    columns->setStretchLastSection(true);
    columns->setHighlightSections(false);
    columns->setSectionResizeMode(QHeaderView::Interactive);
    const int padding = 3 * metrics.horizontalAdvance(u'x');
    const auto width = [&metrics, padding](const QString &sample) {
        return metrics.horizontalAdvance(sample) + padding;
    };
    columns->resizeSection(TrafficLogModel::TimeColumn, width(u"00:00:00.000"_s));
    columns->resizeSection(TrafficLogModel::ConnectionColumn, width(u"#000000"_s));
    columns->resizeSection(TrafficLogModel::ServerColumn, width(u"udp-echo"_s));
    columns->resizeSection(TrafficLogModel::DirectionColumn, width(TrafficLogModel::tr("Dir")));
    columns->resizeSection(TrafficLogModel::SizeColumn, width(u"000.0 KiB"_s));
    // The summary is what people read: show it last, where it takes the
    // width that is left, and keep the small size column beside the others.
    columns->moveSection(columns->visualIndex(TrafficLogModel::SizeColumn),
                         columns->visualIndex(TrafficLogModel::SummaryColumn));
}

void TrafficLogPanel::connectModel()
{
    connect(m_model, &TrafficLogModel::pausedCountChanged, this, &TrafficLogPanel::updatePauseButton);
    connect(m_model, &TrafficLogModel::notShownChanged, this, &TrafficLogPanel::updateNotShown);
    connect(m_model, &TrafficLogModel::rowsAboutToBeInserted, this, &TrafficLogPanel::onRowsAboutToChange);
    connect(m_model, &TrafficLogModel::rowsAboutToBeRemoved, this, &TrafficLogPanel::onRowsAboutToChange);
    connect(m_model, &TrafficLogModel::rowsInserted, this, &TrafficLogPanel::onRowsInserted);
    connect(m_model, &TrafficLogModel::rowsRemoved, this,
            [this](const QModelIndex &, int first, int last) {
                if (first == 0)
                    onFrontRowsRemoved(last - first + 1);
            });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    m_detailPane->setEvent(m_model->eventAt(current.row()));
                else
                    m_detailPane->clearEvent();
            });
    connect(m_model, &TrafficLogModel::modelReset, m_detailPane, &LogDetailPane::clearEvent);

    m_sendAgainAction = new SendAgainAction(*m_table, *m_model, this);
    addAction(m_sendAgainAction);
    connect(m_sendAgainAction, &SendAgainAction::requested, this, &TrafficLogPanel::sendAgainRequested);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_table, &QWidget::customContextMenuRequested, this, &TrafficLogPanel::showContextMenu);
}

QAction *TrafficLogPanel::sendAgainAction() const
{
    return m_sendAgainAction;
}

void TrafficLogPanel::showContextMenu(const QPoint &position)
{
    auto *menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->setObjectName(u"logContextMenu"_s);
    menu->setToolTipsVisible(true); // says why "Send again" is disabled
    m_sendAgainAction->update();
    menu->addAction(m_sendAgainAction);
    menu->addSeparator();
    menu->addAction(m_exportAction);
    menu->popup(m_table->viewport()->mapToGlobal(position));
}

void TrafficLogPanel::applyFilter()
{
    m_filterDelay.stop();
    LogFilter filter;
    filter.text = m_filterEdit->text().trimmed();
    if (const Net::ServerId server = m_serverCombo->currentData().toUInt(); server != 0)
        filter.server = server;
    filter.status = LogFilter::StatusClass(m_statusCombo->currentData().toInt());
    filter.connectionId = m_connectionId;
    m_model->setFilter(filter);
    if (m_autoScrollCheck->isChecked())
        m_table->scrollToBottom();
}

void TrafficLogPanel::showConnection(quint64 id)
{
    m_connectionId = id;
    m_connectionChip->setText(tr("Connection #%1 ✕").arg(id));
    m_connectionChip->setVisible(id != 0);
    applyFilter();
}

void TrafficLogPanel::setCapacity(int rows)
{
    m_model->setCapacity(rows);
}

int TrafficLogPanel::capacity() const
{
    return m_model->capacity();
}

void TrafficLogPanel::clear()
{
    m_model->clear();
}

void TrafficLogPanel::updatePauseButton()
{
    const bool paused = m_model->isPaused();
    m_pauseButton->setText(paused ? tr("Resume") : tr("Pause"));
    m_pausedLabel->setText(tr("Paused — %1 new").arg(Format::integer(m_model->pausedCount())));
    m_pausedLabel->setVisible(paused);
}

void TrafficLogPanel::updateNotShown(qint64 count)
{
    m_notShownLabel->setText(Format::count(count, tr("event not shown"), tr("events not shown")));
    m_notShownLabel->setVisible(count > 0);
}

QString TrafficLogPanel::exportTo(const QString &path, ExportFormat format) const
{
    return LogExport::writeFile(path, m_model->visibleEvents(), format, m_webServerAuthority,
                                m_model->serverNames());
}

void TrafficLogPanel::followServer(const Net::ServerStatus &status)
{
    // One entry per server in the filter combo, in the order they were added.
    if (m_serverCombo->findData(status.id) < 0)
        m_serverCombo->addItem(status.name, status.id);

    // Kept after the server stops: the log still holds the exchanges it served.
    if (status.kind == Net::ServerKind::Web && status.running)
        m_webServerAuthority = Net::hostPort(Format::reachableHost(status.address), status.port);
}

// The dialog is shown with open(), not exec(): no nested event loop, and
// the table goes on updating behind it.
void TrafficLogPanel::chooseExportFile()
{
    QFileDialog *dialog = LogExportDialog::create(this, m_exportFolder, m_exportFormat);
    connect(dialog, &QFileDialog::fileSelected, this, [this, dialog](const QString &path) {
        writeExport(path, LogExportDialog::chosenFormat(*dialog, path));
    });
    dialog->open();
}

void TrafficLogPanel::writeExport(const QString &path, ExportFormat format)
{
    m_exportFormat = format;
    m_exportFolder = QFileInfo(path).absolutePath();
    const int events = m_model->rowCount();
    QApplication::setOverrideCursor(Qt::WaitCursor);
    const QString error = exportTo(path, format);
    QApplication::restoreOverrideCursor();
    if (!error.isEmpty()) {
        QMessageBox::warning(this, tr("Export failed"), error);
        return;
    }
    emit exported(path, events);
}

bool TrafficLogPanel::isAtBottom() const
{
    const QScrollBar *bar = m_table->verticalScrollBar();
    return bar->value() >= bar->maximum();
}

void TrafficLogPanel::onRowsAboutToChange()
{
    m_wasAtBottom = isAtBottom();
}

// Rows leave at the top while the user reads further down: move the view
// with them so the rows under the eye stay put (the view scrolls per item).
void TrafficLogPanel::onFrontRowsRemoved(int count)
{
    if (m_wasAtBottom && m_autoScrollCheck->isChecked())
        return;
    QScrollBar *bar = m_table->verticalScrollBar();
    bar->setValue(qMax(0, bar->value() - count));
}

void TrafficLogPanel::onRowsInserted()
{
    if (m_wasAtBottom && m_autoScrollCheck->isChecked())
        m_table->scrollToBottom();
}

QByteArray TrafficLogPanel::saveState() const
{
    QByteArray state;
    QDataStream out(&state, QIODevice::WriteOnly);
    out << STATE_MAGIC << STATE_VERSION << m_splitter->saveState() << m_table->horizontalHeader()->saveState()
        << m_autoScrollCheck->isChecked() << m_detailPane->encoding();
    return state;
}

void TrafficLogPanel::restoreState(const QByteArray &state)
{
    QDataStream in(state);
    quint32 magic = 0;
    quint8 version = 0;
    QByteArray splitter, header, encoding;
    bool autoScroll = true;
    in >> magic >> version >> splitter >> header >> autoScroll >> encoding;
    if (in.status() != QDataStream::Ok || magic != STATE_MAGIC || version != STATE_VERSION)
        return;
    m_splitter->restoreState(splitter);
    m_table->horizontalHeader()->restoreState(header);
    m_autoScrollCheck->setChecked(autoScroll);
    m_detailPane->setEncoding(encoding);
}
