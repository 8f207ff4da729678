#include "clientpane.h"

#include "client/clientsessionwidget.h"
#include "client/librarypanel.h"

#include <QSplitter>
#include <QTabBar>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
constexpr int MAX_TABS = 32;
} // namespace

ClientPane::ClientPane(Net::NetController &net, QWidget *parent)
    : QWidget(parent)
    , m_net(net)
{
    setObjectName(u"clientPane"_s);
    setAccessibleName(tr("Client"));
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(u"clientSplitter"_s);
    splitter->setChildrenCollapsible(false);
    m_tabs = new QTabWidget(splitter);
    m_tabs->setObjectName(u"clientTabs"_s);
    m_tabs->setAccessibleName(tr("Client sessions"));
    m_tabs->setDocumentMode(true);
    m_tabs->setMovable(true);
    m_addButton = new QToolButton(m_tabs);
    m_addButton->setObjectName(u"clientAddTabButton"_s);
    m_addButton->setText(u"+"_s);
    m_addButton->setAccessibleName(tr("New client session"));
    m_addButton->setToolTip(tr("Open another client session in a new tab."));
    m_tabs->setCornerWidget(m_addButton, Qt::TopRightCorner);
    addTab({});
    // After the first tab, so Tab walks the session's form before the library.
    m_library = new LibraryPanel(splitter);
    splitter->addWidget(m_tabs);
    splitter->addWidget(m_library);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins({});
    layout->addWidget(splitter);

    connect(m_addButton, &QToolButton::clicked, this, [this] { addTab(currentSession()->state()); });
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &ClientPane::closeTab);
    connect(m_tabs, &QTabWidget::currentChanged, this, &ClientPane::onCurrentChanged);
    connect(m_library, &LibraryPanel::sendRequested, this,
            [this](const SavedMessage &message) { currentSession()->sendSaved(message); });
    connect(m_library, &LibraryPanel::saveRequested, this,
            [this](const QString &name) { m_library->save(currentSession()->currentMessage(name)); });
    onCurrentChanged();
}

// The tabs' links close their sessions.
ClientPane::~ClientPane() = default;

ClientPaneState ClientPane::state() const
{
    return session(0)->state();
}

void ClientPane::setState(const ClientPaneState &state)
{
    session(0)->setState(state);
}

QList<ClientPaneState> ClientPane::extraTabs() const
{
    QList<ClientPaneState> tabs;
    for (int i = 1; i < tabCount(); ++i)
        tabs.append(session(i)->state());
    return tabs;
}

void ClientPane::setExtraTabs(const QList<ClientPaneState> &tabs)
{
    while (tabCount() > 1)
        closeTab(tabCount() - 1);
    for (const ClientPaneState &state : tabs.first(std::min<qsizetype>(tabs.size(), MAX_TABS - 1)))
        addTab(state);
    m_tabs->setCurrentIndex(0);
}

quint64 ClientPane::sessionId() const
{
    return currentSession()->sessionId();
}

QStringList ClientPane::history() const
{
    return session(0)->history();
}

void ClientPane::setHistory(const QStringList &entries)
{
    m_history = entries;
    for (int i = 0; i < tabCount(); ++i)
        session(i)->setHistory(entries);
}

MessageLibrary ClientPane::library() const
{
    return m_library->library();
}

void ClientPane::setLibrary(const MessageLibrary &library)
{
    m_library->setLibrary(library);
}

int ClientPane::tabCount() const
{
    return m_tabs->count();
}

ClientSessionWidget *ClientPane::session(int index) const
{
    return qobject_cast<ClientSessionWidget *>(m_tabs->widget(index));
}

ClientSessionWidget *ClientPane::currentSession() const
{
    return qobject_cast<ClientSessionWidget *>(m_tabs->currentWidget());
}

ClientSessionWidget *ClientPane::addTab(const ClientPaneState &state)
{
    if (tabCount() >= MAX_TABS)
        return currentSession();
    auto *session = new ClientSessionWidget(m_net);
    session->setState(state);
    session->setHistory(m_history);
    const int index = m_tabs->addTab(session, {});
    updateTitle(session);
    connect(session, &ClientSessionWidget::titleChanged, this, [this, session] { updateTitle(session); });
    connect(session, &ClientSessionWidget::protocolChanged, this, &ClientPane::onCurrentChanged);
    m_tabs->setTabsClosable(tabCount() > 1); // the last tab stays
    m_tabs->setCurrentIndex(index);
    return session;
}

void ClientPane::closeTab(int index)
{
    if (tabCount() <= 1)
        return;
    QWidget *session = m_tabs->widget(index);
    m_tabs->removeTab(index);
    delete session; // its link closes the session now, not after this event
    m_tabs->setTabsClosable(tabCount() > 1);
}

void ClientPane::onCurrentChanged()
{
    if (!m_library || !currentSession())
        return;
    const Net::ClientProtocol protocol = currentSession()->protocol();
    m_library->setProtocol(protocol);
    m_library->setVisible(protocol != Net::ClientProtocol::Http);
}

void ClientPane::updateTitle(ClientSessionWidget *session)
{
    const int index = m_tabs->indexOf(session);
    if (index < 0)
        return;
    // A typed "&" is shown, not taken as a mnemonic.
    m_tabs->setTabText(index, session->title().replace(u'&', u"&&"_s));
    m_tabs->setTabToolTip(index, session->title());
}
