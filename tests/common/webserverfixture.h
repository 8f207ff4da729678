#pragma once

#include "testserverids.h"
#include "http/httpserver.h"
#include "tracking/trafficmonitor.h"

#include <QHostAddress>
#include <QList>
#include <QTest>

#include <csignal>

// A Net::HttpServer with its own TrafficMonitor, created in the test's thread,
// plus a consumer that records every batch the monitor delivers. One per test
// function, so counters and records start from zero each time.
namespace HttpTest {

// The two rows every server suite runs through, from initTestCase_data().
inline void addLoopbackRows()
{
    QTest::addColumn<QString>("address");
    QTest::newRow("127.0.0.1") << QStringLiteral("127.0.0.1");
    QTest::newRow("::1") << QStringLiteral("::1");
}

// The address of the current global row.
inline QHostAddress currentLoopback()
{
    QFETCH_GLOBAL(QString, address);
    return QHostAddress(address);
}

class WebServerFixture
{
    Q_DISABLE_COPY_MOVE(WebServerFixture)

public:
    WebServerFixture()
    {
        // As NetworkEngine does for the real program: sendfile() to a reset
        // peer raises SIGPIPE, and that must not end the test run.
        std::signal(SIGPIPE, SIG_IGN);
        QObject::connect(&monitor, &Net::TrafficMonitor::batchReady, &monitor, [this](const Net::TrafficBatch &batch) {
            events += batch.events;
            connections += batch.changedConnections;
            totals = batch.totalsFor(testServerId(Net::ServerKind::Web));
            eventsDropped += batch.eventsDropped;
            ++batches;
            // Handled: the monitor may deliver the next batch.
            monitor.inFlight()->fetch_sub(1);
        });
    }

    // Starts on `config` (port 0 for a free one); returns the server's error sentence.
    QString start(const Net::WebServerConfig &config) { return server.start(config); }

    static Net::WebServerConfig config(const QHostAddress &address, const QString &root)
    {
        Net::WebServerConfig config;
        config.address = address;
        config.port = 0;
        config.rootPath = root;
        return config;
    }

    QHostAddress address() const { return server.status().address; }
    quint16 port() const { return server.status().port; }

    // Delivers what the monitor holds now, without waiting for its timer.
    void flush() { monitor.flushNow(); }

    QList<Net::TrafficEvent> eventsOfKind(Net::TrafficEvent::Kind kind) const
    {
        QList<Net::TrafficEvent> found;
        for (const Net::TrafficEvent &event : events) {
            if (event.kind == kind)
                found.append(event);
        }
        return found;
    }

    // The latest state reported for a connection, or nullptr.
    const Net::ConnectionRecord *latestRecord(quint64 id) const
    {
        for (auto it = connections.crbegin(); it != connections.crend(); ++it) {
            if (it->id == id)
                return &*it;
        }
        return nullptr;
    }
    // The id of the connection whose peer port is `peerPort`, 0 when none was reported.
    quint64 idForPeerPort(quint16 peerPort) const
    {
        for (const Net::ConnectionRecord &record : connections) {
            if (record.peerPort == peerPort)
                return record.id;
        }
        return 0;
    }

    // The monitor goes first and is destroyed last: the server reports to it until the end.
    Net::TrafficMonitor monitor;
    Net::HttpServer server{monitor, testServerId(Net::ServerKind::Web)};

    QList<Net::TrafficEvent> events;
    QList<Net::ConnectionRecord> connections;
    Net::ServerTotals totals;
    qint64 eventsDropped = 0;
    int batches = 0;
};

} // namespace HttpTest
