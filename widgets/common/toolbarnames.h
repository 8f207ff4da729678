#pragma once

class QAction;
class QToolBar;

// Adds `action` to `toolbar` and names the button Qt makes for it after the
// action ("startAllAction" → "startAllActionButton", accessible name from its
// text), so tests and screen readers find it like every other control.
void addNamedToolButton(QToolBar *toolbar, QAction *action);
