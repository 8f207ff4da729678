#pragma once

#include "servercard.h"

#include <QByteArray>
#include <QList>
#include <optional>

// The servers panel's cards as one JSON array, the way Settings stores them:
// [{"kind": "web"|"tcp"|"udp"|"relay", "name", "address", "port", and per kind
// "root"/"listing", "mode"/"rules" (rules JSON text), "upstreamHost"/
// "upstreamPort"/"faults" (RelayFaults JSON)}].
QByteArray serverListToJson(const QList<ServerCardState> &cards);
// Entries of an unknown kind are skipped, and fields that are missing or out
// of range keep the card's defaults; nullopt when `json` is no array at all.
std::optional<QList<ServerCardState>> serverListFromJson(const QByteArray &json);
