// Qt's own QHttpServer serving a folder: the "obvious Qt web server" that
// Wirebench's figures are compared with. Deliberately the straightforward
// use of the API, as its documentation shows it.
//
//   qhttpserver_peer PORT ROOT     (prints "listening PORT")

#include <QCoreApplication>
#include <QDir>
#include <QHttpServer>
#include <QHttpServerResponse>
#include <QUrl>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 3) {
        std::fprintf(stderr, "usage: qhttpserver_peer PORT ROOT\n");
        return 2;
    }
    const QString root = QDir(QString::fromLocal8Bit(argv[2])).canonicalPath();
    QHttpServer server;
    server.route(QStringLiteral("/"), [root] { return QHttpServerResponse::fromFile(root + QStringLiteral("/index.html")); });
    server.route(QStringLiteral("/<arg>"), [root](const QUrl &path) {
        return QHttpServerResponse::fromFile(root + QLatin1Char('/') + path.path());
    });
    const quint16 port = server.listen(QHostAddress::LocalHost, quint16(QByteArray(argv[1]).toUInt()));
    if (port == 0) {
        std::fprintf(stderr, "qhttpserver_peer: cannot listen\n");
        return 1;
    }
    std::printf("listening %u\n", unsigned(port));
    std::fflush(stdout);
    return app.exec();
}
