#pragma once

#include <QtGlobal>

namespace Net {

class DocumentRoot;
class StreamSocket;
struct HttpResponse;

// The file slice of a response being streamed: opened and vetted once, then
// handed to the socket with sendfile() as fast as the socket takes it, so a
// download of any size costs no memory of ours.
class StreamedFile
{
    Q_DISABLE_COPY_MOVE(StreamedFile)

public:
    enum class Status {
        Blocked, // the socket is full: go on when it is writable
        Done,    // every byte sent; the file is closed
        Failed,  // the socket failed (see its failureReason())
        Shrank,  // the file ended early: the promised length can never be sent
    };
    struct Progress
    {
        qint64 bytes = 0; // sent by this call
        Status status = Status::Blocked;
    };

    StreamedFile() = default;
    ~StreamedFile() { close(); }

    // Opens the response's file. False when it is gone, or is no longer the
    // inode the handler vetted inside `root`.
    bool open(const HttpResponse &response, const DocumentRoot &root);
    void close();

    qint64 remaining() const { return m_remaining; }
    qint64 sent() const { return m_length - m_remaining; }

    Progress sendTo(StreamSocket &socket);

private:
    int m_fd = -1;
    qint64 m_offset = 0;
    qint64 m_length = 0;
    qint64 m_remaining = 0;
};

} // namespace Net
