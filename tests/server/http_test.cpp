// The server over real loopback sockets: auth, limits (413, 431, 503), malformed requests,
// keep-alive, audited writes, and GDAL's OAPIF driver (ogrinfo) reading the collections.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>

#include "core/server/server.h"
#include "server_fixture.h"

namespace kk::server::test {
namespace {

using nlohmann::json;

/// A blocking loopback connection for hand-written requests.
class Client {
  public:
    explicit Client(unsigned short port) {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(port);
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::connect(m_fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
            ::close(m_fd);
            m_fd = -1;
        }
        timeval tv{10, 0};
        ::setsockopt(m_fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    }
    ~Client() {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    bool ok() const { return m_fd >= 0; }
    void send(const std::string& data) {
        std::size_t done = 0;
        while (done < data.size()) {
            const auto n = ::send(m_fd, data.data() + done, data.size() - done, MSG_NOSIGNAL);
            if (n <= 0)
                return;  // the server may close early (413): that is the point
            done += static_cast<std::size_t>(n);
        }
    }
    /// Reads one response (head + Content-Length body). Status 0 when the peer closed.
    std::pair<int, std::string> receive(bool head = false) {
        while (m_buf.find("\r\n\r\n") == std::string::npos)
            if (!fill())
                return {0, {}};
        const std::size_t headEnd = m_buf.find("\r\n\r\n") + 4;
        const std::string text = m_buf.substr(0, headEnd);
        const int status = std::stoi(text.substr(9, 3));
        std::size_t length = 0;
        const auto cl = text.find("Content-Length: ");
        if (cl != std::string::npos && !head)
            length = std::stoul(text.substr(cl + 16));
        while (m_buf.size() < headEnd + length)
            if (!fill())
                break;
        std::string body = m_buf.substr(headEnd, length);
        m_buf.erase(0, headEnd + length);
        m_lastHead = text;
        return {status, body};
    }
    const std::string& lastHead() const { return m_lastHead; }

  private:
    bool fill() {
        char chunk[65536];
        const auto n = ::recv(m_fd, chunk, sizeof chunk, 0);
        if (n <= 0)
            return false;
        m_buf.append(chunk, static_cast<std::size_t>(n));
        return true;
    }
    int m_fd = -1;
    std::string m_buf;
    std::string m_lastHead;
};

class HttpTest : public ServerFixture {
  protected:
    void startServer(ServerOptions o = {}) {
        o.port = 0;
        o.handler.toCrs84 = testToCrs84;
        m_server = std::make_unique<Server>(*m_ws, tokens(), o);
        ASSERT_TRUE(m_server->start().ok());
        ASSERT_GT(m_server->port(), 0);
    }
    void TearDown() override {
        if (m_server)
            m_server->stop();
        m_server.reset();
        ServerFixture::TearDown();
    }
    std::string request(const std::string& method, const std::string& target,
                        const std::string& token, const std::string& body = {}, bool close = true) {
        std::string r = method + " " + target +
                        " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(m_server->port()) + "\r\n";
        if (!token.empty())
            r += "Authorization: Bearer " + token + "\r\n";
        if (!body.empty() || method == "POST")
            r +=
                "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
                "\r\n";
        if (close)
            r += "Connection: close\r\n";
        return r + "\r\n" + body;
    }
    std::pair<int, std::string> roundTrip(const std::string& raw) {
        Client c(m_server->port());
        EXPECT_TRUE(c.ok());
        c.send(raw);
        return c.receive();
    }

    std::unique_ptr<Server> m_server;
};

TEST_F(HttpTest, AuthOverTheWire) {
    startServer();
    auto [s1, b1] = roundTrip(request("GET", "/api/v1/projects", ""));
    EXPECT_EQ(s1, 401);
    EXPECT_EQ(json::parse(b1)["error"]["code"], "auth.missing_token");
    auto [s2, b2] = roundTrip(request("GET", "/api/v1/projects?limit=3", m_ro.token));
    EXPECT_EQ(s2, 200);
    EXPECT_EQ(json::parse(b2)["total"], 25);
    auto [s3, b3] = roundTrip(request("GET", "/api/v1/%2e%2e/%2e%2e/etc/passwd", m_rw.token));
    EXPECT_EQ(s3, 404);
}

TEST_F(HttpTest, LimitsAnswer413And431AndLeaveTheWorkspaceUnchanged) {
    ServerOptions o;
    o.maxBodyBytes = 4096;
    o.maxHeaderBytes = 2048;
    startServer(o);
    const auto before = snapshot();
    const std::string big = R"({"code":"BIG","name":")" + std::string(10000, 'x') + R"("})";
    auto [s1, b1] = roundTrip(request("POST", "/api/v1/projects", m_rw.token, big));
    EXPECT_EQ(s1, 413);
    EXPECT_EQ(json::parse(b1)["error"]["code"], "request.too_large");
    std::string hugeHead =
        "GET /api/v1/projects HTTP/1.1\r\nHost: x\r\nX-Pad: " + std::string(5000, 'y') + "\r\n\r\n";
    auto [s2, b2] = roundTrip(hugeHead);
    EXPECT_EQ(s2, 431);
    auto [s3, b3] = roundTrip("GARBAGE\r\n\r\n");
    EXPECT_EQ(s3, 400);
    auto [s4, b4] = roundTrip(request("POST", "/api/v1/projects", m_rw.token, "{not json"));
    EXPECT_EQ(s4, 400);
    auto [s5, b5] = roundTrip(
        request("POST", "/api/v1/projects", m_ro.token, R"({"code":"RO","name":"read only"})"));
    EXPECT_EQ(s5, 403);
    EXPECT_EQ(snapshot(), before);
}

TEST_F(HttpTest, KeepAliveAndAuditedWrites) {
    startServer();
    Client c(m_server->port());
    ASSERT_TRUE(c.ok());
    c.send(
        request("POST", "/api/v1/projects", m_rw.token, R"({"code":"W1","name":"Wire"})", false));
    auto [s1, b1] = c.receive();
    ASSERT_EQ(s1, 201) << b1;
    EXPECT_NE(c.lastHead().find("Location: http://127.0.0.1:"), std::string::npos);
    c.send(request("GET", "/api/v1/audit?limit=1", m_rw.token, {}, false));
    auto [s2, b2] = c.receive();
    ASSERT_EQ(s2, 200);
    const json audit = json::parse(b2)["items"][0];
    EXPECT_EQ(audit["user"], "alice");
    EXPECT_EQ(audit["label"], "API: create projects W1");
    c.send(request("HEAD", "/collections", m_rw.token, {}, false));
    auto head = c.receive(true);  // no body follows a HEAD response
    EXPECT_EQ(head.first, 200);
    EXPECT_NE(c.lastHead().find("Content-Length: "), std::string::npos);
    c.send(request("GET", "/conformance", m_rw.token, {}, false));
    EXPECT_EQ(c.receive().first, 200);  // the connection is still in sync after HEAD
}

TEST_F(HttpTest, ConnectionLimitAnswers503) {
    ServerOptions o;
    o.maxConnections = 2;
    startServer(o);
    Client a(m_server->port()), b(m_server->port());
    ASSERT_TRUE(a.ok() && b.ok());
    // Make sure both sessions exist before the third connects.
    a.send(request("GET", "/conformance", m_rw.token, {}, false));
    b.send(request("GET", "/conformance", m_rw.token, {}, false));
    EXPECT_EQ(a.receive().first, 200);
    EXPECT_EQ(b.receive().first, 200);
    Client c(m_server->port());
    auto [s, body] = c.receive();
    EXPECT_EQ(s, 503);
    EXPECT_EQ(json::parse(body)["error"]["code"], "server.busy");
}

std::string runCommand(const std::string& cmd, int& status) {
    std::string out;
    FILE* p = ::popen(cmd.c_str(), "r");
    if (!p) {
        status = -1;
        return out;
    }
    std::array<char, 4096> buf{};
    while (std::fgets(buf.data(), buf.size(), p))
        out += buf.data();
    status = ::pclose(p);
    return out;
}

TEST_F(HttpTest, OgrinfoReadsCollectionsThroughOapif) {
    if (std::system("command -v ogrinfo > /dev/null 2>&1") != 0)
        GTEST_SKIP() << "ogrinfo (gdal-bin) is not installed";
    startServer();
    const std::string env =
        "GDAL_HTTP_HEADERS='Authorization: Bearer " + m_ro.token + "' GDAL_HTTP_TIMEOUT=20 ";
    const std::string url = "OAPIF:" + m_server->url() + "/";
    int status = 0;
    const std::string list = runCommand(env + "ogrinfo -ro -q " + url + " 2>&1", status);
    EXPECT_EQ(status, 0) << list;
    EXPECT_NE(list.find("areas"), std::string::npos) << list;
    EXPECT_NE(list.find("projects"), std::string::npos) << list;
    EXPECT_NE(list.find("indicator-GREEN"), std::string::npos) << list;
    const std::string feats =
        runCommand(env + "ogrinfo -ro -al -so " + url + " projects 2>&1", status);
    EXPECT_EQ(status, 0) << feats;
    EXPECT_NE(feats.find("Feature Count: 25"), std::string::npos) << feats;
    EXPECT_NE(feats.find("granted_cents"), std::string::npos) << feats;
    const std::string one =
        runCommand(env + "ogrinfo -ro " + url + " areas -where \"code = 'A3'\" 2>&1", status);
    EXPECT_EQ(status, 0) << one;
    EXPECT_NE(one.find("MULTIPOLYGON"), std::string::npos) << one;
    // Without the header GDAL is refused.
    const std::string refused = runCommand("ogrinfo -ro -q " + url + " 2>&1", status);
    EXPECT_NE(status, 0);
}

}  // namespace
}  // namespace kk::server::test
