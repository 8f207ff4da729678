#pragma once

#include "clientsession.h"

#include <QElapsedTimer>

class QNetworkAccessManager;
class QNetworkReply;

namespace Net {

// An HTTP client: one request in flight at a time, on the access manager the
// hub shares between its HTTP sessions. The answer arrives as one HttpReply
// event, whatever its status; only a failure to get an answer is an Error.
class HttpClientSession final : public ClientSession
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpClientSession)

public:
    explicit HttpClientSession(quint64 id, ClientHub &hub, QNetworkAccessManager &access);
    ~HttpClientSession() override;

    void sendHttp(const HttpClientRequest &request) override;
    void abandon() override;

private:
    QNetworkReply *issue(const HttpClientRequest &request);
    void postRequestSent(const HttpClientRequest &request);
    void onMetaDataChanged();
    void onReadyRead();
    void onFinished();
    void postReply(QNetworkReply &reply, int status, qint64 totalUs);
    void dropReply();
    QString failureSentence(QNetworkReply &reply) const;

    QNetworkAccessManager &m_access;
    QNetworkReply *m_reply = nullptr;
    QUrl m_url;
    int m_timeoutMs = 0;
    QByteArray m_requestHead; // of the exchange under way, for its HttpReply event
    QByteArray m_body;      // the first MAX_BODY_BYTES of the answer
    qint64 m_bodySize = 0;  // all of it
    QElapsedTimer m_clock;  // started when the request leaves
    qint64 m_headersAfterUs = 0;
};

} // namespace Net
