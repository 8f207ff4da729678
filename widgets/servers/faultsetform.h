#pragma once

#include "api/relayconfig.h"

#include <QWidget>

class QCheckBox;
class QGridLayout;
class QSpinBox;

// The faults of one relay direction as a grid: a check box per fault and
// its parameters as spin boxes with units. The parameters stay editable
// values while their fault is off, so switching it on again restores them.
class FaultSetForm final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FaultSetForm)

public:
    // `prefix` ("upstream", "downstream") starts every control's objectName.
    FaultSetForm(const QString &prefix, QWidget *parent = nullptr);

    Net::FaultSet faults() const;
    // Shows `faults` without emitting changed().
    void setFaults(const Net::FaultSet &faults);

signals:
    void changed();

private:
    QCheckBox *addFault(int row, const QString &name, const QString &label, const QString &help);
    QSpinBox *addValue(int row, const QString &name, const QString &label, const QString &suffix, int max);
    void updateEnabled();

    QString m_prefix;
    QGridLayout *m_grid;
    QCheckBox *m_latency, *m_bandwidth, *m_slicer, *m_timeout, *m_limitData, *m_resetPeer, *m_slowClose;
    QSpinBox *m_latencyMs, *m_jitterMs, *m_kbPerSecond, *m_sliceAverage, *m_sliceVariation, *m_sliceDelayUs,
        *m_timeoutMs, *m_limitBytes, *m_resetMs, *m_slowCloseMs;
};
