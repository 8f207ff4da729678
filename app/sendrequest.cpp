#include "sendrequest.h"
#include "sendexitcodes.h"

#include "hexinput.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QStringEncoder>
#include <QUrl>

#include <cstring>

using namespace Qt::StringLiterals;

namespace {

constexpr int MAX_WAIT_REPLY_MS = 3600 * 1000;

// The context lupdate files the send command's sentences under.
struct SendCommandLine
{
    Q_DECLARE_TR_FUNCTIONS(SendCommandLine)
};

SendParseResult failure(const QString &message)
{
    return {std::nullopt, SendExit::BadCommandLine, message};
}

// "tcp://host:port" or "udp://[::1]:port" into the request; an error sentence otherwise.
QString parseTarget(const QString &text, SendRequest &request)
{
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || (scheme != u"tcp"_s && scheme != u"udp"_s) || url.host().isEmpty())
        return SendCommandLine::tr("\"%1\" is not a target: write tcp://HOST:PORT or udp://HOST:PORT.").arg(text);
    if (url.port() < 1)
        return SendCommandLine::tr("\"%1\" has no port: write tcp://HOST:PORT or udp://HOST:PORT, with a port from "
                                   "1 to 65535.").arg(text);
    if (!url.path().isEmpty() || url.hasQuery() || url.hasFragment() || !url.userInfo().isEmpty())
        return SendCommandLine::tr("\"%1\" is not a target: only a host and a port may follow %2://.")
            .arg(text, scheme);
    request.protocol = scheme == u"tcp"_s ? Net::ClientProtocol::Tcp : Net::ClientProtocol::Udp;
    request.host = url.host();
    request.port = quint16(url.port());
    return {};
}

} // namespace

bool wantsSendCommand(int argc, char **argv)
{
    return argc >= 2 && std::strcmp(argv[1], "send") == 0;
}

EscapedText decodeEscapes(const QString &text, const QByteArray &encoding)
{
    QStringEncoder encoder(encoding.constData(), QStringConverter::Flag::Stateless);
    EscapedText result;
    QString pending; // literal text not yet encoded
    const auto encodePending = [&]() -> bool {
        if (pending.isEmpty())
            return true;
        result.bytes += encoder.encode(pending);
        pending.clear();
        return !encoder.hasError();
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c != u'\\') {
            pending += c;
            continue;
        }
        const QChar next = i + 1 < text.size() ? text.at(i + 1) : QChar();
        switch (next.unicode()) {
        case u'r': pending += u'\r'; ++i; continue;
        case u'n': pending += u'\n'; ++i; continue;
        case u't': pending += u'\t'; ++i; continue;
        case u'\\': pending += u'\\'; ++i; continue;
        case u'x': {
            // Two characters that parseHex() reads as one byte are two hex digits.
            const HexParseResult digits = parseHex(text.mid(i + 2, 2));
            if (!digits.ok || digits.bytes.size() != 1) {
                result.error = SendCommandLine::tr("\\x at character %1 needs two hex digits (\\x0d).").arg(i + 1);
                return result;
            }
            if (!encodePending())
                break;
            result.bytes += digits.bytes;
            i += 3;
            continue;
        }
        default:
            result.error = SendCommandLine::tr("Unknown escape at character %1: use \\r, \\n, \\t, \\xHH or \\\\.")
                               .arg(i + 1);
            return result;
        }
        break; // only reached when encoding failed
    }
    if (!encodePending() || encoder.hasError())
        result.error = SendCommandLine::tr("The message has characters that %1 cannot encode.")
                           .arg(QString::fromLatin1(encoding));
    return result;
}

QByteArray messageFromInput(const QByteArray &input, bool hex, QString *error)
{
    if (!hex)
        return input;
    const HexParseResult parsed = parseHex(QString::fromLatin1(input));
    if (!parsed.ok)
        *error = parsed.error;
    return parsed.bytes;
}

SendParseResult parseSendCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(SendCommandLine::tr(
        "Send one message over TCP or UDP and print the reply.\n"
        "MESSAGE may use the escapes \\r \\n \\t \\xHH and \\\\; \"-\" reads it from standard input.\n"
        "Exit status: 0 sent (and a reply came, when one was awaited), 1 network error, "
        "2 bad command line, 4 no reply within the wait."));
    parser.addHelpOption();
    parser.addPositionalArgument(u"send"_s, SendCommandLine::tr("The send command."));
    parser.addPositionalArgument(u"target"_s, SendCommandLine::tr("tcp://HOST:PORT or udp://HOST:PORT."));
    parser.addPositionalArgument(u"message"_s, SendCommandLine::tr("The text to send, or \"-\" for standard input."));
    const QCommandLineOption hex(u"hex"_s, SendCommandLine::tr("MESSAGE is hex digits (spaces allowed); the reply "
                                                               "is printed as hex."));
    const QCommandLineOption waitReply(u"wait-reply"_s,
                                       SendCommandLine::tr("Wait this many milliseconds for a reply; 0 does not "
                                                           "wait (default 1000)."),
                                       u"ms"_s, u"1000"_s);
    const QCommandLineOption encoding(u"encoding"_s,
                                      SendCommandLine::tr("Encoding of a text MESSAGE and of a text reply "
                                                          "(default UTF-8)."),
                                      u"name"_s, u"UTF-8"_s);
    parser.addOptions({hex, waitReply, encoding});

    if (!parser.parse(arguments))
        return failure(parser.errorText());
    if (parser.isSet(u"help"_s))
        parser.showHelp(0);
    const QStringList positional = parser.positionalArguments();
    // positional[0] is "send" itself.
    if (positional.size() < 3)
        return failure(SendCommandLine::tr("send needs a target and a message: wirebench send tcp://HOST:PORT MESSAGE."));
    if (positional.size() > 3)
        return failure(SendCommandLine::tr("Unexpected argument: %1 (quote a message that has spaces).")
                           .arg(positional.at(3)));

    SendRequest request;
    if (const QString error = parseTarget(positional.at(1), request); !error.isEmpty())
        return failure(error);
    bool ok = false;
    request.waitReplyMs = parser.value(waitReply).toInt(&ok);
    if (!ok || request.waitReplyMs < 0 || request.waitReplyMs > MAX_WAIT_REPLY_MS)
        return failure(SendCommandLine::tr("--wait-reply: \"%1\" is not a number of milliseconds from 0 to %2.")
                           .arg(parser.value(waitReply)).arg(MAX_WAIT_REPLY_MS));
    request.encoding = parser.value(encoding).toLatin1();
    if (!QStringEncoder(request.encoding.constData()).isValid())
        return failure(SendCommandLine::tr("--encoding: \"%1\" is not an encoding this build knows.")
                           .arg(parser.value(encoding)));
    request.hex = parser.isSet(hex);

    const QString message = positional.at(2);
    if (message == u"-"_s) {
        request.readStdin = true;
    } else if (request.hex) {
        const HexParseResult parsed = parseHex(message);
        if (!parsed.ok)
            return failure(u"--hex: "_s + parsed.error);
        request.message = parsed.bytes;
    } else {
        const EscapedText decoded = decodeEscapes(message, request.encoding);
        if (!decoded.error.isEmpty())
            return failure(decoded.error);
        request.message = decoded.bytes;
    }
    return {request, SendExit::Ok, {}};
}
