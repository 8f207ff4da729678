#pragma once

#include "api/serverkind.h"
#include "api/clientevent.h"

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QMetaType>

namespace Net {

enum class Direction : quint8 {
    In,   // client → server
    Out,  // server → client
    None, // an event about the connection itself
};

// Who an event is about. Client events come from the client pane's sessions:
// `connectionId` is the session id, Out is what the session sent and In what
// it received, and `peerAddress`/`peerPort` name the session's target.
enum class EventSource : quint8 { Server, Client };

// One thing that happened on a server, as a value that crosses threads. Text
// is never stored here; views format it when they paint.
struct TrafficEvent
{
    enum class Kind : quint8 {
        Data,     // an echo chunk received or sent
        Http,     // one finished HTTP exchange (an access record)
        Opened,   // a connection was accepted / a UDP peer first seen
        Closed,   // a connection ended
        Error,    // something went wrong on a server (e.g. out of descriptors); `note` says what
        ClientState, // a client session's state changed (`clientState`); `note` says how
        ClientProgress, // a client session is sending a file: `size` bytes of `bodySize` went out; `note` is its path
    };

    Kind kind = Kind::Data;
    ServerKind serverKind = ServerKind::Web;
    Direction direction = Direction::None;
    quint16 peerPort = 0;
    ServerId server = 0;
    quint64 connectionId = 0;
    qint64 timeMs = 0;      // wall clock, ms since the epoch (UTC)
    qint64 size = 0;        // bytes in this chunk; for Http: bytes sent (head + body)
    QHostAddress peerAddress;
    QByteArray payload;     // Data: the first N bytes of the chunk (N is configurable)

    // Http only
    int status = 0;
    qint64 bodySize = 0;    // body bytes sent (the "bytes" of the Common Log Format)
    qint64 durationUs = 0;  // request parsed → response queued (in memory) or last file byte sent (streamed)
    bool interrupted = false; // a streamed response the connection ended before it was whole: size counts what went out
    QByteArray requestHead; // request line and headers as received (after a parse error: the first bytes sent)
    QByteArray responseHead;

    QString note;           // Error: a sentence; Closed: why, when known

    // Client events (see EventSource). Their `note` is the transcript's text.
    EventSource source = EventSource::Server;
    ClientState clientState = ClientState::Idle; // the session's state when the event happened
    qint64 waitUs = 0;      // client Http: request sent → response headers (HAR "wait")

    // Http: parts of the request line, from requestHead ("-" when unknown).
    QByteArrayView method() const;
    QByteArrayView target() const;
    QByteArrayView httpVersion() const;

    // The bytes this event keeps alive: itself plus every buffer it holds
    // (payload, request and response heads, note, address), counted by what
    // each buffer has allocated, not by what it shows. The monitor's queue is
    // bounded by the sum of these.
    qsizetype footprint() const;
};

enum class ConnectionState : quint8 { Open, Closed };

// The live record of one TCP connection or UDP peer.
struct ConnectionRecord
{
    quint64 id = 0;
    ServerId server = 0;
    ServerKind serverKind = ServerKind::Web;
    ConnectionState state = ConnectionState::Open;
    bool udp = false;
    quint16 peerPort = 0;
    quint16 localPort = 0;
    QHostAddress peerAddress;
    QHostAddress localAddress;
    qint64 openedMs = 0;
    qint64 lastSeenMs = 0;
    qint64 closedMs = 0;
    qint64 bytesIn = 0;
    qint64 bytesOut = 0;
    qint64 requests = 0;
};

// Exact per-server counters. They are kept on the network thread and never
// sampled, so they stay right even when events are dropped.
struct ServerTotals
{
    qint64 connectionsNow = 0;
    qint64 connectionsTotal = 0;
    qint64 bytesIn = 0;
    qint64 bytesOut = 0;
    qint64 requests = 0;
    qint64 errors = 0;
    qint64 dropped = 0; // UDP echo: datagrams received and not echoed (a refused sender, or over its rate)
    QList<qint64> ruleHits; // Rules mode: replies sent per rule, in rule order, since the server started
};

// What the network thread delivers to consumers, at most every few tens of
// milliseconds: the events since the last batch, the connection records that
// changed, and the totals as they are now.
struct TrafficBatch
{
    QList<TrafficEvent> events;
    qint64 eventsDropped = 0; // events the bounded queue could not keep since the last batch
    qint64 clientEventsDropped = 0; // of which client events: their transcript misses them too
    QList<ConnectionRecord> changedConnections;
    QHash<ServerId, ServerTotals> totals; // every server that exists, by id

    ServerTotals totalsFor(ServerId server) const { return totals.value(server); }
};

} // namespace Net

Q_DECLARE_METATYPE(Net::TrafficEvent)
Q_DECLARE_METATYPE(Net::ConnectionRecord)
Q_DECLARE_METATYPE(Net::TrafficBatch)
