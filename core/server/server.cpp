// Beast/Asio transport: acceptor, sessions with limits and timeouts, the model thread, the
// socket-free raw request path, and serve() for the CLI. The only file that includes Beast.
#include "core/server/server.h"

#include <signal.h>

#include <atomic>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <mutex>
#include <optional>
#include <ostream>
#include <sstream>
#include <thread>
#include <vector>

#include "core/store/workspace.h"

namespace kk::server {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;
using BeastRequest = http::request<http::string_body>;
using BeastResponse = http::response<http::string_body>;

/// A single thread running posted tasks in order: the workspace's home when the caller
/// brings no executor of its own.
class ModelThread {
  public:
    ModelThread() : m_thread([this] { run(); }) {}
    ~ModelThread() {
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
        }
        m_cv.notify_all();
        m_thread.join();
    }
    void post(std::function<void()> task) {
        {
            std::lock_guard lock(m_mutex);
            m_tasks.push_back(std::move(task));
        }
        m_cv.notify_one();
    }

  private:
    void run() {
        for (;;) {
            std::function<void()> task;
            {
                std::unique_lock lock(m_mutex);
                m_cv.wait(lock, [&] { return m_stop || !m_tasks.empty(); });
                if (m_tasks.empty())
                    return;  // stopping and drained
                task = std::move(m_tasks.front());
                m_tasks.pop_front();
            }
            task();
        }
    }
    std::mutex m_mutex;
    std::condition_variable m_cv;
    std::deque<std::function<void()>> m_tasks;
    bool m_stop = false;
    std::thread m_thread;
};

/// State shared by the sessions, the acceptor and the model tasks.
struct Shared {
    Shared(Workspace& ws, TokenSet tokens, const ServerOptions& o)
        : handler(ws, std::move(tokens), o.handler), options(o) {}
    ApiHandler handler;
    ServerOptions options;
    ModelExecutor post;
    std::mutex mutex;
    std::condition_variable cv;
    int inFlight = 0;
    bool stopped = false;
    std::atomic<std::size_t> connections{0};
};

Request toRequest(const BeastRequest& r) {
    Request out;
    out.method = std::string(r.method_string());
    out.target = std::string(r.target());
    for (const auto& field : r) {
        std::string name(field.name_string());
        for (char& ch : name)
            ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        out.headers.emplace_back(std::move(name), std::string(field.value()));
    }
    out.body = r.body();
    return out;
}

BeastResponse toBeast(Response r, unsigned version, bool keepAlive, bool head) {
    BeastResponse res;
    res.version(version);
    res.result(static_cast<unsigned>(r.status));
    res.set(http::field::server, "Koppelkans");
    res.set(http::field::content_type, r.contentType);
    res.set(http::field::cache_control, "no-store");
    res.set("X-Content-Type-Options", "nosniff");
    for (const auto& [name, value] : r.headers)
        res.set(name, value);
    res.keep_alive(keepAlive);
    const std::size_t size = r.body.size();
    if (!head)
        res.body() = std::move(r.body);
    res.content_length(size);
    return res;
}

/// The refusal for a request the parser could not accept (limits, syntax).
Response parseRefusal(const beast::error_code& ec) {
    if (ec == http::error::body_limit)
        return errorResponse(413, "request.too_large", "the request body is too large",
                             "request body", "send at most the configured limit (1 MiB default)");
    if (ec == http::error::header_limit)
        return errorResponse(431, "request.header_too_large", "the request head is too large",
                             "request headers", "send shorter headers and target");
    return errorResponse(400, "request.malformed", "malformed HTTP request: " + ec.message(),
                         "request", "send a valid HTTP/1.1 request");
}

class Session : public std::enable_shared_from_this<Session> {
  public:
    Session(tcp::socket socket, std::shared_ptr<Shared> shared)
        : m_stream(std::move(socket)), m_shared(std::move(shared)) {
        ++m_shared->connections;
    }
    ~Session() { --m_shared->connections; }

    void start(bool overLimit) {
        net::dispatch(m_stream.get_executor(), [self = shared_from_this(), overLimit] {
            if (overLimit)
                self->send(errorResponse(503, "server.busy", "too many connections", "server",
                                         "retry in a moment"),
                           11, false, false);
            else
                self->read();
        });
    }

  private:
    void read() {
        m_parser.emplace();
        m_parser->body_limit(m_shared->options.maxBodyBytes);
        m_parser->header_limit(static_cast<std::uint32_t>(m_shared->options.maxHeaderBytes));
        m_stream.expires_after(m_shared->options.requestTimeout);
        http::async_read(m_stream, m_buffer, *m_parser,
                         beast::bind_front_handler(&Session::onRead, shared_from_this()));
    }

