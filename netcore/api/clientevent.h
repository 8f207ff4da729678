#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QUrl>

#include <utility>

namespace Net {

enum class ClientProtocol : quint8 { Tcp, Udp, Http };

enum class ClientState : quint8 {
    Idle,        // UDP/HTTP sessions, and TCP before the first connect
    Resolving,   // looking up the host name
    Connecting,
    Connected,   // TCP connected; UDP socket bound and ready
    Closing,
    Closed,      // TCP after a disconnect or an error
};

using HeaderList = QList<std::pair<QByteArray, QByteArray>>;

// One line of a client session's transcript, as a value that crosses threads.
struct ClientEvent
{
    enum class Kind : quint8 {
        State,     // the session's state changed; `text` describes it
        Sent,      // bytes went out
        Received,  // bytes (TCP) or one datagram (UDP) came in
        Error,     // `text` is a plain sentence ("Connection refused by 127.0.0.1:7007.")
        HttpReply, // an HTTP exchange finished (or failed: then also an Error event)
        Progress,  // a file being sent: `size` bytes of `total` went out; `text` is its path
    };

    Kind kind = Kind::State;
    ClientState state = ClientState::Idle;
    quint64 sessionId = 0;
    qint64 timeMs = 0;        // wall clock, ms since the epoch
    QByteArray data;          // Sent/Received: the bytes (capped; see size); HttpReply: the body (capped)
    qint64 size = 0;          // the real byte count, which may exceed data.size()
    qint64 total = 0;         // Progress: the file's size
    QString text;
    QHostAddress peerAddress; // Received over UDP: who sent the datagram; State Connected: the peer
    quint16 peerPort = 0;

    // HttpReply
    int httpStatus = 0;
    QByteArray httpReason;
    HeaderList headers;
    qint64 headersAfterUs = 0; // request sent → response headers
    qint64 totalUs = 0;        // request sent → last body byte
    QByteArray requestHead;    // the request line (absolute URL) and headers, for the traffic log and HAR
};

struct HttpClientRequest
{
    QByteArray method = "GET";
    QUrl url;
    HeaderList headers;
    QByteArray body;
    int timeoutMs = 30000;
};

} // namespace Net

Q_DECLARE_METATYPE(Net::ClientEvent)
