#include "httpclientform.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QGridLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTextBlock>

using namespace Qt::StringLiterals;

namespace {

constexpr int HEADER_LINES_SHOWN = 4;

// RFC 9110 §5.6.2: a field name, like a method, is a token.
bool isToken(QStringView text)
{
    static constexpr QStringView extra = u"!#$%&'*+-.^_`|~";
    return !text.isEmpty() && std::all_of(text.begin(), text.end(), [](QChar c) {
        return c.unicode() < 0x80 && (c.isLetterOrNumber() || extra.contains(c));
    });
}

HeaderParseResult headerFailure(int line, const QString &sentence)
{
    HeaderParseResult result;
    result.ok = false;
    result.errorLine = line;
    result.error = sentence;
    return result;
}

QPlainTextEdit *makeEdit(QWidget *parent, const QString &name, const QString &accessibleName)
{
    auto *edit = new QPlainTextEdit(parent);
    edit->setObjectName(name);
    edit->setAccessibleName(accessibleName);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    edit->setTabChangesFocus(true); // Tab leaves the box: the form works from the keyboard
    return edit;
}

} // namespace

HeaderParseResult parseHeaderLines(const QString &text)
{
    HeaderParseResult result;
    const QStringList lines = text.split(u'\n');
    for (int i = 0; i < lines.size(); ++i) {
        const QString line = lines.at(i).trimmed();
        if (line.isEmpty())
            continue;
        const qsizetype colon = line.indexOf(u':');
        if (colon <= 0)
            return headerFailure(i, QObject::tr("Line %1 is not a header: write it as \"Name: value\".").arg(i + 1));
        // No space is allowed before the colon (RFC 9112 §5.1), so "Name : v" is refused here.
        const QStringView name = QStringView(line).first(colon);
        if (!isToken(name)) {
            return headerFailure(i, QObject::tr("Line %1: \"%2\" is not a valid header name "
                                                "(letters, digits and !#$%&'*+-.^_`|~, no spaces).")
                                        .arg(i + 1)
                                        .arg(name));
        }
        result.headers.append({name.toLatin1(), line.sliced(colon + 1).trimmed().toUtf8()});
    }
    return result;
}

HttpClientForm::HttpClientForm(QWidget *parent)
    : QWidget(parent)
{
    // Created in tab order: the focus chain follows creation.
    auto *methodLabel = new QLabel(tr("Me&thod:"), this);
    m_methodCombo = new QComboBox(this);
    auto *urlLabel = new QLabel(tr("&URL:"), this);
    m_urlEdit = new QLineEdit(this);
    auto *headersLabel = new QLabel(tr("Hea&ders:"), this);
    m_headersEdit = makeEdit(this, u"clientHttpHeadersEdit"_s, tr("Request headers"));
    auto *bodyLabel = new QLabel(tr("&Body:"), this);
    m_bodyEdit = makeEdit(this, u"clientHttpBodyEdit"_s, tr("Request body"));
    m_errorLabel = new QLabel(this);

    setObjectName(u"clientHttpForm"_s);
    m_methodCombo->setObjectName(u"clientHttpMethodCombo"_s);
    m_methodCombo->setAccessibleName(tr("HTTP method"));
    m_methodCombo->setEditable(true); // any token is a method; the list holds the usual ones
    m_methodCombo->setInsertPolicy(QComboBox::NoInsert);
    m_methodCombo->addItems({u"GET"_s, u"HEAD"_s, u"POST"_s, u"PUT"_s, u"DELETE"_s, u"OPTIONS"_s, u"PATCH"_s});
    methodLabel->setBuddy(m_methodCombo);

    m_urlEdit->setObjectName(u"clientUrlEdit"_s);
    m_urlEdit->setAccessibleName(tr("URL"));
    m_urlEdit->setText(u"http://127.0.0.1:8080/"_s);
    urlLabel->setBuddy(m_urlEdit);

    m_headersEdit->setPlaceholderText(tr("Accept: text/html  (one \"Name: value\" per line)"));
    m_headersEdit->installEventFilter(this);
    headersLabel->setBuddy(m_headersEdit);
    m_bodyEdit->setPlaceholderText(tr("Sent as UTF-8; Ctrl+Return sends"));
    m_bodyEdit->installEventFilter(this);
    bodyLabel->setBuddy(m_bodyEdit);

    m_errorLabel->setObjectName(u"clientHttpErrorLabel"_s);
    m_errorLabel->setAccessibleName(tr("HTTP request problem"));
    QPalette palette = m_errorLabel->palette();
    palette.setColor(QPalette::WindowText, QColor(0xc6, 0x28, 0x28));
    m_errorLabel->setPalette(palette);
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setTextFormat(Qt::PlainText); // it quotes what was typed or pasted
    m_errorLabel->setVisible(false);

    buildLayout(methodLabel, urlLabel, headersLabel, bodyLabel);
    connect(m_urlEdit, &QLineEdit::returnPressed, this, &HttpClientForm::sendRequested);
    // A problem stays pointed out until the user edits what it points at.
    const auto clearProblem = [this] {
        m_errorLabel->setVisible(false);
        m_headersEdit->setExtraSelections({});
    };
    connect(m_urlEdit, &QLineEdit::textEdited, this, clearProblem);
    connect(m_headersEdit, &QPlainTextEdit::textChanged, this, clearProblem);
    connect(m_methodCombo, &QComboBox::currentTextChanged, this, clearProblem);
}

