#pragma once

#include <QTimer>
#include <QWidget>

class QCheckBox;
class QLabel;
class QSpinBox;

// "Repeat every [500] ms, [10] times / until stopped", with what is left.
// It only keeps time and counts: the pane sends. Checking the box asks the
// pane for the first message (startRequested); the pane answers begin() when
// it went, or stop(). The box itself is the Stop: unchecking it, an error or
// the last message of the count ends the repeat.
class RepeatControl final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RepeatControl)

public:
    explicit RepeatControl(QWidget *parent = nullptr);
    ~RepeatControl() override;

    int intervalMs() const;
    void setIntervalMs(int ms); // clamped to the spin box's range
    int count() const;          // 0: until stopped
    void setCount(int count);

    bool isRepeating() const { return m_timer.isActive(); }
    // The first message went out: counts it and starts the timer.
    void begin();
    // A message was sent by hand while repeating: the interval starts again.
    void restartInterval();
    // Unchecks the box without asking anything of the pane.
    void stop();

signals:
    void startRequested();
    // Time for the next message; the pane calls stop() if it cannot go.
    void tick();

private:
    void onToggled(bool on);
    void onTimeout();
    void updateRemaining();

    QCheckBox *m_check;
    QSpinBox *m_intervalSpin;
    QSpinBox *m_countSpin;
    QLabel *m_remainingLabel;
    QTimer m_timer;
    int m_remaining = -1; // messages still to send; -1: until stopped
};
