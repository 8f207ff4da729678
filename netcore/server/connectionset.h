#pragma once

#include <QHash>
#include <QList>
#include <QObject>

#include <vector>

namespace Net {

// The live connections of one server by id, and the deferred deletion of
// those that ended. A connection is retired from inside its own socket
// callbacks, which are still on the stack then, so it is deleted from the
// event loop afterwards, never at once. Shared by the web and echo servers.
template<typename Connection>
class ConnectionSet
{
    Q_DISABLE_COPY_MOVE(ConnectionSet)

public:
    // `context` is the server: the deletions run on its thread's event loop.
    explicit ConnectionSet(QObject *context)
        : m_context(context)
    {
    }
    ~ConnectionSet() { reap(); }

    qsizetype size() const { return m_live.size(); }
    Connection *find(quint64 id) const { return m_live.value(id); }
    // A copy: the caller may close (and so retire) connections while it walks it.
    QList<Connection *> all() const { return m_live.values(); }

    void add(Connection *connection) { m_live.insert(connection->id(), connection); }

    void retire(Connection *connection)
    {
        m_live.remove(connection->id());
        if (m_retired.empty())
            QMetaObject::invokeMethod(m_context, [this] { reap(); }, Qt::QueuedConnection);
        m_retired.push_back(connection);
    }

    // Deletes the retired connections now (also run from the event loop).
    void reap()
    {
        std::vector<Connection *> retired;
        retired.swap(m_retired);
        for (Connection *connection : retired)
            delete connection;
    }

private:
    QObject *m_context;
    QHash<quint64, Connection *> m_live;
    std::vector<Connection *> m_retired;
};

} // namespace Net
