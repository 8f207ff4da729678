#include "throughputchart.h"

#include "format.h"
#include "api/netcontroller.h"

#include <QComboBox>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace {

constexpr int TICK_INTERVAL_MS = 1000;
// An idle chart still shows a scale: 0 to 1 KiB/s and 0 to 4 requests/s.
constexpr double MIN_RATE_SCALE = 1024;
constexpr double MIN_REQUEST_SCALE = 4;
constexpr int MAX_DIVISIONS = 4;
constexpr int LABEL_GAP_PX = 4;
// Below this the plot is not drawn at all: a few pixels of lines inform nobody.
constexpr double MIN_PLOT_PX = 8;

// Mid-lightness colours, readable on light and dark backgrounds alike.
constexpr QRgb IN_COLOR = 0xff3b8fd9;
constexpr QRgb OUT_COLOR = 0xffe8833a;
constexpr QRgb REQUESTS_COLOR = 0xff4caf50;

// 1, 2, 2.5 or 5 times a power of ten, at least `raw`.
double niceStep(double raw)
{
    if (raw <= 0)
        return 1;
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    const double fraction = raw / power;
    if (fraction <= 1)
        return power;
    if (fraction <= 2)
        return 2 * power;
    if (fraction <= 2.5)
        return 2.5 * power;
    if (fraction <= 5)
        return 5 * power;
    return 10 * power;
}

// The growth of a cumulative counter; a counter that went back (a restarted
// server) counts from zero.
double growth(qint64 now, qint64 before)
{
    return double(now >= before ? now - before : now);
}

double maxOf(const QList<double> &values)
{
    return values.isEmpty() ? 0.0 : *std::max_element(values.cbegin(), values.cend());
}

// "20K", never "2e+04": the right-hand axis and the legend.
QString requestsLabel(double value)
{
    return Format::compact(value);
}

QColor withAlpha(QColor color, int alpha)
{
    color.setAlpha(alpha);
    return color;
}

} // namespace

ThroughputChart::ThroughputChart(QWidget *parent)
    : QWidget(parent)
    , m_serverCombo(new QComboBox(this))
{
    setObjectName(u"throughputChart"_s);
    setAccessibleName(tr("Throughput chart"));
    setAttribute(Qt::WA_OpaquePaintEvent);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);

    m_serverCombo->setObjectName(u"chartServerCombo"_s);
    m_serverCombo->setAccessibleName(tr("Server shown in the chart"));
    m_serverCombo->addItem(tr("Total"), 0u);
    connect(m_serverCombo, &QComboBox::currentIndexChanged, this, [this] {
        updateAccessibleDescription();
        update();
    });

    m_tickTimer.setInterval(TICK_INTERVAL_MS);
    connect(&m_tickTimer, &QTimer::timeout, this, &ThroughputChart::sampleNow);
}

ThroughputChart::ThroughputChart(Net::NetController &net, QWidget *parent)
    : ThroughputChart(parent)
{
    setServerNames([&net](Net::ServerId id) { return net.serverName(id); });
    connect(&net, &Net::NetController::trafficBatch, this, &ThroughputChart::ingest);
}

void ThroughputChart::ingest(const Net::TrafficBatch &batch)
{
    followServers(batch);
    for (auto &[id, track] : m_servers)
        track.latest = batch.totals.value(id);
    if (!m_haveBaseline) {
        for (auto &[id, track] : m_servers)
            track.atLastTick = track.latest;
        m_haveBaseline = true;
        m_tickTimer.start();
        update();
    }
}

void ThroughputChart::followServers(const Net::TrafficBatch &batch)
{
    for (auto it = m_servers.begin(); it != m_servers.end();) {
        if (batch.totals.contains(it->first)) {
            ++it;
            continue;
        }
        m_serverCombo->removeItem(m_serverCombo->findData(it->first));
        it = m_servers.erase(it);
    }
    for (auto it = batch.totals.cbegin(); it != batch.totals.cend(); ++it) {
        if (m_servers.count(it.key()) != 0)
            continue;
        // A new server starts from its totals now: what it did before is no growth.
        Track &track = m_servers[it.key()];
        track.latest = track.atLastTick = it.value();
        const auto at = m_servers.find(it.key());
        m_serverCombo->insertItem(int(std::distance(m_servers.begin(), at)) + 1,
                                  serverNameOr(m_names, it.key(), u"#%1"_s.arg(it.key())), it.key());
    }
}

void ThroughputChart::sampleNow()
{
    if (!m_haveBaseline)
        return;
    for (auto &[id, track] : m_servers) {
        const Net::ServerTotals &now = track.latest;
        const Net::ServerTotals &before = track.atLastTick;
        Samples &samples = track.samples;
        samples[std::size_t(Series::BytesIn)][std::size_t(m_next)] = growth(now.bytesIn, before.bytesIn);
        samples[std::size_t(Series::BytesOut)][std::size_t(m_next)] = growth(now.bytesOut, before.bytesOut);
        samples[std::size_t(Series::Requests)][std::size_t(m_next)] = growth(now.requests, before.requests);
        track.atLastTick = now;
    }
    m_next = (m_next + 1) % SampleCount;
    m_count = qMin(m_count + 1, SampleCount);
    updateAccessibleDescription();
    update();
}

