#pragma once

#include "directorylister.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace Net::BuiltinPages {

// A small self-contained HTML page for an error status, used when the
// document root has no page of its own. `detail` is plain text (escaped here).
QByteArray errorPage(int status, const QString &detail = {});

// An HTML listing of a directory: `urlPath` is the decoded request path with
// its trailing slash, for the title; the rows link to the entries' hrefs.
QByteArray directoryListing(const QString &urlPath, const QList<ListingEntry> &entries);

} // namespace Net::BuiltinPages
