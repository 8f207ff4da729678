#include "repeatcontrol.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSpinBox>

using namespace Qt::StringLiterals;

namespace {
constexpr int MIN_REPEAT_MS = 10;
constexpr int MAX_REPEAT_MS = 3600000;
constexpr int MAX_REPEAT_COUNT = 1000000;
} // namespace

RepeatControl::RepeatControl(QWidget *parent)
    : QWidget(parent)
{
    // Created in tab order: the focus chain follows creation.
    m_check = new QCheckBox(tr("&Repeat every"), this);
    m_intervalSpin = new QSpinBox(this);
    m_countSpin = new QSpinBox(this);
    m_remainingLabel = new QLabel(this);

    m_check->setObjectName(u"clientRepeatCheck"_s);
    m_check->setAccessibleName(tr("Repeat the message"));
    m_check->setToolTip(tr("Uncheck to stop."));
    m_intervalSpin->setObjectName(u"clientRepeatSpin"_s);
    m_intervalSpin->setAccessibleName(tr("Repeat interval in milliseconds"));
    m_intervalSpin->setRange(MIN_REPEAT_MS, MAX_REPEAT_MS);
    m_intervalSpin->setValue(1000);
    m_intervalSpin->setSuffix(tr(" ms"));
    m_intervalSpin->setGroupSeparatorShown(true);
    m_countSpin->setObjectName(u"clientRepeatCountSpin"_s);
    m_countSpin->setAccessibleName(tr("How many messages to send"));
    m_countSpin->setRange(0, MAX_REPEAT_COUNT);
    m_countSpin->setSpecialValueText(tr("until stopped"));
    m_countSpin->setSuffix(tr(" times"));
    m_remainingLabel->setObjectName(u"clientRepeatRemainingLabel"_s);
    m_remainingLabel->setAccessibleName(tr("Messages left to repeat"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins({});
    layout->addWidget(m_check);
    layout->addWidget(m_intervalSpin);
    layout->addWidget(m_countSpin);
    layout->addWidget(m_remainingLabel);

    m_timer.setInterval(m_intervalSpin->value());
    connect(m_check, &QCheckBox::toggled, this, &RepeatControl::onToggled);
    connect(m_intervalSpin, &QSpinBox::valueChanged, &m_timer, qOverload<int>(&QTimer::setInterval));
    connect(&m_timer, &QTimer::timeout, this, &RepeatControl::onTimeout);
}

RepeatControl::~RepeatControl() = default;

int RepeatControl::intervalMs() const
{
    return m_intervalSpin->value();
}

void RepeatControl::setIntervalMs(int ms)
{
    m_intervalSpin->setValue(ms);
}

int RepeatControl::count() const
{
    return m_countSpin->value();
}

void RepeatControl::setCount(int count)
{
    m_countSpin->setValue(count);
}

void RepeatControl::begin()
{
    m_remaining = count() == 0 ? -1 : count() - 1;
    if (m_remaining == 0) {
        stop();
        return;
    }
    m_timer.setInterval(m_intervalSpin->value());
    m_timer.start();
    updateRemaining();
}

void RepeatControl::restartInterval()
{
    if (m_timer.isActive())
        m_timer.start();
}

void RepeatControl::stop()
{
    m_timer.stop();
    m_remaining = -1;
    const QSignalBlocker blocker(m_check);
    m_check->setChecked(false);
    updateRemaining();
}

void RepeatControl::onToggled(bool on)
{
    if (on)
        emit startRequested();
    else
        stop();
}

void RepeatControl::onTimeout()
{
    if (m_remaining > 0)
        --m_remaining;
    // Counted before the message goes: a slot that stops the repeat leaves nothing to undo.
    const bool last = m_remaining == 0;
    emit tick();
    if (last)
        stop();
    else
        updateRemaining();
}

void RepeatControl::updateRemaining()
{
    m_remainingLabel->setText(m_timer.isActive() && m_remaining > 0 ? tr("%n left", nullptr, m_remaining) : QString());
}
