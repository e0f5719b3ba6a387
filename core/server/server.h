// The local API server (ARCHITECTURE.md decisions 7 and 8): Boost.Beast HTTP/1.1 on Asio
// threads that parse and authenticate; every admitted request runs on one model executor
// (the only thread that touches the workspace) and the response is posted back.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>

#include "core/base/error.h"
#include "core/server/api_handler.h"
#include "core/server/tokens.h"

namespace kk {
class Workspace;
}

namespace kk::server {

/// Runs a task on the thread that owns the workspace. Contract: every posted task is run
/// exactly once (Server::stop() waits for tasks still in flight, up to 5 s).
using ModelExecutor = std::function<void(std::function<void()>)>;

struct ServerOptions {
    std::string bindAddress = "127.0.0.1";  ///< loopback unless told otherwise
    unsigned short port = 8765;             ///< 0: any free port (see Server::port())
    int ioThreads = 2;
    std::size_t maxBodyBytes = 1 << 20;               ///< larger bodies get 413
    std::size_t maxHeaderBytes = 16 << 10;            ///< larger request heads get 431
    std::chrono::milliseconds requestTimeout{30000};  ///< per read/write; idle keep-alive too
    std::size_t maxConnections = 128;                 ///< more get 503 and are closed
    HandlerOptions handler;
    /// The workspace's executor (the GUI's main-thread queue). Empty: the server runs its
    /// own model thread and the workspace must not be used by anyone else meanwhile.
    ModelExecutor modelExecutor;
};

class Server {
  public:
    Server(Workspace& ws, TokenSet tokens, ServerOptions options);
    ~Server();  ///< stops
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    /// Binds and starts the threads. Fails when the address is taken or invalid.
    Status start();
    /// Stops accepting, closes connections, waits for in-flight model tasks. Idempotent.
    void stop();
    unsigned short port() const;
    /// "http://127.0.0.1:PORT"
    std::string url() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

/// Parses `raw` as one HTTP request (same limits as the server) and answers it on the calling
/// thread; returns the serialized HTTP response. For fuzzing and socket-free tests.
std::string handleRawRequest(ApiHandler& handler, std::string_view raw,
                             std::size_t maxBodyBytes = 1 << 20,
                             std::size_t maxHeaderBytes = 16 << 10);

/// What `koppelkans-cli serve WORKSPACE [--port N] [--bind ADDR] [--read-only]
/// [--rotate-token] [--public-read]` asks for.
struct ServeSettings {
    std::string workspacePath;
    std::string bindAddress = "127.0.0.1";
    unsigned short port = 8765;
    bool readOnly = false;
    bool rotateToken = false;
    bool publicOgcRead = false;
    std::string user;               ///< audit name of the read-write token; empty: $KK_USER/$USER
    CoordinateTransform toCrs84;    ///< from core/geo when available
    ReportRenderer reportRenderer;  ///< from core/report when available
};

/// Opens the workspace, loads or creates (or rotates) its tokens, prints the URL and tokens
/// to `out`, serves until SIGINT or SIGTERM. Returns the process exit code (0 ok, 1 error,
/// message on `err`).
int serve(const ServeSettings& settings, std::ostream& out, std::ostream& err);

}  // namespace kk::server
