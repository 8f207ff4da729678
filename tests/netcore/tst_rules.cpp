#include "rules/delayedreplies.h"
#include "api/replyrule.h"
#include "api/replytemplate.h"
#include "api/ruleengine.h"
#include "api/rulesjson.h"
#include "api/servermode.h"

#include <QDateTime>
#include <QTest>

using namespace Net;
using namespace Qt::StringLiterals;

namespace {

ReplyRule rule(MatchKind kind, const QString &pattern, const QString &reply, const QString &name = {})
{
    ReplyRule r;
    r.name = name;
    r.match = kind;
    r.pattern = pattern;
    r.reply = reply;
    return r;
}

ReplyContext context(const QByteArray &received = {})
{
    ReplyContext c;
    c.received = received;
    c.peerAddress = QHostAddress(u"127.0.0.1"_s);
    c.peerPort = 5000;
    c.nowMs = 1700000000123;
    c.random = 4242;
    return c;
}

} // namespace

Q_DECLARE_METATYPE(Net::ReplyRule)

class tst_Rules : public QObject
{
    Q_OBJECT

private slots:
    void matchKinds_data();
    void matchKinds();
    void firstEnabledMatchWins();
    void noMatchNoReply();
    void macros();
    void rxInHexReply();
    void unknownMacroStaysLiteral();
    void counterCountsRepliesAcrossRules();
    void hitsPerRule();
    void invalidRegexIsReportedAndNeverMatches();
    void invalidHexIsReported_data();
    void invalidHexIsReported();
    void jsonRoundTrip();
    void malformedJson_data();
    void malformedJson();
    void modeNames();
    void delayedRepliesInOrderAndBounded();
    void delayedRepliesOutOfOrder();
};

void tst_Rules::matchKinds_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QByteArray>("received");
    QTest::addColumn<bool>("matches");

    QTest::addRow("exact") << int(MatchKind::Exact) << u"PING"_s << QByteArray("PING") << true;
    QTest::addRow("exact, line ending ignored") << int(MatchKind::Exact) << u"PING"_s << QByteArray("PING\r\n") << true;
    QTest::addRow("exact, longer") << int(MatchKind::Exact) << u"PING"_s << QByteArray("PING!") << false;
    QTest::addRow("exact, case") << int(MatchKind::Exact) << u"PING"_s << QByteArray("ping") << false;
    QTest::addRow("exact, UTF-8") << int(MatchKind::Exact) << u"grüß"_s << QByteArray("gr\xc3\xbc\xc3\x9f") << true;
    QTest::addRow("starts with") << int(MatchKind::StartsWith) << u"GET "_s << QByteArray("GET / HTTP/1.1") << true;
    QTest::addRow("starts with, not") << int(MatchKind::StartsWith) << u"GET "_s << QByteArray(" GET /") << false;
    QTest::addRow("contains") << int(MatchKind::Contains) << u"lo w"_s << QByteArray("hello world") << true;
    QTest::addRow("contains, not") << int(MatchKind::Contains) << u"xyz"_s << QByteArray("hello world") << false;
    QTest::addRow("contains, empty matches all") << int(MatchKind::Contains) << QString() << QByteArray("x") << true;
    QTest::addRow("contains, binary") << int(MatchKind::Contains) << u"AB"_s << QByteArray("\x00\xff" "AB\x00", 5) << true;
    QTest::addRow("regex") << int(MatchKind::Regex) << u"^id=(\\d+)$"_s << QByteArray("id=42") << true;
    QTest::addRow("regex, not") << int(MatchKind::Regex) << u"^id=(\\d+)$"_s << QByteArray("id=x") << false;
    QTest::addRow("regex, UTF-8") << int(MatchKind::Regex) << u"ü+"_s << QByteArray("\xc3\xbc\xc3\xbc") << true;
    QTest::addRow("hex prefix") << int(MatchKind::HexPrefix) << u"02 ff"_s << QByteArray("\x02\xff\x10", 3) << true;
    QTest::addRow("hex prefix, upper case") << int(MatchKind::HexPrefix) << u"02FF"_s << QByteArray("\x02\xff", 2) << true;
    QTest::addRow("hex prefix, not") << int(MatchKind::HexPrefix) << u"02 ff"_s << QByteArray("\x02\xfe", 2) << false;
    QTest::addRow("hex prefix, shorter input") << int(MatchKind::HexPrefix) << u"02 ff"_s << QByteArray("\x02", 1) << false;
}

