// What the UDP echo server refuses to echo, and the per-peer token bucket.
// Pure functions and values: no sockets, the clock is given.

#include "echo/udpguard.h"

#include <QTest>

using namespace Net;
using namespace Qt::StringLiterals;

namespace {
constexpr quint16 OwnPort = 7007;
} // namespace

class tst_UdpGuard : public QObject
{
    Q_OBJECT

private slots:
    void refusedSenders_data();
    void refusedSenders();
    void bucketStartsFullWithATenthOfTheRate();
    void bucketRefillsAtTheRate();
    void smallRatesKeepABurstFloor();
    void zeroRateMeansNoLimit();
    void clockGoingBackDoesNotStarve();
    void tallyNamesOneSenderOfEachKind();
};

void tst_UdpGuard::refusedSenders_data()
{
    QTest::addColumn<int>("port");
    QTest::addColumn<int>("expected"); // a UdpRefusal
    QTest::addRow("port 0") << 0 << int(UdpRefusal::NoPort);
    QTest::addRow("own port") << int(OwnPort) << int(UdpRefusal::OwnPort);
    for (int port : {7, 9, 13, 17, 19, 37, 53, 123, 137, 161, 389, 1, 1023})
        QTest::addRow("system port %d", port) << port << int(UdpRefusal::ServicePort);
    for (int port : {1434, 1900, 3283, 3702, 5353, 5355, 5683, 10001, 11211, 27015, 27960})
        QTest::addRow("reflector %d", port) << port << int(UdpRefusal::ServicePort);
    for (int port : {1024, 1433, 1901, 7006, 7008, 11212, 32768, 49152, 60999, 65535})
        QTest::addRow("client %d", port) << port << int(UdpRefusal::None);
}

void tst_UdpGuard::refusedSenders()
{
    QFETCH(int, port);
    QFETCH(int, expected);
    QCOMPARE(int(refusalForSource(quint16(port), OwnPort)), expected);
}

void tst_UdpGuard::bucketStartsFullWithATenthOfTheRate()
{
    TokenBucket bucket;
    int taken = 0;
    while (bucket.take(1000, 50000))
        ++taken;
    QCOMPARE(taken, 5000);
    QVERIFY(!bucket.take(1000, 50000));
}

void tst_UdpGuard::bucketRefillsAtTheRate()
{
    TokenBucket bucket;
    while (bucket.take(0, 1000)) {
    }
    // 1000 a second: one a millisecond.
    QVERIFY(!bucket.take(0, 1000));
    QVERIFY(bucket.take(1, 1000));
    QVERIFY(!bucket.take(1, 1000));
    int taken = 0;
    while (bucket.take(51, 1000))
        ++taken;
    QCOMPARE(taken, 50);
    // A long pause fills it to its burst, no more.
    taken = 0;
    while (bucket.take(3600 * 1000, 1000))
        ++taken;
    QCOMPARE(taken, 100); // a tenth of the rate
}

void tst_UdpGuard::smallRatesKeepABurstFloor()
{
    TokenBucket bucket;
    int taken = 0;
    while (bucket.take(0, 1))
        ++taken;
    QCOMPARE(taken, TokenBucket::BURST_FLOOR);
    QVERIFY(!bucket.take(999, 1));
    QVERIFY(bucket.take(1000, 1));
}

void tst_UdpGuard::zeroRateMeansNoLimit()
{
    TokenBucket bucket;
    for (int i = 0; i < 1000000; ++i)
        QVERIFY(bucket.take(0, 0));
}

void tst_UdpGuard::clockGoingBackDoesNotStarve()
{
    TokenBucket bucket;
    while (bucket.take(10000, 1000)) {
    }
    QVERIFY(!bucket.take(5000, 1000)); // earlier than before: no refill, no harm
    QVERIFY(bucket.take(5001, 1000));  // and time counts again from there
}

void tst_UdpGuard::tallyNamesOneSenderOfEachKind()
{
    UdpDropTally tally;
    QVERIFY(tally.isEmpty());
    tally.add(UdpRefusal::ServicePort, SocketAddress::from(QHostAddress(u"127.0.0.1"_s), 7));
    tally.add(UdpRefusal::OwnPort, SocketAddress::from(QHostAddress(u"127.0.0.2"_s), OwnPort));
    tally.add(UdpRefusal::RateLimited, SocketAddress::from(QHostAddress(u"::1"_s), 40000));
    QVERIFY(!tally.isEmpty());
    QCOMPARE(tally.refused, 2);
    QCOMPARE(tally.limited, 1);
    const QString sentence = tally.sentence(50000, 12);
    QVERIFY2(sentence.contains(u"2 from a service port"_s) && sentence.contains(u"127.0.0.1:7"_s)
                 && sentence.contains(u"1 over the rate of 50000"_s) && sentence.contains(u"[::1]:40000"_s)
                 && sentence.contains(u"12 since the server started"_s),
             qPrintable(sentence));
}

QTEST_GUILESS_MAIN(tst_UdpGuard)
#include "tst_udpguard.moc"
