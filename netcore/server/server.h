#pragma once

#include "api/serverspec.h"

#include <QObject>

namespace Net {

class TrafficMonitor;

// One server instance on the network thread, whatever it speaks. The engine
// holds any number of these by id and knows nothing else about them.
//
// A QObject rather than a plain interface: every server owns notifiers and
// timers that must live on (and move with) the network thread, is deleted
// with its parent engine, and reports notices as a signal the engine
// forwards without knowing the kind. None of this is on the byte path: the
// engine calls through here per user action, never per packet.
class Server : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Server)

public:
    ~Server() override;

    ServerId id() const { return m_id; }
    virtual ServerKind kind() const = 0;

    // Starts (or restarts) with this spec's part for the kind; returns a
    // sentence on failure (port in use, root missing...) and leaves the
    // server stopped, else "".
    virtual QString start(const ServerSpec &spec) = 0;
    virtual void stop() = 0;
    virtual bool isRunning() const = 0;
    virtual ServerStatus status() const = 0;

    // A running server takes a changed spec; by default by restarting. A
    // kind that can change things live (rules, faults) overrides this.
    virtual QString update(const ServerSpec &spec);

    // False when the connection (or UDP peer) is gone.
    virtual bool closeConnection(quint64 connectionId) = 0;
    // Raw bytes from the server side; false when the connection is gone.
    virtual bool sendTo(quint64 connectionId, const QByteArray &bytes) = 0;
    // Returns how many clients got the bytes.
    virtual int sendToAll(const QByteArray &bytes) = 0;
    // Web connections carry HTTP: raw bytes have no place there.
    virtual bool takesRawBytes() const { return true; }

signals:
    // A sentence for the user that belongs to no single call.
    void notice(const QString &sentence);

protected:
    Server(TrafficMonitor &monitor, ServerId id, ServerKind kind, QObject *parent);
    // Status fields every kind fills the same way.
    ServerStatus baseStatus() const;

    TrafficMonitor &m_monitor;

private:
    ServerId m_id;
};

} // namespace Net