void tst_Rules::matchKinds()
{
    QFETCH(int, kind);
    QFETCH(QString, pattern);
    QFETCH(QByteArray, received);
    QFETCH(bool, matches);
    RuleSet set;
    set.rules.append(rule(MatchKind(kind), pattern, u"ok"_s));
    QVERIFY2(set.validate().isEmpty(), qPrintable(set.validate().join(u' ')));
    RuleEngine engine(set);
    QCOMPARE(engine.match(received), matches ? 0 : -1);
}

void tst_Rules::firstEnabledMatchWins()
{
    RuleSet set;
    set.rules.append(rule(MatchKind::Contains, u"a"_s, u"disabled"_s));
    set.rules.last().enabled = false;
    set.rules.append(rule(MatchKind::Contains, u"zzz"_s, u"other"_s));
    set.rules.append(rule(MatchKind::Contains, u"a"_s, u"second"_s));
    set.rules.append(rule(MatchKind::Contains, QString(), u"catch-all"_s));
    RuleEngine engine(set);
    RuleAction action = engine.respond("abc", context());
    QCOMPARE(action.rule, 2);
    QCOMPARE(action.reply, "second");
    action = engine.respond("xyz", context());
    QCOMPARE(action.rule, 3);
    QCOMPARE(action.reply, "catch-all");
}

void tst_Rules::noMatchNoReply()
{
    RuleSet set;
    set.rules.append(rule(MatchKind::Exact, u"a"_s, u"b"_s));
    RuleEngine engine(set);
    const RuleAction action = engine.respond("b", context());
    QVERIFY(!action.matched());
    QVERIFY(action.reply.isEmpty());
    QCOMPARE(engine.hits(), QList<qint64>({0}));
    QVERIFY(!RuleEngine().respond("x", context()).matched()); // no rules: no answer
}

void tst_Rules::macros()
{
    RuleSet set;
    set.rules.append(rule(MatchKind::Contains, QString(),
                          u"n={{counter}} t={{time}} u={{unixtime}} r={{random}} p={{peer}} rx=[{{rx}}]"_s));
    set.rules.last().delayMs = 250;
    set.rules.last().closeAfter = true;
    RuleEngine engine(set);
    ReplyContext c = context();
    const QString time = QDateTime::fromMSecsSinceEpoch(c.nowMs).toString(u"HH:mm:ss.zzz"_s);
    RuleAction action = engine.respond("hi\n", c);
    QCOMPARE(action.reply, (u"n=1 t=%1 u=1700000000 r=4242 p=127.0.0.1:5000 rx=[hi\n]"_s.arg(time)).toUtf8());
    QCOMPARE(action.delayMs, 250);
    QVERIFY(action.closeAfter);

    c.peerAddress = QHostAddress(u"::1"_s);
    action = engine.respond("x", c);
    QVERIFY(action.reply.startsWith("n=2 "));
    QVERIFY(action.reply.contains("p=[::1]:5000 "));
}

void tst_Rules::rxInHexReply()
{
    RuleSet set;
    set.rules.append(rule(MatchKind::HexPrefix, u"aa"_s, u"02 {{rx}} 03"_s));
    set.rules.last().replyHex = true;
    QVERIFY(set.validate().isEmpty());
    RuleEngine engine(set);
    const QByteArray received("\xaa\x00\xff", 3);
    QCOMPARE(engine.respond(received, context()).reply, QByteArray("\x02\xaa\x00\xff\x03", 5));
}

void tst_Rules::unknownMacroStaysLiteral()
{
    RuleSet set;
    set.rules.append(rule(MatchKind::Contains, QString(), u"{{nope}} {{counter}} {{ rx}} {{"_s));
    RuleEngine engine(set);
    QCOMPARE(engine.respond("x", context()).reply, "{{nope}} 1 {{ rx}} {{");
}

void tst_Rules::counterCountsRepliesAcrossRules()
{
    RuleSet set;
    set.rules.append(rule(MatchKind::Exact, u"a"_s, u"a{{counter}}"_s));
    set.rules.append(rule(MatchKind::Exact, u"b"_s, u"b{{counter}}"_s));
    RuleEngine engine(set);
    QCOMPARE(engine.respond("a", context()).reply, "a1");
    QVERIFY(!engine.respond("c", context()).matched()); // no reply: not counted
    QCOMPARE(engine.respond("b", context()).reply, "b2");
    QCOMPARE(engine.respond("a", context()).reply, "a3");
}

void tst_Rules::hitsPerRule()
{
    RuleSet set;
    set.rules.append(rule(MatchKind::Exact, u"a"_s, u"1"_s));
    set.rules.append(rule(MatchKind::Exact, u"b"_s, u"2"_s));
    set.rules.append(rule(MatchKind::Exact, u"c"_s, u"3"_s));
    RuleEngine engine(set);
    for (const char *input : {"a", "b", "b", "x", "b"})
        engine.respond(input, context());
    QCOMPARE(engine.hits(), QList<qint64>({1, 3, 0}));
}