QList<double> ThroughputChart::values(Series series, Net::ServerId server) const
{
    QList<double> result;
    result.reserve(m_count);
    for (int i = 0; i < m_count; ++i) {
        const auto slot = std::size_t((m_next - m_count + i + SampleCount) % SampleCount);
        double value = 0;
        for (const auto &[id, track] : m_servers) {
            if (server == 0 || server == id)
                value += track.samples[std::size_t(series)][slot];
        }
        result.append(value);
    }
    return result;
}

QList<double> ThroughputChart::series(Series series, Net::ServerId server) const
{
    // An unknown server has no samples, not the total's.
    if (server == 0 || m_servers.count(server) == 0)
        return QList<double>(m_count, 0.0);
    return values(series, server);
}

QList<double> ThroughputChart::totalSeries(Series series) const
{
    return values(series, 0);
}

Net::ServerId ThroughputChart::shownServer() const
{
    return m_serverCombo->currentData().toUInt();
}

QSize ThroughputChart::sizeHint() const
{
    return {480, 180};
}

QSize ThroughputChart::minimumSizeHint() const
{
    return {240, 120};
}

void ThroughputChart::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    const QSize combo = m_serverCombo->sizeHint();
    m_serverCombo->setGeometry(qMax(0, width() - combo.width() - LABEL_GAP_PX), LABEL_GAP_PX / 2, combo.width(),
                               combo.height());
}

QRectF ThroughputChart::plotRect(double leftLabelWidth, double rightLabelWidth) const
{
    const double top = m_serverCombo->sizeHint().height() + LABEL_GAP_PX * 2;
    const double bottom = fontMetrics().height() + LABEL_GAP_PX;
    return QRectF(QPointF(leftLabelWidth + LABEL_GAP_PX * 2, top),
                  QPointF(width() - rightLabelWidth - LABEL_GAP_PX * 2, height() - bottom));
}

void ThroughputChart::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().base());
    painter.setPen(palette().color(QPalette::Text));
    if (!m_haveBaseline) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter, tr("Waiting for traffic…"));
        return;
    }
    const Net::ServerId shown = shownServer();
    const double rateMax = std::max({MIN_RATE_SCALE, maxOf(values(Series::BytesIn, shown)),
                                 maxOf(values(Series::BytesOut, shown))});
    // Rates step in a binary unit (KiB, MiB…) so the labels read 256 B/s, 512 B/s…
    double unit = 1;
    while (rateMax / unit >= 1024)
        unit *= 1024;
    const double rateStep = niceStep(rateMax / unit / MAX_DIVISIONS) * unit;
    Scale rates;
    rates.divisions = qMax(1, int(std::ceil(rateMax / rateStep - 1e-9)));
    rates.max = rateStep * rates.divisions;
    // Requests share the gridlines, so they take the same number of divisions.
    Scale requests;
    requests.divisions = rates.divisions;
    const double requestMax = qMax(MIN_REQUEST_SCALE, maxOf(values(Series::Requests, shown)));
    requests.max = niceStep(requestMax / requests.divisions) * requests.divisions;

    const QFontMetricsF metrics(font());
    const double leftWidth = metrics.horizontalAdvance(Format::rate(rates.max));
    const double rightWidth = metrics.horizontalAdvance(tr("%1 req/s").arg(requestsLabel(requests.max)));
    const QRectF plot = plotRect(leftWidth, rightWidth);
    paintLegend(painter);
    if (plot.width() < MIN_PLOT_PX || plot.height() < MIN_PLOT_PX)
        return;
    paintGrid(painter, plot, rates, requests);
    paintSeries(painter, plot, rates, requests);
}

void ThroughputChart::paintGrid(QPainter &painter, const QRectF &plot, const Scale &rates,
                                const Scale &requests) const
{
    const QColor text = palette().color(QPalette::Text);
    const QFontMetricsF metrics(font());
    const double half = metrics.ascent() / 2 - 1;
    for (int i = 0; i <= rates.divisions; ++i) {
        const double y = plot.bottom() - plot.height() * i / rates.divisions;
        painter.setPen(QPen(withAlpha(text, i == 0 ? 140 : 45), 0));
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
        painter.setPen(text);
        const QString rate = Format::rate(rates.max * i / rates.divisions);
        painter.drawText(QPointF(plot.left() - LABEL_GAP_PX - metrics.horizontalAdvance(rate), y + half), rate);
        // The top label names the unit of the right-hand scale.
        const QString requestRate = requestsLabel(requests.max * i / requests.divisions);
        painter.drawText(QPointF(plot.right() + LABEL_GAP_PX, y + half),
                         i == rates.divisions ? tr("%1 req/s").arg(requestRate) : requestRate);
    }

    // Time runs right to left from "now"; a line every 15 s.
    const double baseline = plot.bottom() + metrics.ascent() + 2;
    double freeRight = plot.right() + LABEL_GAP_PX; // labels go right to left and never overlap
    for (int secondsAgo = 0; secondsAgo < SampleCount; secondsAgo += 15) {
        const double x = plot.right() - plot.width() * secondsAgo / (SampleCount - 1);
        painter.setPen(QPen(withAlpha(text, 45), 0));
        painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
        const QString label = secondsAgo == 0 ? tr("now") : tr("−%1 s").arg(secondsAgo);
        const double labelWidth = metrics.horizontalAdvance(label);
        // "now" ends at the right edge; the others are centred on their line.
        const double left = secondsAgo == 0 ? x - labelWidth : qMax(plot.left(), x - labelWidth / 2);
        if (left + labelWidth > freeRight)
            continue;
        painter.setPen(text);
        painter.drawText(QPointF(left, baseline), label);
        freeRight = left - LABEL_GAP_PX * 2;
    }
}

