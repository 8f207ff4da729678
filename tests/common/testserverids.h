#pragma once

#include "api/trafficevent.h"

// Tests that build servers, events or records by hand give each kind its own
// id, so a test with a web and a TCP server on one monitor keeps them apart.
inline Net::ServerId testServerId(Net::ServerKind kind)
{
    return Net::ServerId(kind) + 1;
}

// Sets both the id and the kind of a hand-made TrafficEvent or ConnectionRecord.
template<typename EventOrRecord>
void setServer(EventOrRecord &item, Net::ServerKind kind)
{
    item.server = testServerId(kind);
    item.serverKind = kind;
}
