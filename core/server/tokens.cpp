// Token files: creation with mode 0600 through a temporary file and rename, rotation, lookup.
#include "core/server/tokens.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/store/workspace.h"

namespace kk::server {
namespace {

namespace fs = std::filesystem;

std::string canonical(const std::string& path) {
    std::error_code ec;
    const fs::path p = fs::weakly_canonical(fs::absolute(path), ec);
    return ec ? fs::absolute(path).lexically_normal().string() : p.string();
}

/// FNV-1a 64: a stable file name per workspace path (not a secret, just a key).
std::string pathKey(const std::string& canonicalPath) {
    std::uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : canonicalPath) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
}

Status save(const WorkspaceTokens& t) {
    nlohmann::json j;
    j["workspace"] = t.workspace;
    j["tokens"] = nlohmann::json::array();
    for (const auto& r : t.tokens)
        j["tokens"].push_back({{"token", r.token},
                               {"user", r.user},
                               {"access", std::string(toCode(r.access))},
                               {"created", r.created}});
    std::error_code ec;
    const fs::path dir = fs::path(t.file).parent_path();
    fs::create_directories(dir, ec);
    if (ec)
        return makeError("server.token_dir", "cannot create the token directory: " + ec.message(),
                         dir.string(), "set KK_CONFIG_DIR to a writable directory");
    ::chmod(dir.c_str(), 0700);
    // Written to a private temporary file and renamed, so the token is never world-readable.
    const std::string tmp = t.file + ".tmp";
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return makeError("server.token_write", "cannot write the token file", tmp,
                         "check the permissions of the directory");
    const std::string text = j.dump(2) + "\n";
    const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    ::fchmod(fd, 0600);
    ::close(fd);
    if (!ok || std::rename(tmp.c_str(), t.file.c_str()) != 0) {
        std::remove(tmp.c_str());
        return makeError("server.token_write", "cannot write the token file", t.file,
                         "check free disk space and permissions");
    }
    return {};
}

Result<WorkspaceTokens> load(const std::string& workspacePath, const std::string& dir) {
    WorkspaceTokens t;
    t.workspace = canonical(workspacePath);
    t.file = tokenFileFor(workspacePath, dir);
    std::ifstream in(t.file);
    if (!in)
        return t;
    struct stat st {};
    if (::stat(t.file.c_str(), &st) == 0 && (st.st_mode & 077) != 0)
        return makeError("server.token_permissions", "the token file is readable by other users",
                         t.file, "run 'chmod 600' on it, or rotate the token with --rotate-token");
    try {
        nlohmann::json j = nlohmann::json::parse(in);
        if (j.value("workspace", "") != t.workspace)
            return makeError(
                "server.token_mismatch",
                "the token file belongs to another workspace (" + j.value("workspace", "") + ")",
                t.file, "remove the file; a new token is made on the next serve");
        for (const auto& r : j.at("tokens")) {
            TokenRecord rec;
            rec.token = r.at("token").get<std::string>();
            rec.user = r.at("user").get<std::string>();
            rec.access = r.at("access").get<std::string>() == "read-write" ? Access::ReadWrite
                                                                           : Access::Read;
            rec.created = r.value("created", "");
            if (rec.token.size() < 32)
                return makeError("server.token_weak", "a stored token is too short", t.file,
                                 "rotate the tokens with --rotate-token");
            t.tokens.push_back(std::move(rec));
        }
    } catch (const nlohmann::json::exception& e) {
        return makeError("server.token_file", std::string("the token file is damaged: ") + e.what(),
                         t.file, "remove it or rotate the tokens with --rotate-token");
    }
    return t;
}

void issueDefaults(WorkspaceTokens& t, const std::string& user) {
    const std::string now = Workspace::nowUtc();
    t.tokens.clear();
    t.tokens.push_back({randomToken(), user, Access::ReadWrite, now});
    t.tokens.push_back({randomToken(), user + " (read-only)", Access::Read, now});
    t.created = true;
}

}  // namespace

std::string_view toCode(Access a) {
    return a == Access::ReadWrite ? "read-write" : "read";
}

const TokenRecord* WorkspaceTokens::first(Access access) const {
    for (const auto& r : tokens)
        if (r.access == access)
            return &r;
    return nullptr;
}

std::string configDir() {
    if (const char* d = std::getenv("KK_CONFIG_DIR"); d && *d)
        return d;
    if (const char* d = std::getenv("XDG_CONFIG_HOME"); d && *d)
        return (fs::path(d) / "koppelkans").string();
    if (const char* h = std::getenv("HOME"); h && *h)
        return (fs::path(h) / ".config" / "koppelkans").string();
    return (fs::temp_directory_path() / "koppelkans").string();
}

std::string tokenFileFor(const std::string& workspacePath, const std::string& configDirectory) {
    return (fs::path(configDirectory) / "tokens" / (pathKey(canonical(workspacePath)) + ".json"))
        .string();
}

std::string randomToken() {
    unsigned char bytes[32];
    std::ifstream urandom("/dev/urandom", std::ios::binary);
    if (!urandom.read(reinterpret_cast<char*>(bytes), sizeof bytes))
        throw KkError(makeError("server.random", "cannot read /dev/urandom for a token"));
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    for (unsigned char b : bytes) {
        out += kHex[b >> 4];
        out += kHex[b & 15];
    }
    return out;
}

Result<WorkspaceTokens> loadOrCreateTokens(const std::string& workspacePath,
                                           const std::string& user,
                                           const std::string& configDirectory) {
    auto t = load(workspacePath, configDirectory);
    if (!t)
        return t.error();
    if (!t.value().tokens.empty())
        return t;
    issueDefaults(t.value(), user);
    if (auto s = save(t.value()); !s)
        return s.error();
    return t;
}

Result<WorkspaceTokens> rotateTokens(const std::string& workspacePath, const std::string& user,
                                     const std::string& configDirectory) {
    WorkspaceTokens t;
    t.workspace = canonical(workspacePath);
    t.file = tokenFileFor(workspacePath, configDirectory);
    issueDefaults(t, user);
    if (auto s = save(t); !s)
        return s.error();
    return t;
}

Result<TokenRecord> addToken(const std::string& workspacePath, const std::string& user,
                             Access access, const std::string& configDirectory) {
    auto t = load(workspacePath, configDirectory);
    if (!t)
        return t.error();
    TokenRecord rec{randomToken(), user, access, Workspace::nowUtc()};
    t.value().tokens.push_back(rec);
    if (auto s = save(t.value()); !s)
        return s.error();
    return rec;
}

std::optional<Principal> TokenSet::check(std::string_view presented) const {
    std::optional<Principal> found;
    for (const auto& r : m_tokens) {
        // Constant time in the token length: no early exit on the first differing byte.
        unsigned diff = presented.size() != r.token.size() ? 1u : 0u;
        for (std::size_t i = 0; i < r.token.size(); ++i)
            diff |= static_cast<unsigned char>(r.token[i]) ^
                    static_cast<unsigned char>(i < presented.size() ? presented[i] : 0);
        if (diff == 0 && !found)
            found = Principal{r.user, r.access};
    }
    return found;
}

}  // namespace kk::server
