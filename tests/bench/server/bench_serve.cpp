// Bench helper: builds a workspace with 500 projects on 500 areas, serves it with
// core/server on a free loopback port and prints "PORT TOKEN". With --dump FILE it first
// writes the body of /collections/projects/items (the bench's URL) for the static peer.
#include <signal.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "core/server/server.h"
#include "core/store/workspace.h"

namespace {

std::vector<std::uint8_t> square(double x0, double y0, double size) {
    std::vector<std::uint8_t> b = {'G', 'P', 0, 0x01};
    auto u32 = [&](std::uint32_t v) {
        for (int i = 0; i < 4; ++i)
            b.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
    };
    auto f64 = [&](double d) {
        std::uint64_t bits;
        std::memcpy(&bits, &d, 8);
        for (int i = 0; i < 8; ++i)
            b.push_back(static_cast<std::uint8_t>(bits >> (8 * i)));
    };
    u32(31370);
    b.push_back(1);
    u32(6);
    u32(1);
    b.push_back(1);
    u32(3);
    u32(1);
    u32(5);
    const double xs[] = {x0, x0 + size, x0 + size, x0, x0};
    const double ys[] = {y0, y0, y0 + size, y0 + size, y0};
    for (int i = 0; i < 5; ++i)
        f64(xs[i]), f64(ys[i]);
    return b;
}

}  // namespace

int main(int argc, char** argv) {
    using namespace kk;
    std::string dump;
    std::string dir = std::filesystem::temp_directory_path().string();
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::string(argv[i]) == "--dump")
            dump = argv[i + 1];
        if (std::string(argv[i]) == "--dir")
            dir = argv[i + 1];
    }
    const std::string path = dir + "/bench_server.gpkg";
    std::filesystem::remove(path);
    auto ws = Workspace::create(path);
    if (!ws) {
        std::cerr << ws.error().message() << "\n";
        return 1;
    }
    {
        ChangeSet cs(*ws.value(), "bench data");
        for (int i = 0; i < 500; ++i) {
            const auto area =
                cs.insert("areas", Row()
                                       .set("geom", square(150000 + 1000.0 * (i % 25),
                                                           170000 + 1000.0 * (i / 25), 800))
                                       .set("kind", std::string("perimeter"))
                                       .set("code", "A" + std::to_string(i))
                                       .set("name", "Area " + std::to_string(i))
                                       .set("valid_from", std::string("2020-01-01")));
            cs.insert("kk_project", Row()
                                        .set("code", "P" + std::to_string(1000 + i))
                                        .set("name", "Project " + std::to_string(i))
                                        .set("area_id", area)
                                        .set("status", std::string("execution")));
        }
        if (!cs.commit().ok())
            return 1;
    }
    const server::TokenRecord token{server::randomToken(), "bench", server::Access::Read, ""};
    server::ServerOptions o;
    o.port = 0;
    o.maxConnections = 256;
    o.handler.toCrs84 = [](double& x, double& y) {
        x = 4.0 + (x - 150000.0) / 70000.0;
        y = 50.0 + (y - 150000.0) / 111000.0;
    };
    if (!dump.empty()) {
        server::ApiHandler h(*ws.value(), server::TokenSet({token}), o.handler);
        server::Request r{
            "GET", "/collections/projects/items", {{"authorization", "Bearer " + token.token}}, {}};
        std::ofstream(dump, std::ios::binary) << h.handleDirect(r).body;
    }
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    server::Server srv(*ws.value(), server::TokenSet({token}), o);
    if (auto st = srv.start(); !st) {
        std::cerr << st.error().message() << "\n";
        return 1;
    }
    std::cout << srv.port() << " " << token.token << std::endl;
    int sig = 0;
    sigwait(&signals, &sig);
    srv.stop();
    ws.value().reset();
    std::filesystem::remove(path);
    return 0;
}
