#pragma once

#include "tracking/trafficevent.h"

#include <QList>
#include <QTimer>
#include <QWidget>

#include <array>

class QComboBox;

namespace Net {
class NetController;
}

// The last minute of traffic: bytes/s in and out and requests/s, one sample a
// second, per server or summed. Samples come from the exact totals of the
// batches, not from counting events, so dropped events never show as a dip.
// The first batch is the baseline; each tick records the growth since the
// previous tick. Painted by hand: a widget of 60 points needs no Qt Charts.
class ThroughputChart final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ThroughputChart)

public:
    enum class Series { BytesIn, BytesOut, Requests };
    static constexpr int SeriesCount = 3;
    static constexpr int SampleCount = 60;

    // Fed by hand through ingest() (tests, previews).
    explicit ThroughputChart(QWidget *parent = nullptr);
    // Fed by the controller's trafficBatch signal.
    explicit ThroughputChart(Net::NetController &net, QWidget *parent = nullptr);

    void ingest(const Net::TrafficBatch &batch);
    // One tick now, as the 1 s timer does: appends the growth since the last tick.
    void sampleNow();

    // Per-second values, oldest first, at most SampleCount; empty before the first batch.
    QList<double> series(Series series, Net::ServerKind kind) const;
    // The same summed over the three servers.
    QList<double> totalSeries(Series series) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    struct Scale
    {
        double max = 1;   // the value at the top of the plot
        int divisions = 4;
    };

    // kindIndex < 0: the sum of all servers.
    QList<double> values(Series series, int kindIndex) const;
    int shownKindIndex() const;
    QRectF plotRect(double leftLabelWidth, double rightLabelWidth) const;
    void paintGrid(QPainter &painter, const QRectF &plot, const Scale &rates, const Scale &requests) const;
    void paintSeries(QPainter &painter, const QRectF &plot, const Scale &rates, const Scale &requests) const;
    void paintLegend(QPainter &painter) const;
    void updateAccessibleDescription();

    QComboBox *m_serverCombo;
    QTimer m_tickTimer;
    bool m_haveBaseline = false;
    Net::ServerTotals m_latest[Net::ServerKindCount];
    Net::ServerTotals m_atLastTick[Net::ServerKindCount];
    // m_samples[kind][series][slot]; m_next is the slot the next tick writes.
    std::array<std::array<std::array<double, SampleCount>, SeriesCount>, Net::ServerKindCount> m_samples{};
    int m_next = 0;
    int m_count = 0;
};
