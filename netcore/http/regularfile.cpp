#include "regularfile.h"

#include <QFile>

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>
#include <utility>

namespace Net {

RegularFile::RegularFile(RegularFile &&other) noexcept
    : m_fd(std::exchange(other.m_fd, -1))
    , m_status(other.m_status)
{
}

RegularFile &RegularFile::operator=(RegularFile &&other) noexcept
{
    if (this != &other) {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = std::exchange(other.m_fd, -1);
        m_status = other.m_status;
    }
    return *this;
}

RegularFile::~RegularFile()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

RegularFile RegularFile::open(const QString &path)
{
    RegularFile file;
    // O_NONBLOCK: opening a FIFO returns at once instead of waiting for a
    // writer. On a regular file it changes nothing (reads never block on
    // Linux), so the descriptor can be read and sent as it is.
    const int fd = ::open(QFile::encodeName(path).constData(),
                          O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return file;
    file.m_fd = fd;
    if (::fstat(fd, &file.m_status) != 0 || !S_ISREG(file.m_status.st_mode)) {
        ::close(fd);
        file.m_fd = -1;
    }
    return file;
}

QByteArray RegularFile::read(qint64 offset, qint64 maxBytes) const
{
    QByteArray bytes;
    if (m_fd < 0 || maxBytes <= 0)
        return bytes;
    bytes.resize(maxBytes);
    qint64 got = 0;
    while (got < maxBytes) {
        const ssize_t n = ::pread(m_fd, bytes.data() + got, size_t(maxBytes - got), off_t(offset + got));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        got += n;
    }
    bytes.resize(got);
    return bytes;
}

int RegularFile::release()
{
    return std::exchange(m_fd, -1);
}

} // namespace Net
