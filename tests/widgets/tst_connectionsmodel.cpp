#include "connectionsmodel.h"
#include "testserverids.h"

#include <QAbstractItemModelTester>
#include <QColor>
#include <QDateTime>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

Net::ConnectionRecord record(quint64 id, Net::ServerKind server = Net::ServerKind::Tcp)
{
    Net::ConnectionRecord r;
    r.id = id;
    setServer(r, server);
    r.udp = server == Net::ServerKind::Udp;
    r.peerAddress = QHostAddress(QHostAddress::LocalHost);
    r.peerPort = quint16(40000 + id % 20000);
    r.localAddress = QHostAddress(QHostAddress::LocalHost);
    r.localPort = 7007;
    r.openedMs = QDateTime::currentMSecsSinceEpoch() - 2000;
    r.lastSeenMs = r.openedMs;
    return r;
}

Net::ConnectionRecord closed(Net::ConnectionRecord r)
{
    r.state = Net::ConnectionState::Closed;
    r.closedMs = r.openedMs + 1500;
    return r;
}

Net::TrafficBatch batchOf(const QList<Net::ConnectionRecord> &records)
{
    Net::TrafficBatch batch;
    batch.changedConnections = records;
    return batch;
}

// The row of connection `id`, found by scanning IdRole as a view would.
int rowOf(const ConnectionsModel &model, quint64 id)
{
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.index(row, 0).data(ConnectionsModel::IdRole).toULongLong() == id)
            return row;
    }
    return -1;
}

QString text(const ConnectionsModel &model, quint64 id, int column)
{
    return model.index(rowOf(model, id), column).data().toString();
}

} // namespace

