// Translations: the zh_CN catalogue covers every string of the sources
// (lupdate over app/, widgets/ and netcore/ into a temporary copy leaves
// nothing unfinished), keeps placeholders and mnemonics, is loaded by the
// setting or by the user's preferred languages together with Qt's own, and
// the window's Language menu stores the choice and says when it applies.

#include "windowtesthelpers.h"

#include "languagemenu.h"
#include "servercard.h"
#include "translations.h"

#include <QAction>
#include <QMenuBar>
#include <QProcess>
#include <QRegularExpression>
#include <QSettings>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;
using namespace WindowTest;

namespace {

constexpr int LUPDATE_TIMEOUT_MS = 120000;

const QString SourceDir = QStringLiteral(WIREBENCH_SOURCE_DIR);
const QString Catalogue = SourceDir + u"/translations/wirebench_zh_CN.ts"_s;

struct Message
{
    QString context;
    QString source;
    QString translation;
    bool unfinished = false;
};

QList<Message> readCatalogue(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QList<Message> messages;
    QString context;
    QXmlStreamReader xml(&file);
    while (xml.readNextStartElement() || !xml.atEnd()) {
        if (!xml.isStartElement())
            continue;
        if (xml.name() == "name"_L1) {
            context = xml.readElementText();
        } else if (xml.name() == "message"_L1) {
            Message message;
            message.context = context;
            while (xml.readNextStartElement()) {
                if (xml.name() == "source"_L1) {
                    message.source = xml.readElementText();
                } else if (xml.name() == "translation"_L1) {
                    message.unfinished = xml.attributes().value("type"_L1) == "unfinished"_L1;
                    message.translation = xml.readElementText(QXmlStreamReader::IncludeChildElements);
                } else {
                    xml.skipCurrentElement();
                }
            }
            messages.append(message);
        }
    }
    return messages;
}

// Runs lupdate as scripts/update-translations.sh does, over the project's
// sources plus `extraDirs`, into a copy of the catalogue; returns the
// unfinished messages as "context: source", or an error line.
QStringList unfinishedAfterLupdate(const QTemporaryDir &dir, const QStringList &extraDirs = {})
{
    const QString copy = dir.filePath(u"wirebench_zh_CN.ts"_s);
    QFile::remove(copy);
    if (!QFile::copy(Catalogue, copy))
        return {u"cannot copy "_s + Catalogue};
    QProcess lupdate;
    lupdate.setProcessChannelMode(QProcess::MergedChannels);
    QStringList arguments{u"-locations"_s, u"none"_s, u"-no-obsolete"_s, u"-silent"_s,
                          SourceDir + u"/app"_s, SourceDir + u"/widgets"_s, SourceDir + u"/netcore"_s};
    arguments += extraDirs;
    arguments += {u"-ts"_s, copy};
    lupdate.start(QStringLiteral(WIREBENCH_LUPDATE), arguments);
    if (!lupdate.waitForFinished(LUPDATE_TIMEOUT_MS) || lupdate.exitCode() != 0)
        return {u"lupdate failed: "_s + QString::fromLocal8Bit(lupdate.readAll())};
    QStringList unfinished;
    for (const Message &message : readCatalogue(copy)) {
        if (message.unfinished)
            unfinished.append(message.context + u": "_s + message.source);
    }
    return unfinished;
}

// The placeholders a text uses: %1 … %99, and %n.
QStringList placeholders(const QString &text)
{
    static const QRegularExpression placeholder(u"%(\\d+|n)"_s);
    QStringList found;
    for (auto it = placeholder.globalMatch(text); it.hasNext();)
        found.append(it.next().captured(0));
    found.sort();
    found.removeDuplicates();
    return found;
}

// The mnemonic letters a text marks with & ("&File" → "F"); "&&" is a literal &.
QString mnemonics(const QString &text)
{
    QString letters;
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text[i] != u'&')
            continue;
        if (text[i + 1] == u'&') {
            ++i;
            continue;
        }
        if (text[i + 1].isLetterOrNumber())
            letters += text[i + 1].toUpper();
    }
    return letters;
}

} // namespace

class tst_Translations : public QObject
{
    Q_OBJECT

private slots:
    void everySourceStringIsTranslated();
    void aNewStringIsReportedUntranslated();
    void translationsKeepPlaceholdersAndMnemonics();
    void chineseLoadsOursAndQts();
    void systemFollowsPreferredLanguages_data();
    void systemFollowsPreferredLanguages();
    void languageSettingIsStoredAndChecked();
    void languageMenuStoresTheChoiceAndSaysWhen();
    void theWindowSpeaksChinese();
};

void tst_Translations::everySourceStringIsTranslated()
{
    const QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QStringList unfinished = unfinishedAfterLupdate(dir);
    QVERIFY2(unfinished.isEmpty(),
             qPrintable(u"%1 strings have no zh_CN translation; run scripts/update-translations.sh and translate:\n  "_s
                            .arg(unfinished.size())
                        + unfinished.join(u"\n  "_s)));
    QVERIFY(readCatalogue(Catalogue).size() > 300);
}

void tst_Translations::aNewStringIsReportedUntranslated()
{
    // The check above is only worth something if a new tr() is noticed.
    const QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString extra = dir.filePath(u"extra"_s);
    QVERIFY(QDir().mkpath(extra));
    QFile source(extra + u"/newpanel.cpp"_s);
    QVERIFY(source.open(QIODevice::WriteOnly));
    source.write("#include <QObject>\nQString f() { return QObject::tr(\"A sentence nobody translated yet.\"); }\n");
    source.close();
    QCOMPARE(unfinishedAfterLupdate(dir, {extra}), QStringList{u"QObject: A sentence nobody translated yet."_s});
}

