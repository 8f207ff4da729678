// The UDP echo server's peer table on its own: keys, recency order, the cap,
// expiry, and the records it opens and closes in the monitor. No sockets.

#include "echo/udppeertable.h"
#include "testserverids.h"
#include "echotesthelpers.h"
#include "tracking/trafficmonitor.h"

#include <QTest>

#include <memory>

using namespace Net;
using namespace Qt::StringLiterals;

namespace {

const QHostAddress V4(QHostAddress::LocalHost);
const QHostAddress V6(QHostAddress::LocalHostIPv6);
constexpr quint16 LocalPort = 7007;

SocketAddress at(const QHostAddress &address, quint16 port)
{
    return SocketAddress::from(address, port);
}

} // namespace

class tst_UdpPeerTable : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void keyedByAddressAndPort();
    void capForgetsLeastRecentlySeen();
    void capHoldsUnderAFloodOfNewPeers();
    void expireForgetsQuietPeers();
    void forgetAndClearCloseRecords();

private:
    QStringList closedNotes();

    std::unique_ptr<TrafficMonitor> m_monitor;
    std::unique_ptr<EchoTest::BatchLog> m_log;
    std::unique_ptr<UdpPeerTable> m_table;
};

void tst_UdpPeerTable::init()
{
    m_monitor = std::make_unique<TrafficMonitor>();
    m_log = std::make_unique<EchoTest::BatchLog>(*m_monitor);
    m_monitor->registerServer(testServerId(ServerKind::Udp), ServerKind::Udp);
    m_table = std::make_unique<UdpPeerTable>(*m_monitor, testServerId(ServerKind::Udp));
    m_table->setLocal(V4, LocalPort);
    m_table->setNow(1000, 1700000000000);
}

void tst_UdpPeerTable::cleanup()
{
    m_table.reset();
    m_log.reset();
    m_monitor.reset();
}

QStringList tst_UdpPeerTable::closedNotes()
{
    QStringList notes;
    if (!m_log->flush())
        return {u"no batch"_s};
    for (const TrafficEvent &event : m_log->events(TrafficEvent::Kind::Closed))
        notes.append(event.note);
    m_log->clear();
    return notes;
}

void tst_UdpPeerTable::keyedByAddressAndPort()
{
    UdpPeer &a = m_table->touch(at(V4, 5000));
    QCOMPARE(&m_table->touch(at(V4, 5000)), &a);
    UdpPeer &b = m_table->touch(at(V4, 5001));
    UdpPeer &c = m_table->touch(at(V6, 5000));
    QVERIFY(&b != &a && &c != &a && &c != &b);
    QCOMPARE(&m_table->touch(at(V4, 5000)), &a); // after others: found by the hash, not the last-peer shortcut
    QCOMPARE(m_table->size(), 3);

    const ConnectionRecord &record = a.tracked->record;
    QVERIFY(record.udp);
    QCOMPARE(record.serverKind, ServerKind::Udp);
    QCOMPARE(record.peerAddress, V4);
    QCOMPARE(record.peerPort, 5000);
    QCOMPARE(record.localPort, LocalPort);
    QCOMPARE(record.lastSeenMs, 1700000000000);
    QCOMPARE(m_table->find(at(V6, 5000)), &c);
    QCOMPARE(m_table->find(at(V6, 5001)), nullptr);
    QCOMPARE(m_table->findById(b.tracked->record.id), &b);
    QCOMPARE(m_table->ids().size(), 3);
    QCOMPARE(m_monitor->totals(testServerId(ServerKind::Udp)).connectionsNow, 3);
    QCOMPARE(m_monitor->totals(testServerId(ServerKind::Udp)).connectionsTotal, 3);
}

