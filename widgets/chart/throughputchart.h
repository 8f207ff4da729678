#pragma once

#include "servernames.h"
#include "api/trafficevent.h"

#include <QList>
#include <QTimer>
#include <QWidget>

#include <array>
#include <map>

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
    // Fed by the controller's trafficBatch signal; servers named as the controller names them.
    explicit ThroughputChart(Net::NetController &net, QWidget *parent = nullptr);

    // Servers appear in the chart (and its combo) with their first totals,
    // and leave with them.
    void ingest(const Net::TrafficBatch &batch);
    void setServerNames(ServerNames names) { m_names = std::move(names); }
    // One tick now, as the 1 s timer does: appends the growth since the last tick.
    void sampleNow();

    // Per-second values, oldest first, at most SampleCount; empty before the first batch.
    QList<double> series(Series series, Net::ServerId server) const;
    // The same summed over every server.
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

    using Samples = std::array<std::array<double, SampleCount>, SeriesCount>;
    struct Track
    {
        Net::ServerTotals latest;
        Net::ServerTotals atLastTick;
        Samples samples{}; // [series][slot]; m_next is the slot the next tick writes
    };

    // server 0: the sum of all servers.
    QList<double> values(Series series, Net::ServerId server) const;
    Net::ServerId shownServer() const;
    void followServers(const Net::TrafficBatch &batch);
    QRectF plotRect(double leftLabelWidth, double rightLabelWidth) const;
    void paintGrid(QPainter &painter, const QRectF &plot, const Scale &rates, const Scale &requests) const;
    void paintSeries(QPainter &painter, const QRectF &plot, const Scale &rates, const Scale &requests) const;
    void paintLegend(QPainter &painter) const;
    void updateAccessibleDescription();

    QComboBox *m_serverCombo;
    QTimer m_tickTimer;
    bool m_haveBaseline = false;
    ServerNames m_names;
    std::map<Net::ServerId, Track> m_servers;
    int m_next = 0;
    int m_count = 0;
};
