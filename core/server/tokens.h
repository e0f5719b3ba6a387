// Bearer tokens of the API server: one file per workspace, kept OUTSIDE the workspace (so a
// copied workspace never carries a way in), readable only by its owner (mode 0600).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/error.h"

namespace kk::server {

/// What a token lets its bearer do.
enum class Access { Read, ReadWrite };
std::string_view toCode(Access a);  ///< "read", "read-write"

/// One issued token and the user its writes are audited under.
struct TokenRecord {
    std::string token;  ///< 64 hex characters from /dev/urandom
    std::string user;
    Access access = Access::Read;
    std::string created;  ///< ISO 8601 UTC
};

/// The tokens of one workspace as stored in `file`.
struct WorkspaceTokens {
    std::string workspace;  ///< canonical path of the workspace file
    std::string file;       ///< where the tokens are stored
    std::vector<TokenRecord> tokens;
    bool created = false;  ///< true when this call created (or rotated) the tokens

    /// The first token with this access level (nullptr when none).
    const TokenRecord* first(Access access) const;
};

/// Who made a request, after authentication.
struct Principal {
    std::string user;
    Access access = Access::Read;
};

/// The directory for Koppelkans settings: $KK_CONFIG_DIR, else $XDG_CONFIG_HOME/koppelkans,
/// else $HOME/.config/koppelkans.
std::string configDir();
/// The token file of a workspace: <configDir>/tokens/<16 hex digits of a hash of the
/// canonical workspace path>.json.
std::string tokenFileFor(const std::string& workspacePath, const std::string& configDirectory);

/// Loads the workspace's tokens, creating a read-write token (audited as `user`) and a
/// read-only token when there are none yet.
Result<WorkspaceTokens> loadOrCreateTokens(const std::string& workspacePath,
                                           const std::string& user,
                                           const std::string& configDirectory = configDir());
/// Replaces every token of the workspace by fresh ones (old tokens stop working).
Result<WorkspaceTokens> rotateTokens(const std::string& workspacePath, const std::string& user,
                                     const std::string& configDirectory = configDir());
/// Adds one more token (e.g. a read-only token for a colleague) and saves the file.
Result<TokenRecord> addToken(const std::string& workspacePath, const std::string& user,
                             Access access, const std::string& configDirectory = configDir());

/// 32 random bytes from the system's CSPRNG as 64 hex characters.
std::string randomToken();

/// The in-memory set the server checks bearer tokens against. Immutable once built, so the
/// Asio threads read it without locks.
class TokenSet {
  public:
    TokenSet() = default;
    explicit TokenSet(std::vector<TokenRecord> tokens) : m_tokens(std::move(tokens)) {}
    /// The principal of a presented token; compares in constant time per stored token.
    std::optional<Principal> check(std::string_view presented) const;
    bool empty() const { return m_tokens.empty(); }

  private:
    std::vector<TokenRecord> m_tokens;
};

}  // namespace kk::server
