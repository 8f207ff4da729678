#include "httpclientsession.h"

#include "server/socketaddress.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

namespace {
constexpr qsizetype MAX_BODY_BYTES = 8 * 1024 * 1024;      // kept per HttpReply event
constexpr qsizetype MAX_SENT_BODY_BYTES = 1024 * 1024;     // of the request body, in the Sent event
constexpr QByteArrayView DEFAULT_CONTENT_TYPE = "application/octet-stream";

// RFC 9110 §5.6.2: a method is a token.
bool isToken(const QByteArray &text)
{
    constexpr QByteArrayView extra = "!#$%&'*+-.^_`|~";
    return !text.isEmpty() && std::all_of(text.begin(), text.end(), [&](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || extra.contains(c);
    });
}

bool hasHeader(const Net::HeaderList &headers, QByteArrayView name)
{
    return std::any_of(headers.begin(), headers.end(),
                       [&](const auto &header) { return header.first.compare(name, Qt::CaseInsensitive) == 0; });
}

qint64 microseconds(const QElapsedTimer &clock)
{
    return std::max<qint64>(1, clock.nsecsElapsed() / 1000);
}
} // namespace

namespace Net {

HttpClientSession::HttpClientSession(quint64 id, ClientHub &hub, QNetworkAccessManager &access)
    : ClientSession(id, ClientProtocol::Http, hub)
    , m_access(access)
{
}

HttpClientSession::~HttpClientSession()
{
    abandon();
}

void HttpClientSession::abandon()
{
    dropReply();
}

void HttpClientSession::sendHttp(const HttpClientRequest &request)
{
    const QString scheme = request.url.scheme().toLower();
    if (!request.url.isValid() || (scheme != u"http"_s && scheme != u"https"_s) || request.url.host().isEmpty()) {
        postError(tr("Not a valid http(s) URL."));
        return;
    }
    if (!isToken(request.method)) {
        postError(u"\"%1\" is not a valid HTTP method."_s.arg(QString::fromLatin1(request.method)));
        return;
    }
    if (m_reply) {
        dropReply();
        postError(tr("Previous request cancelled."));
    }
    m_url = request.url;
    m_timeoutMs = request.timeoutMs;
    m_body.clear();
    m_bodySize = 0;
    m_headersAfterUs = 0;
    postRequestSent(request);
    m_clock.start();
    m_reply = issue(request);
    connect(m_reply, &QNetworkReply::metaDataChanged, this, &HttpClientSession::onMetaDataChanged);
    connect(m_reply, &QIODevice::readyRead, this, &HttpClientSession::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &HttpClientSession::onFinished);
}

QNetworkReply *HttpClientSession::issue(const HttpClientRequest &request)
{
    QNetworkRequest sent(request.url);
    // The user sees exactly what the server answers: no redirect followed, no
    // cache or cookie jar in between, and HTTP/1.1 as the server speaks it.
    sent.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    sent.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    sent.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    sent.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    sent.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    sent.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    sent.setTransferTimeout(request.timeoutMs);
    for (const auto &[name, value] : request.headers) {
        // QNetworkRequest keeps one value per name; repeats join as RFC 9110 §5.3 allows.
        const QByteArray joined = sent.hasRawHeader(name) ? sent.rawHeader(name) + ", " + value : value;
        sent.setRawHeader(name, joined);
    }
    // Qt warns about (and guesses) a missing type for any request with a body.
    if (!request.body.isEmpty() && !hasHeader(request.headers, "Content-Type"))
        sent.setRawHeader("Content-Type", DEFAULT_CONTENT_TYPE.toByteArray());

    // HEAD and GET get their own calls: Qt expects a body after a custom
    // "HEAD", and would wait for it.
    if (request.body.isEmpty() && request.method == "HEAD")
        return m_access.head(sent);
    if (request.body.isEmpty() && request.method == "GET")
        return m_access.get(sent);
    if (request.body.isEmpty())
        return m_access.sendCustomRequest(sent, request.method);
    return m_access.sendCustomRequest(sent, request.method, request.body);
}

// The transcript's idea of the request: what we asked for, not byte for byte
// what Qt sends (it adds User-Agent, Accept-Encoding, Connection...).
void HttpClientSession::postRequestSent(const HttpClientRequest &request)
{
    QByteArray target = request.url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority | QUrl::RemoveFragment);
    if (target.isEmpty())
        target = "/";
    QByteArray head = request.method + ' ' + target + " HTTP/1.1\r\nHost: "
        + request.url.adjusted(QUrl::RemoveUserInfo).authority(QUrl::FullyEncoded).toLatin1() + "\r\n";
    for (const auto &[name, value] : request.headers)
        head += name + ": " + value + "\r\n";
    if (!request.body.isEmpty()) {
        if (!hasHeader(request.headers, "Content-Type"))
            head += "Content-Type: " + DEFAULT_CONTENT_TYPE.toByteArray() + "\r\n";
        head += "Content-Length: " + QByteArray::number(request.body.size()) + "\r\n";
    }
    head += "\r\n";
    // The exchange's record in the traffic log names the whole URL (the
    // absolute form of RFC 9112 §3.2.2), since it has no server of its own.
    const qsizetype lineEnd = head.indexOf("\r\n");
    m_requestHead = request.method + ' ' + request.url.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveFragment).toEncoded()
        + " HTTP/1.1" + head.sliced(lineEnd);
    head.append(QByteArrayView(request.body).first(std::min(request.body.size(), MAX_SENT_BODY_BYTES)));

    ClientEvent event = makeEvent(ClientEvent::Kind::Sent);
    event.data = std::move(head);
    event.size = request.body.size();
    event.text = QString::fromLatin1(request.method) + u' ' + request.url.toDisplayString();
    post(std::move(event));
}