void tst_UdpPeerTable::capForgetsLeastRecentlySeen()
{
    m_table->setMaxPeers(3);
    const quint64 a = m_table->touch(at(V4, 5000)).tracked->record.id;
    const quint64 b = m_table->touch(at(V4, 5001)).tracked->record.id;
    const quint64 c = m_table->touch(at(V4, 5002)).tracked->record.id;
    m_table->touch(at(V4, 5000)); // a is recent again: b is now the longest idle
    QCOMPARE(m_table->trim(), 0);
    const quint64 d = m_table->touch(at(V4, 5003)).tracked->record.id;
    QCOMPARE(m_table->size(), 4); // past the cap until the batch is done...
    QCOMPARE(m_table->trim(), 1); // ...then back to it
    QCOMPARE(m_table->size(), 3);
    QCOMPARE(m_table->find(at(V4, 5001)), nullptr);
    QVERIFY(!m_monitor->find(b));
    const QList<quint64> ids = m_table->ids();
    QCOMPARE(QSet<quint64>(ids.cbegin(), ids.cend()), (QSet<quint64>{a, c, d}));
    QCOMPARE(closedNotes(), QStringList{u"forgotten: the peer table is full"_s});
    QCOMPARE(m_monitor->totals(testServerId(ServerKind::Udp)).connectionsNow, 3);
    QCOMPARE(m_monitor->totals(testServerId(ServerKind::Udp)).connectionsTotal, 4);
}

// The flood that once cost 23 MB: 100,000 forged senders, one datagram each.
void tst_UdpPeerTable::capHoldsUnderAFloodOfNewPeers()
{
    m_log->keep = false;
    m_table->setMaxPeers(1000);
    const UdpPeer &client = m_table->touch(at(V4, 40000));
    const quint64 clientId = client.tracked->record.id;
    int forgotten = 0;
    for (int i = 0; i < 100000; ++i) {
        m_table->touch(at(QHostAddress(quint32(0x0a000000 + i)), quint16(1024 + i % 60000)));
        if (i % 32 == 31) {
            m_table->touch(at(V4, 40000)); // a real client keeps talking between batches
            forgotten += m_table->trim();
            QVERIFY(m_table->size() <= 1000);
        }
    }
    forgotten += m_table->trim();
    QCOMPARE(m_table->size(), 1000);
    QCOMPARE(forgotten, 100001 - 1000);
    QVERIFY(m_table->findById(clientId)); // the active client was never forgotten
    QCOMPARE(m_monitor->totals(testServerId(ServerKind::Udp)).connectionsNow, 1000);
}

void tst_UdpPeerTable::expireForgetsQuietPeers()
{
    m_table->touch(at(V4, 5000));
    m_table->touch(at(V4, 5001));
    m_table->setNow(5000, 1700000004000);
    const quint64 recent = m_table->touch(at(V6, 5000)).tracked->record.id;
    m_table->touch(at(V4, 5001)); // seen again
    QCOMPARE(m_table->expire(1001), 1);
    QCOMPARE(m_table->ids().size(), 2);
    QCOMPARE(m_table->expire(5000), 0);
    QCOMPARE(m_table->expire(5001), 2);
    QCOMPARE(m_table->size(), 0);
    QVERIFY(!m_monitor->find(recent));
    QCOMPARE(closedNotes(), (QStringList{u"idle"_s, u"idle"_s, u"idle"_s}));
}

void tst_UdpPeerTable::forgetAndClearCloseRecords()
{
    const quint64 a = m_table->touch(at(V4, 5000)).tracked->record.id;
    m_table->touch(at(V4, 5001));
    QVERIFY(m_table->forget(a, u"closed by the user"_s));
    QVERIFY(!m_table->forget(a, u"again"_s));
    QCOMPARE(m_table->find(at(V4, 5000)), nullptr);
    QVERIFY(m_table->touch(at(V4, 5000)).tracked->record.id != a); // back: a new record
    m_table->clear(u"server stopped"_s);
    QCOMPARE(m_table->size(), 0);
    QCOMPARE(m_monitor->totals(testServerId(ServerKind::Udp)).connectionsNow, 0);
    QCOMPARE(m_monitor->totals(testServerId(ServerKind::Udp)).connectionsTotal, 3);
    QCOMPARE(closedNotes(), (QStringList{u"closed by the user"_s, u"server stopped"_s, u"server stopped"_s}));
}

QTEST_GUILESS_MAIN(tst_UdpPeerTable)
#include "tst_udppeertable.moc"
