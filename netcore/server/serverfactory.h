#pragma once

#include "api/serverspec.h"

class QObject;

namespace Net {

class Server;
class TrafficMonitor;

// The one place that knows which class serves which kind. Returns the new
// server (a child of `parent`, stopped), or nullptr with a sentence in `error`.
Server *createServer(const ServerSpec &spec, TrafficMonitor &monitor, QObject *parent, QString *error);

} // namespace Net
