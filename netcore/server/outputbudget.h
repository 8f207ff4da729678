#pragma once

#include <QList>
#include <QtGlobal>

#include <functional>

class QObject;

namespace Net {

// The bytes all connections of one server hold for clients that have not
// read them yet, against one bound. Connections report what they hold; while
// the total is at the bound they take no new requests and wait(). Once it
// drops below, the waiting connections are woken in order until the bound is
// reached again. Waking runs from the event loop, never inside the
// connection whose progress freed the bytes, so no connection re-enters
// another one's code.
class OutputBudget
{
    Q_DISABLE_COPY_MOVE(OutputBudget)

public:
    using Wake = std::function<void(quint64 id)>;

    // `context` is the server: wake-ups run on its thread's event loop.
    OutputBudget(QObject *context, Wake wake);

    void setLimit(qint64 bytes) { m_limit = bytes; }
    qint64 limit() const { return m_limit; }
    qint64 used() const { return m_used; }
    qint64 peak() const { return m_peak; } // the most held at once since start()
    const QList<quint64> &waiting() const { return m_waiting; } // connection ids, in wake-up order

    // A connection now holds `delta` bytes more (or fewer, when negative).
    void adjust(qint64 delta);
    // Calls wake(id) once the total is below the bound again.
    void wait(quint64 id);
    // A fresh start: nothing held, nobody waiting.
    void start(qint64 limit);

private:
    void wakeWaiters();

    QObject *m_context;
    Wake m_wake;
    QList<quint64> m_waiting; // connection ids, first come first woken
    qint64 m_limit = 0;
    qint64 m_used = 0;
    qint64 m_peak = 0;
    bool m_wakeScheduled = false;
};

} // namespace Net
