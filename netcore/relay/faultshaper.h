#pragma once

#include "api/relayconfig.h"

#include <QByteArray>
#include <QList>

#include <functional>
#include <memory>

class QTimer;

namespace Net {

// The timing faults of one relay direction (latency ± jitter, bandwidth,
// slicer) as a stage between reading one side and writing the other. Bytes
// go in with push(); each piece gets a release time, and a single-shot timer
// on the network thread hands the pieces that are due to `release`, in order.
// No threads, no sleeping, and no timer at all while the stage is idle: with
// no timing fault on and nothing held, the relay bypasses it.
//
// Changing the faults re-times only what arrives afterwards: pieces already
// held keep their release times, and new bytes queue behind them, so the
// stream stays in order.
class FaultShaper
{
    Q_DISABLE_COPY_MOVE(FaultShaper)

public:
    using Release = std::function<void(const QByteArray &piece)>;
    using Clock = std::function<qint64()>; // microseconds, monotonic

    FaultShaper(Release release, Clock clock);
    ~FaultShaper();

    void setFaults(const FaultSet &faults) { m_faults = faults; }
    // Bytes go straight through: no timing fault and nothing held.
    bool bypassed() const { return !m_faults.shapesTiming() && m_pieces.isEmpty(); }
    qint64 held() const { return m_held; }

    void push(const QByteArray &bytes);
    // Drops what is held (a timeout fault stops all data).
    void clear();

private:
    struct Piece
    {
        qint64 dueUs;
        QByteArray bytes;
    };

    void schedule(const QByteArray &bytes, qint64 atUs, qint64 gapUs, qsizetype pieceSize);
    qsizetype sliceSize() const;
    void releaseDue();
    void armTimer();

    Release m_release;
    Clock m_clock;
    FaultSet m_faults;
    QList<Piece> m_pieces;
    qint64 m_held = 0;
    qint64 m_lastDueUs = 0;       // release times never go backwards: the stream stays in order
    qint64 m_bandwidthFreeUs = 0; // when the capped line is free for the next piece
    std::unique_ptr<QTimer> m_timer; // made on first need
};

} // namespace Net
