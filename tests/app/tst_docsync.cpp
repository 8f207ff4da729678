// The man page and the bash completion describe the program that was built:
// every option of "wirebench --help" is in the man page's OPTIONS and in the
// completion (and nothing else is), options that take a value complete one,
// and --version, the man page, the AppStream release and CMake agree on the version.

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

constexpr int RUN_TIMEOUT_MS = 30000;

const QString SourceDir = QStringLiteral(WIREBENCH_SOURCE_DIR);
const QString BinaryDir = QStringLiteral(WIREBENCH_BINARY_DIR);

QString readText(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

QString runWirebench(const QStringList &arguments)
{
    QProcess process;
    process.start(BinaryDir + u"/wirebench"_s, arguments);
    if (!process.waitForFinished(RUN_TIMEOUT_MS) || process.exitCode() != 0)
        return {};
    return QString::fromUtf8(process.readAllStandardOutput());
}

QSet<QString> matches(const QString &text, const QRegularExpression &pattern)
{
    QSet<QString> found;
    for (auto it = pattern.globalMatch(text); it.hasNext();)
        found.insert(it.next().captured(1));
    return found;
}

// Long option names in a --help text; those that take a value into `takesValue`.
QSet<QString> helpOptions(const QString &help, QSet<QString> *takesValue)
{
    // "  --web-port <port>   Web server port…" and "  -h, --help   …"
    static const QRegularExpression option(u"^\\s+(?:-\\S, )?--([a-z][a-z-]*)( <)?"_s,
                                           QRegularExpression::MultilineOption);
    QSet<QString> names;
    for (auto it = option.globalMatch(help); it.hasNext();) {
        const auto match = it.next();
        names.insert(match.captured(1));
        if (!match.captured(2).isEmpty())
            takesValue->insert(match.captured(1));
    }
    return names;
}

// The options a man page section describes: each entry is ".TP" then
// ".B \-\-name", ".BR \-h \", \" \-\-help" or ".BI \-\-name \" value\"".
QSet<QString> manSectionOptions(const QString &page, const QString &heading)
{
    const qsizetype start = page.indexOf(u"\n.SH "_s + heading);
    const qsizetype end = page.indexOf(u"\n.SH "_s, start + 1);
    if (start < 0 || end <= start)
        return {};
    static const QRegularExpression entry(u"\\.TP\\n\\.B[IR]? [^\\n]*?\\\\-\\\\-((?:[a-z]|\\\\-)+)"_s);
    QSet<QString> described;
    for (const QString &name : matches(page.mid(start, end - start), entry))
        described.insert(QString(name).replace(u"\\-"_s, u"-"_s));
    return described;
}

// The long options of a completion's `local NAME="..."` list.
QSet<QString> completionList(const QString &script, const QString &name)
{
    const QString opening = u"local "_s + name + u"=\""_s;
    const qsizetype listStart = script.indexOf(opening);
    if (listStart < 0)
        return {};
    const QString list = script.mid(listStart, script.indexOf(u'"', listStart + opening.size()) - listStart);
    static const QRegularExpression longOption(u"--([a-z][a-z-]*)"_s);
    return matches(list, longOption);
}

// Options with a case of their own for the value that follows them.
QSet<QString> valueCases(const QString &script)
{
    static const QRegularExpression valueCase(u"^\\s+([-a-z|]+)\\)$"_s, QRegularExpression::MultilineOption);
    QSet<QString> handled;
    for (const QString &pattern : matches(script, valueCase)) {
        for (const QString &alternative : pattern.split(u'|'))
            handled.insert(alternative.mid(2));
    }
    return handled;
}

} // namespace

class tst_DocSync : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void manPageHasEveryOption();
    void completionOffersEveryOption();
    void versionsAgree();
    void sendCommandIsDocumented();

private:
    QString m_help;
    QSet<QString> m_options;      // long option names from --help
    QSet<QString> m_takesValue;   // those with a <value>
};

void tst_DocSync::initTestCase()
{
    m_help = runWirebench({u"--help"_s});
    QVERIFY2(!m_help.isEmpty(), "wirebench --help printed nothing: build the 'wirebench' target first");
    m_options = helpOptions(m_help, &m_takesValue);
    QVERIFY(m_options.contains(u"headless"_s) && m_options.contains(u"version"_s));
    QVERIFY(m_takesValue.contains(u"web-port"_s));
}

void tst_DocSync::manPageHasEveryOption()
{
    const QString page = readText(SourceDir + u"/packaging/wirebench.1.in"_s);
    const qsizetype start = page.indexOf(u"\n.SH OPTIONS"_s);
    const qsizetype end = page.indexOf(u"\n.SH "_s, start + 1);
    QVERIFY(start >= 0 && end > start);
    // Each entry is ".TP" then ".B \-\-name", ".BR \-h \", \" \-\-help" or ".BI \-\-name \" value\"".
    const QString options = page.mid(start, end - start);
    static const QRegularExpression entry(u"\\.TP\\n\\.B[IR]? [^\\n]*?\\\\-\\\\-((?:[a-z]|\\\\-)+)"_s);
    QSet<QString> described;
    for (const QString &name : matches(options, entry))
        described.insert(QString(name).replace(u"\\-"_s, u"-"_s));
    QCOMPARE(described, m_options);
}

void tst_DocSync::completionOffersEveryOption()
{
    const QString whole = readText(SourceDir + u"/packaging/wirebench.bash-completion"_s);
    // The send command's options live in _wirebench_send, above _wirebench.
    const QString script = whole.mid(whole.indexOf(u"\n_wirebench()"_s));
    QCOMPARE(completionList(script, u"options"_s), m_options);
    // Options that take a value have a case of their own for what follows.
    QCOMPARE(valueCases(script), m_takesValue);
}

// "wirebench send" has options of its own: its --help, the man page's SEND
// COMMAND section and the completion's _wirebench_send agree as well.
void tst_DocSync::sendCommandIsDocumented()
{
    QVERIFY(m_help.contains(u"wirebench send"_s));
    const QString sendHelp = runWirebench({u"send"_s, u"--help"_s});
    QSet<QString> takesValue;
    const QSet<QString> options = helpOptions(sendHelp, &takesValue);
    QVERIFY(options.contains(u"hex"_s) && takesValue.contains(u"wait-reply"_s));
    const QString page = readText(SourceDir + u"/packaging/wirebench.1.in"_s);
    QCOMPARE(manSectionOptions(page, u"SEND COMMAND"_s), options);
    const QString whole = readText(SourceDir + u"/packaging/wirebench.bash-completion"_s);
    const QString script = whole.left(whole.indexOf(u"\n_wirebench()"_s));
    QCOMPARE(completionList(script, u"send_options"_s), options);
    QCOMPARE(valueCases(script), takesValue);
}

void tst_DocSync::versionsAgree()
{
    const QString version = QStringLiteral(WIREBENCH_VERSION_STRING);
    QCOMPARE(runWirebench({u"--version"_s}).trimmed(), u"wirebench "_s + version);
    QVERIFY(readText(BinaryDir + u"/packaging/wirebench.1"_s).contains(u"\"Wirebench "_s + version + u'"'));
    // The AppStream metadata names this version as its newest release (releases are listed newest first).
    const QString metainfo = readText(SourceDir + u"/packaging/org.wirebench.Wirebench.metainfo.xml"_s);
    static const QRegularExpression release(u"<release version=\"([^\"]+)\""_s);
    QCOMPARE(release.match(metainfo).captured(1), version);
}

QTEST_GUILESS_MAIN(tst_DocSync)
#include "tst_docsync.moc"
