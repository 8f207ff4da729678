#pragma once

#include "faultshaper.h"
#include "api/relayconfig.h"
#include "server/outputqueue.h"
#include "api/trafficevent.h"

#include <QByteArray>
#include <QTimer>

#include <limits>
#include <memory>

namespace Net {

class RelayConnection;
class StreamSocket;

// One direction of a relay connection: reads its source socket, passes the
// bytes through the direction's faults and writes them to its sink socket.
//
// Back-pressure: while more than the relay's bound waits for the sink (in
// the fault stage or the output queue), the source is not read, so a side
// that does not read holds the other back through TCP flow control, not
// through our memory. The end of the source's stream travels on as a
// half-close of the sink once everything before it went out.
class RelayPipe
{
    Q_DISABLE_COPY_MOVE(RelayPipe)

public:
    RelayPipe(RelayConnection &owner, Direction direction);

    // Both sockets are connected: start moving bytes.
    void attach(StreamSocket *source, StreamSocket *sink);
    void setFaults(const FaultSet &faults);
    // The connection is ending: no more I/O and no more timers.
    void stop();

    qint64 held() const { return m_out.size() + m_shaper.held(); }
    bool finished() const { return m_finished; }

private:
    void onReadable();
    bool readOnce(); // true when another read may find more at once
    void pass(qint64 size);
    void writeDirect(qint64 size);
    void queueFromChunk(qint64 from, qint64 to);
    void deliver(const QByteArray &piece);
    void flush();
    void maybeFinish();
    void propagateEnd();
    void updateInterest();

    RelayConnection &m_owner;
    Direction m_direction;
    StreamSocket *m_source = nullptr;
    StreamSocket *m_sink = nullptr;
    FaultSet m_faults;
    FaultShaper m_shaper;
    OutputQueue m_out;
    QByteArray m_chunk; // the read buffer, reused when its bytes went out at once
    qint64 m_passed = 0; // bytes handed on towards the sink (for limit_data)
    qint64 m_limitLeft = std::numeric_limits<qint64>::max();
    std::unique_ptr<QTimer> m_slowClose; // made on first need
    bool m_sourceEnded = false;
    bool m_limitHit = false;
    bool m_finished = false;
    bool m_stopped = false;
};

} // namespace Net
