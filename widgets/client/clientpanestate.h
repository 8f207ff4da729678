#pragma once

#include "api/clientevent.h"

#include <QString>

// How the message editor reads what is typed, and how the transcript shows bytes.
enum class MessageMode : quint8 { Text, Hex };

// What Text mode appends to each message it sends.
enum class LineEnding : quint8 { None, Lf, CrLf };

// The client pane's settings as plain values: the app stores them (the
// widgets read no QSettings) and hands them back with setState().
struct ClientPaneState
{
    Net::ClientProtocol protocol = Net::ClientProtocol::Tcp;
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 7007;
    MessageMode mode = MessageMode::Text;
    LineEnding lineEnding = LineEnding::None;
    QString url = QStringLiteral("http://127.0.0.1:8080/");
    QString method = QStringLiteral("GET");
    QString headers; // "Name: value" lines, as typed
    int repeatMs = 1000;
    int repeatCount = 0; // messages a repeat sends, the first included; 0: until stopped
    bool escapes = true; // text mode reads backslash escapes (TextEscapes)
    QString encoding = QStringLiteral("UTF-8");
    quint16 localPort = 0; // TCP and UDP sessions bind it before they connect; 0: any
    MessageMode transcriptMode = MessageMode::Text;

    friend bool operator==(const ClientPaneState &, const ClientPaneState &) = default;
};
