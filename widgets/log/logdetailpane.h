#pragma once

#include "api/trafficevent.h"

#include <QWidget>

class QComboBox;
class QPlainTextEdit;
class QTabWidget;

// The detail pane under the traffic log: one event as a hex dump, as text in
// an encoding the user picks, and (for an HTTP exchange) as its two heads.
class LogDetailPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogDetailPane)

public:
    explicit LogDetailPane(QWidget *parent = nullptr);
    ~LogDetailPane() override;

    void setEvent(const Net::TrafficEvent &event);
    void clearEvent();

    // The name of the encoding the Text tab uses, e.g. "UTF-8".
    QByteArray encoding() const;
    void setEncoding(const QByteArray &name);

private:
    QWidget *buildTextTab();
    void showText();

    QTabWidget *m_tabs;
    QPlainTextEdit *m_hexView;
    QPlainTextEdit *m_textView;
    QPlainTextEdit *m_httpView;
    QComboBox *m_encodingCombo;
    Net::TrafficEvent m_event; // kept to decode again when the encoding changes
    bool m_hasEvent = false;
};
