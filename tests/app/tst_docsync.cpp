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

} // namespace

class tst_DocSync : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void manPageHasEveryOption();
    void completionOffersEveryOption();
    void versionsAgree();

private:
    QString m_help;
    QSet<QString> m_options;      // long option names from --help
    QSet<QString> m_takesValue;   // those with a <value>
};

void tst_DocSync::initTestCase()
{
    m_help = runWirebench({u"--help"_s});
    QVERIFY2(!m_help.isEmpty(), "wirebench --help printed nothing: build the 'wirebench' target first");
    // "  --web-port <port>   Web server port…" and "  -h, --help   …"
    static const QRegularExpression option(u"^\\s+(?:-\\S, )?--([a-z][a-z-]*)( <)?"_s,
                                           QRegularExpression::MultilineOption);
    for (auto it = option.globalMatch(m_help); it.hasNext();) {
        const auto match = it.next();
        m_options.insert(match.captured(1));
        if (!match.captured(2).isEmpty())
            m_takesValue.insert(match.captured(1));
    }
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
    const QString script = readText(SourceDir + u"/packaging/wirebench.bash-completion"_s);
    const qsizetype listStart = script.indexOf(u"local options=\""_s);
    QVERIFY(listStart >= 0);
    const QString list = script.mid(listStart, script.indexOf(u'"', listStart + 15) - listStart);
    static const QRegularExpression longOption(u"--([a-z][a-z-]*)"_s);
    QCOMPARE(matches(list, longOption), m_options);
    // Options that take a value have a case of their own for what follows.
    static const QRegularExpression valueCase(u"^\\s+([-a-z|]+)\\)$"_s, QRegularExpression::MultilineOption);
    QSet<QString> handled;
    for (const QString &pattern : matches(script, valueCase)) {
        for (const QString &alternative : pattern.split(u'|'))
            handled.insert(alternative.mid(2));
    }
    QCOMPARE(handled, m_takesValue);
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
