#include "http/mimetypes.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace Net;

class tst_MimeTypes : public QObject
{
    Q_OBJECT

private slots:
    void contentType_data();
    void contentType();
    void webTypesDoNotDependOnTheSystem_data();
    void webTypesDoNotDependOnTheSystem();
    void isText_data();
    void isText();
    void builtin_data();
    void builtin();
    void cacheIsConsistent();
};

void tst_MimeTypes::contentType_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QByteArray>("expected");

    // Rows whose answer is the same with or without the system's MIME data:
    // the bare type, since the charset depends on the file (TextCharset).
    QTest::addRow("html") << u"index.html"_s << "text/html"_ba;
    QTest::addRow("htm") << u"old.htm"_s << "text/html"_ba;
    QTest::addRow("upper-case suffix") << u"INDEX.HTML"_s << "text/html"_ba;
    QTest::addRow("js is text/javascript") << u"app.js"_s << "text/javascript"_ba;
    QTest::addRow("mjs is text/javascript") << u"mod.mjs"_s << "text/javascript"_ba;
    QTest::addRow("otf is a font") << u"face.otf"_s << "font/otf"_ba;
    QTest::addRow("css") << u"site.css"_s << "text/css"_ba;
    QTest::addRow("json") << u"data.json"_s << "application/json"_ba;
    QTest::addRow("source map") << u"app.js.map"_s << "application/json"_ba;
    QTest::addRow("txt") << u"notes.txt"_s << "text/plain"_ba;
    QTest::addRow("csv") << u"table.csv"_s << "text/csv"_ba;
    QTest::addRow("xml") << u"feed.xml"_s << "application/xml"_ba;
    QTest::addRow("svg") << u"logo.svg"_s << "image/svg+xml"_ba;
    QTest::addRow("png") << u"a.png"_s << "image/png"_ba;
    QTest::addRow("jpg") << u"a.jpg"_s << "image/jpeg"_ba;
    QTest::addRow("jpeg") << u"a.jpeg"_s << "image/jpeg"_ba;
    QTest::addRow("gif") << u"a.gif"_s << "image/gif"_ba;
    QTest::addRow("webp") << u"a.webp"_s << "image/webp"_ba;
    QTest::addRow("wasm") << u"m.wasm"_s << "application/wasm"_ba;
    QTest::addRow("pdf") << u"doc.pdf"_s << "application/pdf"_ba;
    QTest::addRow("woff2") << u"f.woff2"_s << "font/woff2"_ba;
    QTest::addRow("mp4") << u"v.mp4"_s << "video/mp4"_ba;
    QTest::addRow("zip") << u"a.zip"_s << "application/zip"_ba;
    QTest::addRow("gz by last suffix") << u"a.tar.gz"_s << "application/gzip"_ba;
    QTest::addRow("path with dots in dirs") << u"/srv/v1.2/readme"_s << "application/octet-stream"_ba;
    QTest::addRow("unknown") << u"blob.qqqzzz"_s << "application/octet-stream"_ba;
    QTest::addRow("no suffix") << u"Makefile"_s << "application/octet-stream"_ba;
    QTest::addRow("hidden file") << u".htaccess"_s << "application/octet-stream"_ba;
    QTest::addRow("trailing dot") << u"name."_s << "application/octet-stream"_ba;
    QTest::addRow("empty") << QString() << "application/octet-stream"_ba;
    QTest::addRow("utf-8 name") << u"späße ✓.html"_s << "text/html"_ba;
}

void tst_MimeTypes::contentType()
{
    QFETCH(QString, fileName);
    QFETCH(QByteArray, expected);
    MimeTypes types;
    QCOMPARE(types.contentTypeFor(fileName), expected);
    QCOMPARE(types.contentTypeFor(fileName), expected); // from the cache
}

void tst_MimeTypes::webTypesDoNotDependOnTheSystem_data()
{
    QTest::addColumn<QString>("suffix");
    QTest::addColumn<QByteArray>("expected");

    // Types browsers enforce (nosniff, module scripts, WebAssembly streaming,
    // <track>, manifests) or that shared-mime-info 2.2 gets wrong or lacks:
    // each row notes what the system database of Debian 12 answers.
    const std::pair<const char16_t *, const char *> table[] = {
        {u"cjs", "text/javascript"},             // unknown: octet-stream
        {u"mjs", "text/javascript"},             // application/javascript
        {u"js", "text/javascript"},              // application/javascript
        {u"wasm", "application/wasm"},           // unknown
        {u"webmanifest", "application/manifest+json"}, // unknown
        {u"map", "application/json"},            // unknown
        {u"json", "application/json"},           // also application/schema+json
        {u"ts", "video/mp2t"},                   // text/vnd.trolltech.linguist first
        {u"m3u8", "application/vnd.apple.mpegurl"}, // audio/x-mpegurl first
        {u"opus", "audio/ogg"},                  // also audio/x-opus+ogg
        {u"weba", "audio/webm"},                 // unknown
        {u"apng", "image/apng"},                 // unknown
        {u"otf", "font/otf"},                    // an OpenDocument formula template first
        {u"wav", "audio/wav"},                   // audio/x-wav
        {u"vtt", "text/vtt"},
        {u"avif", "image/avif"},
        {u"jxl", "image/jxl"},
        {u"svg", "image/svg+xml"},
        {u"woff2", "font/woff2"},
        {u"webp", "image/webp"},
        {u"html", "text/html"},                  // also application/xhtml+xml
        {u"xhtml", "application/xhtml+xml"},
        {u"jsonld", "application/ld+json"},
        {u"glb", "model/gltf-binary"},
        {u"mpd", "application/dash+xml"},
    };
    for (const auto &[suffix, type] : table) {
        const QString name = QString::fromUtf16(suffix);
        QTest::addRow("%s", qPrintable(name)) << name << QByteArray(type);
    }
}

