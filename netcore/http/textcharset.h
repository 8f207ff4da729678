#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace Net::TextCharset {

// The charset a text file's Content-Type should name, judged from its first
// bytes (`head`; `complete` when that is the whole file):
//  - a byte order mark names it: "utf-8", "utf-16le" or "utf-16be";
//  - a label in the document itself (HTML <meta charset> or http-equiv in the
//    first 1024 bytes, an XML declaration's encoding, CSS @charset) is
//    repeated, lower-cased, so the header agrees with the document; a label
//    that is not a plain token, or one the document's reader would not take
//    literally (UTF-16 in a <meta>, x-user-defined), gives none, and the
//    document's own label decides as it would from a file;
//  - otherwise text that decodes as UTF-8 (and has no NUL) is "utf-8";
//  - otherwise none: the encoding is unknown and the browser guesses, as
//    with nginx, which never adds a charset by default.
// An empty result means "send no charset".
QByteArray detect(QByteArrayView type, QByteArrayView head, bool complete);

// `type` with "; charset=<label>" when detect() names one and the type is
// text (MimeTypes::isText); else `type` unchanged.
QByteArray contentType(QByteArrayView type, QByteArrayView head, bool complete);

// The label an HTML head declares in a <meta> element, as the WHATWG
// encoding prescan finds it (comments and other tags skipped, first 1024
// bytes), trimmed but otherwise as written; empty when none.
QByteArray htmlDeclaredCharset(QByteArrayView head);

} // namespace Net::TextCharset
