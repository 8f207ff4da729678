#pragma once

#include <QObject>

class QSocketNotifier;

// Turns SIGINT and SIGTERM into a Qt signal on the main thread (the
// self-pipe trick): a signal handler may only do async-signal-safe work, so
// it writes one byte and the event loop does the rest.
class UnixSignalWatcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UnixSignalWatcher)

public:
    explicit UnixSignalWatcher(QObject *parent = nullptr);
    ~UnixSignalWatcher() override;

    // After the first termination signal the process has `seconds` to end.
    // Past that, whatever holds it up (a stuck thread, a write to a stdout
    // nobody reads, which no event loop can interrupt), the handler of
    // SIGALRM says so on stderr and exits with `exitCode`.
    void setWatchdog(int seconds, int exitCode);

signals:
    void terminationRequested(int signalNumber);

private:
    QSocketNotifier *m_notifier = nullptr;
};
