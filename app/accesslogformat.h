#pragma once

#include "api/serverkind.h"

#include <QByteArray>
#include <QHash>

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

    // The name lines give a server ("echo", "web-2"); without one, its kind's name.
    void setServerName(Net::ServerId id, const QString &name) { m_names.insert(id, name.toUtf8()); }

    // "[10/Oct/2000:13:55:36 +0200]" in local time, as CLF wants it.
    QByteArray clfTime(qint64 msSinceEpoch);

private:
    QByteArray serverName(const Net::TrafficEvent &event) const;

    QHash<Net::ServerId, QByteArray> m_names;
    qint64 m_cachedSecond = -1;
    QByteArray m_cachedTime;
};
