#pragma once

#include "api/clientevent.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

// "wirebench send": what the command line asked for, checked and converted.
// Parsing is kept apart from running (sendcommand.h) so tests can feed it
// argument lists.
struct SendRequest
{
    Net::ClientProtocol protocol = Net::ClientProtocol::Tcp;
    QString host;
    quint16 port = 0;
    QByteArray message;       // the bytes to send (empty with readStdin: read later)
    bool readStdin = false;   // MESSAGE was "-"
    bool hex = false;         // --hex: MESSAGE is hex digits, and the reply is printed as hex
    int waitReplyMs = 1000;   // 0: do not wait for a reply
    QByteArray encoding = "UTF-8";
};

struct SendParseResult
{
    std::optional<SendRequest> request; // empty when the program should exit
    int exitCode = 0;
    QString message;                    // for stderr when exitCode != 0
};

// Whether argv asks for the send command ("wirebench send ..."): decided
// before any application object exists.
bool wantsSendCommand(int argc, char **argv);

// Parses and validates the arguments of "wirebench send" (the whole argument
// list, program name first). --help prints and exits with 0.
SendParseResult parseSendCommand(const QStringList &arguments);

// Text with the escapes \r \n \t \\ and \xHH, the text encoded in `encoding`
// (\xHH is one raw byte whatever the encoding). An unknown escape, a cut
// \x or a character the encoding cannot represent is an error sentence.
struct EscapedText
{
    QByteArray bytes;
    QString error; // empty when the text was good
};
EscapedText decodeEscapes(const QString &text, const QByteArray &encoding);

// The bytes of a message read from standard input: as they are, or hex
// digits with --hex. Sets `error` on bad hex.
QByteArray messageFromInput(const QByteArray &input, bool hex, QString *error);
