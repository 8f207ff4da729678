#include "relaypipe.h"
#include "relayconnection.h"
#include "server/streamsocket.h"

namespace {
// One read takes at most this much; it is also the unit of Data events.
constexpr qsizetype READ_CHUNK = 64 * 1024;
// Reads per readiness notification while each one fills the buffer.
constexpr int MAX_READS_PER_WAKE = 4;
// Unsent remainders at least this big share the read buffer; smaller ones are copied
// (a few bytes must not pin a whole 64 KiB buffer the bound does not count).
constexpr qint64 SHARE_THRESHOLD = READ_CHUNK / 2;
} // namespace

namespace Net {

RelayPipe::RelayPipe(RelayConnection &owner, Direction direction)
    : m_owner(owner)
    , m_direction(direction)
    , m_shaper([this](const QByteArray &piece) { deliver(piece); }, [&owner] { return owner.nowUs(); })
{
}

void RelayPipe::attach(StreamSocket *source, StreamSocket *sink)
{
    m_source = source;
    m_sink = sink;
    m_source->onReadable([this] { onReadable(); });
    m_sink->onWritable([this] { flush(); });
    updateInterest();
}

void RelayPipe::setFaults(const FaultSet &faults)
{
    const bool stopping = faults.timeout.enabled && !m_faults.timeout.enabled;
    m_faults = faults;
    m_shaper.setFaults(faults);
    if (stopping) {
        // A timeout stops all data, including what was on its way.
        m_shaper.clear();
        m_out.clear();
    }
    // The limit counts every byte passed since the connection opened, so
    // lowering it below that count ends the connection once the queue is out.
    m_limitLeft = faults.limitData.enabled ? qMax<qint64>(0, faults.limitData.bytes - m_passed)
                                           : std::numeric_limits<qint64>::max();
    m_limitHit = m_limitLeft == 0;
    if (m_source && !m_stopped) {
        maybeFinish();
        if (!m_stopped)
            updateInterest();
    }
}

void RelayPipe::stop()
{
    m_stopped = true;
    m_shaper.clear();
    if (m_slowClose)
        m_slowClose->stop(); // not deleted: we may be inside its own signal
}

void RelayPipe::onReadable()
{
    for (int round = 0; round < MAX_READS_PER_WAKE && !m_stopped; ++round) {
        if (!readOnce())
            return;
    }
}

bool RelayPipe::readOnce()
{
    if (m_chunk.size() != READ_CHUNK || !m_chunk.isDetached())
        m_chunk = QByteArray(READ_CHUNK, Qt::Uninitialized);
    const qint64 n = m_source->read(m_chunk.data(), READ_CHUNK);
    if (n == StreamSocket::WouldBlock)
        return false;
    if (n == StreamSocket::Failed) {
        m_owner.fail(*m_source, m_source->failureReason());
        return false;
    }
    if (n == 0) {
        m_sourceEnded = true;
        m_source->setReadEnabled(false);
        maybeFinish();
        return false;
    }
    m_owner.noteRead(m_direction, m_chunk.constData(), n);
    if (m_faults.timeout.enabled)
        return n == READ_CHUNK; // data stopped: read and dropped
    const qint64 size = qMin(n, m_limitLeft);
    m_limitLeft -= size;
    m_passed += size;
    if (m_limitLeft == 0)
        m_limitHit = true;
    pass(size);
    if (m_stopped)
        return false;
    if (m_limitHit)
        maybeFinish();
    if (m_stopped)
        return false;
    updateInterest();
    return n == READ_CHUNK && m_out.isEmpty() && m_shaper.held() == 0;
}

void RelayPipe::pass(qint64 size)
{
    if (size <= 0)
        return;
    if (m_shaper.bypassed()) {
        writeDirect(size);
        return;
    }
    if (size >= SHARE_THRESHOLD) {
        m_chunk.truncate(size); // keeps the allocation: the stage shares it
        m_shaper.push(m_chunk);
        m_chunk = QByteArray();
    } else {
        m_shaper.push(QByteArray(m_chunk.constData(), size));
    }
}

// No fault on the way: straight from the read buffer to the sink, and only
// what the sink does not take now is queued.
void RelayPipe::writeDirect(qint64 size)
{
    qint64 done = 0;
    if (m_out.isEmpty()) {
        const qint64 sent = m_sink->write(m_chunk.constData(), size);
        if (sent == StreamSocket::Failed) {
            m_owner.fail(*m_sink, m_sink->failureReason());
            return;
        }
        done = qMax<qint64>(sent, 0);
        if (done > 0)
            m_owner.noteWritten(m_direction, done);
    }
    if (done < size) {
        queueFromChunk(done, size);
        m_sink->setWriteEnabled(true);
    }
}

void RelayPipe::queueFromChunk(qint64 from, qint64 to)
{
    if (to - from >= SHARE_THRESHOLD) {
        m_chunk.truncate(to);
        m_out.appendFrom(m_chunk, from);
        m_chunk = QByteArray();
    } else {
        m_out.append(QByteArray(m_chunk.constData() + from, to - from));
    }
}

void RelayPipe::deliver(const QByteArray &piece)
{
    if (m_stopped)
        return;
    m_out.append(piece);
    flush();
}

void RelayPipe::flush()
{
    if (m_stopped)
        return;
    if (!m_out.isEmpty()) {
        const qint64 sent = m_out.flushTo(*m_sink);
        if (sent == StreamSocket::Failed) {
            m_owner.fail(*m_sink, m_sink->failureReason());
            return;
        }
        if (sent > 0)
            m_owner.noteWritten(m_direction, sent);
    }
    maybeFinish();
    if (!m_stopped)
        updateInterest();
}

void RelayPipe::maybeFinish()
{
    if (m_finished || m_stopped || !m_out.isEmpty() || m_shaper.held() > 0)
        return;
    if (m_limitHit) {
        m_owner.limitReached(m_direction, m_passed);
        return;
    }
    if (!m_sourceEnded)
        return;
    if (m_faults.slowClose.enabled && m_faults.slowClose.ms > 0) {
        if (!m_slowClose) {
            m_slowClose = std::make_unique<QTimer>();
            m_slowClose->setSingleShot(true);
            QObject::connect(m_slowClose.get(), &QTimer::timeout, m_slowClose.get(), [this] { propagateEnd(); });
            m_slowClose->start(m_faults.slowClose.ms);
        }
        return;
    }
    propagateEnd();
}

void RelayPipe::propagateEnd()
{
    if (m_finished || m_stopped)
        return;
    m_finished = true;
    m_sink->shutdownWrite();
    m_owner.pipeFinished(m_direction);
}

void RelayPipe::updateInterest()
{
    if (m_stopped || !m_source)
        return;
    m_sink->setWriteEnabled(!m_out.isEmpty());
    m_source->setReadEnabled(!m_sourceEnded && !m_limitHit && held() < m_owner.maxBuffered());
}

} // namespace Net
