#include "api/relayconfig.h"

#include <QCoreApplication>
#include <QJsonValue>

using namespace Qt::StringLiterals;

namespace {

// Reads the members of one fault object in turn; the first bad value is
// remembered as a sentence and the caller falls back to the defaults.
class FaultReader
{
public:
    FaultReader(const QJsonObject &faults, const QString &name, QString &error)
        : m_object(faults.value(name).toObject())
        , m_name(name)
        , m_present(faults.contains(name))
        , m_error(error)
    {
        if (m_present && !faults.value(name).isObject())
            fail(QCoreApplication::translate("Net::RelayFaults", "\"%1\" must be an object.").arg(name));
    }

    void flag(bool &target)
    {
        const QJsonValue value = m_object.value(u"enabled"_s);
        if (value.isUndefined())
            return;
        if (!value.isBool())
            return fail(QCoreApplication::translate("Net::RelayFaults", "%1.enabled must be true or false.").arg(m_name));
        target = value.toBool();
    }

    template<typename Number>
    void number(const QString &key, Number &target, qint64 max)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isUndefined())
            return;
        const double number = value.toDouble(-1);
        if (!value.isDouble() || number < 0 || number > double(max) || number != qint64(number))
            return fail(QCoreApplication::translate("Net::RelayFaults", "%1.%2 must be a whole number from 0 to %3.")
                            .arg(m_name, key)
                            .arg(max));
        target = Number(number);
    }

private:
    void fail(const QString &sentence)
    {
        if (m_error.isEmpty())
            m_error = sentence;
    }

    QJsonObject m_object;
    QString m_name;
    bool m_present;
    QString &m_error;
};

} // namespace

namespace Net {

bool FaultSet::anyEnabled() const
{
    return shapesTiming() || timeout.enabled || limitData.enabled || resetPeer.enabled || slowClose.enabled;
}

QJsonObject FaultSet::toJson() const
{
    return {
        {u"latency"_s, QJsonObject{{u"enabled"_s, latency.enabled}, {u"ms"_s, latency.ms}, {u"jitterMs"_s, latency.jitterMs}}},
        {u"bandwidth"_s, QJsonObject{{u"enabled"_s, bandwidth.enabled}, {u"kbPerSecond"_s, bandwidth.kbPerSecond}}},
        {u"slicer"_s, QJsonObject{{u"enabled"_s, slicer.enabled},
                                  {u"averageBytes"_s, slicer.averageBytes},
                                  {u"variationBytes"_s, slicer.variationBytes},
                                  {u"delayUs"_s, slicer.delayUs}}},
        {u"timeout"_s, QJsonObject{{u"enabled"_s, timeout.enabled}, {u"ms"_s, timeout.ms}}},
        {u"limitData"_s, QJsonObject{{u"enabled"_s, limitData.enabled}, {u"bytes"_s, double(limitData.bytes)}}},
        {u"resetPeer"_s, QJsonObject{{u"enabled"_s, resetPeer.enabled}, {u"ms"_s, resetPeer.ms}}},
        {u"slowClose"_s, QJsonObject{{u"enabled"_s, slowClose.enabled}, {u"ms"_s, slowClose.ms}}},
    };
}

FaultSet FaultSet::fromJson(const QJsonObject &json, QString *error)
{
    FaultSet set;
    QString problem;
    {
        FaultReader r(json, u"latency"_s, problem);
        r.flag(set.latency.enabled);
        r.number(u"ms"_s, set.latency.ms, FaultRange::MaxMs);
        r.number(u"jitterMs"_s, set.latency.jitterMs, FaultRange::MaxMs);
    }
    {
        FaultReader r(json, u"bandwidth"_s, problem);
        r.flag(set.bandwidth.enabled);
        r.number(u"kbPerSecond"_s, set.bandwidth.kbPerSecond, FaultRange::MaxKbPerSecond);
    }
    {
        FaultReader r(json, u"slicer"_s, problem);
        r.flag(set.slicer.enabled);
        r.number(u"averageBytes"_s, set.slicer.averageBytes, FaultRange::MaxSliceBytes);
        r.number(u"variationBytes"_s, set.slicer.variationBytes, FaultRange::MaxSliceBytes);
        r.number(u"delayUs"_s, set.slicer.delayUs, FaultRange::MaxSliceDelayUs);
    }
    {
        FaultReader r(json, u"timeout"_s, problem);
        r.flag(set.timeout.enabled);
        r.number(u"ms"_s, set.timeout.ms, FaultRange::MaxMs);
    }
    {
        FaultReader r(json, u"limitData"_s, problem);
        r.flag(set.limitData.enabled);
        r.number(u"bytes"_s, set.limitData.bytes, FaultRange::MaxLimitBytes);
    }
    {
        FaultReader r(json, u"resetPeer"_s, problem);
        r.flag(set.resetPeer.enabled);
        r.number(u"ms"_s, set.resetPeer.ms, FaultRange::MaxMs);
    }
    {
        FaultReader r(json, u"slowClose"_s, problem);
        r.flag(set.slowClose.enabled);
        r.number(u"ms"_s, set.slowClose.ms, FaultRange::MaxMs);
    }
    if (error)
        *error = problem;
    return problem.isEmpty() ? set : FaultSet{};
}

QJsonObject RelayFaults::toJson() const
{
    return {{u"upstream"_s, upstream.toJson()}, {u"downstream"_s, downstream.toJson()}};
}

RelayFaults RelayFaults::fromJson(const QJsonObject &json, QString *error)
{
    RelayFaults faults;
    QString problem;
    faults.upstream = FaultSet::fromJson(json.value(u"upstream"_s).toObject(), &problem);
    if (problem.isEmpty())
        faults.downstream = FaultSet::fromJson(json.value(u"downstream"_s).toObject(), &problem);
    if (error)
        *error = problem;
    return problem.isEmpty() ? faults : RelayFaults{};
}

QHostAddress RelayConfig::upstreamAddress() const
{
    if (upstreamHost.compare(u"localhost"_s, Qt::CaseInsensitive) == 0)
        return QHostAddress(QHostAddress::LocalHost);
    QHostAddress address;
    if (!address.setAddress(upstreamHost))
        return {};
    return address;
}

} // namespace Net