void tst_MimeTypes::webTypesDoNotDependOnTheSystem()
{
    QFETCH(QString, suffix);
    QFETCH(QByteArray, expected);
    MimeTypes types;
    QCOMPARE(types.contentTypeFor(u"file."_s + suffix), expected);
    QCOMPARE(types.contentTypeFor(u"/srv/www/NAME."_s + suffix.toUpper()), expected);
    QCOMPARE(MimeTypes::builtinTypeForSuffix(suffix), expected);
}

void tst_MimeTypes::isText_data()
{
    QTest::addColumn<QByteArray>("type");
    QTest::addColumn<bool>("text");
    for (const char *type : {"text/html", "text/plain", "text/javascript", "application/json", "application/xml",
                             "image/svg+xml", "application/manifest+json", "application/xhtml+xml"})
        QTest::addRow("%s", type) << QByteArray(type) << true;
    for (const char *type : {"image/png", "application/octet-stream", "application/wasm", "font/woff2", "video/mp2t"})
        QTest::addRow("%s", type) << QByteArray(type) << false;
}

void tst_MimeTypes::isText()
{
    QFETCH(QByteArray, type);
    QFETCH(bool, text);
    QCOMPARE(MimeTypes::isText(type), text);
}

void tst_MimeTypes::builtin_data()
{
    QTest::addColumn<QString>("suffix");
    QTest::addColumn<QByteArray>("expected");

    const std::pair<const char16_t *, const char *> table[] = {
        {u"html", "text/html"}, {u"htm", "text/html"}, {u"css", "text/css"},
        {u"js", "text/javascript"}, {u"mjs", "text/javascript"}, {u"json", "application/json"},
        {u"txt", "text/plain"}, {u"xml", "application/xml"}, {u"svg", "image/svg+xml"},
        {u"png", "image/png"}, {u"jpg", "image/jpeg"}, {u"jpeg", "image/jpeg"},
        {u"gif", "image/gif"}, {u"webp", "image/webp"}, {u"ico", "image/vnd.microsoft.icon"},
        {u"wasm", "application/wasm"}, {u"pdf", "application/pdf"}, {u"woff", "font/woff"},
        {u"woff2", "font/woff2"}, {u"ttf", "font/ttf"}, {u"otf", "font/otf"},
        {u"mp4", "video/mp4"}, {u"webm", "video/webm"}, {u"mp3", "audio/mpeg"},
        {u"ogg", "audio/ogg"}, {u"wav", "audio/wav"}, {u"zip", "application/zip"},
        {u"gz", "application/gzip"}, {u"tar", "application/x-tar"}, {u"csv", "text/csv"},
        {u"md", "text/markdown"}, {u"map", "application/json"},
    };
    for (const auto &[suffix, type] : table) {
        const QString name = QString::fromUtf16(suffix);
        QTest::addRow("%s", qPrintable(name)) << name << QByteArray(type);
    }
    QTest::addRow("unknown") << u"qqqzzz"_s << QByteArray();
    QTest::addRow("empty") << QString() << QByteArray();
    QTest::addRow("upper case is not looked up") << u"HTML"_s << QByteArray();
}

void tst_MimeTypes::builtin()
{
    QFETCH(QString, suffix);
    QFETCH(QByteArray, expected);
    QCOMPARE(MimeTypes::builtinTypeForSuffix(suffix), expected);
}

void tst_MimeTypes::cacheIsConsistent()
{
    // Names sharing a suffix share an answer, whatever else is in the name.
    MimeTypes types;
    const QByteArray first = types.contentTypeFor(u"a.gz"_s);
    QCOMPARE(types.contentTypeFor(u"b.tar.gz"_s), first);
    QCOMPARE(types.contentTypeFor(u"C.GZ"_s), first);
    // Many distinct suffixes only bound the cache, never change answers.
    for (int i = 0; i < 2000; ++i)
        QCOMPARE(types.contentTypeFor(u"f."_s + QString::number(i) + u"zz"_s), "application/octet-stream"_ba);
    QCOMPARE(types.contentTypeFor(u"index.html"_s), "text/html"_ba);
}

QTEST_GUILESS_MAIN(tst_MimeTypes)
#include "tst_mimetypes.moc"
