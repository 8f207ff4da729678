#pragma once

#include <QByteArray>
#include <QDeadlineTimer>
#include <QTimer>

#include <functional>
#include <map>

namespace Net {

// Rule replies waiting for their delay, handed back to the server when due.
// One timer, armed for the earliest reply.
//
// In order (TCP, per connection): a reply is never due before the one
// queued ahead of it, so a short delay after a long one waits its turn and
// the client gets the replies in the order of its messages. Not in order
// (UDP, per server): each reply is due its own delay after its datagram,
// as datagrams may overtake each other anyway.
//
// Bounded: at most `capacity` replies wait. The owner asks isFull() and
// holds back (TCP stops reading) or drops (UDP counts it as dropped).
class DelayedReplies
{
    Q_DISABLE_COPY_MOVE(DelayedReplies)

public:
    struct Reply
    {
        QByteArray bytes;
        bool closeAfter = false;
        quint64 target = 0; // whom it is for, when the owner serves several (a UDP peer id)
    };
    using Deliver = std::function<void(Reply &&reply)>;

    DelayedReplies(qsizetype capacity, bool inOrder, Deliver deliver);

    // Queues `reply` to be delivered `delayMs` from now (or after the one
    // ahead of it, in order). Returns false, and drops it, when full.
    bool add(Reply reply, int delayMs);
    bool isEmpty() const { return m_waiting.empty(); }
    bool isFull() const { return qsizetype(m_waiting.size()) >= m_capacity; }
    qsizetype size() const { return qsizetype(m_waiting.size()); }
    // Cancels every waiting reply (the connection closed, the server stopped).
    void clear();

private:
    void deliverDue();
    void arm();

    qsizetype m_capacity;
    bool m_inOrder;
    Deliver m_deliver;
    std::multimap<qint64, Reply> m_waiting; // by due time (monotonic ms); equal times keep their order
    QTimer m_timer;
};

} // namespace Net
