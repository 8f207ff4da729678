#include "languagemenu.h"
#include "settings.h"

#include <QActionGroup>
#include <QMessageBox>

using namespace Qt::StringLiterals;

LanguageMenu::LanguageMenu(Settings &settings, QWidget *parent)
    : QMenu(tr("&Language"), parent)
    , m_settings(settings)
    , m_group(new QActionGroup(this))
{
    setObjectName(u"languageMenu"_s);
    // Each language is named in itself, so a user who cannot read the
    // current one still finds their own.
    const struct
    {
        Language language;
        QString text;
        QString objectName;
    } choices[] = {
        {Language::System, tr("&System"), u"languageSystemAction"_s},
        {Language::English, u"English"_s, u"languageEnglishAction"_s},
        {Language::SimplifiedChinese, u"简体中文"_s, u"languageChineseAction"_s},
    };
    const Language current = settings.language();
    for (const auto &choice : choices) {
        QAction *action = addAction(choice.text);
        action->setObjectName(choice.objectName);
        action->setCheckable(true);
        action->setChecked(choice.language == current);
        m_group->addAction(action);
        connect(action, &QAction::triggered, this, [this, language = choice.language] { choose(language); });
    }
}

void LanguageMenu::choose(Language language)
{
    if (language == m_settings.language())
        return;
    m_settings.setLanguage(language);
    m_settings.sync();
    // Window-modal and not blocking: the choice is already saved.
    auto *note = new QMessageBox(QMessageBox::Information, tr("Language"),
                                 tr("Wirebench will use the new language the next time it starts."),
                                 QMessageBox::Ok, parentWidget());
    note->setObjectName(u"languageRestartNote"_s);
    note->setAttribute(Qt::WA_DeleteOnClose);
    note->open();
}
