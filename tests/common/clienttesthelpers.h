#pragma once

// Shared by the client session suites: a ClientHub in the test's thread,
// posting into a TrafficMonitor as in the program, with a recorder of every
// batch the monitor delivers (its client events turned back into the
// transcript's ClientEvents, as the façade does), and queries over them.

#include "client/clienthub.h"
#include "client/clienttraffic.h"
#include "tracking/trafficmonitor.h"

#include <QStringList>

#include <algorithm>

namespace ClientTest {

inline QString stateName(Net::ClientState state)
{
    switch (state) {
    case Net::ClientState::Idle: return QStringLiteral("Idle");
    case Net::ClientState::Resolving: return QStringLiteral("Resolving");
    case Net::ClientState::Connecting: return QStringLiteral("Connecting");
    case Net::ClientState::Connected: return QStringLiteral("Connected");
    case Net::ClientState::Closing: return QStringLiteral("Closing");
    case Net::ClientState::Closed: return QStringLiteral("Closed");
    }
    return QStringLiteral("?");
}

class HubRecorder
{
    Q_DISABLE_COPY_MOVE(HubRecorder)

public:
    using Kind = Net::ClientEvent::Kind;

    HubRecorder()
    {
        QObject::connect(&monitor, &Net::TrafficMonitor::batchReady, &monitor, [this](const Net::TrafficBatch &batch) {
            bool client = false;
            for (const Net::TrafficEvent &event : batch.events) {
                if (event.source != Net::EventSource::Client)
                    continue;
                client = true;
                // The suites check the peers of UDP reads only; a TCP read's
                // peer (the target, filled in for the log) does no harm here.
                all.append(Net::clientEventFrom(event, true));
            }
            if (client || batch.clientEventsDropped > 0)
                ++batches;
            dropped += batch.clientEventsDropped;
            monitor.inFlight()->fetch_sub(1); // handled: the monitor may send the next batch
        });
    }

    QList<Net::ClientEvent> events(quint64 id, Kind kind) const
    {
        QList<Net::ClientEvent> found;
        for (const Net::ClientEvent &event : all) {
            if (event.sessionId == id && event.kind == kind)
                found.append(event);
        }
        return found;
    }

    // Whether an event of that kind has `textPart` in its text (any case).
    bool has(quint64 id, Kind kind, const QString &textPart = {}) const
    {
        const QList<Net::ClientEvent> found = events(id, kind);
        return std::any_of(found.begin(), found.end(), [&](const Net::ClientEvent &event) {
            return event.text.contains(textPart, Qt::CaseInsensitive);
        });
    }

    // "Connecting,Connected,Closed": the states a session went through.
    QString states(quint64 id) const
    {
        QStringList names;
        for (const Net::ClientEvent &event : events(id, Kind::State))
            names.append(stateName(event.state));
        return names.join(u',');
    }

    Net::ClientState lastState(quint64 id) const
    {
        const QList<Net::ClientEvent> found = events(id, Kind::State);
        return found.isEmpty() ? Net::ClientState::Idle : found.constLast().state;
    }

    QString firstText(quint64 id, Kind kind) const
    {
        const QList<Net::ClientEvent> found = events(id, kind);
        return found.isEmpty() ? QString() : found.constFirst().text;
    }

    // All Received payloads of a session, in order.
    QByteArray received(quint64 id) const
    {
        QByteArray bytes;
        for (const Net::ClientEvent &event : events(id, Kind::Received))
            bytes += event.data;
        return bytes;
    }

    Net::TrafficMonitor monitor;
    Net::ClientHub hub{monitor};
    QList<Net::ClientEvent> all;
    int batches = 0;
    qint64 dropped = 0;
};

} // namespace ClientTest
