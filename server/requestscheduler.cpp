#include "requestscheduler.h"

#include <algorithm>
#include <charconv>

namespace reqlanes::server {

namespace {

constexpr std::int64_t kNanosPerMs = 1'000'000;

std::string leftOf(std::string_view text, std::size_t length) {
    return std::string(text.substr(0, length));
}

// The methods of RFC 9110 9.3 and PATCH (RFC 5789): known, so refused with 405 and Allow rather
// than 501, which RFC 9110 9.1 keeps for methods a server does not recognise.
bool isKnownMethod(std::string_view method) {
    for (const std::string_view known :
         {"GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"})
        if (method == known)
            return true;
    return false;
}

} // namespace

RequestScheduler::RequestScheduler(const ServerConfig &config, ServerObserver *observer)
    : m_config(config)
    , m_observer(observer)
    , m_slots(config.mode == ServerMode::Sync ? config.workers : HandlerSlots::kUnlimited)
    , m_rateLimiter(config.rateLimitPerSecond)
    , m_random(std::random_device{}()) {}

int RequestScheduler::delayParameter(std::string_view query) {
    int delay = -1;
    while (!query.empty()) {
        const std::size_t amp = query.find('&');
        const std::string_view pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
        if (pair.substr(0, 6) != "delay=")
            continue;
        const std::string_view value = pair.substr(6);
        int parsed = -1;
        const auto [end, error] =
            std::from_chars(value.data(), value.data() + value.size(), parsed);
        if (value.empty() || error != std::errc() || end != value.data() + value.size() ||
            parsed < 0 || parsed > kMaxLatencyMs)
            return -2;
        delay = parsed; // the last one wins, as in most query parsers
    }
    return delay;
}

std::optional<HttpResponse> RequestScheduler::submit(std::uint64_t connectionId,
                                                     const HttpRequest &request,
                                                     std::int64_t arrivedNs, std::int64_t nowNs) {
    const bool head = request.method == "HEAD";
    std::optional<HttpResponse> refused;
    if (!isKnownMethod(request.method)) {
        // Methods are case-sensitive: "get" is not GET (RFC 9110 9.1).
        refused = refusal(501, "method " + leftOf(request.method, 32) + " is not implemented",
                          request.keepAlive);
    } else if (request.method != "GET" && !head) {
        refused = refusal(
            405, "method " + leftOf(request.method, 32) + " is not allowed, only GET and HEAD",
            request.keepAlive);
        refused->addHeader("Allow", "GET, HEAD");
    } else if (delayParameter(request.query) == -2) {
        refused = refusal(400,
                          "delay must be a whole number of milliseconds, 0.." +
                              std::to_string(kMaxLatencyMs),
                          request.keepAlive);
    } else if (!m_rateLimiter.admit(nowNs)) {
        // Judged at arrival, before any worker: like a rate limit in front of the app.
        refused = refusal(429, "rate limit exceeded", request.keepAlive);
        refused->addHeader("Retry-After", std::to_string(m_rateLimiter.retryAfterSeconds(nowNs)));
    }
    if (refused) {
        refused->headOnly = head;
        refused->requestVersionMinor = request.versionMinor;
        if (!request.requestId.empty())
            refused->addHeader("X-Request-Id", request.requestId);
        return refused;
    }

    Job job;
    job.connectionId = connectionId;
    job.requestId = request.requestId;
    job.arrivedNs = arrivedNs;
    job.requestedDelayMs = delayParameter(request.query);
    job.keepAlive = request.keepAlive;
    job.headOnly = head;
    job.versionMinor = request.versionMinor;
    if (m_queuedIds.empty()) {
        if (const int worker = m_slots.acquire(); worker >= 0) {
            start(std::move(job), worker, nowNs);
            return std::nullopt;
        }
    }
    if (m_observer)
        m_observer->requestQueued({job.requestId, job.arrivedNs, -1, -1, -1, 0, connectionId});
    m_queuedIds.emplace(connectionId, QueuedRequest{job.requestId, job.arrivedNs});
    m_queue.push_back(std::move(job));
    return std::nullopt;
}

void RequestScheduler::cancel(std::uint64_t connectionId, std::int64_t nowNs) {
    const auto queued = m_queuedIds.find(connectionId);
    if (queued == m_queuedIds.end())
        return; // running (it finishes and is reported) or already answered
    if (m_observer)
        m_observer->requestDropped(
            {queued->second.requestId, queued->second.arrivedNs, -1, nowNs, -1, 0, connectionId});
    m_queuedIds.erase(queued);
    // The deque entry stays until it reaches the front; dropping it here would cost a search.
    while (!m_queue.empty() && !m_queuedIds.contains(m_queue.front().connectionId))
        m_queue.pop_front();
}

int RequestScheduler::pickDelayMs(int requestedDelayMs) {
    if (requestedDelayMs >= 0)
        return requestedDelayMs;
    if (m_config.jitterMs == 0)
        return m_config.latencyMs;
    std::uniform_int_distribution<int> jitter(-m_config.jitterMs, m_config.jitterMs);
    return std::max(0, m_config.latencyMs + jitter(m_random));
}

void RequestScheduler::start(Job job, int worker, std::int64_t nowNs) {
    job.worker = worker;
    job.startedNs = nowNs;
    job.delayMs = pickDelayMs(job.requestedDelayMs);
    job.dueNs = nowNs + job.delayMs * kNanosPerMs;
    if (m_observer)
        m_observer->requestStarted(
            {job.requestId, job.arrivedNs, job.startedNs, -1, worker, 0, job.connectionId});
    m_running.push_back(std::move(job));
    std::push_heap(m_running.begin(), m_running.end(), finishesLater);
}

void RequestScheduler::startQueued(std::int64_t nowNs) {
    while (!m_queue.empty()) {
        if (!m_queuedIds.contains(m_queue.front().connectionId)) {
            m_queue.pop_front();
            continue;
        }
        const int worker = m_slots.acquire();
        if (worker < 0)
            return;
        Job job = std::move(m_queue.front());
        m_queue.pop_front();
        m_queuedIds.erase(job.connectionId);
        start(std::move(job), worker, nowNs);
    }
}

std::int64_t RequestScheduler::nextDeadlineNs() const {
    return m_running.empty() ? -1 : m_running.front().dueNs;
}

std::vector<Completion> RequestScheduler::expire(std::int64_t nowNs) {
    std::vector<Completion> done;
    while (!m_running.empty() && m_running.front().dueNs <= nowNs) {
        std::pop_heap(m_running.begin(), m_running.end(), finishesLater);
        const Job job = std::move(m_running.back());
        m_running.pop_back();
        done.push_back({job.connectionId, finish(job, nowNs)});
        m_slots.release(job.worker);
    }
    if (!done.empty())
        startQueued(nowNs);
    return done;
}

HttpResponse RequestScheduler::finish(const Job &job, std::int64_t nowNs) {
    const bool fail =
        m_config.errorRate > 0 && std::bernoulli_distribution(m_config.errorRate)(m_random);
    HttpResponse response;
    response.status = fail ? 500 : 200;
    response.keepAlive = job.keepAlive;
    response.headOnly = job.headOnly;
    response.requestVersionMinor = job.versionMinor;
    const std::string worker = std::to_string(job.worker);
    const std::string slept = std::to_string(job.delayMs) + " ms";
    response.body = fail ? "reqlanes slow server: worker " + worker + " failed on purpose after " +
                               slept + " (--error-rate)\n"
                         : "reqlanes slow server: worker " + worker + " slept " + slept + "\n";
    response.addHeader("Server-Timing",
                       serverTimingValue(job.startedNs - job.arrivedNs, nowNs - job.startedNs));
    response.addHeader("X-Worker", worker);
    if (!job.requestId.empty())
        response.addHeader("X-Request-Id", job.requestId);
    if (m_observer)
        m_observer->requestFinished({job.requestId, job.arrivedNs, job.startedNs, nowNs, job.worker,
                                     response.status, job.connectionId});
    return response;
}

} // namespace reqlanes::server
