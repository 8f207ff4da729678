#pragma once

#include <QHostAddress>
#include <QString>

namespace Net {

// What TcpServerCore needs of a connection it owns: who it is, and the two
// things the core does to all of them (the once-a-second sweep, and closing
// when the server stops). Virtual only here, off the byte path.
class TcpConnection
{
public:
    virtual ~TcpConnection() = default;

    quint64 id() const { return m_id; }
    virtual QHostAddress peerAddress() const = 0;
    // Closes at once (the user closed it, the server stops).
    virtual void close(const QString &reason) = 0;
    // Called once a second with the server's clock: the connection's deadlines.
    virtual void sweep(qint64 nowMs) = 0;

protected:
    TcpConnection() = default;
    Q_DISABLE_COPY_MOVE(TcpConnection)

    quint64 m_id = 0;
};

} // namespace Net
