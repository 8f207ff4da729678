#pragma once

#include "server/outputbudget.h"
#include "api/serverconfig.h"
#include "staticfilehandler.h"

#include <QByteArray>

#include <memory>

namespace Net {

// What the connections of one web server share besides the TCP core: the
// config, the handler that answers, the output budget and one read buffer.
// Owned by HttpServer; a connection holds a reference to this, not to its server.
struct HttpShared
{
    HttpShared(QObject *context, OutputBudget::Wake wake)
        : budget(context, std::move(wake))
    {
    }

    WebServerConfig config;
    std::unique_ptr<StaticFileHandler> handler; // set while the server runs
    OutputBudget budget;
    QByteArray scratch; // one read buffer shared by every connection of this thread
};

} // namespace Net