void tst_Rules::invalidRegexIsReportedAndNeverMatches()
{
    RuleSet set;
    set.rules.append(rule(MatchKind::Regex, u"(unclosed"_s, u"never"_s, u"broken"_s));
    set.rules.append(rule(MatchKind::Contains, u"unclosed"_s, u"fallback"_s));
    const QStringList problems = set.validate();
    QCOMPARE(problems.size(), 1);
    QVERIFY2(problems[0].startsWith(u"Rule 1 (broken): the regular expression is not valid: "_s), qPrintable(problems[0]));
    QVERIFY2(problems[0].endsWith(u'.'), qPrintable(problems[0]));
    RuleEngine engine(set);
    QCOMPARE(engine.respond("(unclosed", context()).reply, "fallback");
}

void tst_Rules::invalidHexIsReported_data()
{
    QTest::addColumn<ReplyRule>("badRule");
    QTest::addColumn<QString>("sentence");
    ReplyRule prefix = rule(MatchKind::HexPrefix, u"0g"_s, u"x"_s);
    QTest::addRow("bad digit in prefix") << prefix << u"Rule 1: the hex prefix \"0g\" is not hex digits in pairs (e.g. \"02 ff\")."_s;
    prefix.pattern = u"abc"_s;
    QTest::addRow("odd prefix") << prefix << u"Rule 1: the hex prefix \"abc\" is not hex digits in pairs (e.g. \"02 ff\")."_s;
    prefix.pattern = QString();
    QTest::addRow("empty prefix") << prefix << u"Rule 1: the hex prefix \"\" is not hex digits in pairs (e.g. \"02 ff\")."_s;
    ReplyRule reply = rule(MatchKind::Contains, u"x"_s, u"48 6 {{rx}}"_s);
    reply.replyHex = true;
    QTest::addRow("split byte in reply") << reply << u"Rule 1: the hex reply \"48 6 {{rx}}\" is not hex digits in pairs (e.g. \"48 69 0d 0a\")."_s;
    reply.reply = u"41 {{nope}}"_s;
    QTest::addRow("unknown macro in hex") << reply << u"Rule 1: the hex reply \"41 {{nope}}\" is not hex digits in pairs (e.g. \"48 69 0d 0a\")."_s;
    ReplyRule delay = rule(MatchKind::Contains, u"x"_s, u"y"_s);
    delay.delayMs = ReplyRule::MAX_DELAY_MS + 1;
    QTest::addRow("delay too long") << delay << u"Rule 1: the delay must be from 0 to 600000 ms."_s;
}

void tst_Rules::invalidHexIsReported()
{
    QFETCH(ReplyRule, badRule);
    QFETCH(QString, sentence);
    RuleSet set;
    set.rules.append(badRule);
    QCOMPARE(set.validate(), QStringList{sentence});
    QCOMPARE(RuleEngine(set).match("\x0g abc x"), -1); // an unusable rule never answers
}

void tst_Rules::jsonRoundTrip()
{
    RuleSet set;
    set.rules.append(rule(MatchKind::Exact, u"PING"_s, u"PONG {{counter}}\r\n"_s, u"ping"_s));
    ReplyRule hex = rule(MatchKind::HexPrefix, u"01 02"_s, u"ff {{rx}}"_s, u"binary \"quoted\" ü"_s);
    hex.replyHex = true;
    hex.delayMs = 1500;
    hex.closeAfter = true;
    hex.enabled = false;
    set.rules.append(hex);
    set.rules.append(rule(MatchKind::Regex, u"^a+$"_s, QString()));
    set.rules.append(rule(MatchKind::StartsWith, u"GET"_s, u"x"_s));
    set.rules.append(rule(MatchKind::Contains, QString(), u"y"_s));
    const QByteArray json = rulesToJson(set);
    QVERIFY(json.contains("\"version\": 1"));
    const RulesJsonResult back = rulesFromJson(json);
    QVERIFY2(back.ok(), qPrintable(back.error));
    QCOMPARE(back.rules, set);

    // Only "rules" and each rule's "match" are required.
    const RulesJsonResult minimal = rulesFromJson(R"({"rules": [{"match": "contains"}]})");
    QVERIFY2(minimal.ok(), qPrintable(minimal.error));
    QCOMPARE(minimal.rules.rules.size(), 1);
    QCOMPARE(minimal.rules.rules[0], ReplyRule());
}

