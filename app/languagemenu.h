#pragma once

#include "translations.h"

#include <QMenu>

class QActionGroup;
class Settings;

// View ▸ Language: System / English / 简体中文. The choice is stored
// and takes effect on the next start; a note tells the user so.
class LanguageMenu final : public QMenu
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LanguageMenu)

public:
    explicit LanguageMenu(Settings &settings, QWidget *parent = nullptr);

private:
    void choose(Language language);

    Settings &m_settings;
    QActionGroup *m_group;
};