void ThroughputChart::paintSeries(QPainter &painter, const QRectF &plot, const Scale &rates,
                                  const Scale &requests) const
{
    const Net::ServerId shown = shownServer();
    const double slotWidth = plot.width() / (SampleCount - 1);
    const auto xAt = [&](int i, int count) { return plot.right() - slotWidth * (count - 1 - i); };
    painter.save();
    painter.setClipRect(plot.adjusted(-1, -1, 1, 1));
    painter.setRenderHint(QPainter::Antialiasing);

    // Requests as bars behind the byte lines: they are counts, not a curve.
    const QList<double> requestValues = values(Series::Requests, shown);
    painter.setPen(Qt::NoPen);
    painter.setBrush(withAlpha(QColor(REQUESTS_COLOR), 110));
    const double barWidth = qMax(1.0, slotWidth * 0.6);
    for (int i = 0; i < requestValues.size(); ++i) {
        const double height = plot.height() * requestValues[i] / requests.max;
        painter.drawRect(QRectF(xAt(i, int(requestValues.size())) - barWidth / 2, plot.bottom() - height, barWidth,
                                height));
    }

    for (const auto &[series, color] : {std::pair{Series::BytesIn, QColor(IN_COLOR)}, std::pair{Series::BytesOut, QColor(OUT_COLOR)}}) {
        const QList<double> points = values(series, shown);
        QPainterPath path;
        for (int i = 0; i < points.size(); ++i) {
            const QPointF point(xAt(i, int(points.size())), plot.bottom() - plot.height() * points[i] / rates.max);
            if (i == 0)
                path.moveTo(point);
            else
                path.lineTo(point);
        }
        painter.setBrush(Qt::NoBrush);
        painter.setPen(QPen(color, 2));
        painter.drawPath(path);
    }
    painter.restore();
}

void ThroughputChart::paintLegend(QPainter &painter) const
{
    const Net::ServerId shown = shownServer();
    const auto latest = [&](Series series) {
        const QList<double> all = values(series, shown);
        return all.isEmpty() ? 0.0 : all.last();
    };
    QString entries[] = {
        tr("In %1").arg(Format::rate(latest(Series::BytesIn))),
        tr("Out %1").arg(Format::rate(latest(Series::BytesOut))),
        tr("%1 req/s").arg(requestsLabel(latest(Series::Requests))),
    };
    const QRgb colors[] = {IN_COLOR, OUT_COLOR, REQUESTS_COLOR};
    const QFontMetricsF metrics(font());
    const double swatch = metrics.height() * 0.8;
    const double right = m_serverCombo->x() - LABEL_GAP_PX;
    const double y = LABEL_GAP_PX / 2 + m_serverCombo->sizeHint().height() / 2.0;
    double x = LABEL_GAP_PX * 2;
    double needed = x;
    for (const QString &entry : entries)
        needed += swatch + metrics.horizontalAdvance(entry) + LABEL_GAP_PX * 4;
    // Too narrow for the values: the names alone still say which colour is which.
    if (needed > right) {
        entries[0] = tr("In");
        entries[1] = tr("Out");
        entries[2] = tr("req/s");
    }
    painter.save();
    painter.setClipRect(QRectF(0, 0, qMax(0.0, right), y * 2));
    for (int i = 0; i < 3; ++i) {
        painter.fillRect(QRectF(x, y - swatch / 2, swatch, swatch), QColor(colors[i]));
        x += swatch + LABEL_GAP_PX;
        painter.setPen(palette().color(QPalette::Text));
        painter.drawText(QPointF(x, y + metrics.ascent() / 2 - 1), entries[i]);
        x += metrics.horizontalAdvance(entries[i]) + LABEL_GAP_PX * 3;
    }
    painter.restore();
}

void ThroughputChart::updateAccessibleDescription()
{
    const Net::ServerId shown = shownServer();
    const auto latest = [&](Series series) {
        const QList<double> all = values(series, shown);
        return all.isEmpty() ? 0.0 : all.last();
    };
    setAccessibleDescription(tr("%1 over the last second: in %2, out %3, %4 requests")
                                 .arg(m_serverCombo->currentText(), Format::rate(latest(Series::BytesIn)),
                                      Format::rate(latest(Series::BytesOut)),
                                      requestsLabel(latest(Series::Requests))));
}