void HttpClientSession::onMetaDataChanged()
{
    if (m_headersAfterUs == 0)
        m_headersAfterUs = microseconds(m_clock);
}

void HttpClientSession::onReadyRead()
{
    // Read as it arrives so a large answer is counted without being kept whole.
    const QByteArray chunk = m_reply->readAll();
    m_bodySize += chunk.size();
    const qsizetype room = MAX_BODY_BYTES - m_body.size();
    if (room > 0)
        m_body.append(QByteArrayView(chunk).first(std::min(room, chunk.size())));
}

void HttpClientSession::onFinished()
{
    const qint64 totalUs = microseconds(m_clock);
    if (m_reply->isReadable())
        onReadyRead(); // whatever is left in the reply's buffer (an aborted reply has none)
    QNetworkReply *reply = std::exchange(m_reply, nullptr);
    reply->deleteLater(); // we are inside its finished() signal
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    // A 404 or a 500 is an answer, not a failure: the status tells it.
    if (status.isValid())
        postReply(*reply, status.toInt(), totalUs);
    // Errors below 100 are transport failures (refused, reset, timed out...):
    // with a status they mean the answer broke off; without one there is none.
    const QNetworkReply::NetworkError error = reply->error();
    if (!status.isValid() || (error != QNetworkReply::NoError && error < 100))
        postError(failureSentence(*reply));
}

void HttpClientSession::postReply(QNetworkReply &reply, int status, qint64 totalUs)
{
    ClientEvent event = makeEvent(ClientEvent::Kind::HttpReply);
    event.httpStatus = status;
    event.httpReason = reply.attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray();
    event.headers = reply.rawHeaderPairs();
    event.data = std::exchange(m_body, {});
    event.size = m_bodySize;
    event.headersAfterUs = m_headersAfterUs > 0 ? m_headersAfterUs : totalUs;
    event.totalUs = totalUs;
    event.requestHead = std::exchange(m_requestHead, {});
    event.text = tr("%1 %2: %3 bytes in %4 ms").arg(status)
                     .arg(QString::fromLatin1(event.httpReason))
                     .arg(m_bodySize)
                     .arg(double(totalUs) / 1000.0, 0, 'f', 1);
    post(std::move(event));
}

void HttpClientSession::dropReply()
{
    if (!m_reply)
        return;
    QNetworkReply *reply = std::exchange(m_reply, nullptr);
    reply->disconnect(this); // abort() emits finished(), which is no news to us now
    reply->abort();
    reply->deleteLater();
}

QString HttpClientSession::failureSentence(QNetworkReply &reply) const
{
    const int defaultPort = m_url.scheme().compare(u"https"_s, Qt::CaseInsensitive) == 0 ? 443 : 80;
    const QString where = hostPort(m_url.host(), quint16(m_url.port(defaultPort)));
    switch (reply.error()) {
    case QNetworkReply::ConnectionRefusedError:
        return tr("Connection refused by %1: nothing is listening there.").arg(where);
    case QNetworkReply::HostNotFoundError:
        return tr("Host \"%1\" was not found.").arg(m_url.host());
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError:
        // We never cancel a reply we still listen to: this is the transfer timeout.
        return tr("%1 sent nothing for %2 ms: the request timed out.").arg(where).arg(m_timeoutMs);
    case QNetworkReply::RemoteHostClosedError:
        return tr("%1 closed the connection before the answer was complete.").arg(where);
    case QNetworkReply::SslHandshakeFailedError:
        return tr("The TLS handshake with %1 failed: %2.").arg(where, reply.errorString());
    default:
        return tr("The request to %1 failed: %2.").arg(m_url.toDisplayString(), reply.errorString());
    }
}

} // namespace Net
