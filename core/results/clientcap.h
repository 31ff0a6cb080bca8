// A cap hidden in another program's client, seen from the server alone (a watch session, or any
// run without a strategy of ours): never more than K requests in progress although many more were
// sent, each of the rest arriving only after one ended, often in waves of K. aiohttp's default
// connector (100 connections) sending 300 requests shows three waves of 100. The findings put it
// in words; the numbers come only from the recorded requests.
#pragma once

#include "model/run.h"

#include <optional>

namespace reqlanes {

struct ClientCap {
    int peak = 0;    // most requests in progress at once: first byte in to response written
    int sent = 0;    // requests in the session
    int refills = 0; // requests that arrived within `gap` after another ended (a place freed)
    // Waves by generation: wave 1 arrived before any request ended, wave w + 1 after some of wave
    // w had ended. Their count when each but the last has exactly `peak` requests, else 0.
    int waves = 0;
    Nanos gap = 0; // "right after": the larger of significantWait and the median request's time
};

// The cap, if the run shows one: at least 2 in progress at most, more requests than that, the
// peak reached again after it was left, and at least half of the requests beyond the first
// `peak` arriving within `gap` after one ended. A run of one request at a time has no hidden cap
// (that is sequential), nor has a client that sent everything at once.
std::optional<ClientCap> detectClientCap(const Run &run);

} // namespace reqlanes
