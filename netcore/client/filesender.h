#pragma once

#include <QObject>
#include <QString>

#include <memory>

class QAbstractSocket;
class QFile;

namespace Net {

// Streams a file into a connected socket without reading it whole: a chunk
// at a time while the socket's unsent bytes stay under a high-water mark,
// and the next chunks as bytesWritten() reports the kernel took them. Any
// size; memory stays at about one chunk plus the mark.
class FileSender final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FileSender)

public:
    explicit FileSender(QAbstractSocket &socket, QObject *parent = nullptr);
    ~FileSender() override;

    // Opens the file and starts; false with a sentence in `error` when it cannot be read.
    bool start(const QString &path, QString *error);
    // Stops at once; what the socket already holds still goes out.
    void cancel();
    bool isActive() const { return m_file != nullptr; }
    QString path() const { return m_path; }
    qint64 sent() const { return m_lastReported; }
    qint64 total() const { return m_total; }

signals:
    // Bytes the socket has handed to the system so far, never decreasing;
    // the last one is `total`.
    void progress(qint64 sent, qint64 total);
    void finished();
    void failed(const QString &sentence);

private:
    void pump();
    void report();
    void close();

    QAbstractSocket &m_socket;
    std::unique_ptr<QFile> m_file;
    QString m_path;
    qint64 m_total = 0;
    qint64 m_queued = 0;       // bytes of the file written into the socket
    qint64 m_lastReported = -1;
};

} // namespace Net
