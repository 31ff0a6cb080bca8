// The server's ingest endpoints: a small table of paths (OTLP/HTTP's POST /v1/traces, and
// later the Python tracer's event channel) whose requests are not slow work for a worker but
// data for reqlanes itself. ServerLoop answers them at once, on its I/O thread, with whatever
// the handler returns; they never reach the scheduler, take no worker, and are never reported
// to the ServerObserver as requests (so watch mode never draws them). Their bodies are kept
// (HttpRequestParser::kMaxKeptBodyBytes at most; larger: 413) and handed to the handler.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace reqlanes::server {

struct IngestRequest {
    std::string method;          // as sent: the handler decides which it takes
    std::string contentType;     // Content-Type as sent, "" if none
    std::string contentEncoding; // Content-Encoding as sent ("gzip"), "" if none
    std::string body;
};

struct IngestReply {
    int status = 200;
    std::string contentType = "application/json";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers; // e.g. Allow for a 405
};

// Called on the server's I/O thread: it must be quick and thread-safe, and must not stop the
// server.
using IngestHandler = std::function<IngestReply(const IngestRequest &)>;

struct IngestEndpoint {
    std::string path; // exact, without a query: "/v1/traces"
    IngestHandler handle;
};

class IngestEndpoints {
public:
    void add(std::string path, IngestHandler handler);
    const IngestEndpoint *find(std::string_view path) const; // nullptr if none
    const std::vector<std::string> &paths() const { return m_paths; }
    bool empty() const { return m_endpoints.empty(); }

    // Whether a request whose first bytes are `head` may still be for one of the endpoints:
    // true while the request line is incomplete and its target so far is a prefix of an
    // endpoint's path (or the method is not complete yet). Lets the server hold back "a request
    // began" until it knows the request is one the observer may see.
    bool mayBeFor(std::string_view head) const;

private:
    std::vector<IngestEndpoint> m_endpoints;
    std::vector<std::string> m_paths;
};

} // namespace reqlanes::server
