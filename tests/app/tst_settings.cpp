// Settings' [limits] section as a hand-edited file gives it: the echo
// servers' limits read, range-checked, and defaulted when absent.

#include "settings.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class tst_Settings : public QObject
{
    Q_OBJECT

private slots:
    void echoLimitsDefault();
    void echoLimitsFromTheFile();
    void echoLimitsOutOfRangeAreClamped();

private:
    QString writeIni(QByteArrayView text);

    QTemporaryDir m_dir;
};

QString tst_Settings::writeIni(QByteArrayView text)
{
    const QString path = m_dir.filePath(QString::fromLatin1(QTest::currentTestFunction()) + u".conf"_s);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text.data(), text.size()) != text.size())
        return {};
    return path;
}

void tst_Settings::echoLimitsDefault()
{
    const Settings settings(writeIni(""));
    const Net::EchoLimits limits = settings.limits().echo;
    const Net::EchoLimits defaults;
    QCOMPARE(limits.idleTimeoutMs, 300000);
    QCOMPARE(limits.maxConnectionsPerAddress, defaults.maxConnectionsPerAddress);
    QCOMPARE(limits.maxUdpPeers, defaults.maxUdpPeers);
    QCOMPARE(limits.udpPeerRate, defaults.udpPeerRate);
    QVERIFY(limits.loopbackExempt);
}

void tst_Settings::echoLimitsFromTheFile()
{
    const Settings settings(writeIni("[limits]\n"
                                     "echoIdleTimeoutSec=42\n"
                                     "maxConnectionsPerAddress=7\n"
                                     "maxUdpPeers=123\n"
                                     "udpPeerRate=0\n"));
    const Net::EchoLimits limits = settings.limits().echo;
    QCOMPARE(limits.idleTimeoutMs, 42000);
    QCOMPARE(limits.maxConnectionsPerAddress, 7);
    QCOMPARE(limits.maxUdpPeers, 123);
    QCOMPARE(limits.udpPeerRate, 0); // no limit
}

void tst_Settings::echoLimitsOutOfRangeAreClamped()
{
    const Settings settings(writeIni("[limits]\n"
                                     "echoIdleTimeoutSec=0\n"
                                     "maxConnectionsPerAddress=-5\n"
                                     "maxUdpPeers=99999999\n"
                                     "udpPeerRate=-1\n"));
    const Net::EchoLimits limits = settings.limits().echo;
    QCOMPARE(limits.idleTimeoutMs, 1000);
    QCOMPARE(limits.maxConnectionsPerAddress, 1);
    QCOMPARE(limits.maxUdpPeers, 1000000);
    QCOMPARE(limits.udpPeerRate, 0);
}

QTEST_GUILESS_MAIN(tst_Settings)
#include "tst_settings.moc"
