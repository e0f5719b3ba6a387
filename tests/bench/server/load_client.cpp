// Bench helper: a bounded HTTP load generator. N client threads, each with one keep-alive
// connection (reconnecting when the server closes), send GET requests for a fixed time and
// record every latency. Prints "rps=<n> p99_ms=<x> requests=<n> errors=<n>".
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

int connectTo(int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<std::uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
        ::close(fd);
        return -1;
    }
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    timeval tv{10, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    return fd;
}

/// One request/response; returns false on any error. Sets `reuse` from the response.
bool exchange(int fd, const std::string& request, std::string& buf, bool& reuse) {
    if (::send(fd, request.data(), request.size(), MSG_NOSIGNAL) !=
        static_cast<ssize_t>(request.size()))
        return false;
    buf.clear();
    char chunk[65536];
    std::size_t headEnd = std::string::npos;
    long long length = -1;
    for (;;) {
        if (headEnd == std::string::npos) {
            headEnd = buf.find("\r\n\r\n");
            if (headEnd != std::string::npos) {
                if (buf.compare(0, 12, "HTTP/1.1 200") != 0 &&
                    buf.compare(0, 12, "HTTP/1.0 200") != 0)
                    return false;
                std::string head = buf.substr(0, headEnd);
                for (auto& ch : head)
                    ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
                const auto cl = head.find("content-length:");
                if (cl != std::string::npos)
                    length = std::atoll(head.c_str() + cl + 15);
                reuse = head.compare(0, 8, "http/1.1") == 0 &&
                        head.find("connection: close") == std::string::npos;
            }
        }
        if (headEnd != std::string::npos && length >= 0 &&
            buf.size() >= headEnd + 4 + static_cast<std::size_t>(length))
            return true;
        const auto n = ::recv(fd, chunk, sizeof chunk, 0);
        if (n == 0 && headEnd != std::string::npos && length < 0)
            return true;  // close-delimited
        if (n <= 0)
            return false;
        buf.append(chunk, static_cast<std::size_t>(n));
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 5) {
        std::fprintf(stderr, "usage: load_client PORT PATH CLIENTS SECONDS [TOKEN]\n");
        return 2;
    }
    const int port = std::atoi(argv[1]);
    const std::string path = argv[2];
    const int clients = std::atoi(argv[3]);
    const double seconds = std::atof(argv[4]);
    std::string request =
        "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) + "\r\n";
    if (argc > 5)
        request += "Authorization: Bearer " + std::string(argv[5]) + "\r\n";
    request += "\r\n";
    std::atomic<long long> errors{0};
    std::vector<std::vector<double>> latencies(static_cast<std::size_t>(clients));
    const auto end =
        Clock::now() + std::chrono::milliseconds(static_cast<long long>(seconds * 1000));
    std::vector<std::thread> threads;
    for (int c = 0; c < clients; ++c)
        threads.emplace_back([&, c] {
            std::string buf;
            int fd = -1;
            while (Clock::now() < end) {
                if (fd < 0)
                    fd = connectTo(port);
                if (fd < 0) {
                    ++errors;
                    std::this_thread::sleep_for(std::chrono::milliseconds(5));
                    continue;
                }
                bool reuse = false;
                const auto t0 = Clock::now();
                const bool ok = exchange(fd, request, buf, reuse);
                const auto t1 = Clock::now();
                if (ok)
                    latencies[static_cast<std::size_t>(c)].push_back(
                        std::chrono::duration<double, std::milli>(t1 - t0).count());
                else
                    ++errors;
                if (!ok || !reuse) {
                    ::close(fd);
                    fd = -1;
                }
            }
            if (fd >= 0)
                ::close(fd);
        });
    for (auto& t : threads)
        t.join();
    std::vector<double> all;
    for (auto& l : latencies)
        all.insert(all.end(), l.begin(), l.end());
    std::sort(all.begin(), all.end());
    const double p99 = all.empty() ? 0 : all[std::min(all.size() - 1, all.size() * 99 / 100)];
    std::printf("rps=%.0f p99_ms=%.2f requests=%zu errors=%lld\n", all.size() / seconds, p99,
                all.size(), errors.load());
    return 0;
}
