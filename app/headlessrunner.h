#pragma once

#include "accesslogformat.h"
#include "commandline.h"

#include "api/netcontroller.h"

#include <QObject>

#include <cstdio>

// The --headless mode: starts the servers the options ask for through the
// same façade the window uses, prints one "listening" line per server, logs
// traffic to stdout, and stops cleanly on SIGINT/SIGTERM.
class HeadlessRunner final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HeadlessRunner)

public:
    explicit HeadlessRunner(const CommandLineOptions &options, QObject *parent = nullptr);

    void start();
    void stop(int exitCode);

signals:
    void finished(int exitCode);

private:
    void onStatus(const Net::ServerStatus &status);
    void onBatch(const Net::TrafficBatch &batch);
    void writeOut(const QByteArray &bytes);

    CommandLineOptions m_options;
    Net::NetController m_net;
    AccessLogFormat m_format;
    QByteArray m_lines;
    bool m_stopping = false;
    bool m_finished = false;
};
