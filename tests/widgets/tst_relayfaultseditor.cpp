#include "servers/relayfaultseditor.h"

#include <QCheckBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTest>

using namespace Qt::StringLiterals;

// The fault editor driven through its own controls, found by objectName.
class tst_RelayFaultsEditor : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void startsWithNoFaults();
    void checkingAFaultEmitsIt();
    void editingAValueEmitsIt();
    void directionsAreSeparate();
    void setThenGetRoundTrips();
    void setFaultsDoesNotEmit();
    void resetSwitchesEverythingOff();
    void parametersFollowTheirCheckBox();

private:
    template<typename T>
    T *find(const QString &name) const
    {
        T *widget = m_editor->findChild<T *>(name);
        if (!widget)
            qWarning("no %s", qPrintable(name));
        return widget;
    }
    Net::RelayFaults lastEmitted() const { return m_spy->last().first().value<Net::RelayFaults>(); }

    std::unique_ptr<RelayFaultsEditor> m_editor;
    std::unique_ptr<QSignalSpy> m_spy;
};

void tst_RelayFaultsEditor::init()
{
    m_editor = std::make_unique<RelayFaultsEditor>();
    m_spy = std::make_unique<QSignalSpy>(m_editor.get(), &RelayFaultsEditor::faultsChanged);
    m_editor->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_editor.get()));
}

void tst_RelayFaultsEditor::cleanup()
{
    m_spy.reset();
    m_editor.reset();
}

void tst_RelayFaultsEditor::startsWithNoFaults()
{
    QCOMPARE(m_editor->faults(), Net::RelayFaults{});
    QVERIFY(!m_editor->faults().upstream.anyEnabled());
    auto *tabs = find<QTabWidget>(u"relayFaultsTabs"_s);
    QVERIFY(tabs);
    QCOMPARE(tabs->count(), 2);
    QCOMPARE(tabs->tabText(0), u"Upstream"_s);
    QCOMPARE(tabs->tabText(1), u"Downstream"_s);
}

void tst_RelayFaultsEditor::checkingAFaultEmitsIt()
{
    auto *latency = find<QCheckBox>(u"upstreamLatencyCheck"_s);
    QVERIFY(latency);
    QTest::mouseClick(latency, Qt::LeftButton, {}, QPoint(4, latency->height() / 2));
    QCOMPARE(m_spy->count(), 1);
    Net::RelayFaults expected;
    expected.upstream.latency.enabled = true;
    QCOMPARE(lastEmitted(), expected);
}

void tst_RelayFaultsEditor::editingAValueEmitsIt()
{
    find<QCheckBox>(u"downstreamBandwidthCheck"_s)->setChecked(true);
    auto *rate = find<QSpinBox>(u"downstreamKbPerSecond"_s);
    QVERIFY(rate && rate->isEnabled());
    rate->setFocus();
    rate->selectAll();
    QTest::keyClicks(rate, u"64"_s);
    QTest::keyClick(rate, Qt::Key_Return);
    QCOMPARE(lastEmitted().downstream.bandwidth, (Net::BandwidthFault{true, 64}));
    auto *jitter = find<QSpinBox>(u"upstreamJitterMs"_s);
    jitter->setValue(25);
    QCOMPARE(lastEmitted().upstream.latency.jitterMs, 25);
    auto *delay = find<QSpinBox>(u"downstreamSliceDelayUs"_s);
    QCOMPARE(delay->suffix(), u" µs"_s);
    delay->setValue(750);
    QCOMPARE(lastEmitted().downstream.slicer.delayUs, 750);
}

void tst_RelayFaultsEditor::directionsAreSeparate()
{
    find<QCheckBox>(u"upstreamTimeoutCheck"_s)->setChecked(true);
    find<QSpinBox>(u"upstreamTimeoutMs"_s)->setValue(500);
    find<QCheckBox>(u"downstreamResetPeerCheck"_s)->setChecked(true);
    const Net::RelayFaults faults = lastEmitted();
    QCOMPARE(faults.upstream.timeout, (Net::TimeoutFault{true, 500}));
    QVERIFY(!faults.upstream.resetPeer.enabled);
    QVERIFY(faults.downstream.resetPeer.enabled);
    QVERIFY(!faults.downstream.timeout.enabled);
}

void tst_RelayFaultsEditor::setThenGetRoundTrips()
{
    Net::RelayFaults faults;
    faults.upstream.latency = {true, 250, 40};
    faults.upstream.slicer = {true, 10, 5, 2500};
    faults.upstream.slowClose = {true, 1200};
    faults.downstream.bandwidth = {false, 640};
    faults.downstream.limitData = {true, 123456};
    faults.downstream.resetPeer = {true, 9};
    faults.downstream.timeout = {true, 0};
    m_editor->setFaults(faults);
    QCOMPARE(m_editor->faults(), faults);
    QCOMPARE(find<QSpinBox>(u"upstreamLatencyMs"_s)->value(), 250);
    QCOMPARE(find<QSpinBox>(u"downstreamLimitBytes"_s)->value(), 123456);
    QVERIFY(find<QCheckBox>(u"downstreamTimeoutCheck"_s)->isChecked());
}

void tst_RelayFaultsEditor::setFaultsDoesNotEmit()
{
    Net::RelayFaults faults;
    faults.downstream.latency = {true, 10, 0};
    m_editor->setFaults(faults);
    QCOMPARE(m_spy->count(), 0);
}

void tst_RelayFaultsEditor::resetSwitchesEverythingOff()
{
    Net::RelayFaults faults;
    faults.upstream.limitData = {true, 99};
    faults.downstream.slowClose = {true, 300};
    m_editor->setFaults(faults);
    auto *reset = find<QPushButton>(u"relayFaultsResetButton"_s);
    QVERIFY(reset);
    QTest::mouseClick(reset, Qt::LeftButton);
    QCOMPARE(m_spy->count(), 1);
    QCOMPARE(lastEmitted(), Net::RelayFaults{});
    QCOMPARE(m_editor->faults(), Net::RelayFaults{});
}

void tst_RelayFaultsEditor::parametersFollowTheirCheckBox()
{
    auto *check = find<QCheckBox>(u"upstreamSlicerCheck"_s);
    auto *average = find<QSpinBox>(u"upstreamSliceAverage"_s);
    QVERIFY(!average->isEnabled());
    check->setChecked(true);
    QVERIFY(average->isEnabled());
    QCOMPARE(average->suffix(), u" B"_s);
    QCOMPARE(average->minimum(), 1);
    QCOMPARE(find<QSpinBox>(u"upstreamLatencyMs"_s)->maximum(), Net::FaultRange::MaxMs);
}

QTEST_MAIN(tst_RelayFaultsEditor)
#include "tst_relayfaultseditor.moc"
