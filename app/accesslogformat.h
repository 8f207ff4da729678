#pragma once

#include <QByteArray>

namespace Net {
struct TrafficEvent;
}

// Formats traffic events as log lines for the headless mode: HTTP exchanges
// in the Common Log Format that log analysers read, everything else as a
// short line of its own. Keeps the last formatted timestamp, because a busy
// server logs thousands of lines within the same second.
class AccessLogFormat
{
public:
    // Appends one line (with its newline) to `out`; returns false for events
    // that are not logged.
    bool append(const Net::TrafficEvent &event, QByteArray &out);

    // "[10/Oct/2000:13:55:36 +0200]" in local time, as CLF wants it.
    QByteArray clfTime(qint64 msSinceEpoch);

private:
    qint64 m_cachedSecond = -1;
    QByteArray m_cachedTime;
};
