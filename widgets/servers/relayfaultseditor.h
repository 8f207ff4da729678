#pragma once

#include "api/relayconfig.h"

#include <QWidget>

class FaultSetForm;
class QPushButton;
class QTabWidget;

// Edits a relay's network faults: a tab per direction (Upstream: client →
// server, Downstream: server → client) and a button that switches every
// fault off. Every edit emits faultsChanged() at once, so a running relay
// follows the user live. Self-contained: the relay card hosts it.
class RelayFaultsEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RelayFaultsEditor)

public:
    explicit RelayFaultsEditor(QWidget *parent = nullptr);

    Net::RelayFaults faults() const;
    // Shows `faults` without emitting faultsChanged().
    void setFaults(const Net::RelayFaults &faults);
    // Back to no faults at all; emits faultsChanged().
    void reset();

signals:
    void faultsChanged(const Net::RelayFaults &faults);

private:
    QTabWidget *m_tabs;
    FaultSetForm *m_upstream;
    FaultSetForm *m_downstream;
    QPushButton *m_reset;
};
