#pragma once

// Helpers for the suites that drive the real MainWindow on the offscreen
// platform: a window on a real façade with a settings file of its own,
// controls found by objectName, and blocking loopback clients. The servers run
// on the façade's own thread, so a blocking waitFor*() here never starves them
// (only the window's own updates wait until the test returns to the loop).

#include "commandline.h"
#include "mainwindow.h"
#include "serverspanel.h"
#include "settings.h"
#include "trafficlogmodel.h"
#include "trafficlogpanel.h"

#include "api/netcontroller.h"
#include "server/socketaddress.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDeadlineTimer>
#include <QFileInfo>
#include <QHostAddress>
#include <QLabel>
#include <QMessageBox>
#include <QPointer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>

#include <memory>

namespace WindowTest {

constexpr int WaitMs = 10000;

// "web", "echo", "udpecho": how a card's controls are named ("echoToggleButton").
// The stem of a card's object names: its server's name ("web", "echo", "udp-echo") without the dash.
inline QString cardPrefix(Net::ServerKind kind)
{
    switch (kind) {
    case Net::ServerKind::Web: return QStringLiteral("web");
    case Net::ServerKind::Tcp: return QStringLiteral("echo");
    case Net::ServerKind::Udp: return QStringLiteral("udpecho");
    case Net::ServerKind::Relay: break;
    }
    return QStringLiteral("relay");
}

// The demo site: next to the binary when the build copied it there, else in
// the source tree (test binaries live one folder below the copy).
inline QString demoSitePath()
{
    const QString built = builtinSitePath();
    if (QFileInfo::exists(built + QStringLiteral("/index.html")))
        return built;
    return QFINDTESTDATA("../../resources/site");
}

// What a rich-text label reads as, links and markup removed.
inline QString plainText(const QLabel *label)
{
    QTextDocument document;
    document.setHtml(label->text());
    return document.toPlainText();
}

// The control that has the focus, by name: the line edit inside a spin box
// or combo box counts as the spin box or combo box.
inline QString focusName()
{
    const QWidget *focus = QApplication::focusWidget();
    while (focus && focus->objectName().startsWith(QStringLiteral("qt_")) && focus->parentWidget())
        focus = focus->parentWidget();
    return focus ? focus->objectName() : QString();
}

// A MainWindow on a real NetController and a Settings file in a temporary
// folder. create() sets every card to port 0 (never a real port) and the web
// root to the demo site; reopen() builds a new window on the same file, as a
// restart of the program would.
class WindowFixture
{
    Q_DISABLE_COPY_MOVE(WindowFixture)

public:
    WindowFixture() = default;
    ~WindowFixture() { destroy(); }

    bool create()
    {
        if (!m_dir.isValid())
            return false;
        m_iniPath = m_dir.filePath(QStringLiteral("wirebench.ini"));
        net = std::make_unique<Net::NetController>();
        if (!open())
            return false;
        for (ServerCard *card : window->servers()->cards()) {
            ServerCardState state = card->state();
            state.port = 0;
            if (card->kind() == Net::ServerKind::Web)
                state.rootPath = demoSitePath();
            card->setState(state);
        }
        return true;
    }

    bool reopen()
    {
        window.reset();
        settings.reset();
        return open();
    }

    // The window goes before the façade, as in main().
    void destroy()
    {
        window.reset();
        settings.reset();
        net.reset();
    }

    QString iniPath() const { return m_iniPath; }
    QString tempPath(const QString &name) const { return m_dir.filePath(name); }

    template<typename T>
    T *find(const QString &name) const
    {
        T *widget = window->findChild<T *>(name);
        if (!widget)
            qFatal("no %s named %s in the window", T::staticMetaObject.className(), qPrintable(name));
        return widget;
    }

    // Makes the window the active one, as a user's click would: window
    // shortcuts and mnemonics need it.
    bool activate()
    {
        window->activateWindow();
        return QTest::qWaitForWindowActive(window.get());
    }

    ServerCard *card(Net::ServerKind kind) const { return window->servers()->card(kind); }
    QAbstractButton *toggle(Net::ServerKind kind) const
    {
        return find<QAbstractButton>(cardPrefix(kind) + QStringLiteral("ToggleButton"));
    }
    QLabel *statusLabel(Net::ServerKind kind) const
    {
        return find<QLabel>(cardPrefix(kind) + QStringLiteral("StatusLabel"));
    }
    TrafficLogModel *logModel() const { return window->log()->model(); }

    // Clicks a card's Start and waits until the façade reports it running.
    bool start(Net::ServerKind kind)
    {
        QAbstractButton *button = toggle(kind);
        if (!button->isEnabled() || card(kind)->isRunning())
            return false;
        QTest::mouseClick(button, Qt::LeftButton);
        return QTest::qWaitFor([&] { return net->status(kind).running && card(kind)->isRunning(); }, WaitMs);
    }

