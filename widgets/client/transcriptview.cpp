#include "transcriptview.h"

#include "client/textencoding.h"
#include "format.h"
#include "hexdump.h"
#include "api/hostport.h"

#include <QCoreApplication>
#include <QComboBox>
#include <QDateTime>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QStringDecoder>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;
using Kind = Net::ClientEvent::Kind;

namespace {

// Kept for re-rendering: whichever bound is reached first evicts the oldest.
constexpr qsizetype MAX_ENTRIES = 5000;
constexpr qint64 MAX_STORED_BYTES = 16 * 1024 * 1024;
// Shown per event. A hex dump line covers 16 bytes, so 16 KiB is 1,024 lines.
constexpr qsizetype MAX_TEXT_SHOWN = 64 * 1024;
constexpr qsizetype MAX_HEX_SHOWN = 16 * 1024;
// Lines the view holds; older ones scroll away (the entries stay for re-rendering).
constexpr int MAX_VIEW_LINES = 50000;
constexpr auto INDENT = "    "_L1;

qint64 entryBytes(const Net::ClientEvent &event)
{
    qint64 bytes = event.data.size() + event.text.size() * qint64(sizeof(QChar));
    for (const auto &[name, value] : event.headers)
        bytes += name.size() + value.size();
    return bytes;
}

// Raw payload as text, escaped so the user sees exactly what went over the
// wire (Format::escapedText). "\n" also ends the shown line.
// Another encoding than UTF-8 is decoded first; control characters are then
// escaped the same way.
QString escapedLine(QByteArrayView bytes, const QString &encoding)
{
    if (encoding == TextEncoding::Utf8)
        return Format::escapedText(bytes);
    QString text;
    for (const QChar c : TextEncoding::decode(bytes, encoding)) {
        if (c.unicode() >= 0x20 && c.unicode() != 0x7f)
            text += c;
        else if (c == u'\n')
            text += u"\\n"_s;
        else if (c == u'\r')
            text += u"\\r"_s;
        else if (c == u'\t')
            text += u"\\t"_s;
        else
            text += u"\\x"_s + QString::number(c.unicode(), 16).rightJustified(2, u'0');
    }
    return text;
}

QStringList payloadLines(QByteArrayView bytes, const QString &encoding)
{
    QStringList lines;
    qsizetype start = 0;
    for (qsizetype newline; (newline = bytes.indexOf('\n', start)) >= 0; start = newline + 1)
        lines.append(escapedLine(bytes.sliced(start, newline + 1 - start), encoding));
    if (start < bytes.size() || lines.isEmpty())
        lines.append(escapedLine(bytes.sliced(start), encoding));
    return lines;
}

// An HTTP body as text when it is UTF-8 without NUL bytes. A body cut short
// may end inside a character, so up to three trailing bytes may be dropped.
std::optional<QString> bodyText(QByteArrayView body, bool cut)
{
    if (std::find(body.begin(), body.end(), '\0') != body.end())
        return std::nullopt;
    for (qsizetype trim = 0; trim <= (cut ? 3 : 0) && trim <= body.size(); ++trim) {
        QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        const QString text = utf8.decode(body.chopped(trim));
        if (!utf8.hasError())
            return text;
    }
    return std::nullopt;
}

// Starts an indented continuation line of the current entry.
QString &newLine(QString &out)
{
    out += u'\n';
    out += INDENT;
    return out;
}

void appendLines(QString &out, QStringView block)
{
    if (block.endsWith(u'\n'))
        block.chop(1); // a final newline ends the last line; it starts no empty one
    for (const QStringView line : block.split(u'\n'))
        newLine(out) += line;
}

void appendNotShown(QString &out, qint64 shown, qint64 size)
{
    if (size > shown)
        newLine(out) += QObject::tr("… %1 more bytes not shown").arg(size - shown);
}

void appendHex(QString &out, const QByteArray &data, qint64 size)
{
    const QByteArray shown = data.first(std::min(data.size(), MAX_HEX_SHOWN));
    if (!shown.isEmpty())
        appendLines(out, HexDump::hexDump(shown));
    appendNotShown(out, shown.size(), size);
}

void appendPayload(QString &out, const Net::ClientEvent &event, bool hex, const QString &encoding)
{
    if (hex) {
        appendHex(out, event.data, event.size);
        return;
    }
    const QByteArrayView shown = QByteArrayView(event.data).first(std::min(event.data.size(), MAX_TEXT_SHOWN));
    const QStringList lines = payloadLines(shown, encoding);
    // A one-line message reads best next to its size.
    if (lines.size() == 1 && event.size == shown.size()) {
        out += u"  "_s + lines.constFirst();
        return;
    }
    for (const QString &line : lines)
        newLine(out) += line;
    appendNotShown(out, shown.size(), event.size);
}

// The request as asked for: head lines, then the body as text.
void appendHttpRequest(QString &out, const Net::ClientEvent &event, bool hex)
{
    out += event.text;
    if (hex) {
        appendHex(out, event.data, event.data.size());
        return;
    }
    const qsizetype headEnd = event.data.indexOf("\r\n\r\n");
    const QByteArray head = headEnd < 0 ? event.data : event.data.first(headEnd);
    appendLines(out, QString::fromUtf8(head).remove(u'\r'));
    const QByteArray body = headEnd < 0 ? QByteArray() : event.data.sliced(headEnd + 4);
    if (body.isEmpty())
        return;
    newLine(out);
    appendLines(out, QString::fromUtf8(body));
}

void appendHttpReply(QString &out, const Net::ClientEvent &event, bool hex)
{
    out += u"HTTP %1"_s.arg(event.httpStatus);
    if (!event.httpReason.isEmpty())
        out += u' ' + QString::fromLatin1(event.httpReason);
    out += u" · "_s
        + QCoreApplication::translate("TranscriptView", "%1 · %2 (headers after %3)")
              .arg(Format::bytes(event.size), Format::durationUs(event.totalUs),
                   Format::durationUs(event.headersAfterUs));
    for (const auto &[name, value] : event.headers)
        newLine(out) += QString::fromLatin1(name) + u": "_s + QString::fromLatin1(value);
    if (event.size == 0)
        return;
    if (hex) {
        appendHex(out, event.data, event.size);
        return;
    }
    const QByteArrayView shown = QByteArrayView(event.data).first(std::min(event.data.size(), MAX_TEXT_SHOWN));
    const std::optional<QString> text = bodyText(shown, shown.size() < event.size);
    newLine(out);
    if (!text) {
        out += QObject::tr("binary body, %1 bytes").arg(event.size);
        return;
    }
    appendLines(out, QString(*text).remove(u'\r'));
    appendNotShown(out, shown.size(), event.size);
}

QString renderEvent(const Net::ClientEvent &event, bool http, bool hex, const QString &encoding)
{
    QString out = Format::timeOfDay(event.timeMs);
    switch (event.kind) {
    case Kind::Sent:
        out += u" → "_s;
        if (http) {
            appendHttpRequest(out, event, hex);
            break;
        }
        out += Format::bytes(event.size);
        appendPayload(out, event, hex, encoding);
        break;
    case Kind::Received:
        out += u" ← "_s + Format::bytes(event.size);
        if (!event.peerAddress.isNull())
            out += QObject::tr(" from %1").arg(Net::hostPort(event.peerAddress, event.peerPort));
        appendPayload(out, event, hex, encoding);
        break;
    case Kind::HttpReply:
        out += u" ← "_s;
        appendHttpReply(out, event, hex);
        break;
    case Kind::Progress: // only a finished file reaches the transcript
        out += u" → "_s + QCoreApplication::translate("TranscriptView", "%1 from the file %2")
                              .arg(Format::bytes(event.size), event.text);
        break;
    case Kind::State: out += u" • "_s + event.text; break;
    case Kind::Error: out += u" • "_s + QObject::tr("Error: %1").arg(event.text); break;
    }
    return out;
}

} // namespace

