// Fuzz target: raw bytes as an HTTP request through parsing, admission, routing and the
// handlers (no sockets), and the GeoPackage geometry reader. Builds as a libFuzzer target
// with clang (-DKK_FUZZ_LIBFUZZER=ON) or, with any compiler, as a plain executable that
// replays corpus directories and then mutates them for a bounded time.
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "core/server/api_handler.h"
#include "core/server/gpkg_geojson.h"
#include "core/server/server.h"
#include "core/store/workspace.h"

namespace {

using namespace kk;

/// The token the corpus files carry (64 x 'f'), read-write, so writes are fuzzed too.
const std::string kToken(64, 'f');

struct Harness {
    std::string path;
    std::unique_ptr<Workspace> ws;
    std::unique_ptr<server::ApiHandler> handler;

    Harness() {
        const auto dir = std::filesystem::temp_directory_path() /
                         ("kk_fuzz_server_" + std::to_string(::getpid()));
        std::filesystem::create_directories(dir);
        path = (dir / "fuzz.gpkg").string();
        std::filesystem::remove(path);
        ws = Workspace::create(path).value();
        ws->setUser("fuzz");
        ChangeSet cs(*ws, "seed");
        const std::uint8_t point[] = {'G',  'P', 0, 1, 0x6a, 0x7a, 0,    0,    1,    1,
                                      0,    0,   0, 0, 0,    0,    0,    0,    0x4e, 0x02,
                                      0x41, 0,   0, 0, 0,    0,    0xc0, 0x04, 0x41};
        const auto area = cs.insert(
            "areas", Row()
                         .set("geom", std::vector<std::uint8_t>(std::begin(point), std::end(point)))
                         .set("kind", std::string("perimeter"))
                         .set("code", std::string("A1"))
                         .set("name", std::string("Area"))
                         .set("valid_from", std::string("2020-01-01")));
        cs.insert("kk_project", Row()
                                    .set("code", std::string("P1"))
                                    .set("name", std::string("Project"))
                                    .set("area_id", area)
                                    .set("status", std::string("idea")));
        cs.insert("kk_indicator", Row()
                                      .set("code", std::string("IND"))
                                      .set("name", std::string("Indicator"))
                                      .set("type", std::string("output"))
                                      .set("direction", std::string("increase"))
                                      .set("aggregation", std::string("sum")));
        if (!cs.commit().ok())
            std::abort();
        server::HandlerOptions options;
        options.toCrs84 = [](double& x, double& y) {
            x = x / 100000.0;
            y = y / 100000.0;
        };
        handler = std::make_unique<server::ApiHandler>(
            *ws,
            server::TokenSet(
                {{kToken, "fuzzer", server::Access::ReadWrite, "2025-01-01"},
                 {std::string(64, 'e'), "reader", server::Access::Read, "2025-01-01"}}),
            options);
    }
    ~Harness() {
        handler.reset();
        ws.reset();
        std::filesystem::remove_all(std::filesystem::path(path).parent_path());
    }
};

Harness& harness() {
    static Harness h;
    return h;
}

void runOne(const std::uint8_t* data, std::size_t size) {
    const std::string_view raw(reinterpret_cast<const char*>(data), size);
    const std::string response =
        server::handleRawRequest(*harness().handler, raw, 64 << 10, 8 << 10);
    // Every input gets a well-formed HTTP response, never a crash or an empty answer.
    if (response.rfind("HTTP/1.", 0) != 0) {
        std::fprintf(stderr, "not an HTTP response:\n%s\n", response.c_str());
        std::abort();
    }
    const int status = std::atoi(response.c_str() + 9);
    if (status < 200 || status > 599)
        std::abort();
    // Error bodies are JSON; a HEAD response carries only the head (and a non-zero length).
    const std::size_t headEnd = response.find("\r\n\r\n");
    const bool bodyless = headEnd != std::string::npos && headEnd + 4 == response.size() &&
                          response.find("Content-Length: 0\r\n") == std::string::npos;
    if (status >= 400 && !bodyless && response.find("{\"error\":{") == std::string::npos) {
        std::fprintf(stderr, "error response without a JSON error body:\n%s\n", response.c_str());
        std::abort();
    }
    (void)server::gpkgToGeoJson({data, size}, {});
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    runOne(data, size);
    return 0;
}

#ifndef KK_LIBFUZZER
// The plain driver: `fuzz_server_request [-max_total_time=S] [-runs=N] [-seed=N] DIR...`
// (the libFuzzer flags it shares), replaying every file of the directories, then mutating.
namespace {

std::vector<std::string> loadCorpus(const std::vector<std::string>& dirs) {
    std::vector<std::string> out;
    for (const auto& d : dirs) {
        std::error_code ec;
        for (const auto& entry : std::filesystem::directory_iterator(d, ec)) {
            if (!entry.is_regular_file())
                continue;
            std::ifstream in(entry.path(), std::ios::binary);
            out.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        }
    }
    return out;
}

std::string mutate(std::string s, const std::vector<std::string>& corpus, std::mt19937_64& rng) {
    static const char* kTokens[] = {"%2e%2e",
                                    "../",
                                    "//",
                                    "%00",
                                    "\r\n",
                                    "\r\n\r\n",
                                    "?limit=",
                                    "&offset=-1",
                                    "bbox=1,2,3,4",
                                    "Content-Length: 99999999\r\n",
                                    "Transfer-Encoding: chunked\r\n",
                                    "{\"",
                                    "\"}",
                                    "null",
                                    "\xff",
                                    "%",
                                    "PATCH",
                                    "/api/v1/projects/1",
                                    "/collections/areas/items"};
    auto pick = [&](std::size_t n) { return n ? static_cast<std::size_t>(rng() % n) : 0; };
    const int steps = 1 + static_cast<int>(pick(4));
    for (int i = 0; i < steps; ++i) {
        switch (pick(6)) {
            case 0:
                if (!s.empty())
                    s[pick(s.size())] ^= static_cast<char>(1 << pick(8));
                break;
            case 1:
                s.insert(pick(s.size() + 1), 1, static_cast<char>(rng()));
                break;
            case 2:
                if (!s.empty())
                    s.erase(pick(s.size()), 1 + pick(16));
                break;
            case 3:
                s.insert(pick(s.size() + 1), kTokens[pick(std::size(kTokens))]);
                break;
            case 4: {
                const std::string& other = corpus[pick(corpus.size())];
                s = s.substr(0, pick(s.size() + 1)) + other.substr(pick(other.size() + 1));
                break;
            }
            default:
                if (!s.empty()) {
                    const std::size_t at = pick(s.size());
                    s.insert(at, s.substr(at, 1 + pick(64)));
                }
        }
    }
    if (s.size() > 200000)
        s.resize(200000);
    return s;
}

}  // namespace

int main(int argc, char** argv) {
    double seconds = 10;
    long long runs = -1;
    std::uint64_t seed = 1;
    std::vector<std::string> dirs;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a.rfind("-max_total_time=", 0) == 0)
            seconds = std::atof(a.c_str() + 16);
        else if (a.rfind("-runs=", 0) == 0)
            runs = std::atoll(a.c_str() + 6);
        else if (a.rfind("-seed=", 0) == 0)
            seed = std::strtoull(a.c_str() + 6, nullptr, 10);
        else if (!a.empty() && a[0] != '-')
            dirs.push_back(a);
    }
    std::vector<std::string> corpus = loadCorpus(dirs);
    if (corpus.empty())
        corpus.emplace_back("GET / HTTP/1.1\r\n\r\n");
    for (const auto& input : corpus)
        runOne(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
    std::mt19937_64 rng(seed);
    const auto deadline = std::chrono::steady_clock::now() +
                          std::chrono::milliseconds(static_cast<long long>(seconds * 1000));
    long long done = 0;
    while ((runs < 0 || done < runs) && std::chrono::steady_clock::now() < deadline) {
        const std::string input = mutate(corpus[rng() % corpus.size()], corpus, rng);
        runOne(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
        ++done;
    }
    std::printf("fuzz_server_request: %zu corpus files, %lld mutated inputs, no failure\n",
                corpus.size(), done);
    return 0;
}
#endif
