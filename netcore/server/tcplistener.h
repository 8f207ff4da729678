#pragma once

#include <QTcpServer>

#include <functional>

namespace Net {

// A listening TCP socket that hands accepted descriptors to a callback, so
// the protocol code wraps them in its own connection objects without the
// detour through QTcpServer's pending-connection queue.
//
// Running out of file descriptors (EMFILE/ENFILE) pauses accepting in
// QTcpServer; the listener resumes a moment later, so a server that ran out
// keeps serving its open connections and accepts again once some close.
class TcpListener final : public QTcpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TcpListener)

public:
    using AcceptHandler = std::function<void(qintptr descriptor)>;

    explicit TcpListener(AcceptHandler onAccept, QObject *parent = nullptr);

    // Binds and listens; on failure returns a sentence a user understands
    // ("Port 8080 on 127.0.0.1 is already in use."), else an empty string.
    QString start(const QHostAddress &address, quint16 port);

signals:
    void acceptFailed(const QString &sentence);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    void onAcceptError(QAbstractSocket::SocketError error);

    AcceptHandler m_onAccept;
};

// The sentence for a failed bind, shared by the TCP and UDP servers.
QString bindErrorSentence(QAbstractSocket::SocketError error, const QHostAddress &address, quint16 port,
                          const QString &systemText);

// "127.0.0.1:8080" or "[::1]:8080"
QString hostPort(const QHostAddress &address, quint16 port);

} // namespace Net
