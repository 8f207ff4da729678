#pragma once

#include <QPushButton>
#include <QString>

// A push button that tests and screen readers find: an object name and an
// accessible name from the start.
inline QPushButton *makeNamedButton(QWidget *parent, const QString &text, const QString &name,
                                    const QString &accessibleName)
{
    auto *button = new QPushButton(text, parent);
    button->setObjectName(name);
    button->setAccessibleName(accessibleName);
    return button;
}
