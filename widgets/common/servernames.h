#pragma once

#include "api/serverkind.h"

#include <QString>

#include <functional>

// How a view names a server id ("web", "echo", a user's name). Panels hand
// their models NetController::serverName; a model without one (tests) shows
// the kind's name, or "#id" where it knows no kind.
using ServerNames = std::function<QString(Net::ServerId)>;

inline QString serverNameOr(const ServerNames &names, Net::ServerId id, const QString &fallback)
{
    return names ? names(id) : fallback;
}
