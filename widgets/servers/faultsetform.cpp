#include "faultsetform.h"

#include <QCheckBox>
#include <QGridLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSpinBox>

#include <limits>

using namespace Qt::StringLiterals;

namespace {
// A spin box holds an int: the editor offers limit_data up to 2 GiB - 1
// (the JSON form takes more).
constexpr int MAX_LIMIT_BYTES = std::numeric_limits<int>::max();
} // namespace

FaultSetForm::FaultSetForm(const QString &prefix, QWidget *parent)
    : QWidget(parent)
    , m_prefix(prefix)
    , m_grid(new QGridLayout(this))
{
    using namespace Net::FaultRange;
    // One value a row, under its fault's box: side by side, the slicer's
    // three boxes made the relay card wider than the servers dock.
    int row = 0;
    m_latency = addFault(row, u"Latency"_s, tr("Latency"), tr("Hold every chunk for a time, plus or minus a random jitter."));
    m_latencyMs = addValue(row++, u"LatencyMs"_s, tr("Latency"), tr(" ms"), MaxMs);
    m_jitterMs = addValue(row++, u"JitterMs"_s, tr("Jitter"), tr(" ms ±"), MaxMs);
    m_bandwidth = addFault(row, u"Bandwidth"_s, tr("Bandwidth"), tr("Cap the rate (1 KB = 1000 bytes)."));
    m_kbPerSecond = addValue(row++, u"KbPerSecond"_s, tr("Bandwidth"), tr(" KB/s"), MaxKbPerSecond);
    m_kbPerSecond->setMinimum(1);
    m_slicer = addFault(row, u"Slicer"_s, tr("Slicer"), tr("Split the data into small segments with a delay between them."));
    m_sliceAverage = addValue(row++, u"SliceAverage"_s, tr("Average segment size"), tr(" B"), MaxSliceBytes);
    m_sliceAverage->setMinimum(1);
    m_sliceVariation = addValue(row++, u"SliceVariation"_s, tr("Segment size variation"), tr(" B ±"), MaxSliceBytes);
    m_sliceDelayUs = addValue(row++, u"SliceDelayUs"_s, tr("Delay between segments"), tr(" µs"), MaxSliceDelayUs);
    m_timeout = addFault(row, u"Timeout"_s, tr("Timeout"), tr("Stop all data, and close after the time (0: hold open)."));
    m_timeoutMs = addValue(row++, u"TimeoutMs"_s, tr("Close after"), tr(" ms"), MaxMs);
    m_limitData = addFault(row, u"LimitData"_s, tr("Limit data"), tr("Close the connection once this many bytes went through."));
    m_limitBytes = addValue(row++, u"LimitBytes"_s, tr("Bytes through before closing"), tr(" B"), MAX_LIMIT_BYTES);
    m_resetPeer = addFault(row, u"ResetPeer"_s, tr("Reset peer"), tr("Send a TCP reset to the receiving side after the time."));
    m_resetMs = addValue(row++, u"ResetMs"_s, tr("Reset after"), tr(" ms"), MaxMs);
    m_slowClose = addFault(row, u"SlowClose"_s, tr("Slow close"), tr("Pass an end of stream on only after the time."));
    m_slowCloseMs = addValue(row++, u"SlowCloseMs"_s, tr("Close delay"), tr(" ms"), MaxMs);
    m_grid->setColumnStretch(2, 1);
    setFaults(Net::FaultSet{});
}

QCheckBox *FaultSetForm::addFault(int row, const QString &name, const QString &label, const QString &help)
{
    auto *box = new QCheckBox(label, this);
    box->setObjectName(m_prefix + name + u"Check"_s);
    box->setAccessibleName(label);
    box->setToolTip(help);
    connect(box, &QCheckBox::toggled, this, [this] {
        updateEnabled();
        emit changed();
    });
    m_grid->addWidget(box, row, 0);
    return box;
}

QSpinBox *FaultSetForm::addValue(int row, const QString &name, const QString &label, const QString &suffix,
                                 int max)
{
    auto *spin = new QSpinBox(this);
    spin->setObjectName(m_prefix + name);
    spin->setAccessibleName(label);
    spin->setToolTip(label);
    spin->setSuffix(suffix);
    spin->setRange(0, max);
    // Live edits go out per finished number, not per keystroke in the middle of one.
    spin->setKeyboardTracking(false);
    connect(spin, &QSpinBox::valueChanged, this, &FaultSetForm::changed);
    m_grid->addWidget(spin, row, 1);
    return spin;
}

void FaultSetForm::updateEnabled()
{
    m_latencyMs->setEnabled(m_latency->isChecked());
    m_jitterMs->setEnabled(m_latency->isChecked());
    m_kbPerSecond->setEnabled(m_bandwidth->isChecked());
    for (QSpinBox *spin : {m_sliceAverage, m_sliceVariation, m_sliceDelayUs})
        spin->setEnabled(m_slicer->isChecked());
    m_timeoutMs->setEnabled(m_timeout->isChecked());
    m_limitBytes->setEnabled(m_limitData->isChecked());
    m_resetMs->setEnabled(m_resetPeer->isChecked());
    m_slowCloseMs->setEnabled(m_slowClose->isChecked());
}

Net::FaultSet FaultSetForm::faults() const
{
    Net::FaultSet set;
    set.latency = {m_latency->isChecked(), m_latencyMs->value(), m_jitterMs->value()};
    set.bandwidth = {m_bandwidth->isChecked(), m_kbPerSecond->value()};
    set.slicer = {m_slicer->isChecked(), m_sliceAverage->value(), m_sliceVariation->value(), m_sliceDelayUs->value()};
    set.timeout = {m_timeout->isChecked(), m_timeoutMs->value()};
    set.limitData = {m_limitData->isChecked(), m_limitBytes->value()};
    set.resetPeer = {m_resetPeer->isChecked(), m_resetMs->value()};
    set.slowClose = {m_slowClose->isChecked(), m_slowCloseMs->value()};
    return set;
}

void FaultSetForm::setFaults(const Net::FaultSet &set)
{
    const QSignalBlocker blocker(this); // our changed(), re-emitted by the children
    const auto check = [](QCheckBox *box, bool on) {
        const QSignalBlocker quiet(box);
        box->setChecked(on);
    };
    const auto value = [](QSpinBox *spin, qint64 number) {
        const QSignalBlocker quiet(spin);
        spin->setValue(int(qBound(qint64(spin->minimum()), number, qint64(spin->maximum()))));
    };
    check(m_latency, set.latency.enabled);
    value(m_latencyMs, set.latency.ms);
    value(m_jitterMs, set.latency.jitterMs);
    check(m_bandwidth, set.bandwidth.enabled);
    value(m_kbPerSecond, set.bandwidth.kbPerSecond);
    check(m_slicer, set.slicer.enabled);
    value(m_sliceAverage, set.slicer.averageBytes);
    value(m_sliceVariation, set.slicer.variationBytes);
    value(m_sliceDelayUs, set.slicer.delayUs);
    check(m_timeout, set.timeout.enabled);
    value(m_timeoutMs, set.timeout.ms);
    check(m_limitData, set.limitData.enabled);
    value(m_limitBytes, set.limitData.bytes);
    check(m_resetPeer, set.resetPeer.enabled);
    value(m_resetMs, set.resetPeer.ms);
    check(m_slowClose, set.slowClose.enabled);
    value(m_slowCloseMs, set.slowClose.ms);
    updateEnabled();
}
