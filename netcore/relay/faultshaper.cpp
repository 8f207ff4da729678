#include "faultshaper.h"

#include <QRandomGenerator>
#include <QTimer>

#include <cmath>

namespace {
// A capped direction sends pieces of at most this many milliseconds' worth
// of bytes, so its output is smooth rather than one burst per read.
constexpr qint64 BANDWIDTH_PIECE_MS = 20;
// Pieces this close to their time go now rather than after another timer round.
constexpr qint64 RELEASE_SLACK_US = 500;

qint64 randomIn(qint64 low, qint64 high)
{
    return high <= low ? low : low + qint64(QRandomGenerator::global()->bounded(quint64(high - low + 1)));
}
} // namespace

namespace Net {

FaultShaper::FaultShaper(Release release, Clock clock)
    : m_release(std::move(release))
    , m_clock(std::move(clock))
{
}

FaultShaper::~FaultShaper() = default;

void FaultShaper::push(const QByteArray &bytes)
{
    if (bytes.isEmpty())
        return;
    const qint64 now = m_clock();
    qint64 at = now;
    if (m_faults.latency.enabled) {
        const qint64 jitter = m_faults.latency.jitterMs;
        at += (qint64(m_faults.latency.ms) + randomIn(-jitter, jitter)) * 1000;
    }
    qsizetype pieceSize = bytes.size();
    qint64 gapUs = 0;
    if (m_faults.slicer.enabled) {
        pieceSize = 0; // sized per piece
        gapUs = m_faults.slicer.delayUs;
    } else if (m_faults.bandwidth.enabled) {
        pieceSize = qMax<qsizetype>(1, qsizetype(qint64(m_faults.bandwidth.kbPerSecond) * BANDWIDTH_PIECE_MS));
    }
    schedule(bytes, qMax(at, now), gapUs, pieceSize);
    armTimer();
}

qsizetype FaultShaper::sliceSize() const
{
    const SlicerFault &slicer = m_faults.slicer;
    return qsizetype(qMax<qint64>(1, randomIn(qint64(slicer.averageBytes) - slicer.variationBytes,
                                              qint64(slicer.averageBytes) + slicer.variationBytes)));
}

void FaultShaper::schedule(const QByteArray &bytes, qint64 atUs, qint64 gapUs, qsizetype pieceSize)
{
    qint64 due = qMax(atUs, m_lastDueUs);
    const double bytesPerUs = m_faults.bandwidth.enabled ? m_faults.bandwidth.kbPerSecond / 1000.0 : 0;
    for (qsizetype offset = 0; offset < bytes.size();) {
        const qsizetype size = qMin(pieceSize > 0 ? pieceSize : sliceSize(), bytes.size() - offset);
        if (bytesPerUs > 0) {
            // The piece starts when the line is free and occupies it for size / rate.
            due = qMax(due, m_bandwidthFreeUs);
            m_bandwidthFreeUs = due + qint64(std::ceil(size / bytesPerUs));
        }
        // A piece that is the whole chunk shares its buffer; slices are copies.
        m_pieces.append({due, size == bytes.size() ? bytes : bytes.sliced(offset, size)});
        m_held += size;
        m_lastDueUs = due;
        offset += size;
        due += gapUs;
    }
}

void FaultShaper::clear()
{
    m_pieces.clear();
    m_held = 0;
    if (m_timer)
        m_timer->stop();
}

void FaultShaper::releaseDue()
{
    const qint64 now = m_clock() + RELEASE_SLACK_US;
    // Taken off the queue before release: the callback may push, clear or
    // end the connection (and with it this stage), so nothing of ours is
    // touched after the last call unless the queue still has work.
    while (!m_pieces.isEmpty() && m_pieces.first().dueUs <= now) {
        const QByteArray bytes = m_pieces.takeFirst().bytes;
        m_held -= bytes.size();
        m_release(bytes);
    }
}

void FaultShaper::armTimer()
{
    if (m_pieces.isEmpty())
        return;
    if (!m_timer) {
        m_timer = std::make_unique<QTimer>();
        m_timer->setSingleShot(true);
        m_timer->setTimerType(Qt::PreciseTimer);
        QObject::connect(m_timer.get(), &QTimer::timeout, m_timer.get(), [this] {
            releaseDue();
            armTimer();
        });
    }
    const qint64 waitUs = m_pieces.first().dueUs - m_clock();
    const int waitMs = int(qBound<qint64>(0, (waitUs + 999) / 1000, qint64(FaultRange::MaxMs)));
    if (!m_timer->isActive() || m_timer->remainingTime() > waitMs)
        m_timer->start(waitMs);
}

} // namespace Net
