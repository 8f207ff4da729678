#include "logdetailpane.h"

#include "format.h"
#include "hexdump.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;
using Net::TrafficEvent;

namespace {

// The pane shows at most this much; payload samples are smaller anyway, and
// a dump of megabytes would stall the GUI thread for nothing.
constexpr qsizetype DETAIL_MAX_BYTES = 64 * 1024;

// What the Hex and Text tabs show: the payload sample, or for an HTTP
// exchange both heads in the order they crossed the wire.
QByteArray detailBytes(const TrafficEvent &event)
{
    const QByteArray bytes = event.kind == TrafficEvent::Kind::Http ? event.requestHead + event.responseHead
                                                                    : event.payload;
    return bytes.first(qMin(bytes.size(), DETAIL_MAX_BYTES));
}

QString encodingLabel(const QByteArray &name)
{
    if (name == "ISO-8859-1")
        return u"Latin-1 (ISO-8859-1)"_s;
    return QString::fromLatin1(name);
}

QPlainTextEdit *makeView(const QString &objectName, const QString &accessibleName)
{
    auto *view = new QPlainTextEdit;
    view->setObjectName(objectName);
    view->setAccessibleName(accessibleName);
    view->setReadOnly(true);
    view->setLineWrapMode(QPlainTextEdit::NoWrap);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    return view;
}

} // namespace

LogDetailPane::LogDetailPane(QWidget *parent)
    : QWidget(parent)
    , m_tabs(new QTabWidget)
    , m_hexView(makeView(u"logHexView"_s, tr("Payload as hex")))
    , m_textView(makeView(u"logTextView"_s, tr("Payload as text")))
    , m_httpView(makeView(u"logHttpView"_s, tr("HTTP request and response heads")))
    , m_encodingCombo(new QComboBox)
{
    setObjectName(u"logDetailPane"_s);
    setAccessibleName(tr("Event details"));
    m_httpView->setPlaceholderText(tr("Select an HTTP exchange to see its request and response heads."));

    m_tabs->setObjectName(u"logDetailTabs"_s);
    m_tabs->setAccessibleName(tr("Event detail views"));
    m_tabs->addTab(m_hexView, tr("Hex"));
    m_tabs->addTab(buildTextTab(), tr("Text"));
    m_tabs->addTab(m_httpView, tr("HTTP"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);
}

LogDetailPane::~LogDetailPane() = default;

QWidget *LogDetailPane::buildTextTab()
{
    m_encodingCombo->setObjectName(u"logEncodingCombo"_s);
    m_encodingCombo->setAccessibleName(tr("Text encoding"));
    for (const QByteArray &name : HexDump::availableEncodings())
        m_encodingCombo->addItem(encodingLabel(name), name);
    connect(m_encodingCombo, &QComboBox::currentIndexChanged, this, &LogDetailPane::showText);

    auto *label = new QLabel(tr("Encodin&g:"));
    label->setBuddy(m_encodingCombo);
    auto *row = new QHBoxLayout;
    row->addWidget(label);
    row->addWidget(m_encodingCombo);
    row->addStretch(1);

    auto *tab = new QWidget;
    auto *layout = new QVBoxLayout(tab);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    layout->addWidget(m_textView, 1);
    return tab;
}

void LogDetailPane::setEvent(const TrafficEvent &event)
{
    m_event = event;
    m_hasEvent = true;
    const QByteArray bytes = detailBytes(event);
    QString hex = HexDump::hexDump(bytes);
    if (event.kind == TrafficEvent::Kind::Data && event.size > bytes.size())
        hex += u'\n'
             + tr("… the first %1 of %2 were kept").arg(Format::bytes(bytes.size()), Format::bytes(event.size));
    m_hexView->setPlainText(hex);
    showText();
    // The HTTP tab stays enabled for other rows: disabling the current tab
    // would make the pane jump while the user steps through mixed rows.
    const bool http = event.kind == TrafficEvent::Kind::Http;
    m_httpView->setPlainText(http ? QString::fromLatin1(event.requestHead) + u'\n'
                                        + QString::fromLatin1(event.responseHead)
                                  : QString());
}

void LogDetailPane::clearEvent()
{
    m_event = {};
    m_hasEvent = false;
    m_hexView->clear();
    m_textView->clear();
    m_httpView->clear();
}

QByteArray LogDetailPane::encoding() const
{
    return m_encodingCombo->currentData().toByteArray();
}

void LogDetailPane::setEncoding(const QByteArray &name)
{
    if (const int index = m_encodingCombo->findData(name); index >= 0)
        m_encodingCombo->setCurrentIndex(index);
}

void LogDetailPane::showText()
{
    m_textView->setPlainText(m_hasEvent ? HexDump::decodePayload(detailBytes(m_event), encoding()) : QString());
}
