#pragma once

#include "api/clientevent.h"
#include "api/trafficevent.h"

// Client sessions' events travel in the one event pipeline as TrafficEvents
// (source Client), so the traffic log and its exports see them; the façade
// turns them back into the ClientEvents of the client pane's transcript.
// These two functions are that round trip, pure and lossless for everything
// the transcript shows.
namespace Net {

// The traffic log names the session's target on every row: `target` fills
// the peer of events that have none (sends, TCP reads, errors, HTTP), while
// an event's own peer (a UDP datagram's sender, Connected's peer) wins.
TrafficEvent clientTrafficEvent(ClientEvent &&event, const QHostAddress &target, quint16 targetPort);

// The transcript's event back. `datagramPeers`: the session is UDP, whose
// received events name their sender; others' peers were filled in for the log.
ClientEvent clientEventFrom(const TrafficEvent &event, bool datagramPeers);

} // namespace Net
