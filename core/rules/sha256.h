// SHA-256 (FIPS 180-4) for script trust: a script is trusted by the hash of its exact source.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace kk::rules {

/// Incremental SHA-256. Written here (about 100 lines, checked against the FIPS test vectors
/// in tests/rules) so the rules engine needs no crypto library: the build's dependency list
/// (tools/deps.sh) has none, and only integrity of a local file is at stake.
class Sha256 {
  public:
    Sha256();
    void update(std::string_view data);
    /// The 32-byte digest. The object must not be updated afterwards.
    std::array<std::uint8_t, 32> finish();

  private:
    void block(const std::uint8_t* p);
    std::array<std::uint32_t, 8> m_h;
    std::array<std::uint8_t, 64> m_buf{};
    std::size_t m_bufLen = 0;
    std::uint64_t m_totalBytes = 0;
};

/// Lower-case hex SHA-256 of `data`, e.g. sha256Hex("abc") == "ba7816bf...".
std::string sha256Hex(std::string_view data);

}  // namespace kk::rules
