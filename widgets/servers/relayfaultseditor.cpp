#include "relayfaultseditor.h"
#include "faultsetform.h"

#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

RelayFaultsEditor::RelayFaultsEditor(QWidget *parent)
    : QWidget(parent)
    , m_tabs(new QTabWidget(this))
    , m_upstream(new FaultSetForm(u"upstream"_s, this))
    , m_downstream(new FaultSetForm(u"downstream"_s, this))
    , m_reset(new QPushButton(tr("No faults"), this))
{
    setObjectName(u"relayFaultsEditor"_s);
    setAccessibleName(tr("Relay faults"));
    m_tabs->setObjectName(u"relayFaultsTabs"_s);
    m_upstream->setAccessibleName(tr("Upstream faults (client to server)"));
    m_downstream->setAccessibleName(tr("Downstream faults (server to client)"));
    m_tabs->addTab(m_upstream, tr("Upstream"));
    m_tabs->addTab(m_downstream, tr("Downstream"));
    m_tabs->setTabToolTip(0, tr("What the client sends, on its way to the server"));
    m_tabs->setTabToolTip(1, tr("The server's answer, on its way back to the client"));
    m_reset->setObjectName(u"relayFaultsResetButton"_s);
    m_reset->setAccessibleName(tr("Switch every fault off"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);
    layout->addWidget(m_reset, 0, Qt::AlignRight);

    for (FaultSetForm *form : {m_upstream, m_downstream})
        connect(form, &FaultSetForm::changed, this, [this] { emit faultsChanged(faults()); });
    connect(m_reset, &QPushButton::clicked, this, &RelayFaultsEditor::reset);
}

Net::RelayFaults RelayFaultsEditor::faults() const
{
    return {m_upstream->faults(), m_downstream->faults()};
}

void RelayFaultsEditor::setFaults(const Net::RelayFaults &faults)
{
    m_upstream->setFaults(faults.upstream);
    m_downstream->setFaults(faults.downstream);
}

void RelayFaultsEditor::reset()
{
    setFaults({});
    emit faultsChanged(faults());
}
