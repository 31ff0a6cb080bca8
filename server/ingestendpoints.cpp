#include "ingestendpoints.h"

namespace reqlanes::server {

void IngestEndpoints::add(std::string path, IngestHandler handler) {
    m_paths.push_back(path);
    m_endpoints.push_back({std::move(path), std::move(handler)});
}

const IngestEndpoint *IngestEndpoints::find(std::string_view path) const {
    for (const IngestEndpoint &endpoint : m_endpoints)
        if (endpoint.path == path)
            return &endpoint;
    return nullptr;
}

bool IngestEndpoints::mayBeFor(std::string_view head) const {
    if (m_endpoints.empty())
        return false;
    // RFC 9112 2.2: empty lines before the request line are ignored by the parser.
    while (!head.empty() && (head.front() == '\r' || head.front() == '\n'))
        head.remove_prefix(1);
    const std::size_t space = head.find(' ');
    if (space == std::string_view::npos)
        return head.find('\n') == std::string_view::npos; // the method is still arriving
    const std::string_view target = head.substr(space + 1);
    for (const IngestEndpoint &endpoint : m_endpoints) {
        const std::string_view path = endpoint.path;
        if (target.size() <= path.size()) {
            if (path.substr(0, target.size()) == target)
                return true;
        } else if (target.substr(0, path.size()) == path) {
            const char next = target[path.size()];
            // The path ended: the request line's version or a query follows.
            if (next == ' ' || next == '?')
                return target.find('\n') == std::string_view::npos;
        }
    }
    return false;
}

} // namespace reqlanes::server
