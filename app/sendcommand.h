#pragma once

#include "sendrequest.h"

#include <QObject>
#include <QTimer>

namespace Net {
class NetController;
}

// "wirebench send": one message through a client session of the façade (the
// same TCP and UDP sessions the client pane uses), then the reply on stdout.
// Sentences go to stderr; stdout carries only the reply.
class SendCommand final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SendCommand)

public:
    SendCommand(Net::NetController &net, const SendRequest &request, QObject *parent = nullptr);

    void start();

signals:
    // Once, with the exit status (SendExit).
    void finished(int exitCode);

private:
    void onEvents(const QList<Net::ClientEvent> &events);
    void onEvent(const Net::ClientEvent &event);
    void onSent();
    // Stops reading; TCP closes gracefully first so no sent byte is lost.
    void finish(int exitCode);
    void printReply();
    // Emits finished() once.
    void done();
    QString target() const;

    Net::NetController &m_net;
    const SendRequest m_request;
    quint64 m_id = 0;
    bool m_sendQueued = false;
    bool m_connected = false;
    bool m_sent = false;
    bool m_done = false;
    bool m_finishing = false;
    int m_exitCode = 0;
    QByteArray m_reply;
    QTimer m_waitTimer;   // --wait-reply, from the moment the message went out
    QTimer m_quietTimer;  // the reply is over once the peer pauses this long
    QTimer m_closeTimer;  // a graceful close that does not end is cut short
};

// Runs "wirebench send" with its own QCoreApplication; returns the exit status.
int runSendCommand(int argc, char **argv);
