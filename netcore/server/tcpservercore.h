#pragma once

#include "connectioncontext.h"
#include "connectionset.h"
#include "tcpconnection.h"

#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <functional>

namespace Net {

class TcpListener;

// The limits the core enforces at accept time.
struct TcpAdmission
{
    int maxConnections = 20000;
    int maxConnectionsPerAddress = 0; // 0: no per-address cap
    bool loopbackExempt = true;       // the per-address cap spares loopback clients
    QString connectionNoun = QStringLiteral("echo"); // "… holds 4 echo connections …" in the cap's sentence
};

// What every TCP server shares, whatever it speaks: the listener, the live
// connections and their deferred deletion, the connection cap and the
// per-address cap, the one sweep timer, the monotonic clock, and what
// happens when accepting fails. The protocol (HttpServer, TcpServer) hands
// it a function that wraps an accepted descriptor in a connection; that
// connection sees the core only as its ConnectionContext.
class TcpServerCore final : public QObject, public ConnectionContext
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TcpServerCore)

public:
    // Creates the connection for an accepted descriptor; the connection
    // registers itself through connectionOpened().
    using ConnectionFactory = std::function<void(qintptr descriptor)>;

    TcpServerCore(TrafficMonitor &monitor, ServerId serverId, QObject *parent = nullptr);
    ~TcpServerCore() override;

    // Binds and listens; a sentence on failure, else "".
    QString start(const QHostAddress &address, quint16 port, const TcpAdmission &admission,
                  ConnectionFactory factory);
    // Closes every connection ("server stopped") and the listener.
    void stop();

    bool isRunning() const { return m_listener != nullptr; }
    QHostAddress serverAddress() const;
    quint16 serverPort() const;

    qsizetype size() const { return m_connections.size(); }
    TcpConnection *find(quint64 id) const { return m_connections.find(id); }
    // A copy: the caller may close connections while walking it.
    QList<TcpConnection *> all() const { return m_connections.all(); }
    // Closes one connection on the user's word; false when it is gone.
    bool closeConnection(quint64 id);

    void connectionOpened(TcpConnection *connection) override;
    void retire(TcpConnection *connection) override;

signals:
    // A sentence: out of descriptors, an address at its cap.
    void acceptFailed(const QString &sentence);

private:
    void accept(qintptr descriptor);
    bool admits(const QHostAddress &address);
    void sweep();

    TcpAdmission m_admission;
    ConnectionFactory m_factory;
    TcpListener *m_listener = nullptr;
    ConnectionSet<TcpConnection> m_connections{this};
    QHash<QHostAddress, int> m_perAddress; // live connections by client address
    QSet<QHostAddress> m_capReported;      // addresses at their cap, told once until they drop below
    QTimer m_sweepTimer;
};

} // namespace Net
