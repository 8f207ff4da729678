#include "settings.h"

#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class tst_Settings : public QObject
{
    Q_OBJECT

private slots:
    void serveDotfilesIsRememberedAndOffByDefault();
};

void tst_Settings::serveDotfilesIsRememberedAndOffByDefault()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString ini = dir.filePath(u"wirebench.ini"_s);
    {
        Settings settings(ini);
        QVERIFY(!settings.serveDotfiles()); // a first run refuses dot files
        settings.setServeDotfiles(true);
        settings.sync();
    }
    {
        const Settings settings(ini);
        QVERIFY(settings.serveDotfiles());
    }
    QSettings raw(ini, QSettings::IniFormat);
    QCOMPARE(raw.value(u"servers/web/serveDotfiles"_s).toBool(), true);
    raw.setValue(u"servers/web/serveDotfiles"_s, u"not a boolean"_s);
    raw.sync();
    QVERIFY(!Settings(ini).serveDotfiles()); // a hand-edited oddity is the safe default
}

QTEST_GUILESS_MAIN(tst_Settings)
#include "tst_settings.moc"