HttpClientForm::~HttpClientForm() = default;

void HttpClientForm::buildLayout(QLabel *methodLabel, QLabel *urlLabel, QLabel *headersLabel, QLabel *bodyLabel)
{
    m_headersEdit->setMinimumHeight(m_headersEdit->fontMetrics().lineSpacing() * HEADER_LINES_SHOWN);
    auto *layout = new QGridLayout(this);
    layout->setContentsMargins({});
    layout->addWidget(methodLabel, 0, 0);
    layout->addWidget(m_methodCombo, 0, 1);
    layout->addWidget(urlLabel, 0, 2);
    layout->addWidget(m_urlEdit, 0, 3);
    layout->addWidget(headersLabel, 1, 0, Qt::AlignTop);
    layout->addWidget(m_headersEdit, 1, 1, 1, 3);
    layout->addWidget(bodyLabel, 2, 0, Qt::AlignTop);
    layout->addWidget(m_bodyEdit, 2, 1, 1, 3);
    layout->addWidget(m_errorLabel, 3, 0, 1, 4);
    layout->setColumnStretch(3, 1);
    layout->setRowStretch(2, 1);
}

QString HttpClientForm::method() const
{
    return m_methodCombo->currentText().trimmed();
}

void HttpClientForm::setMethod(const QString &method)
{
    m_methodCombo->setCurrentText(method);
}

QString HttpClientForm::url() const
{
    return m_urlEdit->text();
}

void HttpClientForm::setUrl(const QString &url)
{
    m_urlEdit->setText(url);
}

QString HttpClientForm::headersText() const
{
    return m_headersEdit->toPlainText();
}

void HttpClientForm::setHeadersText(const QString &text)
{
    m_headersEdit->setPlainText(text);
}

std::optional<Net::HttpClientRequest> HttpClientForm::request()
{
    const QString method = this->method();
    if (!isToken(method)) {
        showProblem(tr("\"%1\" is not an HTTP method: a method is one word, such as GET or POST.").arg(method));
        m_methodCombo->setFocus(Qt::OtherFocusReason);
        return std::nullopt;
    }
    const std::optional<QUrl> url = parsedUrl();
    if (!url)
        return std::nullopt;
    const HeaderParseResult headers = parseHeaderLines(m_headersEdit->toPlainText());
    if (!headers.ok) {
        showProblem(headers.error);
        markHeaderLine(headers.errorLine);
        return std::nullopt;
    }
    m_errorLabel->setVisible(false);
    Net::HttpClientRequest request;
    request.method = method.toLatin1();
    request.url = *url;
    request.headers = headers.headers;
    request.body = m_bodyEdit->toPlainText().toUtf8();
    return request;
}

std::optional<QUrl> HttpClientForm::parsedUrl()
{
    QString text = m_urlEdit->text().trimmed();
    // "127.0.0.1:8080/x" is what people type; without a scheme it would not parse as meant.
    if (!text.isEmpty() && !text.contains(u"://"_s))
        text.prepend(u"http://"_s);
    const QUrl url(text);
    const QString scheme = url.scheme().toLower();
    if (url.isValid() && (scheme == u"http"_s || scheme == u"https"_s) && !url.host().isEmpty())
        return url;
    showProblem(text.isEmpty() ? tr("Enter a URL, such as http://127.0.0.1:8080/.")
                               : tr("\"%1\" is not an http:// or https:// URL with a host.").arg(m_urlEdit->text()));
    m_urlEdit->setFocus(Qt::OtherFocusReason);
    m_urlEdit->selectAll();
    return std::nullopt;
}

void HttpClientForm::showProblem(const QString &sentence)
{
    m_errorLabel->setText(sentence);
    m_errorLabel->setVisible(true);
}

void HttpClientForm::markHeaderLine(int line)
{
    const QTextBlock block = m_headersEdit->document()->findBlockByNumber(line);
    QTextCursor cursor(block);
    cursor.movePosition(QTextCursor::EndOfBlock, QTextCursor::KeepAnchor);
    QTextEdit::ExtraSelection mark;
    mark.cursor = cursor;
    mark.format.setBackground(QColor(0xff, 0xcd, 0xd2));
    m_headersEdit->setExtraSelections({mark});
    m_headersEdit->setTextCursor(cursor);
    m_headersEdit->setFocus(Qt::OtherFocusReason);
}

bool HttpClientForm::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::KeyPress && (watched == m_headersEdit || watched == m_bodyEdit)) {
        const auto *key = static_cast<const QKeyEvent *>(event);
        const bool enter = key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter;
        if (enter && (key->modifiers() & ~Qt::KeypadModifier) == Qt::ControlModifier) {
            emit sendRequested();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}
