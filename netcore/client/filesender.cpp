#include "filesender.h"

#include <QAbstractSocket>
#include <QFile>

#include <algorithm>

namespace {
// As the web server streams files: 256 KiB chunks while under 1 MiB unsent.
constexpr qint64 CHUNK_BYTES = 256 * 1024;
constexpr qint64 HIGH_WATER_BYTES = 1024 * 1024;
// Progress is reported every this many bytes (and at the end), not per write.
constexpr qint64 REPORT_STEP_BYTES = 64 * 1024;
} // namespace

namespace Net {

FileSender::FileSender(QAbstractSocket &socket, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
{
    connect(&m_socket, &QIODevice::bytesWritten, this, &FileSender::pump);
}

FileSender::~FileSender() = default;

bool FileSender::start(const QString &path, QString *error)
{
    auto file = std::make_unique<QFile>(path);
    if (!file->open(QIODevice::ReadOnly)) {
        *error = tr("Could not open %1: %2.").arg(path, file->errorString());
        return false;
    }
    if (file->isSequential()) {
        *error = tr("%1 is not a regular file: only files of a known size can be sent.").arg(path);
        return false;
    }
    m_file = std::move(file);
    m_path = path;
    m_total = m_file->size();
    m_queued = 0;
    m_lastReported = -1;
    pump();
    return true;
}

void FileSender::cancel()
{
    close();
}

void FileSender::pump()
{
    if (!m_file)
        return;
    while (m_socket.bytesToWrite() < HIGH_WATER_BYTES && m_queued < m_total) {
        const QByteArray chunk = m_file->read(std::min(CHUNK_BYTES, m_total - m_queued));
        if (chunk.isEmpty()) {
            const QString sentence = tr("Reading %1 failed after %2 bytes: %3.")
                                         .arg(m_path)
                                         .arg(m_queued)
                                         .arg(m_file->errorString());
            close();
            emit failed(sentence);
            return;
        }
        if (m_socket.write(chunk) != chunk.size()) {
            const QString sentence = tr("Sending %1 stopped after %2 of %3 bytes: %4.")
                                         .arg(m_path)
                                         .arg(m_queued)
                                         .arg(m_total)
                                         .arg(m_socket.errorString());
            close();
            emit failed(sentence);
            return;
        }
        m_queued += chunk.size();
    }
    report();
}

void FileSender::report()
{
    // The socket's unsent bytes are the file's tail: only this file is
    // written while it streams.
    const qint64 sent = m_queued - std::min(m_queued, m_socket.bytesToWrite());
    const bool done = sent == m_total;
    if (done || sent - m_lastReported >= REPORT_STEP_BYTES || m_lastReported < 0) {
        if (sent != m_lastReported) {
            m_lastReported = sent;
            emit progress(sent, m_total);
        }
    }
    if (done) {
        close();
        emit finished();
    }
}

void FileSender::close()
{
    m_file.reset();
}

} // namespace Net