void tst_Translations::translationsKeepPlaceholdersAndMnemonics()
{
    QStringList problems;
    for (const Message &message : readCatalogue(Catalogue)) {
        const QString where = message.context + u": "_s + message.source;
        if (message.translation.isEmpty())
            problems.append(u"empty: "_s + where);
        if (placeholders(message.source) != placeholders(message.translation))
            problems.append(u"placeholders differ: "_s + where);
        // A translation may pick another letter (to avoid a clash), not drop or add one.
        if (mnemonics(message.source).size() != mnemonics(message.translation).size())
            problems.append(u"mnemonic lost or added: "_s + where + u" → "_s + message.translation);
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
}

void tst_Translations::chineseLoadsOursAndQts()
{
    {
        const Translations translations(Language::SimplifiedChinese);
        QVERIFY(translations.translated());
        QCOMPARE(QCoreApplication::translate("MainWindow", "&File"), u"文件(&F)"_s);
        QCOMPARE(QCoreApplication::translate("Net::SocketAddress", "Permission denied for %1."), u"无权监听 %1。"_s);
        QVERIFY2(translations.qtTranslated(), "qtbase_zh_CN.qm not found: install qt6-translations-l10n");
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "&Yes"), u"是(&Y)"_s);
        QCOMPARE(QLocale().language(), QLocale::Chinese);
    }
    // Gone with the object: English again.
    QCOMPARE(QCoreApplication::translate("MainWindow", "&File"), u"&File"_s);
    QCOMPARE(QLocale().language(), QLocale::system().language());
    const Translations english(Language::English, {u"zh-CN"_s});
    QVERIFY(!english.translated());
    QCOMPARE(QCoreApplication::translate("MainWindow", "&File"), u"&File"_s);
}

void tst_Translations::systemFollowsPreferredLanguages_data()
{
    QTest::addColumn<QStringList>("uiLanguages");
    QTest::addColumn<bool>("chinese");
    QTest::addRow("zh_CN") << QStringList{u"zh-Hans-CN"_s, u"zh-CN"_s, u"zh"_s} << true;
    QTest::addRow("plain zh") << QStringList{u"zh"_s} << true;
    QTest::addRow("French, then Chinese") << QStringList{u"fr-FR"_s, u"zh-CN"_s} << true;
    QTest::addRow("English before Chinese") << QStringList{u"en-US"_s, u"zh-CN"_s} << false;
    QTest::addRow("German only") << QStringList{u"de-DE"_s, u"de"_s} << false;
    QTest::addRow("C locale") << QStringList{u"C"_s} << false;
}

void tst_Translations::systemFollowsPreferredLanguages()
{
    QFETCH(QStringList, uiLanguages);
    QFETCH(bool, chinese);
    const Translations translations(Language::System, uiLanguages);
    QCOMPARE(translations.translated(), chinese);
    QCOMPARE(QCoreApplication::translate("MainWindow", "&Help"), chinese ? u"帮助(&H)"_s : u"&Help"_s);
}

void tst_Translations::languageSettingIsStoredAndChecked()
{
    const QTemporaryDir dir;
    const QString ini = dir.filePath(u"wirebench.ini"_s);
    {
        Settings settings(ini);
        QCOMPARE(settings.language(), Language::System);
        settings.setLanguage(Language::SimplifiedChinese);
    }
    QCOMPARE(QSettings(ini, QSettings::IniFormat).value(u"ui/language"_s).toString(), u"zh_CN"_s);
    QCOMPARE(Settings(ini).language(), Language::SimplifiedChinese);
    QSettings(ini, QSettings::IniFormat).setValue(u"ui/language"_s, u"tlh"_s);
    QCOMPARE(Settings(ini).language(), Language::System);
}

void tst_Translations::languageMenuStoresTheChoiceAndSaysWhen()
{
    WindowFixture fx;
    QVERIFY(fx.create());
    auto *menu = fx.find<LanguageMenu>(u"languageMenu"_s);
    QVERIFY(fx.find<QMenu>(u"viewMenu"_s)->actions().contains(menu->menuAction()));
    auto *system = fx.find<QAction>(u"languageSystemAction"_s);
    auto *chinese = fx.find<QAction>(u"languageChineseAction"_s);
    QVERIFY(system->isChecked());
    QCOMPARE(chinese->text(), u"简体中文"_s);

    chinese->trigger();
    QMessageBox *note = nullptr;
    QTRY_VERIFY((note = fx.window->findChild<QMessageBox *>(u"languageRestartNote"_s)) && note->isVisible());
    QVERIFY(note->text().contains(u"next time it starts"_s));
    QVERIFY(chinese->isChecked() && !system->isChecked());
    QCOMPARE(QSettings(fx.iniPath(), QSettings::IniFormat).value(u"ui/language"_s).toString(), u"zh_CN"_s);
    note->close();

    // Applied at the next start: the restarted window shows the choice.
    QVERIFY(fx.reopen());
    QVERIFY(fx.find<QAction>(u"languageChineseAction"_s)->isChecked());
    QCOMPARE(fx.settings->language(), Language::SimplifiedChinese);
}

void tst_Translations::theWindowSpeaksChinese()
{
    const Translations translations(Language::SimplifiedChinese);
    WindowFixture fx;
    QVERIFY(fx.create());
    QCOMPARE(fx.window->menuBar()->actions().constFirst()->text(), u"文件(&F)"_s);
    QCOMPARE(fx.toggle(Net::ServerKind::Web)->text(), u"启动"_s);
    QVERIFY(fx.start(Net::ServerKind::Web));
    QTRY_VERIFY(plainText(fx.statusLabel(Net::ServerKind::Web)).startsWith(u"正在监听 "_s));
    fx.destroy();
}

QTEST_MAIN(tst_Translations)
#include "tst_translations.moc"
