#pragma once

#include <QtGlobal>

namespace Net {

// How traffic events are captured and delivered. Plain values, set from the
// façade; the defaults are what the window and the headless log use.
struct MonitorOptions
{
    bool captureEvents = true;      // off: only counters and connection records
    int payloadSampleBytes = 4096;  // the first N bytes of each echo chunk kept for the log
    int maxQueuedEvents = 100000;   // events waiting for a slow consumer; beyond this they are counted, not kept
    // The memory those waiting events hold (TrafficEvent::footprint()). Near
    // the bound a data event goes without its payload sample; an event that
    // still does not fit is counted, not kept.
    qint64 maxQueuedBytes = 64 * 1024 * 1024;
    int flushIntervalMs = 50;       // a batch leaves at least this often while there is news
    int maxBatchEvents = 8192;      // ... or as soon as this many events wait
};

} // namespace Net