void tst_Rules::malformedJson_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("sentence");
    QTest::addRow("not JSON") << QByteArray("{\"rules\": [")
                              << u"The rules file is not valid JSON: unterminated array at byte 12."_s;
    QTest::addRow("an array") << QByteArray("[]")
                              << u"This is not a Wirebench rules file: it needs an object with a \"rules\" list."_s;
    QTest::addRow("no rules") << QByteArray("{\"version\": 1}")
                              << u"This is not a Wirebench rules file: it needs an object with a \"rules\" list."_s;
    QTest::addRow("other format") << QByteArray(R"({"format": "other", "rules": []})")
                                  << u"This is not a Wirebench rules file: it needs an object with a \"rules\" list."_s;
    QTest::addRow("newer") << QByteArray(R"({"version": 2, "rules": []})")
                           << u"The rules file has version 2; this Wirebench reads version 1 and older."_s;
    QTest::addRow("bad version") << QByteArray(R"({"version": "one", "rules": []})")
                                 << u"The rules file's \"version\" must be a whole number from 1."_s;
    QTest::addRow("rule not object") << QByteArray(R"({"rules": [{"match": "exact"}, 3]})")
                                     << u"Rule 2 in the rules file: it is not an object."_s;
    QTest::addRow("bad match") << QByteArray(R"({"rules": [{"match": "fuzzy"}]})")
                               << u"Rule 1 in the rules file: \"match\" must be one of exact, startsWith, contains, regex, hexPrefix."_s;
    QTest::addRow("bad delay") << QByteArray(R"({"rules": [{"match": "exact", "delayMs": 1.5}]})")
                               << u"Rule 1 in the rules file: \"delayMs\" must be a whole number from 0 to 600000."_s;
    QTest::addRow("negative delay") << QByteArray(R"({"rules": [{"match": "exact", "delayMs": -1}]})")
                                    << u"Rule 1 in the rules file: \"delayMs\" must be a whole number from 0 to 600000."_s;
    QTest::addRow("bad type") << QByteArray(R"({"rules": [{"match": "exact", "reply": 5}]})")
                              << u"Rule 1 in the rules file: \"reply\" must be text."_s;
    QTest::addRow("bad bool") << QByteArray(R"({"rules": [{"match": "exact", "closeAfter": "yes"}]})")
                              << u"Rule 1 in the rules file: \"closeAfter\" must be true or false."_s;
}

void tst_Rules::malformedJson()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, sentence);
    const RulesJsonResult result = rulesFromJson(json);
    QVERIFY(!result.ok());
    QCOMPARE(result.error, sentence);
    QVERIFY(result.rules.rules.isEmpty());
}

void tst_Rules::modeNames()
{
    for (ServerMode mode : {ServerMode::Echo, ServerMode::Listen, ServerMode::Rules})
        QCOMPARE(serverModeFromName(serverModeName(mode)), mode);
    QCOMPARE(serverModeFromName(u"RULES"), ServerMode::Rules);
    QVERIFY(!serverModeFromName(u"reply"));
}

void tst_Rules::delayedRepliesInOrderAndBounded()
{
    QList<QByteArray> delivered;
    DelayedReplies replies(3, true, [&](DelayedReplies::Reply &&reply) { delivered.append(reply.bytes); });
    QVERIFY(replies.add({"a", false, 0}, 80));
    QVERIFY(replies.add({"b", false, 0}, 0)); // due before "a", but waits for it
    QVERIFY(replies.add({"c", false, 0}, 10));
    QVERIFY(replies.isFull());
    QVERIFY(!replies.add({"d", false, 0}, 0)); // the cap: refused, not queued
    QTRY_COMPARE_WITH_TIMEOUT(delivered, QList<QByteArray>({"a", "b", "c"}), 5000);
    QVERIFY(replies.isEmpty());

    QVERIFY(replies.add({"e", false, 0}, 30));
    replies.clear(); // a closed connection: the reply never comes
    QVERIFY(replies.add({"f", false, 0}, 60));
    QTRY_COMPARE_WITH_TIMEOUT(delivered.size(), 4, 5000);
    QCOMPARE(delivered.constLast(), "f");
}

void tst_Rules::delayedRepliesOutOfOrder()
{
    QList<quint64> delivered;
    DelayedReplies replies(10, false, [&](DelayedReplies::Reply &&reply) { delivered.append(reply.target); });
    QVERIFY(replies.add({"slow", false, 1}, 150));
    QVERIFY(replies.add({"fast", false, 2}, 0)); // another peer's reply does not wait for peer 1's
    QTRY_COMPARE_WITH_TIMEOUT(delivered, QList<quint64>({2, 1}), 5000);
}

QTEST_GUILESS_MAIN(tst_Rules)
#include "tst_rules.moc"
