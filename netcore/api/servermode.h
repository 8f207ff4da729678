#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace Net {

// What a TCP or UDP server does with the bytes it receives.
enum class ServerMode : quint8 {
    Echo,   // send every byte back
    Listen, // log only; the user answers by hand ("send to client")
    Rules,  // answer by the first matching reply rule, or not at all
};

// "echo", "listen", "rules": the names the command line and the settings use.
inline QString serverModeName(ServerMode mode)
{
    switch (mode) {
    case ServerMode::Echo: return QStringLiteral("echo");
    case ServerMode::Listen: return QStringLiteral("listen");
    case ServerMode::Rules: return QStringLiteral("rules");
    }
    return {};
}

inline std::optional<ServerMode> serverModeFromName(QStringView name)
{
    for (ServerMode mode : {ServerMode::Echo, ServerMode::Listen, ServerMode::Rules}) {
        if (name.compare(serverModeName(mode), Qt::CaseInsensitive) == 0)
            return mode;
    }
    return std::nullopt;
}

} // namespace Net
