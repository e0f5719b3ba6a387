// Which workspace scripts the user trusts, keyed by the SHA-256 of their source and kept
// outside every workspace, so that a workspace file cannot vouch for its own scripts.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/base/error.h"

namespace kk::rules {

/// One trusted script version.
struct TrustEntry {
    std::string sha256;  ///< hex digest of the exact source
    std::string name;    ///< script name when it was trusted (informative only)
    std::string at;      ///< ISO 8601 UTC time of the decision
};

/// The trust file: `$KK_CONFIG_DIR/trust.json`, else `$XDG_CONFIG_HOME/koppelkans/trust.json`,
/// else `~/.config/koppelkans/trust.json`. A changed script has a new hash and so needs trust
/// again. Writes go to a temporary file that replaces the old one, so a crash never leaves
/// half a file.
class TrustStore {
  public:
    /// Reads the file at `path` (a missing file means "nothing trusted").
    static Result<TrustStore> load(std::string path);
    /// The default location described above.
    static std::string defaultPath();

    bool isTrusted(std::string_view sha256) const;
    /// Records trust and saves the file.
    Status trust(std::string_view sha256, std::string_view name);
    /// Withdraws trust and saves the file.
    Status revoke(std::string_view sha256);
    const std::vector<TrustEntry>& entries() const { return m_entries; }
    const std::string& path() const { return m_path; }

  private:
    Status save() const;
    std::string m_path;
    std::vector<TrustEntry> m_entries;
};

}  // namespace kk::rules