class tst_ConnectionsModel : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_model = std::make_unique<ConnectionsModel>();
        m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(),
                                                              QAbstractItemModelTester::FailureReportingMode::QtTest);
    }
    void cleanup()
    {
        m_tester.reset();
        m_model.reset();
    }

    void openRecordsAppear()
    {
        Net::ConnectionRecord web = record(1, Net::ServerKind::Web);
        web.requests = 3;
        const Net::ConnectionRecord echo = record(2);
        const Net::ConnectionRecord udp = record(3, Net::ServerKind::Udp);
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
        m_model->ingest(batchOf({web, echo, udp}));

        QCOMPARE(m_model->rowCount(), 3);
        QCOMPARE(m_model->columnCount(), int(ConnectionsModel::ColumnCount));
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(m_model->openCount(), 3);
        QCOMPARE(text(*m_model, 1, ConnectionsModel::IdColumn), u"1"_s);
        QCOMPARE(text(*m_model, 1, ConnectionsModel::ServerColumn), u"web"_s);
        QCOMPARE(text(*m_model, 2, ConnectionsModel::ServerColumn), u"tcp"_s); // no names given: the kind's
        QCOMPARE(text(*m_model, 3, ConnectionsModel::ServerColumn), u"udp"_s);
        m_model->setServerNames([](Net::ServerId id) { return u"server %1"_s.arg(id); });
        QCOMPARE(text(*m_model, 2, ConnectionsModel::ServerColumn),
                 u"server %1"_s.arg(testServerId(Net::ServerKind::Tcp)));
        m_model->setServerNames({});
        QCOMPARE(text(*m_model, 2, ConnectionsModel::PeerColumn), u"127.0.0.1:40002"_s);
        QCOMPARE(text(*m_model, 1, ConnectionsModel::RequestsColumn), u"3"_s);
        QCOMPARE(text(*m_model, 2, ConnectionsModel::RequestsColumn), u"—"_s);
        QCOMPARE(text(*m_model, 1, ConnectionsModel::StateColumn), u"Open"_s);
        QCOMPARE(text(*m_model, 3, ConnectionsModel::StateColumn), u"Active"_s);
        QVERIFY(text(*m_model, 2, ConnectionsModel::DurationColumn).endsWith(u" s"_s));
        QCOMPARE(m_model->headerData(ConnectionsModel::BytesInColumn, Qt::Horizontal).toString(), u"Bytes in"_s);
        QVERIFY(!m_model->index(0, 0).data(Qt::ForegroundRole).isValid());
        QCOMPARE(m_model->recordForId(2)->peerPort, quint16(40002));
        QCOMPARE(m_model->recordForId(99), nullptr);
    }

    void changesUpdateCells()
    {
        QList<Net::ConnectionRecord> records;
        for (quint64 id = 1; id <= 10; ++id)
            records.append(record(id));
        m_model->ingest(batchOf(records));

        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
        Net::ConnectionRecord four = records[3];
        four.bytesIn = 2048;
        four.bytesOut = 15;
        m_model->ingest(batchOf({four}));

        QCOMPARE(inserted.size(), 0);
        QCOMPARE(changed.size(), 1);
        const auto topLeft = changed[0][0].value<QModelIndex>();
        const auto bottomRight = changed[0][1].value<QModelIndex>();
        QCOMPARE(topLeft.row(), rowOf(*m_model, 4));
        QCOMPARE(bottomRight.row(), rowOf(*m_model, 4));
        QCOMPARE(bottomRight.column(), int(ConnectionsModel::ColumnCount) - 1);
        QCOMPARE(text(*m_model, 4, ConnectionsModel::BytesInColumn), u"2.0 KiB"_s);
        QCOMPARE(text(*m_model, 4, ConnectionsModel::BytesOutColumn), u"15 B"_s);
        QCOMPARE(m_model->index(rowOf(*m_model, 4), ConnectionsModel::BytesInColumn).data(ConnectionsModel::SortRole),
                 QVariant(qint64(2048)));

        // Adjacent changed rows share one signal.
        changed.clear();
        Net::ConnectionRecord five = records[4];
        five.bytesIn = 1;
        Net::ConnectionRecord nine = records[8];
        nine.bytesIn = 1;
        m_model->ingest(batchOf({nine, five, four}));
        QCOMPARE(changed.size(), 2);
    }

    void mostRowsChangedIsOneSignal()
    {
        QList<Net::ConnectionRecord> records;
        for (quint64 id = 1; id <= 10; ++id)
            records.append(record(id));
        m_model->ingest(batchOf(records));

        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        QList<Net::ConnectionRecord> update;
        for (int i = 0; i < 10; i += 2)
            update.append(records[i]);
        update.append(records[9]); // 6 of 10, not adjacent
        for (Net::ConnectionRecord &r : update)
            r.bytesOut = 7;
        m_model->ingest(batchOf(update));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed[0][0].value<QModelIndex>(), m_model->index(0, 0));
        QCOMPARE(changed[0][1].value<QModelIndex>(), m_model->index(9, ConnectionsModel::ColumnCount - 1));
    }

    void newIdsAreOneInsertAtTheEnd()
    {
        m_model->ingest(batchOf({record(1), record(2)}));
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
        Net::ConnectionRecord one = record(1);
        one.bytesIn = 5;
        m_model->ingest(batchOf({record(3), one, record(4), record(5), closed(record(6))}));
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(inserted[0][1].toInt(), 2);
        QCOMPARE(inserted[0][2].toInt(), 5);
        QCOMPARE(m_model->rowCount(), 6);
        QCOMPARE(m_model->openCount(), 5);
        // A connection that opened and closed between two batches still shows, greyed.
        QCOMPARE(text(*m_model, 6, ConnectionsModel::StateColumn), u"Closed"_s);
        QVERIFY(m_model->index(rowOf(*m_model, 6), 0).data(Qt::ForegroundRole).isValid());
    }

    void closedRowsGreyThenVanish()
    {
        m_model->setLingerMs(200);
        QList<Net::ConnectionRecord> records;
        for (quint64 id = 1; id <= 8; ++id)
            records.append(record(id, id == 8 ? Net::ServerKind::Udp : Net::ServerKind::Tcp));
        m_model->ingest(batchOf(records));

        QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
        m_model->ingest(batchOf({closed(records[1]), closed(records[2]), closed(records[5]), closed(records[7])}));
        QCOMPARE(m_model->rowCount(), 8);
        QCOMPARE(m_model->openCount(), 4);
        const QModelIndex two = m_model->index(rowOf(*m_model, 2), ConnectionsModel::StateColumn);
        QCOMPARE(two.data().toString(), u"Closed"_s);
        QVERIFY(two.data(Qt::ForegroundRole).value<QColor>().isValid());
        QCOMPARE(text(*m_model, 8, ConnectionsModel::StateColumn), u"Expired"_s);
        // Closed durations stay fixed at closedMs − openedMs.
        QCOMPARE(m_model->index(two.row(), ConnectionsModel::DurationColumn).data(ConnectionsModel::SortRole),
                 QVariant(qint64(1500)));

        QTRY_COMPARE(m_model->rowCount(), 4);
        QCOMPARE(removed.size(), 3); // rows 1–2, 5 and 7: one signal per contiguous range
        for (const quint64 id : {2, 3, 6, 8})
            QCOMPARE(m_model->recordForId(id), nullptr);
        for (const quint64 id : {1, 4, 5, 7}) {
            QVERIFY(m_model->recordForId(id));
            QCOMPARE(m_model->recordForId(id)->id, id);
            QCOMPARE(rowOf(*m_model, id) >= 0, true);
        }
    }

    void manyScatteredRemovalsReset()
    {
        m_model->setLingerMs(0);
        QList<Net::ConnectionRecord> records;
        for (quint64 id = 1; id <= 100; ++id)
            records.append(record(id));
        m_model->ingest(batchOf(records));
        QList<Net::ConnectionRecord> closing;
        for (int i = 0; i < 100; i += 2)
            closing.append(closed(records[i]));
        QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
        m_model->ingest(batchOf(closing));
        QTRY_COMPARE(m_model->rowCount(), 50);
        QCOMPARE(reset.size(), 1);
        for (quint64 id = 2; id <= 100; id += 2)
            QCOMPARE(m_model->recordForId(id)->id, id);
    }

    void durationTicksOnItsColumnOnly()
    {
        m_model->ingest(batchOf({record(1), record(2)}));
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        QVERIFY(changed.wait(3000));
        const auto topLeft = changed[0][0].value<QModelIndex>();
        const auto bottomRight = changed[0][1].value<QModelIndex>();
        QCOMPARE(topLeft.column(), int(ConnectionsModel::DurationColumn));
        QCOMPARE(bottomRight.column(), int(ConnectionsModel::DurationColumn));
        QCOMPARE(topLeft.row(), 0);
        QCOMPARE(bottomRight.row(), 1);
    }

    void tenThousandRows()
    {
        QList<Net::ConnectionRecord> records;
        for (quint64 id = 1; id <= 10000; ++id) {
            records.append(record(id * 3)); // ids need not be dense
            records.last().bytesIn = qint64(id);
        }
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
        QElapsedTimer timer;
        timer.start();
        m_model->ingest(batchOf(records));
        const qint64 insertMs = timer.elapsed();
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(m_model->rowCount(), 10000);

        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        for (Net::ConnectionRecord &r : records)
            r.bytesOut += 100;
        timer.restart();
        m_model->ingest(batchOf(records));
        const qint64 updateMs = timer.elapsed();
        QCOMPARE(changed.size(), 1);
        qInfo("10,000 rows: insert %lld ms, update %lld ms (with the model tester)", insertMs, updateMs);

        for (int row = 0; row < 10000; row += 997) {
            const quint64 id = m_model->index(row, 0).data(ConnectionsModel::IdRole).toULongLong();
            QCOMPARE(id, quint64(row + 1) * 3);
            QCOMPARE(m_model->recordForId(id)->bytesIn, qint64(row + 1));
        }
    }

    void clearEmptiesTheModel()
    {
        m_model->ingest(batchOf({record(1), record(2)}));
        m_model->clear();
        QCOMPARE(m_model->rowCount(), 0);
        QCOMPARE(m_model->openCount(), 0);
        QCOMPARE(m_model->recordForId(1), nullptr);
        m_model->ingest(batchOf({record(1)}));
        QCOMPARE(m_model->rowCount(), 1);
    }

private:
    std::unique_ptr<ConnectionsModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

QTEST_MAIN(tst_ConnectionsModel)
#include "tst_connectionsmodel.moc"
