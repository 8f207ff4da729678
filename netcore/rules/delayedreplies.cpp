#include "delayedreplies.h"

#include <limits>

namespace Net {

namespace {
qint64 nowMs()
{
    return QDeadlineTimer::current(Qt::PreciseTimer).deadline();
}
} // namespace

DelayedReplies::DelayedReplies(qsizetype capacity, bool inOrder, Deliver deliver)
    : m_capacity(capacity)
    , m_inOrder(inOrder)
    , m_deliver(std::move(deliver))
{
    m_timer.setSingleShot(true);
    // A coarse timer may fire up to 5% early; a reply must never go out early.
    m_timer.setTimerType(Qt::PreciseTimer);
    QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] { deliverDue(); });
}

bool DelayedReplies::add(Reply reply, int delayMs)
{
    if (isFull())
        return false;
    qint64 due = nowMs() + qMax(0, delayMs);
    if (m_inOrder && !m_waiting.empty())
        due = qMax(due, m_waiting.rbegin()->first);
    m_waiting.emplace(due, std::move(reply));
    arm();
    return true;
}

void DelayedReplies::clear()
{
    m_waiting.clear();
    m_timer.stop();
}

void DelayedReplies::deliverDue()
{
    const qint64 now = nowMs();
    // The callback may close the owner's connection and so clear() us: take
    // each reply out before handing it over, and look again every round.
    while (!m_waiting.empty() && m_waiting.begin()->first <= now) {
        Reply reply = std::move(m_waiting.begin()->second);
        m_waiting.erase(m_waiting.begin());
        m_deliver(std::move(reply));
    }
    arm();
}

void DelayedReplies::arm()
{
    if (m_waiting.empty()) {
        m_timer.stop();
        return;
    }
    m_timer.start(int(qBound<qint64>(0, m_waiting.begin()->first - nowMs(), qint64(std::numeric_limits<int>::max()))));
}

} // namespace Net
