// OutputBudget without sockets: the running total, its peak, and the order
// and timing in which waiting connections are woken.

#include "server/outputbudget.h"

#include <QObject>
#include <QTest>

class tst_OutputBudget : public QObject
{
    Q_OBJECT

private slots:
    void countsUsedAndPeak();
    void wakesWaitersInOrderUntilSpentAgain();
    void wakesFromTheEventLoopOnly();
    void waiterAfterBytesFreedIsWokenToo();
};

namespace {

// A budget whose wake-ups are recorded; `onWake` may take bytes again, as a
// woken connection that takes new requests does.
struct Rig
{
    QObject context;
    QList<quint64> woken;
    std::function<void(quint64)> onWake;
    Net::OutputBudget budget{&context, [this](quint64 id) {
                                 woken.append(id);
                                 if (onWake)
                                     onWake(id);
                             }};
};

} // namespace

void tst_OutputBudget::countsUsedAndPeak()
{
    Rig rig;
    rig.budget.start(100);
    rig.budget.adjust(60);
    rig.budget.adjust(70);
    rig.budget.adjust(-100);
    QCOMPARE(rig.budget.used(), 30);
    QCOMPARE(rig.budget.peak(), 130);
    rig.budget.start(100); // a restart forgets everything
    QCOMPARE(rig.budget.used(), 0);
    QCOMPARE(rig.budget.peak(), 0);
}

void tst_OutputBudget::wakesWaitersInOrderUntilSpentAgain()
{
    Rig rig;
    rig.budget.start(100);
    rig.budget.adjust(150);
    rig.budget.wait(1);
    rig.budget.wait(2);
    rig.budget.wait(3);
    rig.onWake = [&](quint64 id) {
        if (id == 2)
            rig.budget.adjust(80); // takes its fill: 3 must wait on
    };
    rig.budget.adjust(-120);
    QTRY_COMPARE(rig.woken, (QList<quint64>{1, 2}));
    QCOMPARE(rig.budget.waiting(), QList<quint64>{3});
    rig.budget.adjust(-80);
    QTRY_COMPARE(rig.woken, (QList<quint64>{1, 2, 3}));
    QVERIFY(rig.budget.waiting().isEmpty());
}

void tst_OutputBudget::wakesFromTheEventLoopOnly()
{
    // The connection whose progress freed the bytes is still on the stack.
    Rig rig;
    rig.budget.start(100);
    rig.budget.adjust(100);
    rig.budget.wait(7);
    rig.budget.adjust(-1);
    QVERIFY(rig.woken.isEmpty());
    QTRY_COMPARE(rig.woken, QList<quint64>{7});
}

void tst_OutputBudget::waiterAfterBytesFreedIsWokenToo()
{
    // Its own bytes were counted late: by the time it waits there is room.
    Rig rig;
    rig.budget.start(100);
    rig.budget.adjust(50);
    rig.budget.wait(4);
    QTRY_COMPARE(rig.woken, QList<quint64>{4});
}

QTEST_GUILESS_MAIN(tst_OutputBudget)
#include "tst_outputbudget.moc"
