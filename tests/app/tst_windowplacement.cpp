// Where the main window goes: the first run on screens of every common size,
// and a saved geometry brought back whole onto a smaller or another screen.

#include "windowplacement.h"

#include <QTest>

using WindowPlacement::FrameAllowance;

class tst_WindowPlacement : public QObject
{
    Q_OBJECT

private slots:
    void firstRun_data();
    void firstRun();
    void onScreen_data();
    void onScreen();
};

namespace {
constexpr QSize Preferred{1500, 940};
} // namespace

void tst_WindowPlacement::firstRun_data()
{
    QTest::addColumn<QRect>("available");
    QTest::addColumn<bool>("fits");
    QTest::addRow("1920x1080") << QRect(0, 0, 1920, 1080) << true;
    QTest::addRow("1920x1080 under a top panel") << QRect(0, 27, 1920, 1053) << true;
    QTest::addRow("1366x768") << QRect(0, 0, 1366, 768) << false;
    QTest::addRow("1280x720") << QRect(0, 0, 1280, 720) << false;
    QTest::addRow("1920x1080 at scale 1.5 (1280x720)") << QRect(0, 0, 1280, 720) << false;
    QTest::addRow("a second screen on the right") << QRect(1920, 0, 2560, 1440) << true;
}

void tst_WindowPlacement::firstRun()
{
    QFETCH(QRect, available);
    QFETCH(bool, fits);
    QCOMPARE(WindowPlacement::fits(Preferred, available), fits);
    const QRect window = WindowPlacement::firstRun(Preferred, available);
    QVERIFY2(available.contains(window.marginsAdded(FrameAllowance)), qPrintable(QDebug::toString(window)));
    if (fits) {
        QCOMPARE(window.size(), Preferred);
        // Centred, give or take the pixel an odd margin leaves.
        QVERIFY(qAbs(window.center().x() - available.center().x()) <= 1);
    } else {
        QCOMPARE(window.size(), available.marginsRemoved(FrameAllowance).size().boundedTo(Preferred));
    }
}

void tst_WindowPlacement::onScreen_data()
{
    QTest::addColumn<QRect>("saved");
    QTest::addColumn<QRect>("available");
    QTest::addColumn<QRect>("expected");
    const QRect laptop(0, 0, 1366, 768);
    const QRect room = laptop.marginsRemoved(FrameAllowance);
    QTest::addRow("already inside stays") << QRect(100, 80, 900, 600) << laptop << QRect(100, 80, 900, 600);
    QTest::addRow("from a larger screen, far right")
        << QRect(2400, 300, 1800, 1000) << laptop << QRect(room.topLeft(), room.size());
    QTest::addRow("hanging off the bottom right")
        << QRect(1000, 500, 800, 500) << laptop << QRect(room.right() - 799, room.bottom() - 499, 800, 500);
    QTest::addRow("above and left of the screen") << QRect(-300, -200, 800, 500) << laptop
                                                 << QRect(room.left(), room.top(), 800, 500);
    QTest::addRow("onto a second screen")
        << QRect(100, 100, 800, 500) << QRect(1366, 0, 1920, 1080) << QRect(1366 + 4, 100, 800, 500);
}

void tst_WindowPlacement::onScreen()
{
    QFETCH(QRect, saved);
    QFETCH(QRect, available);
    QFETCH(QRect, expected);
    const QRect placed = WindowPlacement::onScreen(saved, available);
    QCOMPARE(placed, expected);
    QVERIFY(available.contains(placed.marginsAdded(FrameAllowance)));
}

QTEST_APPLESS_MAIN(tst_WindowPlacement)
#include "tst_windowplacement.moc"
