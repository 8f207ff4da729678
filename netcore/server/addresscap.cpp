#include "addresscap.h"

namespace Net {

void AddressCap::setLimit(int maxPerAddress, bool loopbackExempt)
{
    m_max = maxPerAddress;
    m_loopbackExempt = loopbackExempt;
}

AddressCap::Verdict AddressCap::admit(const QHostAddress &address)
{
    if ((m_loopbackExempt && address.isLoopback()) || m_count.value(address) < m_max)
        return Verdict::Admit;
    if (m_reported.contains(address))
        return Verdict::Refuse;
    m_reported.insert(address);
    return Verdict::RefuseFirst;
}

void AddressCap::closed(const QHostAddress &address)
{
    const auto count = m_count.find(address);
    if (count == m_count.end())
        return;
    if (--*count < m_max)
        m_reported.remove(address);
    if (*count <= 0)
        m_count.erase(count);
}

void AddressCap::clear()
{
    m_count.clear();
    m_reported.clear();
}

} // namespace Net
