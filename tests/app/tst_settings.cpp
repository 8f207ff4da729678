// Settings as a hand-edited file gives it: the echo servers' limits read,
// range-checked and defaulted when absent; dot files off unless plainly on.

#include "settings.h"

#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class tst_Settings : public QObject
{
    Q_OBJECT

private slots:
    void serveDotfilesIsRememberedAndOffByDefault();
    void echoLimitsDefault();
    void echoLimitsFromTheFile();
    void echoLimitsOutOfRangeAreClamped();
    void serverModeAndRulesAreRemembered();

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

void tst_Settings::serverModeAndRulesAreRemembered()
{
    const QString ini = writeIni("");
    QVERIFY(!ini.isEmpty());
    Net::ReplyRule rule;
    rule.name = u"ping"_s;
    rule.match = Net::MatchKind::Regex;
    rule.pattern = u"^PING$"_s;
    rule.reply = u"PONG {{counter}}\r\n"_s;
    rule.delayMs = 100;
    {
        Settings settings(ini);
        QCOMPARE(settings.serverCard(Net::ServerKind::Tcp, {}).mode, Net::ServerMode::Echo); // the default
        ServerCardState tcp = settings.serverCard(Net::ServerKind::Tcp, {});
        tcp.mode = Net::ServerMode::Rules;
        tcp.rules.rules = {rule};
        settings.setServerCard(Net::ServerKind::Tcp, tcp);
        ServerCardState udp = settings.serverCard(Net::ServerKind::Udp, {});
        udp.mode = Net::ServerMode::Listen;
        settings.setServerCard(Net::ServerKind::Udp, udp);
        settings.sync();
    }
    {
        const Settings settings(ini);
        const ServerCardState tcp = settings.serverCard(Net::ServerKind::Tcp, {});
        QCOMPARE(tcp.mode, Net::ServerMode::Rules);
        QCOMPARE(tcp.rules.rules, QList<Net::ReplyRule>{rule});
        QCOMPARE(settings.serverCard(Net::ServerKind::Udp, {}).mode, Net::ServerMode::Listen);
    }
    QSettings raw(ini, QSettings::IniFormat);
    QCOMPARE(raw.value(u"servers/echo/mode"_s).toString(), u"rules"_s);
    raw.setValue(u"servers/echo/mode"_s, u"bogus"_s);
    raw.setValue(u"servers/echo/rules"_s, u"{not json"_s);
    raw.sync();
    const ServerCardState edited = Settings(ini).serverCard(Net::ServerKind::Tcp, {});
    QCOMPARE(edited.mode, Net::ServerMode::Echo); // a hand-edited oddity is the default
    QVERIFY(edited.rules.rules.isEmpty());
}

QTEST_GUILESS_MAIN(tst_Settings)
#include "tst_settings.moc"
