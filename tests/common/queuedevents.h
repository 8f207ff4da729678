#pragma once

// For "nothing happens" checks: rather than sleep and hope the unwanted thing
// would have shown by then, run what is already queued, then look.

#include <QCoreApplication>
#include <QEventLoop>
#include <QSignalSpy>
#include <QTimer>

#include <functional>

namespace TestEvents {

// Runs everything already queued on this thread: posted events (layout
// requests, queued calls) and due timers (item views lay out and scroll from
// zero-interval timers). A zero-interval timer started now is due after all
// of those, so once it has fired they have run; what they posted in turn is
// sent before returning. False if the sentinel never fired.
inline bool runQueued(int timeoutMs = 10000)
{
    QTimer sentinel;
    sentinel.setSingleShot(true);
    QSignalSpy fired(&sentinel, &QTimer::timeout);
    sentinel.start(0);
    if (!fired.wait(timeoutMs))
        return false;
    QCoreApplication::sendPostedEvents();
    return true;
}

// Runs `turns` turns of this thread's event loop, however long they take.
// Each turn sends one queued call that queues the next, and Qt keeps what is
// posted while it sends posted events for the next turn; every turn also polls
// the sockets and runs due timers. So a socket notifier that stays ready while
// its owner cannot act on it fires at every turn: that is what spinning is.
inline void turnEventLoop(int turns)
{
    QEventLoop loop;
    int left = turns;
    std::function<void()> turn;
    turn = [&] {
        if (--left > 0)
            QMetaObject::invokeMethod(&loop, turn, Qt::QueuedConnection);
        else
            loop.quit();
    };
    QMetaObject::invokeMethod(&loop, turn, Qt::QueuedConnection);
    loop.exec();
}

} // namespace TestEvents
