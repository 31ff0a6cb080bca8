#include "watch/peerprocesslookup.h"

#include "watch/sockdiag.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>

namespace reqlanes::watch {

namespace {

std::string readWholeFile(const std::string &path) {
    std::ifstream file(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
}

std::string upper(std::string text) {
    for (char &c : text)
        if (c >= 'a' && c <= 'f')
            c = char(c - 'a' + 'A');
    return text;
}

bool allDigits(const char *text) {
    if (!*text)
        return false;
    for (; *text; ++text)
        if (*text < '0' || *text > '9')
            return false;
    return true;
}

constexpr int kMaxCommandChars = 300;

} // namespace

std::optional<std::string> PeerProcessLookup::procNetEndpoint(const Endpoint &endpoint) {
    char port[8];
    std::snprintf(port, sizeof port, "%04X", unsigned(endpoint.port));
    in_addr v4{};
    if (::inet_pton(AF_INET, endpoint.address.c_str(), &v4) == 1) {
        char text[16];
        // The kernel prints the 32-bit word as it sits in memory, read as a host integer.
        std::uint32_t word = 0;
        std::memcpy(&word, &v4, sizeof word);
        std::snprintf(text, sizeof text, "%08X", unsigned(word));
        return std::string(text) + ":" + port;
    }
    in6_addr v6{};
    if (::inet_pton(AF_INET6, endpoint.address.c_str(), &v6) != 1)
        return std::nullopt;
    if (IN6_IS_ADDR_V4MAPPED(&v6)) {
        char text[16];
        std::uint32_t word = 0;
        std::memcpy(&word, v6.s6_addr + 12, sizeof word);
        std::snprintf(text, sizeof text, "%08X", unsigned(word));
        return std::string(text) + ":" + port;
    }
    std::string text;
    for (int i = 0; i < 4; ++i) {
        std::uint32_t word = 0;
        std::memcpy(&word, v6.s6_addr + 4 * i, sizeof word);
        char part[16];
        std::snprintf(part, sizeof part, "%08X", unsigned(word));
        text += part;
    }
    return text + ":" + port;
}

std::map<std::pair<std::string, std::string>, std::uint64_t>
PeerProcessLookup::socketTable(std::string_view procNetText) {
    std::map<std::pair<std::string, std::string>, std::uint64_t> table;
    std::istringstream lines{std::string(procNetText)};
    std::string line;
    while (std::getline(lines, line)) {
        // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
        std::istringstream fields(line);
        std::string slot, localField, remoteField, state, queues, timer, retransmits, uid, timeout,
            inode;
        if (!(fields >> slot >> localField >> remoteField >> state >> queues >> timer >>
              retransmits >> uid >> timeout >> inode))
            continue;
        std::uint64_t value = 0;
        std::istringstream number(inode);
        if (number >> value && number.eof() && value != 0)
            table.emplace(std::pair(upper(localField), upper(remoteField)), value);
    }
    return table;
}

std::optional<std::uint64_t> PeerProcessLookup::findSocketInode(std::string_view procNetText,
                                                                const std::string &local,
                                                                const std::string &remote) {
    const auto table = socketTable(procNetText);
    const auto it = table.find({upper(local), upper(remote)});
    return it == table.end() ? std::nullopt : std::optional(it->second);
}

std::optional<std::uint64_t> PeerProcessLookup::socketInode(std::string_view fdLink) {
    constexpr std::string_view kPrefix = "socket:[";
    if (fdLink.size() <= kPrefix.size() + 1 || fdLink.substr(0, kPrefix.size()) != kPrefix ||
        fdLink.back() != ']')
        return std::nullopt;
    const std::string_view digits =
        fdLink.substr(kPrefix.size(), fdLink.size() - kPrefix.size() - 1);
    if (digits.empty() || digits.size() > 20)
        return std::nullopt;
    std::uint64_t value = 0;
    for (const char c : digits) {
        if (c < '0' || c > '9')
            return std::nullopt;
        value = value * 10 + std::uint64_t(c - '0');
    }
    return value;
}

QString PeerProcessLookup::commandLine(std::string_view cmdline) {
    while (!cmdline.empty() && cmdline.back() == '\0')
        cmdline.remove_suffix(1);
    QString text = QString::fromUtf8(cmdline.data(), qsizetype(cmdline.size()));
    for (QChar &c : text)
        if (c.category() == QChar::Other_Control)
            c = QLatin1Char(' ');
    if (text.size() > kMaxCommandChars)
        text = text.left(kMaxCommandChars - 1) + QChar(0x2026);
    return text;
}

std::map<std::uint64_t, std::int32_t>
PeerProcessLookup::findOwners(const std::set<std::uint64_t> &inodes, const std::string &procRoot) {
    std::map<std::uint64_t, std::int32_t> owners;
    if (inodes.empty())
        return owners;
    DIR *proc = ::opendir(procRoot.c_str());
    if (!proc)
        return owners;
    std::vector<std::int32_t> pids;
    while (const dirent *entry = ::readdir(proc))
        if (allDigits(entry->d_name))
            pids.push_back(std::int32_t(std::atoi(entry->d_name)));
    ::closedir(proc);
    // Newest first: a client is usually a program just started, so the scan ends early.
    std::sort(pids.rbegin(), pids.rend());

    for (const std::int32_t pid : pids) {
        const std::string fdDir = procRoot + "/" + std::to_string(pid) + "/fd";
        DIR *fds = ::opendir(fdDir.c_str());
        if (!fds)
            continue; // gone, or another user's: unknown, never guessed
        while (const dirent *entry = ::readdir(fds)) {
            if (!allDigits(entry->d_name))
                continue;
            char link[64];
            const std::string path = fdDir + "/" + entry->d_name;
            const ssize_t length = ::readlink(path.c_str(), link, sizeof link);
            if (length <= 0 || std::size_t(length) >= sizeof link)
                continue;
            const auto inode = socketInode(std::string_view(link, std::size_t(length)));
            if (inode && inodes.contains(*inode))
                owners.emplace(*inode, pid);
        }
        ::closedir(fds);
        if (owners.size() == inodes.size())
            break;
    }
    return owners;
}

std::vector<PeerProcess>
PeerProcessLookup::lookup(const std::vector<std::pair<Endpoint, Endpoint>> &peers,
                          const std::string &procRoot) {
    std::vector<PeerProcess> result(peers.size());
    if (peers.empty())
        return result;
    const auto find = [](const auto &table, const std::string &local,
                         const std::string &remote) -> std::optional<std::uint64_t> {
        const auto it = table.find({local, remote});
        return it == table.end() ? std::nullopt : std::optional(it->second);
    };
    std::vector<std::optional<std::uint64_t>> inodeOf(peers.size());
    std::vector<bool> answered(peers.size()); // by the kernel: found, or gone (not asked again)
    std::set<std::uint64_t> wanted;
    // The kernel's own lookup first, one round trip a connection however many sockets exist; a
    // fake proc root (tests) is not this machine's, so it is read as text only.
    std::size_t unanswered = peers.size();
    if (procRoot == "/proc") {
        if (auto diag = SockDiag::open()) {
            for (std::size_t i = 0; i < peers.size(); ++i) {
                std::uint64_t inode = 0;
                // The client's socket: its own end is our peer, its other end is us.
                const auto answer = diag->findInode(peers[i].first, peers[i].second, &inode);
                if (answer == SockDiag::Answer::Failed)
                    continue;
                answered[i] = true;
                --unanswered;
                if (answer == SockDiag::Answer::Found && inode != 0) {
                    inodeOf[i] = inode;
                    wanted.insert(inode);
                }
            }
        }
    }
    // /proc/net/tcp is no snapshot: the kernel walks its socket hash anew for each page read,
    // so a row can be missed while other sockets open and close (a busy machine, a test suite
    // beside us). A socket that exists is found again on a second or third reading.
    constexpr int kReadings = 3;
    for (int reading = 0; reading < kReadings && unanswered > 0; ++reading) {
        const auto tcp = socketTable(readWholeFile(procRoot + "/net/tcp"));
        const auto tcp6 = socketTable(readWholeFile(procRoot + "/net/tcp6"));
        bool missing = false;
        for (std::size_t i = 0; i < peers.size(); ++i) {
            if (answered[i] || inodeOf[i])
                continue;
            const auto &[peer, local] = peers[i];
            const auto peerText = procNetEndpoint(peer), localText = procNetEndpoint(local);
            if (!peerText || !localText)
                continue;
            // The client's socket: its local end is our peer, its remote end is us.
            inodeOf[i] = find(tcp, *peerText, *localText);
            if (!inodeOf[i])
                inodeOf[i] = find(tcp6, *peerText, *localText);
            if (inodeOf[i]) {
                wanted.insert(*inodeOf[i]);
                --unanswered;
            } else {
                missing = true;
            }
        }
        if (!missing)
            break;
    }
    const auto owners = findOwners(wanted, procRoot);
    std::map<std::int32_t, QString> commands;
    for (std::size_t i = 0; i < peers.size(); ++i) {
        if (!inodeOf[i])
            continue;
        const auto owner = owners.find(*inodeOf[i]);
        if (owner == owners.end())
            continue;
        result[i].processId = owner->second;
        auto [it, inserted] = commands.try_emplace(owner->second);
        if (inserted)
            it->second = commandLine(
                readWholeFile(procRoot + "/" + std::to_string(owner->second) + "/cmdline"));
        result[i].command = it->second;
    }
    return result;
}

} // namespace reqlanes::watch
