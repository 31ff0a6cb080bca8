#include "run/runrecorder.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <stdexcept>

namespace reqlanes {

RunRecorder::RunRecorder(int requestCount, std::int64_t originNs, std::uint32_t generation)
    : m_count(std::max(0, requestCount))
    , m_originNs(originNs)
    , m_generation(generation)
    , m_slots(std::make_unique<Slot[]>(static_cast<std::size_t>(m_count)))
    , m_writes(std::make_unique<std::atomic<std::uint32_t>[]>(static_cast<std::size_t>(m_count)))
    , m_releaseFd(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {
    if (!m_releaseFd.valid())
        throw std::runtime_error("eventfd failed: out of file descriptors");
    for (int i = 0; i < m_count; ++i)
        for (auto &phase : m_slots[i].at)
            phase.store(kUnset, std::memory_order_relaxed);
}

void RunRecorder::markAll(Phase phase) {
    const Nanos at = now();
    for (int id = 0; id < m_count; ++id)
        markAt(id, phase, at);
}

void RunRecorder::finishUnfinished(RequestStatus status, const QString &error) {
    for (int id = 0; id < m_count; ++id)
        finish(id, status, 0, error);
}

void RunRecorder::markAt(int id, Phase phase, Nanos at) {
    if (id < 0 || id >= m_count)
        return;
    Slot &slot = m_slots[id];
    Nanos expected = kUnset;
    if (slot.at[static_cast<int>(phase)].compare_exchange_strong(expected, at,
                                                                 std::memory_order_release))
        m_writes[id].fetch_add(1, std::memory_order_release);
}

void RunRecorder::setPlacement(int id, std::int32_t threadId, std::int32_t processId,
                               std::int32_t lane) {
    if (id < 0 || id >= m_count)
        return;
    Slot &slot = m_slots[id];
    slot.threadId.store(threadId, std::memory_order_relaxed);
    slot.processId.store(processId, std::memory_order_relaxed);
    slot.logicalLane.store(lane, std::memory_order_release);
    m_writes[id].fetch_add(1, std::memory_order_release);
}

void RunRecorder::setServerWorker(int id, int worker) {
    if (id < 0 || id >= m_count)
        return;
    Slot &slot = m_slots[id];
    slot.serverWorker.store(static_cast<std::int16_t>(worker), std::memory_order_release);
    m_writes[id].fetch_add(1, std::memory_order_release);
}

bool RunRecorder::finish(int id, RequestStatus status, int httpStatus, const QString &error) {
    if (id < 0 || id >= m_count || status == RequestStatus::Pending)
        return false;
    Slot &slot = m_slots[id];
    std::uint8_t expected = static_cast<std::uint8_t>(RequestStatus::Pending);
    // Claim the slot first so exactly one finisher writes the details.
    if (!slot.status.compare_exchange_strong(expected, 0xFF, std::memory_order_acq_rel))
        return false;
    markAt(id, Phase::Done, now());
    slot.httpStatus.store(static_cast<std::uint16_t>(httpStatus), std::memory_order_relaxed);
    if (!error.isEmpty()) {
        std::lock_guard lock(m_rareMutex);
        m_errors.emplace(id, error);
    }
    slot.status.store(static_cast<std::uint8_t>(status), std::memory_order_release);
    m_writes[id].fetch_add(1, std::memory_order_release);
    m_finished.fetch_add(1, std::memory_order_acq_rel);
    return true;
}

void RunRecorder::serverHolds(int id) {
    if (id < 0 || id >= m_count)
        return;
    std::uint8_t expected = kNotSeen;
    if (m_slots[id].serverHold.compare_exchange_strong(expected, kHeld, std::memory_order_acq_rel))
        m_serverHeld.fetch_add(1, std::memory_order_seq_cst);
}

void RunRecorder::serverReleases(int id) {
    if (id < 0 || id >= m_count)
        return;
    if (m_slots[id].serverHold.exchange(kReleased, std::memory_order_acq_rel) != kHeld)
        return; // finished without a queued or started event first, or twice: never counted
    // seq_cst on both sides (here: count, then waiter flag; in the wait: flag, then count), so
    // either this sees the waiter or the waiter sees the zero. No syscall while nobody waits.
    if (m_serverHeld.fetch_sub(1, std::memory_order_seq_cst) == 1 &&
        m_releaseAwaited.load(std::memory_order_seq_cst)) {
        const std::uint64_t one = 1;
        [[maybe_unused]] const ssize_t written = ::write(m_releaseFd.get(), &one, sizeof one);
    }
}

bool RunRecorder::waitForServerRelease(Nanos timeout, const CancelToken &cancel) {
    m_releaseAwaited.store(true, std::memory_order_seq_cst);
    const std::int64_t deadline = steadyNowNs() + std::max<Nanos>(0, timeout);
    bool released = false;
    for (;;) {
        if (serverHeldCount() == 0) {
            released = true;
            break;
        }
        const std::int64_t left = deadline - steadyNowNs();
        if (cancel.isCancelled() || left <= 0)
            break;
        // Rounded up: waking a little late is harmless, waking early only loops once more.
        const int waitMs = int(std::min<std::int64_t>((left + 999'999) / 1'000'000, 60'000));
        pollfd fds[2] = {{m_releaseFd.get(), POLLIN, 0}, {cancel.wakeFd(), POLLIN, 0}};
        if (::poll(fds, 2, waitMs) < 0 && errno != EINTR)
            break;
        // A zero that did not last (a late request the server took up after it) leaves the
        // counter readable: drain it, then look at the count again before the next poll.
        std::uint64_t count = 0;
        [[maybe_unused]] const ssize_t drained = ::read(m_releaseFd.get(), &count, sizeof count);
    }
    m_releaseAwaited.store(false, std::memory_order_seq_cst);
    return released;
}

void RunRecorder::addLaneEvent(LaneEvent event) {
    std::lock_guard lock(m_rareMutex);
    // Kept in time order; events arrive almost ordered, so this is a short walk from the back.
    auto pos = std::upper_bound(m_laneEvents.begin(), m_laneEvents.end(), event.at,
                                [](Nanos at, const LaneEvent &e) { return at < e.at; });
    m_laneEvents.insert(pos, std::move(event));
}

void RunRecorder::recordOutside(const OutsideRequest &request) {
    std::lock_guard lock(m_rareMutex);
    // Searched from the back: the events of one request arrive close together.
    for (auto it = m_outside.rbegin(); it != m_outside.rend(); ++it) {
        if (it->requestId != request.requestId || it->accepted != request.accepted)
            continue;
        if (it->started == kUnset)
            it->started = request.started;
        if (it->ended == kUnset)
            it->ended = request.ended;
        if (it->worker < 0)
            it->worker = request.worker;
        if (it->httpStatus == 0)
            it->httpStatus = request.httpStatus;
        return;
    }
    auto pos =
        std::upper_bound(m_outside.begin(), m_outside.end(), request.accepted,
                         [](Nanos at, const OutsideRequest &other) { return at < other.accepted; });
    m_outside.insert(pos, request);
}

std::vector<OutsideRequest> RunRecorder::outsideRequests() const {
    std::lock_guard lock(m_rareMutex);
    return m_outside;
}

namespace {

// One slot's fields into a record; `status` as read (0xFF: finish() is writing, so pending).
template <typename Slot> void copySlot(const Slot &slot, int id, RequestRecord &record) {
    record.id = id;
    const std::uint8_t status = slot.status.load(std::memory_order_acquire);
    record.status = status == 0xFF ? RequestStatus::Pending : static_cast<RequestStatus>(status);
    for (int p = 0; p < kPhaseCount; ++p)
        record.at[static_cast<std::size_t>(p)] = slot.at[p].load(std::memory_order_acquire);
    if (record.status == RequestStatus::Pending)
        record.at[static_cast<int>(Phase::Done)] = kUnset;
    record.httpStatus = slot.httpStatus.load(std::memory_order_relaxed);
    record.threadId = slot.threadId.load(std::memory_order_relaxed);
    record.processId = slot.processId.load(std::memory_order_relaxed);
    record.logicalLane = slot.logicalLane.load(std::memory_order_acquire);
    record.serverWorker = slot.serverWorker.load(std::memory_order_acquire);
}

} // namespace

std::vector<RequestRecord> RunRecorder::records() const {
    std::vector<RequestRecord> out(static_cast<std::size_t>(m_count));
    for (int i = 0; i < m_count; ++i)
        copySlot(m_slots[i], i, out[static_cast<std::size_t>(i)]);
    std::lock_guard lock(m_rareMutex);
    for (const auto &[id, error] : m_errors)
        if (out[static_cast<std::size_t>(id)].finished())
            out[static_cast<std::size_t>(id)].error = error;
    return out;
}

void RunRecorder::updateRecords(std::vector<RequestRecord> &records,
                                std::vector<std::uint32_t> &versions,
                                std::vector<int> &changed) const {
    const auto count = static_cast<std::size_t>(m_count);
    if (records.size() != count || versions.size() != count) {
        records.assign(count, RequestRecord{});
        versions.assign(count, 0);
        for (int i = 0; i < m_count; ++i)
            records[std::size_t(i)].id = i;
    }
    const std::size_t firstChanged = changed.size();
    for (int i = 0; i < m_count; ++i) {
        // Acquire: every write counted so far is in the copy below (later ones may be too; they
        // are copied again next time, as their count moved on).
        const std::uint32_t writes = m_writes[i].load(std::memory_order_acquire);
        if (writes == versions[std::size_t(i)])
            continue;
        versions[std::size_t(i)] = writes;
        copySlot(m_slots[i], i, records[std::size_t(i)]);
        changed.push_back(i);
    }
    if (changed.size() == firstChanged)
        return;
    std::lock_guard lock(m_rareMutex);
    if (m_errors.empty())
        return;
    for (std::size_t c = firstChanged; c < changed.size(); ++c) {
        RequestRecord &record = records[std::size_t(changed[c])];
        if (!record.finished())
            continue;
        if (const auto error = m_errors.find(record.id); error != m_errors.end())
            record.error = error->second;
    }
}

std::vector<LaneEvent> RunRecorder::laneEvents() const {
    std::lock_guard lock(m_rareMutex);
    return m_laneEvents;
}

std::int32_t RunRecorder::currentThreadId() {
    return static_cast<std::int32_t>(::gettid());
}
std::int32_t RunRecorder::currentProcessId() {
    return static_cast<std::int32_t>(::getpid());
}

} // namespace reqlanes