    void onRead(beast::error_code ec, std::size_t) {
        if (ec == http::error::end_of_stream || ec == beast::error::timeout ||
            ec == net::error::operation_aborted || ec == net::error::connection_reset ||
            ec == net::error::eof) {
            close();
            return;
        }
        if (ec) {
            send(parseRefusal(ec), 11, false, false);
            return;
        }
        const BeastRequest& br = m_parser->get();
        const unsigned version = br.version();
        const bool keepAlive = br.keep_alive();
        const bool head = br.method() == http::verb::head;
        Request request = toRequest(br);
        Principal principal;
        if (auto refusal = m_shared->handler.admit(request, principal)) {
            send(std::move(*refusal), version, keepAlive, head);
            return;
        }
        {
            std::lock_guard lock(m_shared->mutex);
            if (m_shared->stopped)
                return;
            ++m_shared->inFlight;
        }
        auto shared = m_shared;
        shared->post([shared, self = shared_from_this(), request = std::move(request), principal,
                      version, keepAlive, head]() mutable {
            bool stopped = false;
            {
                std::lock_guard lock(shared->mutex);
                stopped = shared->stopped;
            }
            if (!stopped) {
                Response r = shared->handler.handle(request, principal);
                auto executor = self->m_stream.get_executor();
                net::post(executor, [self, r = std::move(r), version, keepAlive, head]() mutable {
                    self->send(std::move(r), version, keepAlive, head);
                });
            }
            self.reset();
            {
                std::lock_guard lock(shared->mutex);
                --shared->inFlight;
            }
            shared->cv.notify_all();
        });
    }

    void send(Response r, unsigned version, bool keepAlive, bool head) {
        m_response = toBeast(std::move(r), version, keepAlive, head);
        m_stream.expires_after(m_shared->options.requestTimeout);
        http::async_write(
            m_stream, m_response,
            [self = shared_from_this(), keepAlive](beast::error_code ec, std::size_t) {
                if (ec || !keepAlive) {
                    self->close();
                    return;
                }
                self->read();
            });
    }

    void close() {
        beast::error_code ignored;
        m_stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
        m_stream.socket().close(ignored);
    }

    beast::tcp_stream m_stream;
    beast::flat_buffer m_buffer;
    std::optional<http::request_parser<http::string_body>> m_parser;
    BeastResponse m_response;
    std::shared_ptr<Shared> m_shared;
};

}  // namespace

struct Server::Impl {
    Impl(Workspace& ws, TokenSet tokens, ServerOptions options)
        : shared(std::make_shared<Shared>(ws, std::move(tokens), options)),
          acceptor(net::make_strand(ioc)) {}

    void accept() {
        acceptor.async_accept(
            net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
                if (ec == net::error::operation_aborted || !acceptor.is_open())
                    return;
                if (!ec) {
                    const bool overLimit = shared->connections >= shared->options.maxConnections;
                    std::make_shared<Session>(std::move(socket), shared)->start(overLimit);
                }
                accept();
            });
    }

    net::io_context ioc;
    std::shared_ptr<Shared> shared;
    tcp::acceptor acceptor;
    std::optional<ModelThread> modelThread;
    std::vector<std::thread> threads;
    unsigned short port = 0;
    bool running = false;
};

Server::Server(Workspace& ws, TokenSet tokens, ServerOptions options)
    : m_impl(std::make_unique<Impl>(ws, std::move(tokens), std::move(options))) {}

Server::~Server() {
    stop();
}

Status Server::start() {
    Impl& m = *m_impl;
    if (m.running)
        return {};
    const ServerOptions& o = m.shared->options;
    beast::error_code ec;
    const auto address = net::ip::make_address(o.bindAddress, ec);
    if (ec)
        return makeError("server.bind_address", "'" + o.bindAddress + "' is not an IP address",
                         "--bind", "use 127.0.0.1 (default), ::1 or a local interface address");
    const tcp::endpoint endpoint(address, o.port);
    m.acceptor.open(endpoint.protocol(), ec);
    if (!ec)
        m.acceptor.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec)
        m.acceptor.bind(endpoint, ec);
    if (!ec)
        m.acceptor.listen(net::socket_base::max_listen_connections, ec);
    if (ec)
        return makeError("server.bind",
                         "cannot listen on " + o.bindAddress + ":" + std::to_string(o.port) + ": " +
                             ec.message(),
                         "--port", "choose another port or stop the program using it");
    m.port = m.acceptor.local_endpoint().port();
    const std::string host = address.is_v6() ? "[" + o.bindAddress + "]" : o.bindAddress;
    m.shared->handler.setBaseUrl("http://" + host + ":" + std::to_string(m.port));
    if (o.modelExecutor) {
        m.shared->post = o.modelExecutor;
    } else {
        m.modelThread.emplace();
        m.shared->post = [&mt = *m.modelThread](std::function<void()> t) { mt.post(std::move(t)); };
    }
    m.accept();
    for (int i = 0; i < std::max(1, o.ioThreads); ++i)
        m.threads.emplace_back([&m] { m.ioc.run(); });
    m.running = true;
    return {};
}

