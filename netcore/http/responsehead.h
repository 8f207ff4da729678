#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace Net {

// The reason phrase for a status code (RFC 9110 §15), "Unknown" otherwise.
QByteArrayView reasonPhrase(int status);

// Builds a response's status line and header section: a pure function of its
// inputs, so it is tested on its own. Fields are written in the order added,
// then the terminating blank line.
class ResponseHead
{
public:
    explicit ResponseHead(int status, bool http10 = false);

    ResponseHead &add(QByteArrayView name, QByteArrayView value);
    ResponseHead &add(QByteArrayView name, qint64 value);

    int status() const { return m_status; }
    QByteArray toBytes() const; // ends with "\r\n\r\n"

private:
    int m_status;
    QByteArray m_bytes;
};

} // namespace Net
