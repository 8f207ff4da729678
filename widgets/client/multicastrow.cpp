#include "multicastrow.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkInterface>
#include <QSpinBox>

using namespace Qt::StringLiterals;

namespace {
constexpr int MAX_TTL = 255;
} // namespace

MulticastRow::MulticastRow(QWidget *parent)
    : QWidget(parent)
{
    // Created in tab order: the focus chain follows creation.
    auto *groupLabel = new QLabel(tr("Multicast group:"), this);
    m_groupEdit = new QLineEdit(this);
    m_interfaceCombo = new QComboBox(this);
    auto *ttlLabel = new QLabel(tr("TTL:"), this);
    m_ttlSpin = new QSpinBox(this);
    m_loopbackCheck = new QCheckBox(tr("Loopback"), this);

    m_groupEdit->setObjectName(u"clientMulticastGroupEdit"_s);
    m_groupEdit->setAccessibleName(tr("Multicast group to join"));
    m_groupEdit->setPlaceholderText(tr("none, e.g. 239.1.2.3"));
    groupLabel->setBuddy(m_groupEdit);
    m_interfaceCombo->setObjectName(u"clientMulticastInterfaceCombo"_s);
    m_interfaceCombo->setAccessibleName(tr("Interface to join the group on"));
    m_interfaceCombo->addItem(tr("any interface"), QString());
    for (const QNetworkInterface &iface : QNetworkInterface::allInterfaces()) {
        if (iface.flags().testFlag(QNetworkInterface::CanMulticast))
            m_interfaceCombo->addItem(iface.humanReadableName(), iface.name());
    }
    m_ttlSpin->setObjectName(u"clientMulticastTtlSpin"_s);
    m_ttlSpin->setAccessibleName(tr("Multicast TTL"));
    m_ttlSpin->setRange(1, MAX_TTL);
    m_ttlSpin->setValue(Net::ClientOptions().multicastTtl);
    ttlLabel->setBuddy(m_ttlSpin);
    m_loopbackCheck->setObjectName(u"clientMulticastLoopbackCheck"_s);
    m_loopbackCheck->setAccessibleName(tr("Receive our own multicast datagrams"));
    m_loopbackCheck->setChecked(Net::ClientOptions().multicastLoopback);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins({});
    layout->addWidget(groupLabel);
    layout->addWidget(m_groupEdit, 1);
    layout->addWidget(m_interfaceCombo);
    layout->addWidget(ttlLabel);
    layout->addWidget(m_ttlSpin);
    layout->addWidget(m_loopbackCheck);

    connect(m_groupEdit, &QLineEdit::editingFinished, this, &MulticastRow::changed);
    connect(m_interfaceCombo, &QComboBox::currentIndexChanged, this, &MulticastRow::changed);
    connect(m_ttlSpin, &QSpinBox::valueChanged, this, &MulticastRow::changed);
    connect(m_loopbackCheck, &QCheckBox::toggled, this, &MulticastRow::changed);
}

MulticastRow::~MulticastRow() = default;

std::optional<Net::ClientOptions> MulticastRow::apply(Net::ClientOptions options, QString *error) const
{
    const QString group = m_groupEdit->text().trimmed();
    options.multicastGroup = group.isEmpty() ? QHostAddress() : QHostAddress(group);
    if (!group.isEmpty() && options.multicastGroup.isNull()) {
        *error = tr("\"%1\" is not an IP address: enter a multicast group such as 239.1.2.3.").arg(group);
        return std::nullopt;
    }
    options.multicastInterface = m_interfaceCombo->currentData().toString();
    options.multicastTtl = m_ttlSpin->value();
    options.multicastLoopback = m_loopbackCheck->isChecked();
    return options;
}
