#pragma once

#include <QByteArray>
#include <QString>

#include <sys/stat.h>

namespace Net {

// A regular file opened for reading without ever blocking the network
// thread. A path checked a moment ago may since have become a FIFO (whose
// open() waits for a writer), a device or a symlink; the open itself never
// waits, and the type is judged on the descriptor, not on the path.
class RegularFile
{
public:
    RegularFile() = default;
    RegularFile(RegularFile &&other) noexcept;
    RegularFile &operator=(RegularFile &&other) noexcept;
    RegularFile(const RegularFile &) = delete;
    RegularFile &operator=(const RegularFile &) = delete;
    ~RegularFile();

    // `path` is canonical, so its last component is never a symlink: one
    // found there was put in since, and is refused (O_NOFOLLOW). Not open
    // when the path is missing, unreadable or not a regular file.
    static RegularFile open(const QString &path);

    bool isOpen() const { return m_fd >= 0; }
    int descriptor() const { return m_fd; }
    const struct stat &status() const { return m_status; }

    // Up to `maxBytes` from `offset`; fewer at the end of the file or on error.
    QByteArray read(qint64 offset, qint64 maxBytes) const;

    // Hands the descriptor over (-1 when not open); the caller closes it.
    int release();

private:
    int m_fd = -1;
    struct stat m_status = {};
};

} // namespace Net