TranscriptView::TranscriptView(QWidget *parent)
    : QWidget(parent)
{
    // Created in tab order: the focus chain follows creation.
    auto *modeLabel = new QLabel(tr("View &as:"), this);
    m_modeCombo = new QComboBox(this);
    m_countersLabel = new QLabel(this);
    m_clearButton = new QPushButton(tr("Clear"), this);
    m_view = new QPlainTextEdit(this);

    setObjectName(u"clientTranscriptView"_s);
    m_modeCombo->setObjectName(u"clientTranscriptModeCombo"_s);
    m_modeCombo->setAccessibleName(tr("Show the transcript as"));
    m_modeCombo->addItem(tr("Text"), int(MessageMode::Text));
    m_modeCombo->addItem(tr("Hex"), int(MessageMode::Hex));
    modeLabel->setBuddy(m_modeCombo);
    m_countersLabel->setObjectName(u"clientCountersLabel"_s);
    m_countersLabel->setWordWrap(true);
    m_countersLabel->setAccessibleName(tr("Bytes and messages sent and received"));
    m_clearButton->setObjectName(u"clientClearButton"_s);
    m_clearButton->setAccessibleName(tr("Clear the transcript and the counters"));

    m_view->setObjectName(u"clientTranscript"_s);
    m_view->setAccessibleName(tr("Transcript"));
    m_view->setReadOnly(true);
    m_view->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_view->setUndoRedoEnabled(false); // a log needs no undo, and the undo stack would grow with it
    m_view->setMaximumBlockCount(MAX_VIEW_LINES);
    m_view->setLineWrapMode(QPlainTextEdit::NoWrap); // hex dump columns stay aligned
    m_view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    buildLayout(modeLabel);
    connect(m_modeCombo, &QComboBox::currentIndexChanged, this, &TranscriptView::rerender);
    connect(m_clearButton, &QPushButton::clicked, this, &TranscriptView::clear);
    updateCounters();
}

