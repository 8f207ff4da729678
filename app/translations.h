#pragma once

#include <QLocale>
#include <QStringList>
#include <QTranslator>

// The languages Wirebench speaks. System follows the user's preferred
// languages (LANGUAGE, LC_ALL, LC_MESSAGES, LANG).
enum class Language { System, English, SimplifiedChinese };

// How a language is spelled in the settings file ("system", "en", "zh_CN");
// anything else reads as System.
QString languageCode(Language language);
Language languageFromCode(const QString &code);

// Installs Wirebench's translation (embedded under :/i18n) and Qt's own
// (qtbase_*.qm from Qt's translations folder) into the running application,
// for as long as this object lives. Create it before the first tr() call
// whose text should be translated.
class Translations
{
    Q_DISABLE_COPY_MOVE(Translations)

public:
    // uiLanguages: the user's languages in order of preference, as
    // QLocale::uiLanguages() gives them; only used for Language::System.
    explicit Translations(Language language, const QStringList &uiLanguages = QLocale::system().uiLanguages());
    ~Translations();

    // Whether Wirebench's own strings are translated, and into what.
    bool translated() const { return m_translated; }
    QLocale locale() const { return m_locale; }
    // Whether Qt's own strings (dialog buttons, About Qt) were found.
    bool qtTranslated() const { return m_qtTranslated; }

private:
    bool load(const QLocale &locale);

    QTranslator m_app;
    QTranslator m_qt;
    QLocale m_locale = QLocale(QLocale::English);
    bool m_translated = false;
    bool m_qtTranslated = false;
    bool m_defaultSet = false;
};
