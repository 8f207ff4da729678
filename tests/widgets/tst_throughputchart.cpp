#include "api/netcontroller.h"
#include "testserverids.h"
#include "throughputchart.h"

#include <QComboBox>
#include <QImage>
#include <QPainter>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTest>

#include <numeric>

using namespace Qt::StringLiterals;

namespace {

using Series = ThroughputChart::Series;

// A batch whose totals are `in`, `out`, `requests` for `kind` and zero elsewhere.
Net::TrafficBatch totalsBatch(Net::ServerKind kind, qint64 in, qint64 out, qint64 requests = 0)
{
    Net::TrafficBatch batch;
    Net::ServerTotals &totals = batch.totals[testServerId(kind)];
    totals.bytesIn = in;
    totals.bytesOut = out;
    totals.requests = requests;
    return batch;
}

Net::TrafficBatch mixedBatch(qint64 webIn, qint64 echoIn, qint64 udpIn)
{
    Net::TrafficBatch batch;
    batch.totals[testServerId(Net::ServerKind::Web)].bytesIn = webIn;
    batch.totals[testServerId(Net::ServerKind::Web)].requests = webIn / 100;
    batch.totals[testServerId(Net::ServerKind::Tcp)].bytesIn = echoIn;
    batch.totals[testServerId(Net::ServerKind::Tcp)].bytesOut = echoIn;
    batch.totals[testServerId(Net::ServerKind::Udp)].bytesIn = udpIn;
    return batch;
}

// True when the image holds more than one colour: something was drawn.
bool hasContent(const QImage &image)
{
    const QRgb first = image.pixel(0, 0);
    for (int y = 0; y < image.height(); y += 2) {
        for (int x = 0; x < image.width(); x += 2) {
            if (image.pixel(x, y) != first)
                return true;
        }
    }
    return false;
}

QPalette darkPalette()
{
    QPalette palette;
    palette.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    palette.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    palette.setColor(QPalette::Text, QColor(0xe0, 0xe0, 0xe0));
    palette.setColor(QPalette::WindowText, QColor(0xe0, 0xe0, 0xe0));
    return palette;
}

} // namespace

class tst_ThroughputChart : public QObject
{
    Q_OBJECT

private slots:
    void nothingBeforeTheFirstBatch()
    {
        ThroughputChart chart;
        QCOMPARE(chart.objectName(), u"throughputChart"_s);
        chart.sampleNow();
        QVERIFY(chart.totalSeries(Series::BytesIn).isEmpty());
        QVERIFY(chart.series(Series::Requests, testServerId(Net::ServerKind::Web)).isEmpty());
    }

    void deltasPerSecond()
    {
        ThroughputChart chart;
        // The first batch is the baseline: what came before the chart is not a spike.
        chart.ingest(totalsBatch(Net::ServerKind::Web, 5000, 9000, 40));
        chart.sampleNow();
        chart.ingest(totalsBatch(Net::ServerKind::Web, 5100, 9050, 41)); // several batches per second:
        chart.ingest(totalsBatch(Net::ServerKind::Web, 6000, 9500, 43)); // only the last counts
        chart.sampleNow();
        chart.sampleNow(); // a quiet second
        chart.ingest(totalsBatch(Net::ServerKind::Web, 6001, 9500, 43));
        chart.sampleNow();

        QCOMPARE(chart.series(Series::BytesIn, testServerId(Net::ServerKind::Web)), QList<double>({0, 1000, 0, 1}));
        QCOMPARE(chart.series(Series::BytesOut, testServerId(Net::ServerKind::Web)), QList<double>({0, 500, 0, 0}));
        QCOMPARE(chart.series(Series::Requests, testServerId(Net::ServerKind::Web)), QList<double>({0, 3, 0, 0}));
        QCOMPARE(chart.series(Series::BytesIn, testServerId(Net::ServerKind::Tcp)), QList<double>({0, 0, 0, 0}));
    }

    void totalIsTheSum()
    {
        ThroughputChart chart;
        chart.ingest(mixedBatch(0, 0, 0));
        chart.ingest(mixedBatch(1000, 20, 3));
        chart.sampleNow();
        chart.ingest(mixedBatch(3000, 60, 3));
        chart.sampleNow();
        QCOMPARE(chart.series(Series::BytesIn, testServerId(Net::ServerKind::Web)), QList<double>({1000, 2000}));
        QCOMPARE(chart.series(Series::BytesIn, testServerId(Net::ServerKind::Tcp)), QList<double>({20, 40}));
        QCOMPARE(chart.series(Series::BytesIn, testServerId(Net::ServerKind::Udp)), QList<double>({3, 0}));
        QCOMPARE(chart.totalSeries(Series::BytesIn), QList<double>({1023, 2040}));
        QCOMPARE(chart.totalSeries(Series::BytesOut), QList<double>({20, 40}));
        QCOMPARE(chart.totalSeries(Series::Requests), QList<double>({10, 20}));
    }

    void keepsTheLastMinute()
    {
        ThroughputChart chart;
        chart.ingest(totalsBatch(Net::ServerKind::Tcp, 0, 0));
        for (qint64 second = 1; second <= 75; ++second) {
            chart.ingest(totalsBatch(Net::ServerKind::Tcp, second * (second + 1) / 2, 0)); // grows by `second`
            chart.sampleNow();
        }
        const QList<double> in = chart.series(Series::BytesIn, testServerId(Net::ServerKind::Tcp));
        QCOMPARE(in.size(), ThroughputChart::SampleCount);
        QCOMPARE(in.first(), 16.0);
        QCOMPARE(in.last(), 75.0);
    }

