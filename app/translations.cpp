#include "translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>

using namespace Qt::StringLiterals;

namespace {
// Where qt_add_translations embeds the compiled .qm files.
constexpr auto EMBEDDED_TRANSLATIONS = ":/i18n"_L1;
} // namespace

QString languageCode(Language language)
{
    switch (language) {
    case Language::English: return u"en"_s;
    case Language::SimplifiedChinese: return u"zh_CN"_s;
    case Language::System: break;
    }
    return u"system"_s;
}

Language languageFromCode(const QString &code)
{
    for (const Language language : {Language::English, Language::SimplifiedChinese}) {
        if (code == languageCode(language))
            return language;
    }
    return Language::System;
}

Translations::Translations(Language language, const QStringList &uiLanguages)
{
    switch (language) {
    case Language::English:
        break;
    case Language::SimplifiedChinese:
        load(QLocale(QLocale::Chinese, QLocale::SimplifiedChineseScript, QLocale::China));
        break;
    case Language::System:
        // The first preferred language we have wins. English is the source
        // language: a user who prefers it before Chinese gets English, not
        // the next translation down the list.
        for (const QString &name : uiLanguages) {
            const QLocale candidate(name);
            if (candidate.language() == QLocale::English || load(candidate))
                break;
        }
        break;
    }
    // A chosen language also formats numbers and dates its way.
    m_defaultSet = m_translated && language != Language::System;
    if (m_defaultSet)
        QLocale::setDefault(m_locale);
}

Translations::~Translations()
{
    // QTranslator's destructor takes it out of the application.
    if (m_defaultSet)
        QLocale::setDefault(QLocale::system());
}

bool Translations::load(const QLocale &locale)
{
    if (!m_app.load(locale, u"wirebench"_s, u"_"_s, EMBEDDED_TRANSLATIONS))
        return false;
    QCoreApplication::installTranslator(&m_app);
    m_translated = true;
    m_locale = locale;
    if (m_qt.load(locale, u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(&m_qt);
        m_qtTranslated = true;
    }
    return true;
}
