#include "sendcommand.h"
#include "sendexitcodes.h"
#include "settings.h"
#include "translations.h"

#include "hexdump.h"
#include "hexinput.h"
#include "api/netcontroller.h"
#include "api/hostport.h"

#include <QCoreApplication>
#include <QFile>
#include <QStringDecoder>

#include <cstdio>
#include <utility>

using namespace Qt::StringLiterals;

namespace {

// A reply is whatever arrives until the peer pauses this long (or closes, or
// --wait-reply runs out): one read would cut a reply that spans segments.
constexpr int REPLY_QUIET_MS = 100;
// How long a graceful TCP close may take to push the last bytes out.
constexpr int CLOSE_TIMEOUT_MS = 5000;
// A message from standard input is read whole before it is sent.
constexpr qint64 MAX_STDIN_BYTES = 64 * 1024 * 1024;

void writeStdout(const QByteArray &bytes)
{
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

void writeStderr(const QString &sentence)
{
    std::fprintf(stderr, "wirebench: %s\n", qPrintable(sentence));
}

// Text a terminal can show: decodes without error and holds no control
// characters but tab, line feed and carriage return.
std::optional<QString> asText(const QByteArray &bytes, const QByteArray &encoding)
{
    QStringDecoder decoder(encoding.constData(), QStringConverter::Flag::Stateless);
    const QString text = decoder.decode(bytes);
    if (decoder.hasError())
        return std::nullopt;
    for (const QChar c : text) {
        if ((c.unicode() < 0x20 && c != u'\t' && c != u'\n' && c != u'\r') || c.unicode() == 0x7f)
            return std::nullopt;
    }
    return text;
}

bool isUtf8(const QByteArray &encoding)
{
    return QStringConverter::encodingForName(encoding.constData()) == QStringConverter::Utf8;
}

} // namespace

SendCommand::SendCommand(Net::NetController &net, const SendRequest &request, QObject *parent)
    : QObject(parent)
    , m_net(net)
    , m_request(request)
{
    m_waitTimer.setSingleShot(true);
    m_quietTimer.setSingleShot(true);
    m_closeTimer.setSingleShot(true);
    connect(&m_waitTimer, &QTimer::timeout, this, [this] {
        if (m_reply.isEmpty())
            writeStderr(tr("No reply from %1 within %2 ms.").arg(target()).arg(m_request.waitReplyMs));
        finish(m_reply.isEmpty() ? SendExit::NoReply : SendExit::Ok);
    });
    connect(&m_quietTimer, &QTimer::timeout, this, [this] { finish(SendExit::Ok); });
    connect(&m_closeTimer, &QTimer::timeout, this, &SendCommand::done);
    connect(&m_net, &Net::NetController::clientEvents, this,
            [this](const QList<Net::ClientEvent> &events, qint64) { onEvents(events); });
}

void SendCommand::start()
{
    m_id = m_net.openClient(m_request.protocol);
    m_net.clientConnect(m_id, m_request.host, m_request.port);
}

QString SendCommand::target() const
{
    return Net::hostPort(m_request.host, m_request.port);
}

void SendCommand::onEvents(const QList<Net::ClientEvent> &events)
{
    for (const Net::ClientEvent &event : events) {
        if (event.sessionId == m_id)
            onEvent(event);
    }
}

void SendCommand::onEvent(const Net::ClientEvent &event)
{
    using Kind = Net::ClientEvent::Kind;
    switch (event.kind) {
    case Kind::State:
        m_connected = event.state == Net::ClientState::Connected;
        if (m_connected && !m_sendQueued) {
            m_sendQueued = true;
            m_net.clientSend(m_id, m_request.message);
        } else if (event.state == Net::ClientState::Closed) {
            if (m_finishing) {
                done();
            } else if (m_sent) {
                // The server closed: whatever it said is all there is.
                if (m_reply.isEmpty() && m_request.waitReplyMs > 0)
                    writeStderr(tr("%1 closed the connection without a reply.").arg(target()));
                m_finishing = true;
                m_exitCode = m_reply.isEmpty() && m_request.waitReplyMs > 0 ? SendExit::NoReply : SendExit::Ok;
                printReply();
                done();
            }
        }
        return;
    case Kind::Sent:
        onSent();
        return;
    case Kind::Received:
        if (!m_sent || m_finishing)
            return;
        m_reply += event.data;
        m_quietTimer.start(REPLY_QUIET_MS);
        return;
    case Kind::Error:
        if (m_finishing)
            return;
        writeStderr(event.text);
        finish(SendExit::NetworkError);
        return;
    case Kind::HttpReply:
    case Kind::Progress: // neither HTTP nor a file: this command sends one message
        return;
    }
}

void SendCommand::onSent()
{
    m_sent = true;
    if (m_request.waitReplyMs == 0)
        finish(SendExit::Ok);
    else
        m_waitTimer.start(m_request.waitReplyMs);
}

void SendCommand::finish(int exitCode)
{
    if (m_finishing)
        return;
    m_finishing = true;
    m_exitCode = exitCode;
    m_waitTimer.stop();
    m_quietTimer.stop();
    printReply();
    // TCP: the last bytes may still sit in the socket's buffer; a graceful
    // close sends them first, and Closed tells us it is done.
    if (m_request.protocol == Net::ClientProtocol::Tcp && m_connected) {
        m_net.clientDisconnect(m_id);
        m_closeTimer.start(CLOSE_TIMEOUT_MS);
        return;
    }
    done();
}

void SendCommand::done()
{
    m_closeTimer.stop();
    if (!std::exchange(m_done, true))
        emit finished(m_exitCode);
}

void SendCommand::printReply()
{
    if (m_reply.isEmpty())
        return;
    if (m_request.hex) {
        writeStdout(toHexText(m_reply).toLatin1() + '\n');
        return;
    }
    if (const auto text = asText(m_reply, m_request.encoding)) {
        // UTF-8 goes out as it came, byte for byte; another encoding is
        // converted for the terminal.
        writeStdout(isUtf8(m_request.encoding) ? m_reply : text->toUtf8());
        return;
    }
    writeStdout(HexDump::hexDump(m_reply).toUtf8() + '\n');
}

int runSendCommand(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(u"Wirebench"_s);
    QCoreApplication::setApplicationName(u"wirebench"_s);
    const Translations translations(Settings().language());
    SendParseResult parsed = parseSendCommand(app.arguments());
    if (!parsed.request) {
        std::fprintf(stderr, "wirebench send: %s\n%s\n", qPrintable(parsed.message),
                     qPrintable(QCoreApplication::translate("main", "Try 'wirebench send --help'.")));
        return parsed.exitCode;
    }
    SendRequest &request = *parsed.request;
    if (request.readStdin) {
        QFile input;
        if (!input.open(stdin, QIODevice::ReadOnly)) {
            writeStderr(QCoreApplication::translate("main", "Cannot read standard input."));
            return SendExit::BadCommandLine;
        }
        // readAll(), not read(n): on a pipe one read stops at what is buffered.
        const QByteArray bytes = input.readAll();
        if (bytes.size() > MAX_STDIN_BYTES) {
            writeStderr(QCoreApplication::translate("main", "The message on standard input is larger than %1 MiB.")
                            .arg(MAX_STDIN_BYTES / (1024 * 1024)));
            return SendExit::BadCommandLine;
        }
        QString error;
        request.message = messageFromInput(bytes, request.hex, &error);
        if (!error.isEmpty()) {
            writeStderr(u"--hex: "_s + error);
            return SendExit::BadCommandLine;
        }
    }
    Net::NetController net;
    SendCommand command(net, request);
    QObject::connect(&command, &SendCommand::finished, &app, &QCoreApplication::exit, Qt::QueuedConnection);
    command.start();
    return app.exec();
}
