#include "outputbudget.h"

#include <QObject>

namespace Net {

OutputBudget::OutputBudget(QObject *context, Wake wake)
    : m_context(context)
    , m_wake(std::move(wake))
{
}

void OutputBudget::start(qint64 limit)
{
    m_limit = limit;
    m_used = 0;
    m_peak = 0;
    m_waiting.clear();
}

void OutputBudget::adjust(qint64 delta)
{
    m_used += delta;
    m_peak = qMax(m_peak, m_used);
    if (delta < 0 && m_used < m_limit && !m_waiting.isEmpty() && !m_wakeScheduled) {
        m_wakeScheduled = true;
        QMetaObject::invokeMethod(m_context, [this] { wakeWaiters(); }, Qt::QueuedConnection);
    }
}

void OutputBudget::wait(quint64 id)
{
    m_waiting.append(id);
    // Bytes may have been freed before this connection started to wait.
    if (m_used < m_limit && !m_wakeScheduled) {
        m_wakeScheduled = true;
        QMetaObject::invokeMethod(m_context, [this] { wakeWaiters(); }, Qt::QueuedConnection);
    }
}

void OutputBudget::wakeWaiters()
{
    m_wakeScheduled = false;
    // A woken connection that fills the budget again waits anew at the back;
    // counting the round keeps this loop from meeting it a second time.
    for (qsizetype round = m_waiting.size(); round > 0 && !m_waiting.isEmpty() && m_used < m_limit; --round)
        m_wake(m_waiting.takeFirst());
}

} // namespace Net
