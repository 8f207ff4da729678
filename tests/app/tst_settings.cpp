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
    void clientOptionsAndLibraryAreRemembered();
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

void tst_Settings::clientOptionsAndLibraryAreRemembered()
{
    const QString ini = writeIni("");
    {
        const Settings settings(ini);
        QVERIFY(settings.clientPane() == ClientPaneState()); // escapes on, UTF-8, any port
        QVERIFY(settings.clientLibrary().isEmpty());
    }
    ClientPaneState state;
    state.repeatCount = 10;
    state.escapes = false;
    state.encoding = u"Big5"_s;
    state.localPort = 5000;
    const MessageLibrary library = {{u"hello"_s, Net::ClientProtocol::Udp, MessageMode::Hex, u"68 69"_s}};
    {
        Settings settings(ini);
        settings.setClientPane(state);
        settings.setClientLibrary(library);
        settings.sync();
    }
    const Settings settings(ini);
    QVERIFY(settings.clientPane() == state);
    QVERIFY(settings.clientLibrary() == library);
    QSettings raw(ini, QSettings::IniFormat);
    QVERIFY(raw.value(u"client/library"_s).toString().contains(u"\"wirebenchMessages\""_s)); // JSON text
    raw.setValue(u"client/library"_s, u"{broken"_s);
    raw.setValue(u"client/localPort"_s, 70000);
    raw.sync();
    QVERIFY(Settings(ini).clientLibrary().isEmpty()); // unreadable: an empty library, no crash
    {
        ClientPaneState udp;
        udp.protocol = Net::ClientProtocol::Udp;
        udp.host = u"::1"_s;
        udp.port = 9;
        udp.localPort = 4000;
        Settings settings(ini);
        QVERIFY(settings.clientExtraTabs().isEmpty());
        settings.setClientExtraTabs({udp, ClientPaneState()});
        settings.sync();
        const QList<ClientPaneState> tabs = Settings(ini).clientExtraTabs();
        QCOMPARE(tabs.size(), 2);
        QVERIFY(tabs.at(0) == udp);
        QVERIFY(tabs.at(1) == ClientPaneState());
    }
    QCOMPARE(Settings(ini).clientPane().localPort, 65535);
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
