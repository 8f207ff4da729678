#pragma once

#include "api/clientevent.h"

#include <QString>
#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

// Request headers typed one "Name: value" per line; blank lines are skipped.
struct HeaderParseResult
{
    Net::HeaderList headers;
    bool ok = true;
    int errorLine = -1; // 0-based line of the first malformed header
    QString error;      // a sentence for the user
};

HeaderParseResult parseHeaderLines(const QString &text);

// The HTTP half of the client pane: method, URL, request headers and body.
// request() checks what was typed and points at the first problem instead of
// letting a malformed request leave.
class HttpClientForm final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpClientForm)

public:
    explicit HttpClientForm(QWidget *parent = nullptr);
    ~HttpClientForm() override;

    QString method() const;
    void setMethod(const QString &method);
    QString url() const;
    void setUrl(const QString &url);
    QString headersText() const;
    void setHeadersText(const QString &text);

    // The request to send, or nullopt with the problem shown and selected.
    std::optional<Net::HttpClientRequest> request();

signals:
    // Return in the URL, or Ctrl+Return in the headers or the body.
    void sendRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void buildLayout(QLabel *methodLabel, QLabel *urlLabel, QLabel *headersLabel, QLabel *bodyLabel);
    void showProblem(const QString &sentence);
    std::optional<QUrl> parsedUrl();
    void markHeaderLine(int line);

    QComboBox *m_methodCombo;
    QLineEdit *m_urlEdit;
    QPlainTextEdit *m_headersEdit;
    QPlainTextEdit *m_bodyEdit;
    QLabel *m_errorLabel;
};