void Server::stop() {
    Impl& m = *m_impl;
    if (!m.running)
        return;
    {
        std::lock_guard lock(m.shared->mutex);
        m.shared->stopped = true;
    }
    net::post(m.acceptor.get_executor(), [&m] {
        beast::error_code ignored;
        m.acceptor.close(ignored);
    });
    m.ioc.stop();
    for (auto& t : m.threads)
        t.join();
    m.threads.clear();
    {
        std::unique_lock lock(m.shared->mutex);
        m.shared->cv.wait_for(lock, std::chrono::seconds(5),
                              [&] { return m.shared->inFlight == 0; });
    }
    m.modelThread.reset();
    m.running = false;
}

unsigned short Server::port() const {
    return m_impl->port;
}

std::string Server::url() const {
    return m_impl->shared->handler.options().baseUrl;
}

std::string handleRawRequest(ApiHandler& handler, std::string_view raw, std::size_t maxBodyBytes,
                             std::size_t maxHeaderBytes) {
    http::request_parser<http::string_body> parser;
    parser.body_limit(maxBodyBytes);
    parser.header_limit(static_cast<std::uint32_t>(maxHeaderBytes));
    parser.eager(true);
    beast::error_code ec;
    std::string_view rest = raw;
    while (!parser.is_done() && !rest.empty()) {
        const std::size_t used = parser.put(net::buffer(rest.data(), rest.size()), ec);
        if (ec == http::error::need_more)
            ec = {};
        if (ec || used == 0)
            break;
        rest.remove_prefix(used);
    }
    if (!ec && !parser.is_done())
        parser.put_eof(ec);
    Response response;
    unsigned version = 11;
    bool head = false;
    if (ec || !parser.is_done()) {
        response = parseRefusal(ec ? ec : beast::error_code(http::error::partial_message));
    } else {
        const BeastRequest& br = parser.get();
        version = br.version();
        head = br.method() == http::verb::head;
        response = handler.handleDirect(toRequest(br));
    }
    std::ostringstream out;
    out << toBeast(std::move(response), version, false, head);
    return out.str();
}

int serve(const ServeSettings& s, std::ostream& out, std::ostream& err) {
    auto ws = Workspace::open(s.workspacePath, s.readOnly);
    if (!ws) {
        err << ws.error().message() << "\n";
        return 1;
    }
    std::string user = s.user;
    if (user.empty())
        user = ws.value()->user();
    auto tokens = s.rotateToken ? rotateTokens(s.workspacePath, user)
                                : loadOrCreateTokens(s.workspacePath, user);
    if (!tokens) {
        err << tokens.error().message() << "\n";
        return 1;
    }
    // Signals are taken by sigwait below; block them before any server thread starts.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    ServerOptions o;
    o.bindAddress = s.bindAddress;
    o.port = s.port;
    o.handler.readOnly = s.readOnly;
    o.handler.publicOgcRead = s.publicOgcRead;
    o.handler.toCrs84 = s.toCrs84;
    o.handler.reportRenderer = s.reportRenderer;
    Server server(*ws.value(), TokenSet(tokens.value().tokens), o);
    if (auto st = server.start(); !st) {
        err << st.error().message() << "\n";
        return 1;
    }
    const auto& t = tokens.value();
    out << "Serving " << ws.value()->path() << " at " << server.url() << "/\n";
    if (s.bindAddress != "127.0.0.1" && s.bindAddress != "::1")
        out << "warning: listening beyond this computer on " << s.bindAddress << "\n";
    if (s.readOnly)
        out << "read-only mode: every write is refused\n";
    out << (t.created ? "New tokens" : "Tokens") << " (stored in " << t.file << "):\n";
    if (const auto* rw = t.first(Access::ReadWrite))
        out << "  read-write (" << rw->user << "): " << rw->token << "\n";
    if (const auto* ro = t.first(Access::Read))
        out << "  read-only: " << ro->token << "\n";
    out << "QGIS/GDAL: OAPIF:" << server.url()
        << "/ with header 'Authorization: Bearer <token>'\nPress Ctrl+C to stop.\n";
    out.flush();
    int sig = 0;
    sigwait(&signals, &sig);
    server.stop();
    out << "Stopped.\n";
    return 0;
}

}  // namespace kk::server