TranscriptView::~TranscriptView() = default;

void TranscriptView::buildLayout(QLabel *modeLabel)
{
    auto *bar = new QHBoxLayout;
    bar->addWidget(modeLabel);
    bar->addWidget(m_modeCombo);
    bar->addStretch(1);
    bar->addWidget(m_clearButton);
    // The counters read as one line under the transcript; in a narrow pane
    // they wrap inside its width rather than widening it.
    QSizePolicy wrapping(QSizePolicy::Ignored, QSizePolicy::Preferred);
    wrapping.setHeightForWidth(true);
    m_countersLabel->setSizePolicy(wrapping);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins({});
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_countersLabel);
}

MessageMode TranscriptView::mode() const
{
    return MessageMode(m_modeCombo->currentData().toInt());
}

void TranscriptView::setMode(MessageMode mode)
{
    m_modeCombo->setCurrentIndex(m_modeCombo->findData(int(mode)));
}

void TranscriptView::setEncoding(const QString &name)
{
    if (name == m_encoding)
        return;
    m_encoding = name;
    rerender();
}

void TranscriptView::append(const QList<Net::ClientEvent> &events, bool http)
{
    if (events.isEmpty())
        return;
    for (const Net::ClientEvent &event : events) {
        count(event);
        store({event, http});
    }
    // One append per batch: a chatty peer costs one document update, not one per event.
    m_view->appendPlainText(renderFrom(std::max<qsizetype>(0, m_entries.size() - events.size())));
    updateCounters();
}

void TranscriptView::appendNote(const QString &sentence)
{
    Net::ClientEvent note;
    note.kind = Kind::State;
    note.timeMs = QDateTime::currentMSecsSinceEpoch();
    note.text = sentence;
    store({note, false});
    m_view->appendPlainText(renderFrom(m_entries.size() - 1));
}

void TranscriptView::clear()
{
    m_entries.clear();
    m_storedBytes = 0;
    m_counters = {};
    m_view->clear();
    updateCounters();
}

void TranscriptView::store(Entry &&entry)
{
    m_storedBytes += entryBytes(entry.event);
    m_entries.append(std::move(entry));
    qsizetype evicted = 0;
    while (evicted < m_entries.size() - 1
           && (m_entries.size() - evicted > MAX_ENTRIES || m_storedBytes > MAX_STORED_BYTES)) {
        m_storedBytes -= entryBytes(m_entries.at(evicted).event);
        ++evicted;
    }
    m_entries.remove(0, evicted);
}

void TranscriptView::count(const Net::ClientEvent &event)
{
    switch (event.kind) {
    case Kind::Sent:
    case Kind::Progress:
        m_counters.sentBytes += event.size;
        ++m_counters.sentMessages;
        break;
    case Kind::Received:
    case Kind::HttpReply:
        m_counters.receivedBytes += event.size;
        ++m_counters.receivedMessages;
        break;
    case Kind::State:
    case Kind::Error: break;
    }
}

QString TranscriptView::renderFrom(qsizetype from) const
{
    const bool hex = mode() == MessageMode::Hex;
    QStringList parts;
    qsizetype lines = 0;
    qsizetype index = m_entries.size();
    // Newest first, so a huge history costs only what the view can show.
    while (index > from && lines < MAX_VIEW_LINES) {
        --index;
        const Entry &entry = m_entries.at(index);
        parts.append(renderEvent(entry.event, entry.http, hex, m_encoding));
        lines += parts.constLast().count(u'\n') + 1;
    }
    std::reverse(parts.begin(), parts.end());
    if (index > from)
        parts.prepend(tr("… %1 older events are not shown here").arg(index - from));
    return parts.join(u'\n');
}

void TranscriptView::rerender()
{
    m_view->setPlainText(renderFrom(0));
    m_view->verticalScrollBar()->setValue(m_view->verticalScrollBar()->maximum());
}

void TranscriptView::updateCounters()
{
    const auto messages = [](qint64 n) { return Format::count(n, tr("message"), tr("messages")); };
    m_countersLabel->setText(tr("Sent %1 in %2 · Received %3 in %4")
                                 .arg(Format::bytes(m_counters.sentBytes), messages(m_counters.sentMessages),
                                      Format::bytes(m_counters.receivedBytes),
                                      messages(m_counters.receivedMessages)));
}
