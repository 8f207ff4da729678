#include "toolbarnames.h"

#include <QAction>
#include <QToolBar>
#include <QWidget>

using namespace Qt::StringLiterals;

void addNamedToolButton(QToolBar *toolbar, QAction *action)
{
    toolbar->addAction(action);
    if (QWidget *button = toolbar->widgetForAction(action)) {
        button->setObjectName(action->objectName() + u"Button"_s);
        button->setAccessibleName(action->text().remove(u'&').remove(u'…'));
    }
}
