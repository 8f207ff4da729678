#pragma once

#include "clientpanestate.h"
#include "client/messagelibrary.h"

#include <QList>
#include <QStringList>
#include <QWidget>

class ClientSessionWidget;
class LibraryPanel;
class QTabWidget;
class QToolButton;

namespace Net {
class NetController;
}

// The client pane: client sessions side by side as tabs (each its own
// protocol, target, session and transcript; "+" adds one, a tab's close
// button ends its session), and below them the library of saved messages,
// which saves from and sends to the tab in front.
class ClientPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClientPane)

public:
    explicit ClientPane(Net::NetController &net, QWidget *parent = nullptr);
    ~ClientPane() override;

    // The first tab's settings, stored by the app as before tabs existed.
    ClientPaneState state() const;
    void setState(const ClientPaneState &state);
    // The other tabs' settings; setting them replaces those tabs.
    QList<ClientPaneState> extraTabs() const;
    void setExtraTabs(const QList<ClientPaneState> &tabs);

    // The first tab's sent messages; setting them gives every tab the history.
    QStringList history() const;
    void setHistory(const QStringList &entries);

    MessageLibrary library() const;
    void setLibrary(const MessageLibrary &library);

    int tabCount() const;
    ClientSessionWidget *session(int index) const;
    ClientSessionWidget *currentSession() const;
    // A new tab in front, with `state`'s target and options.
    ClientSessionWidget *addTab(const ClientPaneState &state);
    // The client session of the tab in front, or 0 while it has none open.
    quint64 sessionId() const;

private:
    void closeTab(int index);
    void onCurrentChanged();
    void updateTitle(ClientSessionWidget *session);

    Net::NetController &m_net;
    QTabWidget *m_tabs = nullptr;
    QToolButton *m_addButton = nullptr;
    LibraryPanel *m_library = nullptr;
    QStringList m_history; // handed to tabs added later
};
