#include "builtinpages.h"
#include "responsehead.h"

#include <QDateTime>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace {

const char *const PAGE_STYLE =
    "body{font-family:system-ui,sans-serif;margin:3em auto;max-width:46em;padding:0 1em;color:#1d2330}"
    "h1{font-size:1.6em}a{color:#1f5fbf}table{border-collapse:collapse;width:100%}"
    "td,th{text-align:left;padding:.25em .6em;border-bottom:1px solid #e3e6ea}"
    "td.n{text-align:right;font-variant-numeric:tabular-nums}footer{margin-top:2em;color:#6b7280;font-size:.85em}";

QByteArray page(const QString &title, const QString &bodyHtml)
{
    return (u"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>"_s
            + title.toHtmlEscaped() + u"</title><style>"_s + QString::fromLatin1(PAGE_STYLE)
            + u"</style></head><body>\n"_s + bodyHtml
            + u"\n<footer>Wirebench</footer></body></html>\n"_s)
        .toUtf8();
}

} // namespace

namespace Net::BuiltinPages {

QByteArray errorPage(int status, const QString &detail)
{
    const QString title = QString::number(status) + u' ' + QString::fromLatin1(reasonPhrase(status));
    QString body = u"<h1>"_s + title.toHtmlEscaped() + u"</h1>"_s;
    if (!detail.isEmpty())
        body += u"<p>"_s + detail.toHtmlEscaped() + u"</p>"_s;
    return page(title, body);
}

QByteArray directoryListing(const QString &urlPath, const QList<ListingEntry> &entries)
{
    const QLocale c = QLocale::c();
    QString rows;
    if (urlPath != u"/"_s)
        rows += u"<tr><td><a href=\"../\">../</a></td><td></td><td></td></tr>\n"_s;
    for (const ListingEntry &entry : entries) {
        const QString name = entry.name + (entry.isDirectory ? u"/"_s : QString());
        const QString size = entry.isDirectory ? QString() : c.formattedDataSize(entry.size);
        const QString modified = entry.modified.toUTC().toString(u"yyyy-MM-dd HH:mm"_s);
        rows += u"<tr><td><a href=\""_s + QString::fromLatin1(entry.href).toHtmlEscaped() + u"\">"_s
            + name.toHtmlEscaped() + u"</a></td><td class=\"n\">"_s + size + u"</td><td>"_s + modified
            + u"</td></tr>\n"_s;
    }
    const QString title = u"Index of "_s + urlPath;
    return page(title, u"<h1>"_s + title.toHtmlEscaped()
                           + u"</h1>\n<table><tr><th>Name</th><th>Size</th><th>Modified (UTC)</th></tr>\n"_s
                           + rows + u"</table>"_s);
}

} // namespace Net::BuiltinPages
