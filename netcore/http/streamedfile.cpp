#include "streamedfile.h"
#include "documentroot.h"
#include "httpresponse.h"
#include "regularfile.h"
#include "server/streamsocket.h"

#include <sys/stat.h>
#include <unistd.h>

namespace {
// sendfile() at most this much per call, so one big download cannot hog the thread.
constexpr qint64 SENDFILE_CHUNK = 1024 * 1024;
} // namespace

namespace Net {

bool StreamedFile::open(const HttpResponse &response, const DocumentRoot &root)
{
    close();
    // Never a blocking open: the path may have become a FIFO since.
    const int fd = RegularFile::open(response.filePath).release();
    if (fd < 0)
        return false;
    // The handler checked this inode against the root; a path swapped since
    // (a renamed folder, a re-pointed symlink) must not slip another file in.
    struct stat st;
    if (::fstat(fd, &st) != 0 || st.st_dev != response.fileDevice || st.st_ino != response.fileInode
        || !root.containsDescriptor(fd)) {
        ::close(fd);
        return false;
    }
    m_fd = fd;
    m_offset = response.fileOffset;
    m_length = response.fileLength;
    m_remaining = response.fileLength;
    return true;
}

void StreamedFile::close()
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
}

StreamedFile::Progress StreamedFile::sendTo(StreamSocket &socket)
{
    Progress progress;
    while (m_remaining > 0) {
        const qint64 sent = socket.sendFile(m_fd, &m_offset, qMin(m_remaining, SENDFILE_CHUNK));
        if (sent == StreamSocket::WouldBlock)
            return progress;
        if (sent == StreamSocket::Failed || sent == 0) {
            // sent == 0: the file shrank under us. The length is promised in
            // the head, so the only honest end is to close the connection.
            progress.status = sent == 0 ? Status::Shrank : Status::Failed;
            return progress;
        }
        m_remaining -= sent;
        progress.bytes += sent;
        if (sent < SENDFILE_CHUNK && m_remaining > 0)
            return progress; // the socket buffer is full; wait for writability
    }
    close();
    progress.status = Status::Done;
    return progress;
}

} // namespace Net
