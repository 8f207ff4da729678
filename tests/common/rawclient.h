#pragma once

#include "parsedresponse.h"

#include <QEventLoop>
#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <functional>
#include <optional>

namespace HttpTest {

constexpr int DefaultTimeoutMs = 5000;

// Whether ::1 can be listened on here (containers often switch IPv6 off).
inline bool ipv6LoopbackAvailable()
{
    QTcpServer probe;
    return probe.listen(QHostAddress(QHostAddress::LocalHostIPv6), 0);
}

// Runs the event loop until `done` holds or the timeout passes. `poke` is
// where the waited-on object reports activity, so the loop quits as soon as
// the condition can have changed: no sleeping, no polling.
inline bool waitUntil(std::function<void()> &poke, const std::function<bool()> &done, int timeoutMs)
{
    if (done())
        return true;
    QEventLoop loop;
    QTimer timeout;
    timeout.setSingleShot(true);
    QObject::connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
    poke = [&] {
        if (done())
            loop.quit();
    };
    timeout.start(timeoutMs);
    loop.exec();
    poke = nullptr;
    return done();
}

// A test client that writes exact bytes and collects exact replies. It runs
// on the test's thread next to the server under test, so it never calls
// waitFor*(): every wait spins the event loop, which the server needs too.
class RawClient
{
    Q_DISABLE_COPY_MOVE(RawClient)

public:
    RawClient()
    {
        QObject::connect(&m_socket, &QTcpSocket::readyRead, &m_socket, [this] { take(); });
        QObject::connect(&m_socket, &QTcpSocket::disconnected, &m_socket, [this] {
            take();
            m_disconnected = true;
            poke();
        });
        QObject::connect(&m_socket, &QTcpSocket::connected, &m_socket, [this] { poke(); });
        QObject::connect(&m_socket, &QTcpSocket::errorOccurred, &m_socket, [this] { poke(); });
    }
    // The socket's destructor emits disconnected() when the other members are already gone.
    ~RawClient() { m_socket.disconnect(); }

    bool connectTo(const QHostAddress &address, quint16 port, int timeoutMs = DefaultTimeoutMs)
    {
        m_socket.connectToHost(address, port);
        // Done when connected, or back to unconnected after a refusal.
        wait([this] {
            const auto state = m_socket.state();
            return state != QAbstractSocket::HostLookupState && state != QAbstractSocket::ConnectingState;
        }, timeoutMs);
        return m_socket.state() == QAbstractSocket::ConnectedState;
    }

    void send(QByteArrayView bytes)
    {
        m_socket.write(bytes.data(), bytes.size());
        m_sent += bytes.size();
    }

    // The next complete response, taken off the front of what was received;
    // empty when none arrives in time or the bytes do not parse.
    std::optional<ParsedResponse> next(bool headRequest = false, int timeoutMs = DefaultTimeoutMs)
    {
        ParsedResponse response;
        ReadStatus status = ReadStatus::Incomplete;
        wait([&] {
            status = readResponse(m_buffer, headRequest, m_disconnected, response);
            return status != ReadStatus::Incomplete || m_disconnected;
        }, timeoutMs);
        if (status != ReadStatus::Complete)
            return std::nullopt;
        m_buffer.remove(0, response.wireSize);
        return response;
    }

    // Sends a request and returns its response.
    std::optional<ParsedResponse> exchange(QByteArrayView bytes, bool headRequest = false,
                                           int timeoutMs = DefaultTimeoutMs)
    {
        send(bytes);
        return next(headRequest, timeoutMs);
    }

    bool waitForDisconnected(int timeoutMs = DefaultTimeoutMs)
    {
        return wait([this] { return m_disconnected; }, timeoutMs);
    }
    bool waitForReceived(qint64 total, int timeoutMs = DefaultTimeoutMs)
    {
        return wait([this, total] { return m_received >= total || m_disconnected; }, timeoutMs)
            && m_received >= total;
    }

    bool wait(const std::function<bool()> &done, int timeoutMs)
    {
        return waitUntil(m_poke, done, timeoutMs);
    }

    bool isDisconnected() const { return m_disconnected; }
    // Received and not yet taken by next().
    const QByteArray &pending() const { return m_buffer; }
    qint64 bytesSent() const { return m_sent; }
    qint64 bytesReceived() const { return m_received; }
    QTcpSocket &socket() { return m_socket; }

private:
    void take()
    {
        const QByteArray bytes = m_socket.readAll();
        m_buffer += bytes;
        m_received += bytes.size();
        poke();
    }
    void poke()
    {
        if (m_poke)
            m_poke();
    }

    QTcpSocket m_socket;
    QByteArray m_buffer;
    qint64 m_sent = 0;
    qint64 m_received = 0;
    bool m_disconnected = false;
    std::function<void()> m_poke;
};

} // namespace HttpTest
