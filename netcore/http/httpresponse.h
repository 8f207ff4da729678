#pragma once

#include <QByteArray>
#include <QString>

namespace Net {

// What the handler decided: a complete head, and a body that is either bytes
// in memory or a slice of a file to be streamed. The connection writes it.
struct HttpResponse
{
    int status = 200;
    QByteArray head;            // status line + fields + blank line
    QByteArray body;            // in-memory body
    QString filePath;           // when set, the body is [fileOffset, fileOffset + fileLength) of this file
    qint64 fileOffset = 0;
    qint64 fileLength = 0;
    quint64 fileDevice = 0;     // the file the handler vetted; the opened one must be the same
    quint64 fileInode = 0;
    bool closeConnection = false;

    bool streamsFile() const { return !filePath.isEmpty(); }
};

} // namespace Net
