#pragma once

// The control a widget test means, by objectName; a missing one ends the
// test at once with its name rather than crash on a null pointer later.

#include <QObject>
#include <QString>

template<typename T>
T *namedChild(const QObject *parent, const QString &name)
{
    T *found = parent->findChild<T *>(name);
    if (!found)
        qFatal("no %s named %s", T::staticMetaObject.className(), qPrintable(name));
    return found;
}
