#pragma once

#include <QHash>
#include <QHostAddress>
#include <QSet>

namespace Net {

// Live connections per client address against a cap, so one address cannot
// take every slot of a server. A refusal is reported once per spell: the
// address is told again only after it has dropped below the cap.
// (The relay uses it; the TCP echo server still keeps its own copy of this
// bookkeeping and can move to it.)
class AddressCap
{
public:
    void setLimit(int maxPerAddress, bool loopbackExempt);
    int limit() const { return m_max; }

    enum class Verdict { Admit, Refuse, RefuseFirst }; // RefuseFirst: say so now
    Verdict admit(const QHostAddress &address);
    void opened(const QHostAddress &address) { ++m_count[address]; }
    void closed(const QHostAddress &address);
    void clear();

private:
    QHash<QHostAddress, int> m_count; // live connections by client address
    QSet<QHostAddress> m_reported;    // at the cap, already told
    int m_max = 256;
    bool m_loopbackExempt = true;
};

} // namespace Net
