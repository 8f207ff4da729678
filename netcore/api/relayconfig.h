#pragma once

#include <QHostAddress>
#include <QJsonObject>
#include <QMetaType>
#include <QString>

namespace Net {

// Network faults in the style of toxiproxy's "toxics", for one direction of
// a relay. Every fault has its own switch so its parameters survive being
// switched off and on again (the editor keeps what the user typed).
struct LatencyFault
{
    bool enabled = false;
    int ms = 100;       // every chunk is held this long...
    int jitterMs = 0;   // ...plus or minus up to this much (order is kept)
    bool operator==(const LatencyFault &) const = default;
};

struct BandwidthFault
{
    bool enabled = false;
    int kbPerSecond = 100; // KB = 1000 bytes
    bool operator==(const BandwidthFault &) const = default;
};

struct SlicerFault
{
    bool enabled = false;
    int averageBytes = 64;   // segments of this size on average...
    int variationBytes = 16; // ...plus or minus up to this much
    int delayUs = 1000;      // between two segments, in microseconds
    bool operator==(const SlicerFault &) const = default;
};

struct TimeoutFault
{
    bool enabled = false;
    int ms = 0; // data stops at once; the connection closes after this; 0: held open forever
    bool operator==(const TimeoutFault &) const = default;
};

struct LimitDataFault
{
    bool enabled = false;
    qint64 bytes = 1024; // the connection closes once this many bytes went through
    bool operator==(const LimitDataFault &) const = default;
};

struct ResetPeerFault
{
    bool enabled = false;
    int ms = 0; // after this long the receiving side gets a TCP reset
    bool operator==(const ResetPeerFault &) const = default;
};

struct SlowCloseFault
{
    bool enabled = false;
    int ms = 1000; // an end of stream reaches the receiving side this much later
    bool operator==(const SlowCloseFault &) const = default;
};

// The accepted ranges, shared by the JSON reader and the fault editor.
namespace FaultRange {
constexpr int MaxMs = 3600 * 1000;
constexpr int MaxKbPerSecond = 10 * 1000 * 1000;
constexpr int MaxSliceBytes = 1024 * 1024;
constexpr int MaxSliceDelayUs = 10 * 1000 * 1000;
constexpr qint64 MaxLimitBytes = qint64(1) << 40;
} // namespace FaultRange

struct FaultSet
{
    LatencyFault latency;
    BandwidthFault bandwidth;
    SlicerFault slicer;
    TimeoutFault timeout;
    LimitDataFault limitData;
    ResetPeerFault resetPeer;
    SlowCloseFault slowClose;

    bool operator==(const FaultSet &) const = default;
    // Whether bytes are delayed or split: without, the data path is a straight copy.
    bool shapesTiming() const { return latency.enabled || bandwidth.enabled || slicer.enabled; }
    bool anyEnabled() const;

    QJsonObject toJson() const;
    // Missing keys keep their defaults; a value of the wrong type or out of
    // range gives a sentence in *error and the defaults.
    static FaultSet fromJson(const QJsonObject &json, QString *error = nullptr);
};

// Upstream: what the client sends on its way to the server. Downstream: the
// server's answer on its way back to the client.
struct RelayFaults
{
    FaultSet upstream;
    FaultSet downstream;

    bool operator==(const RelayFaults &) const = default;
    QJsonObject toJson() const;
    static RelayFaults fromJson(const QJsonObject &json, QString *error = nullptr);
};

struct RelayLimits
{
    qint64 maxBufferedPerDirection = 1024 * 1024; // stop reading a side while this much waits for the other
    int maxConnections = 20000;
    int maxConnectionsPerAddress = 256; // one client address holds at most this many...
    bool loopbackExempt = true;         // ...unless it is loopback
    int connectTimeoutMs = 10000;       // an upstream that does not answer within this fails the client
    bool operator==(const RelayLimits &) const = default;
};

struct RelayConfig
{
    QHostAddress address = QHostAddress(QHostAddress::LocalHost);
    quint16 port = 0;
    // An IP address, or "localhost". Host names are not resolved: a relay
    // under test should not depend on DNS, and a lookup per connection would
    // add its own latency to every figure.
    QString upstreamHost = QStringLiteral("127.0.0.1");
    quint16 upstreamPort = 0;
    RelayFaults faults;
    RelayLimits limits;

    bool operator==(const RelayConfig &) const = default;
    // The upstream as an address, or a null address when upstreamHost is none.
    QHostAddress upstreamAddress() const;
};

} // namespace Net

Q_DECLARE_METATYPE(Net::RelayFaults)
