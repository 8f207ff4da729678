#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QString>

namespace Net {

// What the macros of a reply are filled from. The caller brings the clock
// and the random number, so expanding a reply is a pure function.
struct ReplyContext
{
    QByteArray received;       // {{rx}}: inserted verbatim
    QHostAddress peerAddress;  // {{peer}}: "127.0.0.1:5000", "[::1]:5000"
    quint16 peerPort = 0;
    quint64 counter = 0;       // {{counter}}
    qint64 nowMs = 0;          // {{time}} (local HH:mm:ss.zzz), {{unixtime}} (seconds)
    quint16 random = 0;        // {{random}}: 0..65535
};

// Hex digits as typed: pairs of digits, whitespace between bytes allowed.
// False (and `bytes` untouched) for anything else or an odd digit count.
bool parseHexDigits(QStringView text, QByteArray *bytes);

// A reply parsed once into literal bytes and macros, expanded per reply.
// Text replies are encoded as UTF-8; in hex replies the text between macros
// must be hex digits. A {{name}} that is not a macro stays as it is (in a
// hex reply that is an error, since it is not hex).
class ReplyTemplate
{
public:
    ReplyTemplate() = default;

    // Empty error: parsed. Else a sentence and an empty template.
    static ReplyTemplate parse(const QString &reply, bool hex, QString *error);

    QByteArray expand(const ReplyContext &context) const;

private:
    enum class Part : quint8 { Literal, Counter, Time, UnixTime, Random, Peer, Rx };
    struct Segment
    {
        Part part = Part::Literal;
        QByteArray literal;
    };

    QList<Segment> m_segments;
};

} // namespace Net
