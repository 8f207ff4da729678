#pragma once

#include <QHostAddress>
#include <QObject>
#include <QTimer>

#include <functional>

class QSocketNotifier;

namespace Net {

// A listening TCP socket on a bare descriptor that hands each accepted,
// already non-blocking descriptor to a callback.
//
// Not QTcpServer: Qt 6.4 remembers only the first socket error it records, so
// after its accept loop has once ended in EAGAIN a later EMFILE passes for
// "temporary" and QTcpServer retries accept() in a hot loop without ever
// saying so. Here running out of descriptors pauses accepting, says so once,
// and tries again a moment later: the server keeps serving its open
// connections and accepts again as soon as some close.
class TcpListener final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TcpListener)

public:
    using AcceptHandler = std::function<void(qintptr descriptor)>;

    explicit TcpListener(AcceptHandler onAccept, QObject *parent = nullptr);
    ~TcpListener() override;

    // Binds and listens; on failure returns a sentence a user understands
    // ("Port 8080 on 127.0.0.1 is already in use by another program."), else "".
    QString start(const QHostAddress &address, quint16 port);
    void close();

    bool isListening() const { return m_fd >= 0; }
    QHostAddress serverAddress() const { return m_address; }
    quint16 serverPort() const { return m_port; }

signals:
    void acceptFailed(const QString &sentence);

private:
    void acceptPending();

    AcceptHandler m_onAccept;
    int m_fd = -1;
    QSocketNotifier *m_notifier = nullptr;
    QTimer m_retry;
    QHostAddress m_address;
    quint16 m_port = 0;
    bool m_exhausted = false; // out of descriptors since the last accept that worked
};

} // namespace Net
