// Decides when each parsed request runs, on which worker, and what it answers. This is where
// sync and async mode differ: sync runs at most W handlers and queues the rest first come,
// first served; async runs everything at once. A handler "works" by waiting out its latency on
// the event loop's clock, so neither mode needs a thread per request. Knows nothing of
// sockets: ServerLoop hands it requests and writes the responses it returns.
#pragma once

#include "handlerslots.h"
#include "httprequestparser.h"
#include "httpresponse.h"
#include "ratelimiter.h"
#include "serverconfig.h"
#include "serverobserver.h"

#include <cstdint>
#include <deque>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace reqlanes::server {

struct Completion {
    std::uint64_t connectionId;
    HttpResponse response;
};

class RequestScheduler {
public:
    RequestScheduler(const ServerConfig &config, ServerObserver *observer);

    // A complete request arrived on connection `connectionId` (`arrivedNs`: accepted, or its
    // first byte on a kept-alive connection). Returns the answer when it is refused at the door
    // (501 unknown method, 405 known but not GET/HEAD, 400 for a bad ?delay=, 429); otherwise
    // it is running or queued, and its response comes out of expire().
    std::optional<HttpResponse> submit(std::uint64_t connectionId, const HttpRequest &request,
                                       std::int64_t arrivedNs, std::int64_t nowNs);
    // The connection died at `nowNs`: a queued request of it is dropped (requestDropped). A
    // running one keeps its worker until its time is up, as a real sleeping worker would; its
    // response is then discarded.
    void cancel(std::uint64_t connectionId, std::int64_t nowNs);

    std::int64_t nextDeadlineNs() const; // when the next handler finishes, -1 if none runs
    // Finishes every handler due at `nowNs`, then gives freed workers to queued requests.
    std::vector<Completion> expire(std::int64_t nowNs);

    int running() const { return m_slots.busy(); }
    std::size_t queued() const { return m_queuedIds.size(); }

    // ?delay=MS in a query string: -1 if absent, -2 if present but not 0..kMaxLatencyMs.
    static int delayParameter(std::string_view query);

private:
    struct Job {
        std::uint64_t connectionId = 0;
        std::string requestId;
        std::int64_t arrivedNs = 0;
        std::int64_t startedNs = -1;
        std::int64_t dueNs = -1;
        int requestedDelayMs = -1; // ?delay=, or -1 for the configured latency
        int delayMs = 0;
        int worker = -1;
        bool keepAlive = true;
        bool headOnly = false;
        int versionMinor = 1;
    };
    static bool finishesLater(const Job &a, const Job &b) { return a.dueNs > b.dueNs; }

    void start(Job job, int worker, std::int64_t nowNs);
    void startQueued(std::int64_t nowNs);
    HttpResponse finish(const Job &job, std::int64_t nowNs);
    int pickDelayMs(int requestedDelayMs);

    ServerConfig m_config;
    ServerObserver *m_observer;
    HandlerSlots m_slots;
    RateLimiter m_rateLimiter;
    std::deque<Job> m_queue; // FIFO; may hold cancelled jobs, skipped
    struct QueuedRequest {   // what requestDropped reports for a queued job
        std::string requestId;
        std::int64_t arrivedNs = 0;
    };
    // Connections whose job is really queued.
    std::unordered_map<std::uint64_t, QueuedRequest> m_queuedIds;
    std::vector<Job> m_running; // min-heap on dueNs
    std::mt19937_64 m_random;
};

} // namespace reqlanes::server
