#pragma once

#include "messagelibrary.h"

#include <QWidget>

class QLabel;
class QListWidget;
class QPushButton;

// The client pane's library of saved messages: the ones of the current
// protocol in a list; Save current as…, Rename, Delete, Send (or a double
// click), Import and Export JSON. It holds the library as a plain value the
// app stores; it asks the pane for the message to save and hands it the
// message to send.
class LibraryPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LibraryPanel)

public:
    explicit LibraryPanel(QWidget *parent = nullptr);
    ~LibraryPanel() override;

    MessageLibrary library() const { return m_library; }
    void setLibrary(const MessageLibrary &library);
    // Shows the messages of this protocol; HTTP has none.
    void setProtocol(Net::ClientProtocol protocol);

    // Saves under `name` (replacing a message of that name and protocol).
    void save(const SavedMessage &message);
    // Adds the file's messages; false with the sentence shown when it cannot be read.
    bool importFile(const QString &path);
    bool exportFile(const QString &path);

signals:
    // "Save current as…" got a name: the pane answers with save().
    void saveRequested(const QString &name);
    void sendRequested(const SavedMessage &message);

private:
    void rebuildList();
    qsizetype selectedIndex() const; // into m_library; -1 when nothing is selected
    void askNameAndSave();
    void renameSelected();
    void deleteSelected();
    void sendSelected();
    void chooseImport();
    void chooseExport();
    void showError(const QString &sentence);

    QListWidget *m_list;
    QPushButton *m_saveButton;
    QPushButton *m_sendButton;
    QPushButton *m_renameButton;
    QPushButton *m_deleteButton;
    QPushButton *m_importButton;
    QPushButton *m_exportButton;
    QLabel *m_errorLabel;
    MessageLibrary m_library;
    Net::ClientProtocol m_protocol = Net::ClientProtocol::Tcp;
};
