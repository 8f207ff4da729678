// --allowed-host and [web] allowedHosts: the names the web server answers to
// besides localhost names and IP literals, from the command line and from
// the settings file.

#include "commandline.h"
#include "settings.h"

#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class tst_AllowedHosts : public QObject
{
    Q_OBJECT

private slots:
    void noneByDefault();
    void repeatedOptionCollectsNames();
    void invalidNameIsRefused_data();
    void invalidNameIsRefused();
    void settingsRoundTrip();
    void settingsDropInvalidNames();
};

void tst_AllowedHosts::noneByDefault()
{
    const CommandLineResult parsed = parseCommandLine({u"wirebench"_s, u"--headless"_s});
    QVERIFY(parsed.options);
    QVERIFY(parsed.options->allowedHosts.isEmpty());
}

void tst_AllowedHosts::repeatedOptionCollectsNames()
{
    const CommandLineResult parsed = parseCommandLine({u"wirebench"_s, u"--allowed-host"_s, u"dev.example"_s,
                                                       u"--allowed-host"_s, u"my-desktop.lan"_s});
    QVERIFY2(parsed.options, qPrintable(parsed.message));
    QCOMPARE(parsed.options->allowedHosts, (QStringList{u"dev.example"_s, u"my-desktop.lan"_s}));
    QVERIFY(parsed.options->given.contains(u"allowed-host"_s));
}

void tst_AllowedHosts::invalidNameIsRefused_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("with a port") << u"dev.example:8080"_s;
    QTest::newRow("a URL") << u"http://dev.example/"_s;
    QTest::newRow("empty label") << u"dev..example"_s;
    QTest::newRow("empty") << QString();
}

void tst_AllowedHosts::invalidNameIsRefused()
{
    QFETCH(QString, name);
    const CommandLineResult parsed = parseCommandLine({u"wirebench"_s, u"--allowed-host"_s, name});
    QVERIFY(!parsed.options);
    QCOMPARE(parsed.exitCode, 2);
    QVERIFY2(parsed.message.contains(u"--allowed-host"_s), qPrintable(parsed.message));
}

void tst_AllowedHosts::settingsRoundTrip()
{
    QTemporaryDir dir;
    const QString ini = dir.filePath(u"wirebench.conf"_s);
    {
        Settings settings(ini);
        QVERIFY(settings.allowedHosts().isEmpty());
        settings.setAllowedHosts({u"dev.example"_s, u"my-desktop.lan"_s});
        settings.sync();
    }
    const QSettings file(ini, QSettings::IniFormat);
    QCOMPARE(file.value(u"web/allowedHosts"_s).toStringList(), (QStringList{u"dev.example"_s, u"my-desktop.lan"_s}));
    QCOMPARE(Settings(ini).allowedHosts(), (QStringList{u"dev.example"_s, u"my-desktop.lan"_s}));
}

void tst_AllowedHosts::settingsDropInvalidNames()
{
    // A hand-edited file: "a, b" is a list in INI; what is not a name is dropped.
    QTemporaryDir dir;
    const QString ini = dir.filePath(u"wirebench.conf"_s);
    {
        QFile file(ini);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("[web]\nallowedHosts=dev.example, bad name, host:80, my-desktop.lan\n");
    }
    QCOMPARE(Settings(ini).allowedHosts(), (QStringList{u"dev.example"_s, u"my-desktop.lan"_s}));
}

QTEST_GUILESS_MAIN(tst_AllowedHosts)
#include "tst_allowedhosts.moc"
