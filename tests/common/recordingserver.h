#pragma once

// A TCP server in the test's thread that keeps every byte any connection
// sends and echoes it back: the exact bytes a client put on the wire.

#include <QTcpServer>
#include <QTcpSocket>

class RecordingServer
{
public:
    RecordingServer()
    {
        QObject::connect(&server, &QTcpServer::newConnection, &server, [this] {
            while (QTcpSocket *socket = server.nextPendingConnection()) {
                ++connections;
                QObject::connect(socket, &QAbstractSocket::disconnected, socket, [this, socket] {
                    --connections;
                    socket->deleteLater();
                });
                QObject::connect(socket, &QIODevice::readyRead, socket, [this, socket] {
                    const QByteArray bytes = socket->readAll();
                    received += bytes;
                    socket->write(bytes);
                });
            }
        });
    }
    QTcpServer server;
    QByteArray received;
    int connections = 0; // open now
};
