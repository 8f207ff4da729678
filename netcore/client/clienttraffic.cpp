#include "clienttraffic.h"

namespace Net {

namespace {

// "HTTP/1.1 200 OK\r\nName: value\r\n…\r\n": the reply's status and headers in
// the form the log and the HAR export read for every exchange.
QByteArray responseHead(const ClientEvent &event)
{
    QByteArray head = "HTTP/1.1 " + QByteArray::number(event.httpStatus) + ' ' + event.httpReason + "\r\n";
    for (const auto &[name, value] : event.headers)
        head += name + ": " + value + "\r\n";
    return head + "\r\n";
}

// The inverse of responseHead(): the reason and the headers, in order.
void readResponseHead(const QByteArray &head, ClientEvent &event)
{
    const QList<QByteArray> lines = head.split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).endsWith('\r') ? lines.at(i).chopped(1) : lines.at(i);
        if (i == 0) {
            // "HTTP/1.1 200 OK": the reason is what follows the second space.
            const qsizetype first = line.indexOf(' ');
            const qsizetype second = first < 0 ? -1 : line.indexOf(' ', first + 1);
            event.httpReason = second < 0 ? QByteArray() : line.sliced(second + 1);
            continue;
        }
        if (line.isEmpty())
            break;
        const qsizetype colon = line.indexOf(": ");
        if (colon > 0)
            event.headers.append({line.first(colon), line.sliced(colon + 2)});
    }
}

TrafficEvent::Kind trafficKind(ClientEvent::Kind kind)
{
    switch (kind) {
    case ClientEvent::Kind::State: return TrafficEvent::Kind::ClientState;
    case ClientEvent::Kind::Sent:
    case ClientEvent::Kind::Received: return TrafficEvent::Kind::Data;
    case ClientEvent::Kind::Error: return TrafficEvent::Kind::Error;
    case ClientEvent::Kind::HttpReply: return TrafficEvent::Kind::Http;
    case ClientEvent::Kind::Progress: return TrafficEvent::Kind::ClientProgress;
    }
    return TrafficEvent::Kind::Error;
}

ClientEvent::Kind clientKind(const TrafficEvent &event)
{
    switch (event.kind) {
    case TrafficEvent::Kind::ClientState: return ClientEvent::Kind::State;
    case TrafficEvent::Kind::Data:
        return event.direction == Direction::Out ? ClientEvent::Kind::Sent : ClientEvent::Kind::Received;
    case TrafficEvent::Kind::Http: return ClientEvent::Kind::HttpReply;
    case TrafficEvent::Kind::ClientProgress: return ClientEvent::Kind::Progress;
    case TrafficEvent::Kind::Opened:
    case TrafficEvent::Kind::Closed:
    case TrafficEvent::Kind::Error: break;
    }
    return ClientEvent::Kind::Error;
}

} // namespace

TrafficEvent clientTrafficEvent(ClientEvent &&event, const QHostAddress &target, quint16 targetPort)
{
    TrafficEvent traffic;
    traffic.kind = trafficKind(event.kind);
    traffic.source = EventSource::Client;
    traffic.clientState = event.state;
    traffic.connectionId = event.sessionId;
    traffic.timeMs = event.timeMs;
    traffic.size = event.size;
    traffic.payload = std::move(event.data);
    traffic.note = std::move(event.text);
    const bool ownPeer = !event.peerAddress.isNull();
    traffic.peerAddress = ownPeer ? event.peerAddress : target;
    traffic.peerPort = ownPeer ? event.peerPort : targetPort;
    if (event.kind == ClientEvent::Kind::Sent)
        traffic.direction = Direction::Out;
    else if (event.kind == ClientEvent::Kind::Received)
        traffic.direction = Direction::In;
    if (event.kind == ClientEvent::Kind::Progress)
        traffic.bodySize = event.total;
    if (event.kind == ClientEvent::Kind::HttpReply) {
        traffic.status = event.httpStatus;
        traffic.bodySize = event.size;
        traffic.durationUs = event.totalUs;
        traffic.waitUs = event.headersAfterUs;
        traffic.requestHead = std::move(event.requestHead);
        traffic.responseHead = responseHead(event);
    }
    return traffic;
}

ClientEvent clientEventFrom(const TrafficEvent &traffic, bool datagramPeers)
{
    ClientEvent event;
    event.kind = clientKind(traffic);
    event.state = traffic.clientState;
    event.sessionId = traffic.connectionId;
    event.timeMs = traffic.timeMs;
    event.data = traffic.payload;
    event.size = traffic.size;
    event.text = traffic.note;
    // Only these events carry a peer of their own (see clientevent.h).
    const bool ownPeer = (event.kind == ClientEvent::Kind::State && event.state == ClientState::Connected)
        || (event.kind == ClientEvent::Kind::Received && datagramPeers);
    if (ownPeer) {
        event.peerAddress = traffic.peerAddress;
        event.peerPort = traffic.peerPort;
    }
    if (event.kind == ClientEvent::Kind::Progress)
        event.total = traffic.bodySize;
    if (event.kind == ClientEvent::Kind::HttpReply) {
        event.httpStatus = traffic.status;
        readResponseHead(traffic.responseHead, event);
        event.headersAfterUs = traffic.waitUs;
        event.totalUs = traffic.durationUs;
        event.requestHead = traffic.requestHead;
    }
    return event;
}

} // namespace Net
