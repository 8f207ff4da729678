#pragma once

#include "clientpanestate.h"

#include <QList>
#include <QWidget>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;

// What a client session sent and received, one line (or one block) per event,
// with exact counters. Events are kept in a bounded list so that switching
// between Text and Hex renders them again; the view itself only ever holds
// text made from that list.
class TranscriptView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TranscriptView)

public:
    struct Counters
    {
        qint64 sentBytes = 0;
        qint64 sentMessages = 0;
        qint64 receivedBytes = 0;
        qint64 receivedMessages = 0;
    };

    explicit TranscriptView(QWidget *parent = nullptr);
    ~TranscriptView() override;

    // One batch, appended to the view in one go. `http` says how Sent
    // events read: an HTTP request head, or raw bytes.
    void append(const QList<Net::ClientEvent> &events, bool http);
    // A line from the pane itself ("3 events were not shown").
    void appendNote(const QString &sentence);
    void clear();

    MessageMode mode() const;
    void setMode(MessageMode mode);
    // How raw payloads read in Text mode (TextEncoding); changing it renders again.
    QString encoding() const { return m_encoding; }
    void setEncoding(const QString &name);
    Counters counters() const { return m_counters; }

private:
    struct Entry
    {
        Net::ClientEvent event;
        bool http = false;
    };

    void buildLayout(QLabel *modeLabel);
    void store(Entry &&entry);
    void count(const Net::ClientEvent &event);
    // The newest entries from index `from` on, as far as the view can hold them.
    QString renderFrom(qsizetype from) const;
    void rerender();
    void updateCounters();

    QComboBox *m_modeCombo;
    QLabel *m_countersLabel;
    QPushButton *m_clearButton;
    QPlainTextEdit *m_view;
    QList<Entry> m_entries;
    qint64 m_storedBytes = 0;
    QString m_encoding = QStringLiteral("UTF-8");
    Counters m_counters;
};
