#pragma once

#include "api/replyrule.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;

// The fields of one reply rule. Emits edited() on every change; the dialog
// reads rule() back and checks it.
class RuleEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RuleEditor)

public:
    explicit RuleEditor(QWidget *parent = nullptr);

    Net::ReplyRule rule() const;
    // Shows `rule` without emitting edited().
    void setRule(const Net::ReplyRule &rule);

    // What is wrong with `rule`, as a sentence for the user; empty when nothing.
    static QString problemText(const Net::ReplyRule &rule);
    // "Exact", "Starts with"...: the names shown for match kinds.
    static QString matchKindText(Net::MatchKind kind);

signals:
    void edited();

private:
    QLineEdit *m_name;
    QCheckBox *m_enabled;
    QComboBox *m_match;
    QLineEdit *m_pattern;
    QCheckBox *m_replyHex;
    QPlainTextEdit *m_reply;
    QSpinBox *m_delay;
    QCheckBox *m_closeAfter;
    bool m_loading = false;
};