    void restartedCounterIsNotNegative()
    {
        ThroughputChart chart;
        chart.ingest(totalsBatch(Net::ServerKind::Tcp, 10000, 10000));
        chart.ingest(totalsBatch(Net::ServerKind::Tcp, 300, 0)); // the server was restarted
        chart.sampleNow();
        QCOMPARE(chart.series(Series::BytesIn, testServerId(Net::ServerKind::Tcp)), QList<double>({300}));
        QCOMPARE(chart.series(Series::BytesOut, testServerId(Net::ServerKind::Tcp)), QList<double>({0}));
    }

    void selectorAndSizes()
    {
        ThroughputChart chart;
        auto *combo = chart.findChild<QComboBox *>(u"chartServerCombo"_s);
        QVERIFY(combo);
        QVERIFY(!combo->accessibleName().isEmpty());
        QCOMPARE(combo->count(), 1); // the servers follow with their first totals
        QCOMPARE(combo->itemText(0), u"Total"_s);
        chart.ingest(mixedBatch(0, 0, 0));
        QCOMPARE(combo->count(), 4);
        QCOMPARE(combo->itemData(1).toUInt(), testServerId(Net::ServerKind::Web));
        QCOMPARE(combo->itemText(2), u"#%1"_s.arg(testServerId(Net::ServerKind::Tcp))); // no names given
        chart.setServerNames([](Net::ServerId id) { return u"server %1"_s.arg(id); });
        chart.ingest(totalsBatch(Net::ServerKind::Relay, 0, 0)); // the other three were removed
        QCOMPARE(combo->count(), 2);
        QCOMPARE(combo->itemText(1), u"server %1"_s.arg(testServerId(Net::ServerKind::Relay)));
        QVERIFY(chart.sizeHint().width() >= chart.minimumSizeHint().width());
        QVERIFY(chart.sizeHint().height() >= chart.minimumSizeHint().height());
    }

    void paintsWithoutWarnings()
    {
        QTest::failOnWarning(QRegularExpression(u".*"_s));
        ThroughputChart chart;
        const QList<QSize> sizes = {{480, 180}, {900, 400}, {240, 120}, {60, 30}, {3, 3}, {1, 1}};
        // Before the first batch: only the placeholder.
        chart.resize(480, 180);
        QVERIFY(hasContent(chart.grab().toImage()));

        chart.ingest(mixedBatch(0, 0, 0));
        for (qint64 second = 1; second <= 70; ++second) {
            chart.ingest(mixedBatch(second * second * 4000, second * 700, second * 30));
            chart.sampleNow();
            if (second == 1 || second == 30 || second == 70) {
                for (const QSize &size : sizes) {
                    chart.resize(size);
                    for (int server = 0; server < 4; ++server) {
                        chart.findChild<QComboBox *>(u"chartServerCombo"_s)->setCurrentIndex(server);
                        QImage image(size, QImage::Format_ARGB32_Premultiplied);
                        image.fill(Qt::transparent);
                        chart.render(&image);
                        if (size.width() >= 240)
                            QVERIFY(hasContent(image));
                    }
                }
            }
        }
        chart.setPalette(darkPalette());
        chart.resize(480, 180);
        const QImage dark = chart.grab().toImage();
        QCOMPARE(dark.pixelColor(0, dark.height() - 1), QColor(0x1e, 0x1e, 0x1e)); // the base of the dark palette
        QVERIFY(hasContent(dark));
    }

    // 20,000 requests a second read "20K" (the axis, the legend and the
    // description share one label), never "2e+04".
    void largeRatesReadInThousands()
    {
        ThroughputChart chart;
        chart.ingest(totalsBatch(Net::ServerKind::Web, 0, 0, 0));
        chart.ingest(totalsBatch(Net::ServerKind::Web, 0, 0, 20000));
        chart.sampleNow();
        const QString description = chart.accessibleDescription();
        QVERIFY2(description.contains(u"20K requests"_s), qPrintable(description));
        QVERIFY2(!description.contains(u"e+"_s), qPrintable(description));
    }

    void followsTheController()
    {
        Net::NetController net;
        ThroughputChart chart(net);
        Net::EchoServerConfig config;
        config.port = 0;
        const Net::ServerId tcp = net.startTcp(config);
        QTRY_VERIFY(net.status(Net::ServerKind::Tcp).running);
        QTcpSocket socket;
        // The server runs on the controller's own thread, so a blocking connect is safe.
        socket.connectToHost(QHostAddress(QHostAddress::LocalHost), net.status(Net::ServerKind::Tcp).port);
        QVERIFY(socket.waitForConnected(10000));
        QTRY_COMPARE(net.totals(tcp).connectionsNow, qint64(1)); // the baseline batch arrived
        socket.write(QByteArray(1000, 'x'));
        QTRY_COMPARE(net.totals(tcp).bytesIn, qint64(1000));
        chart.sampleNow();
        // The chart's own 1 s timer may have ticked in between: count the whole window.
        const QList<double> echo = chart.series(Series::BytesIn, tcp);
        QCOMPARE(std::accumulate(echo.cbegin(), echo.cend(), 0.0), 1000.0);
        const QList<double> total = chart.totalSeries(Series::BytesIn);
        QCOMPARE(std::accumulate(total.cbegin(), total.cend(), 0.0), 1000.0);
    }
};

QTEST_MAIN(tst_ThroughputChart)
#include "tst_throughputchart.moc"
