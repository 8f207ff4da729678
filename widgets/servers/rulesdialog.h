#pragma once

#include "api/replyrule.h"

#include <QDialog>
#include <QList>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;
class RuleEditor;

// Edits the reply rules of a TCP or UDP server: a table in match order, an
// editor for the selected rule, a box to try input against the rules, and
// JSON import/export. OK stays disabled while a rule cannot be used, and the
// sentence saying why is shown.
class RulesDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RulesDialog)

public:
    explicit RulesDialog(const Net::RuleSet &rules, QWidget *parent = nullptr);

    Net::RuleSet rules() const;
    // Replies sent per rule by the running server (shown in the Hits column).
    void setHits(const QList<qint64> &hits);
    // Says that changes apply to the running server at OK.
    void setServerRunning(bool running);

    // What Import… and Export… do once a file is chosen; an empty string on
    // success, else the sentence also shown in the dialog.
    QString importFrom(const QString &path);
    QString exportTo(const QString &path);

private:
    enum Column { NameColumn, MatchColumn, PatternColumn, ReplyColumn, DelayColumn, CloseColumn, HitsColumn, ColumnCount };

    QWidget *buildButtons();
    QWidget *buildTestBox();
    void addRule();
    void removeRule();
    void moveRule(int by);
    void duplicateRule();
    void chooseImport();
    void chooseExport();
    void onSelectionChanged();
    void onEdited();
    void refreshTable(int select);
    void refreshRow(int row);
    void refreshChecks();
    void runTest();
    int currentRow() const;

    QList<Net::ReplyRule> m_rules;
    QList<qint64> m_hits;
    QTableWidget *m_table;
    RuleEditor *m_editor;
    QLabel *m_problem;
    QLabel *m_fileStatus;
    QLabel *m_runningNote;
    QLineEdit *m_testInput;
    QCheckBox *m_testHex;
    QLabel *m_testResult;
    QPushButton *m_remove = nullptr;
    QPushButton *m_up = nullptr;
    QPushButton *m_down = nullptr;
    QPushButton *m_duplicate = nullptr;
    QDialogButtonBox *m_buttons;
};
