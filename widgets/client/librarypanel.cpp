#include "librarypanel.h"

#include "client/namedbutton.h"

#include <QFile>
#include <QFileDialog>
#include <QGridLayout>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSaveFile>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
constexpr qint64 MAX_IMPORT_BYTES = 16 * 1024 * 1024;
} // namespace

LibraryPanel::LibraryPanel(QWidget *parent)
    : QWidget(parent)
{
    auto *label = new QLabel(tr("Saved messages:"), this);
    m_list = new QListWidget(this);
    m_sendButton =
        makeNamedButton(this, tr("Send saved"), u"clientLibrarySendButton"_s, tr("Send the saved message"));
    m_saveButton = makeNamedButton(this, tr("Save current as…"), u"clientLibrarySaveButton"_s,
                                   tr("Save the message in the editor under a name"));
    m_renameButton =
        makeNamedButton(this, tr("Rename…"), u"clientLibraryRenameButton"_s, tr("Rename the saved message"));
    m_deleteButton =
        makeNamedButton(this, tr("Delete"), u"clientLibraryDeleteButton"_s, tr("Delete the saved message"));
    m_importButton = makeNamedButton(this, tr("Import…"), u"clientLibraryImportButton"_s,
                                     tr("Add saved messages from a JSON file"));
    m_exportButton = makeNamedButton(this, tr("Export…"), u"clientLibraryExportButton"_s,
                                     tr("Write the saved messages to a JSON file"));
    m_errorLabel = new QLabel(this);

    setObjectName(u"clientLibraryPanel"_s);
    m_list->setObjectName(u"clientLibraryList"_s);
    m_list->setAccessibleName(tr("Saved messages"));
    m_list->setToolTip(tr("Double-click a message to send it."));
    label->setBuddy(m_list);
    m_errorLabel->setObjectName(u"clientLibraryErrorLabel"_s);
    m_errorLabel->setAccessibleName(tr("Library problem"));
    m_errorLabel->setTextFormat(Qt::PlainText);
    m_errorLabel->setWordWrap(true);
    QPalette palette = m_errorLabel->palette();
    palette.setColor(QPalette::WindowText, QColor(0xc6, 0x28, 0x28));
    m_errorLabel->setPalette(palette);
    m_errorLabel->setVisible(false);

    auto *buttons = new QGridLayout;
    buttons->addWidget(m_sendButton, 0, 0);
    buttons->addWidget(m_saveButton, 0, 1);
    buttons->addWidget(m_renameButton, 0, 2);
    buttons->addWidget(m_deleteButton, 1, 0);
    buttons->addWidget(m_importButton, 1, 1);
    buttons->addWidget(m_exportButton, 1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins({});
    layout->addWidget(label);
    layout->addWidget(m_list, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_errorLabel);

    connect(m_list, &QListWidget::itemDoubleClicked, this, &LibraryPanel::sendSelected);
    connect(m_sendButton, &QPushButton::clicked, this, &LibraryPanel::sendSelected);
    connect(m_saveButton, &QPushButton::clicked, this, &LibraryPanel::askNameAndSave);
    connect(m_renameButton, &QPushButton::clicked, this, &LibraryPanel::renameSelected);
    connect(m_deleteButton, &QPushButton::clicked, this, &LibraryPanel::deleteSelected);
    connect(m_importButton, &QPushButton::clicked, this, &LibraryPanel::chooseImport);
    connect(m_exportButton, &QPushButton::clicked, this, &LibraryPanel::chooseExport);
}

LibraryPanel::~LibraryPanel() = default;

void LibraryPanel::setLibrary(const MessageLibrary &library)
{
    m_library = library;
    rebuildList();
}

void LibraryPanel::setProtocol(Net::ClientProtocol protocol)
{
    m_protocol = protocol;
    rebuildList();
}

void LibraryPanel::save(const SavedMessage &message)
{
    const auto same = [&message](const SavedMessage &m) {
        return m.name == message.name && m.protocol == message.protocol;
    };
    const auto found = std::find_if(m_library.begin(), m_library.end(), same);
    if (found != m_library.end())
        *found = message;
    else
        m_library.append(message);
    rebuildList();
    for (int row = 0; row < m_list->count(); ++row) {
        if (m_list->item(row)->text() == message.name)
            m_list->setCurrentRow(row);
    }
}

bool LibraryPanel::importFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        showError(tr("Could not open %1: %2.").arg(path, file.errorString()));
        return false;
    }
    if (file.size() > MAX_IMPORT_BYTES) {
        showError(tr("%1 is larger than 16 MiB: not a message library.").arg(path));
        return false;
    }
    const MessageLibraryJson::ParseResult parsed = MessageLibraryJson::fromJson(file.readAll());
    if (!parsed.error.isEmpty()) {
        showError(tr("Could not import %1: %2").arg(path, parsed.error));
        return false;
    }
    for (const SavedMessage &message : parsed.messages)
        m_library.append(message);
    rebuildList();
    showError({});
    return true;
}

bool LibraryPanel::exportFile(const QString &path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(MessageLibraryJson::toJson(m_library)) < 0 || !file.commit()) {
        showError(tr("Could not write %1: %2.").arg(path, file.errorString()));
        return false;
    }
    showError({});
    return true;
}

void LibraryPanel::rebuildList()
{
    m_list->clear();
    for (qsizetype i = 0; i < m_library.size(); ++i) {
        const SavedMessage &message = m_library.at(i);
        if (message.protocol != m_protocol)
            continue;
        auto *item = new QListWidgetItem(message.name, m_list);
        item->setData(Qt::UserRole, int(i));
        item->setToolTip(message.text.left(200));
    }
}

qsizetype LibraryPanel::selectedIndex() const
{
    const QListWidgetItem *item = m_list->currentItem();
    return item ? item->data(Qt::UserRole).toInt() : -1;
}

void LibraryPanel::askNameAndSave()
{
    const QString name = QInputDialog::getText(this, tr("Save message"), tr("Name:")).trimmed();
    if (!name.isEmpty())
        emit saveRequested(name);
}

void LibraryPanel::renameSelected()
{
    const qsizetype index = selectedIndex();
    if (index < 0)
        return;
    const QString name = QInputDialog::getText(this, tr("Rename message"), tr("Name:"), QLineEdit::Normal,
                                               m_library.at(index).name).trimmed();
    if (name.isEmpty())
        return;
    m_library[index].name = name;
    rebuildList();
}

void LibraryPanel::deleteSelected()
{
    const qsizetype index = selectedIndex();
    if (index < 0)
        return;
    m_library.remove(index);
    rebuildList();
}

void LibraryPanel::sendSelected()
{
    const qsizetype index = selectedIndex();
    if (index >= 0)
        emit sendRequested(m_library.at(index));
}

void LibraryPanel::chooseImport()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Import messages"), {}, tr("JSON files (*.json)"));
    if (!path.isEmpty())
        importFile(path);
}

void LibraryPanel::chooseExport()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export messages"), u"messages.json"_s,
                                                      tr("JSON files (*.json)"));
    if (!path.isEmpty())
        exportFile(path);
}

void LibraryPanel::showError(const QString &sentence)
{
    m_errorLabel->setText(sentence);
    m_errorLabel->setVisible(!sentence.isEmpty());
}
