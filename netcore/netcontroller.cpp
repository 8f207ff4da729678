#include "netcontroller.h"
#include "networkengine.h"
#include "client/clienthub.h"
#include "tracking/trafficmonitor.h"

#include <cstdio>
#include <cstdlib>

namespace Net {

NetController::NetController(QObject *parent)
    : QObject(parent)
    , m_engine(new NetworkEngine)
{
    qRegisterMetaType<Net::ServerStatus>();
    qRegisterMetaType<Net::TrafficBatch>();
    qRegisterMetaType<QList<Net::ClientEvent>>();
    for (int i = 0; i < ServerKindCount; ++i)
        m_status[i].kind = ServerKind(i);

    m_inFlight = m_engine->monitor().inFlight();
    m_clientInFlight = m_engine->clients().inFlight();
    m_thread.setObjectName(QStringLiteral("wirebench-net"));
    m_engine->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_engine, &QObject::deleteLater);
    connect(m_engine, &NetworkEngine::batchReady, this, &NetController::onBatch);
    connect(m_engine, &NetworkEngine::serverStatusChanged, this, &NetController::onStatus);
    connect(m_engine, &NetworkEngine::notice, this, &NetController::notice);
    connect(m_engine, &NetworkEngine::clientEvents, this, &NetController::onClientEvents);
    connect(m_engine, &NetworkEngine::stopped, this, &NetController::stopped);
    m_thread.start();
}

NetController::~NetController()
{
    // Stop the servers on their own thread, then let the thread end; the
    // engine is deleted there by the finished() connection.
    QMetaObject::invokeMethod(m_engine, [engine = m_engine] {
        engine->stopAll();
        QThread::currentThread()->quit();
    });
    startShutdownClock();
    if (m_thread.wait(m_shutdownDeadline))
        return;
    // The network thread is stuck in something that does not return. Waiting
    // longer would hang the program for good, and destroying a running
    // thread crashes it: leave at once, saying why. Straight to stderr, not
    // through a message handler that might buffer or route it elsewhere, and
    // stdout is not flushed, since a stalled stdout may be what holds things up.
    std::fprintf(stderr, "wirebench: the network thread did not stop within %d s: exiting without a clean shutdown.\n",
                 (m_shutdownTimeoutMs + 999) / 1000);
    std::_Exit(ExitStuckShutdown);
}

void NetController::setShutdownTimeout(int ms)
{
    m_shutdownTimeoutMs = qMax(0, ms);
}

void NetController::startShutdownClock()
{
    if (m_shutdownDeadline.isForever())
        m_shutdownDeadline.setRemainingTime(m_shutdownTimeoutMs);
}

void NetController::startWeb(const WebServerConfig &config)
{
    QMetaObject::invokeMethod(m_engine, [engine = m_engine, config] { engine->startWeb(config); });
}

void NetController::startTcpEcho(const EchoServerConfig &config)
{
    QMetaObject::invokeMethod(m_engine, [engine = m_engine, config] { engine->startTcpEcho(config); });
}

void NetController::startUdpEcho(const EchoServerConfig &config)
{
    QMetaObject::invokeMethod(m_engine, [engine = m_engine, config] { engine->startUdpEcho(config); });
}

void NetController::startRelay(const RelayConfig &config)
{
    QMetaObject::invokeMethod(m_engine, [engine = m_engine, config] { engine->startRelay(config); });
}

void NetController::setRelayFaults(const RelayFaults &faults)
{
    QMetaObject::invokeMethod(m_engine, [engine = m_engine, faults] { engine->setRelayFaults(faults); });
}

void NetController::stopServer(ServerKind kind)
{
    QMetaObject::invokeMethod(m_engine, [engine = m_engine, kind] { engine->stopServer(kind); });
}

void NetController::stopAll()
{
    for (int i = 0; i < ServerKindCount; ++i)
        stopServer(ServerKind(i));
}

void NetController::closeConnection(quint64 id)
{
    QMetaObject::invokeMethod(m_engine, [engine = m_engine, id] { engine->closeConnection(id); });
}

void NetController::sendToConnection(quint64 id, const QByteArray &bytes)
{
    QMetaObject::invokeMethod(m_engine, [engine = m_engine, id, bytes] { engine->sendToConnection(id, bytes); });
}

void NetController::sendToAll(ServerKind kind, const QByteArray &bytes)
{
    QMetaObject::invokeMethod(m_engine, [engine = m_engine, kind, bytes] { engine->sendToAll(kind, bytes); });
}

void NetController::setMonitorOptions(const MonitorOptions &options)
{
    QMetaObject::invokeMethod(m_engine, [engine = m_engine, options] { engine->setMonitorOptions(options); });
}

void NetController::shutdown()
{
    startShutdownClock();
    QMetaObject::invokeMethod(m_engine, &NetworkEngine::shutdown);
}

void NetController::flushNow()
{
    QMetaObject::invokeMethod(m_engine, &NetworkEngine::flushNow);
}

quint64 NetController::openClient(ClientProtocol protocol)
{
    const quint64 id = m_nextClientId++;
    QMetaObject::invokeMethod(m_engine, [engine = m_engine, id, protocol] { engine->clients().open(id, protocol); });
    return id;
}

void NetController::closeClient(quint64 id)
{
    QMetaObject::invokeMethod(m_engine, [engine = m_engine, id] { engine->clients().close(id); });
}

void NetController::clientConnect(quint64 id, const QString &host, quint16 port)
{
    QMetaObject::invokeMethod(m_engine, [engine = m_engine, id, host, port] {
        engine->clients().connectTo(id, host, port);
    });
}

void NetController::clientSend(quint64 id, const QByteArray &bytes)
{
    QMetaObject::invokeMethod(m_engine, [engine = m_engine, id, bytes] { engine->clients().send(id, bytes); });
}

void NetController::clientDisconnect(quint64 id)
{
    QMetaObject::invokeMethod(m_engine, [engine = m_engine, id] { engine->clients().disconnectFrom(id); });
}

void NetController::clientHttp(quint64 id, const HttpClientRequest &request)
{
    QMetaObject::invokeMethod(m_engine, [engine = m_engine, id, request] { engine->clients().sendHttp(id, request); });
}

void NetController::onBatch(const TrafficBatch &batch)
{
    for (int i = 0; i < ServerKindCount; ++i)
        m_totals[i] = batch.totals[i];
    emit trafficBatch(batch);
    // Handled: the monitor may send the next one.
    m_inFlight->fetch_sub(1);
}

void NetController::onClientEvents(const QList<ClientEvent> &events, qint64 dropped)
{
    emit clientEvents(events, dropped);
    m_clientInFlight->fetch_sub(1);
}

void NetController::onStatus(const ServerStatus &status)
{
    m_status[int(status.kind)] = status;
    emit serverStatusChanged(status);
}

} // namespace Net