    // Every status the façade reports until a round trip through the network
    // thread comes back: a stop of the idle server `probe`. The thread takes
    // requests in order, so whatever the window asked for before has been
    // answered by then: "nothing started" is proven without waiting for time
    // to pass. The last entry is the probe's own answer.
    QList<Net::ServerStatus> statusesUntilRoundTrip(Net::ServerKind probe)
    {
        QList<Net::ServerStatus> seen;
        bool answered = false;
        const QMetaObject::Connection connection = QObject::connect(
            net.get(), &Net::NetController::serverStatusChanged, net.get(),
            [&](const Net::ServerStatus &status) {
                seen.append(status);
                answered = answered || (status.kind == probe && !status.running);
            });
        net->stopServer(card(probe)->serverId());
        const bool back = QTest::qWaitFor([&] { return answered; }, WaitMs);
        QObject::disconnect(connection);
        if (!back)
            qWarning("the round trip through the network thread did not come back");
        return seen;
    }

    std::unique_ptr<Net::NetController> net;
    std::unique_ptr<Settings> settings;
    std::unique_ptr<MainWindow> window;

private:
    bool open()
    {
        settings = std::make_unique<Settings>(m_iniPath);
        window = std::make_unique<MainWindow>(*net, *settings);
        window->show();
        if (!QTest::qWaitForWindowExposed(window.get()))
            return false;
        // The first run's dock sizes are posted from the show: take them now.
        QCoreApplication::sendPostedEvents();
        return true;
    }

    QTemporaryDir m_dir;
    QString m_iniPath;
};

struct HttpReply
{
    int status = 0;
    QByteArray head;
    QByteArray body;
    QString error;
};

// One GET over a fresh connection ("Connection: close"), read to the end.
inline HttpReply httpGet(const QHostAddress &address, quint16 port, const QByteArray &target = "/",
                         int timeoutMs = WaitMs)
{
    HttpReply reply;
    QTcpSocket socket;
    socket.connectToHost(address, port);
    if (!socket.waitForConnected(timeoutMs)) {
        reply.error = socket.errorString();
        return reply;
    }
    socket.write("GET " + target + " HTTP/1.1\r\nHost: " + Net::hostPort(address, port).toLatin1()
                 + "\r\nConnection: close\r\n\r\n");
    QByteArray all;
    const QDeadlineTimer deadline(timeoutMs);
    // waitForReadyRead() is false once the server has closed (or time is up).
    while (!deadline.hasExpired() && socket.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime()))))
        all += socket.readAll();
    all += socket.readAll();
    const qsizetype headEnd = all.indexOf("\r\n\r\n");
    if (headEnd < 0 || !all.startsWith("HTTP/1.")) {
        reply.error = QStringLiteral("no complete response head in %1 bytes").arg(all.size());
        return reply;
    }
    reply.head = all.first(headEnd);
    reply.status = all.mid(9, 3).toInt();
    reply.body = all.sliced(headEnd + 4);
    return reply;
}

// Sends `message` and reads until as many bytes came back (or time is up).
inline QByteArray echoRoundTrip(QTcpSocket &socket, const QByteArray &message, int timeoutMs = WaitMs)
{
    socket.write(message);
    QByteArray back;
    const QDeadlineTimer deadline(timeoutMs);
    while (back.size() < message.size() && !deadline.hasExpired()) {
        if (socket.bytesAvailable() == 0
            && !socket.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime()))))
            break;
        back += socket.read(message.size() - back.size());
    }
    return back;
}

// Answers every QMessageBox that shows while it lives with `answer` (Cancel
// when the box has no such button), without blocking the test: it sees the
// box appear (an application event filter) and clicks once the box's own
// event loop runs. No polling, no timer.
class ModalAnswerer final : public QObject
{
    Q_DISABLE_COPY_MOVE(ModalAnswerer)

public:
    explicit ModalAnswerer(QMessageBox::StandardButton answer)
        : m_answer(answer)
    {
        qApp->installEventFilter(this);
    }
    ~ModalAnswerer() override { qApp->removeEventFilter(this); }

    int boxesSeen() const { return m_seen; }
    QString title() const { return m_title; }
    QString text() const { return m_text; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        auto *box = event->type() == QEvent::Show ? qobject_cast<QMessageBox *>(watched) : nullptr;
        if (!box)
            return false;
        ++m_seen;
        m_title = box->windowTitle();
        m_text = box->text();
        const QPointer<QMessageBox> shown(box);
        QMetaObject::invokeMethod(
            box,
            [shown, answer = m_answer] {
                if (!shown)
                    return;
                if (QAbstractButton *button = shown->button(answer))
                    button->click();
                else
                    shown->reject();
            },
            Qt::QueuedConnection);
        return false;
    }

private:
    QMessageBox::StandardButton m_answer;
    int m_seen = 0;
    QString m_title;
    QString m_text;
};

} // namespace WindowTest
