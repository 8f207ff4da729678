#pragma once

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QString>
#include <QTemporaryDir>

// The document roots the web server tests serve, built in a temporary folder:
//
//   www/            index.html hello.txt style.css image.png data.wbunknown
//                   "my file ü.txt"  big.bin (8 MiB, streamed)  medium.bin (200 KiB,
//                   served from memory)  docs/index.html
//                   files/ (no index: a.txt, "with space ü.txt", sub/b.txt)
//                   hello-link -> hello.txt, secret-link -> ../outside/secret.txt,
//                   outside-dir -> ../outside
//   www404/         index.html 404.html
//   outside/        secret.txt (must never be served)
namespace HttpTest {

namespace Site {
constexpr QByteArrayView IndexHtml = "<!DOCTYPE html>\n<title>Test index</title>\n<p>Wirebench test index</p>\n";
constexpr QByteArrayView HelloTxt = "Hello, world!\n";
constexpr QByteArrayView StyleCss = "body { color: #123456; }\n";
constexpr QByteArrayView DocsIndex = "<!DOCTYPE html>\n<p>docs index</p>\n";
constexpr QByteArrayView UnknownData = "opaque bytes\n";
constexpr QByteArrayView UnicodeText = "a file with spaces and an umlaut in its name\n";
constexpr QByteArrayView FileA = "file a\n";
constexpr QByteArrayView CustomNotFound = "<!DOCTYPE html>\n<p>custom not found page</p>\n";
constexpr QByteArrayView Secret = "TOP-SECRET-5b1e9d27-never-serve-this";
// The percent-encoded target of "my file ü.txt".
constexpr QByteArrayView UnicodeTarget = "/my%20file%20%C3%BC.txt";
constexpr qint64 BigFileBytes = 8 * 1024 * 1024;
constexpr qint64 MediumFileBytes = 200 * 1024;
} // namespace Site

class TestSite
{
public:
    // Builds everything; on failure returns false and says why in error().
    bool create()
    {
        if (!m_dir.isValid())
            return fail(QStringLiteral("no temporary folder: ") + m_dir.errorString());
        m_base = QFileInfo(m_dir.path()).canonicalFilePath();
        QDir base(m_base);
        for (const char *folder : {"www/docs", "www/files/sub", "www404", "outside"}) {
            if (!base.mkpath(QString::fromLatin1(folder)))
                return fail(QStringLiteral("cannot create ") + QString::fromLatin1(folder));
        }
        m_png = QByteArrayLiteral("\x89PNG\r\n\x1a\n");
        for (int i = 0; i < 256; ++i)
            m_png += char(i);
        m_big.resize(Site::BigFileBytes);
        QRandomGenerator random(20240607); // fixed seed: a failure reproduces
        random.generate(reinterpret_cast<quint32 *>(m_big.data()),
                        reinterpret_cast<quint32 *>(m_big.data() + m_big.size()));

        const std::pair<const char *, QByteArrayView> files[] = {
            {"www/index.html", Site::IndexHtml},
            {"www/hello.txt", Site::HelloTxt},
            {"www/style.css", Site::StyleCss},
            {"www/image.png", m_png},
            {"www/data.wbunknown", Site::UnknownData},
            {"www/my file \xc3\xbc.txt", Site::UnicodeText},
            {"www/big.bin", m_big},
            {"www/medium.bin", QByteArrayView(m_big).first(Site::MediumFileBytes)},
            {"www/docs/index.html", Site::DocsIndex},
            {"www/files/a.txt", Site::FileA},
            {"www/files/with space \xc3\xbc.txt", Site::FileA},
            {"www/files/sub/b.txt", Site::FileA},
            {"www404/index.html", Site::IndexHtml},
            {"www404/404.html", Site::CustomNotFound},
            {"outside/secret.txt", Site::Secret},
        };
        for (const auto &[relative, content] : files) {
            QFile file(base.filePath(QString::fromUtf8(relative)));
            if (!file.open(QIODevice::WriteOnly) || file.write(content.data(), content.size()) != content.size())
                return fail(QStringLiteral("cannot write ") + file.fileName());
        }
        const std::pair<const char *, const char *> links[] = {
            {"www/hello.txt", "www/hello-link"},
            {"outside/secret.txt", "www/secret-link"},
            {"outside", "www/outside-dir"},
        };
        for (const auto &[target, link] : links) {
            if (!QFile::link(base.filePath(QString::fromLatin1(target)), base.filePath(QString::fromLatin1(link))))
                return fail(QStringLiteral("cannot create the symlink ") + QString::fromLatin1(link));
        }
        return true;
    }

    QString error() const { return m_error; }
    QString base() const { return m_base; }
    QString root() const { return m_base + QStringLiteral("/www"); }
    QString notFoundPageRoot() const { return m_base + QStringLiteral("/www404"); }
    QString secretPath() const { return m_base + QStringLiteral("/outside/secret.txt"); }
    const QByteArray &png() const { return m_png; }
    const QByteArray &big() const { return m_big; }

private:
    bool fail(const QString &why)
    {
        m_error = why;
        return false;
    }

    QTemporaryDir m_dir;
    QString m_base;
    QString m_error;
    QByteArray m_png;
    QByteArray m_big;
};

} // namespace HttpTest
