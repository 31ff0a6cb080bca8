// Which worker a request runs on: always the lowest free index, so lanes stay compact and a
// sync server with W workers shows exactly rows 0..W-1. Sync mode has W slots; async mode has
// no limit and grows a new index only when every existing one is busy.
#pragma once

#include <functional>
#include <queue>
#include <vector>

namespace reqlanes::server {

class HandlerSlots {
public:
    static constexpr int kUnlimited = -1;

    explicit HandlerSlots(int capacity); // kUnlimited for async mode

    int acquire(); // the lowest free index, or -1 when all `capacity` are busy
    void release(int slot);
    int busy() const { return m_busy; }

private:
    int m_capacity;
    int m_busy = 0;
    int m_created = 0; // indices 0..m_created-1 exist; the free ones are in m_free
    std::priority_queue<int, std::vector<int>, std::greater<int>> m_free;
};

} // namespace reqlanes::server
