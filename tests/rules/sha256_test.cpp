// SHA-256 against the FIPS 180-4 / NIST example vectors, and the trust store.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/rules/sha256.h"
#include "core/rules/trust.h"
#include "tests/rules/fixture.h"

namespace kk::rules {
namespace {

TEST(Sha256, NistVectors) {
    EXPECT_EQ(sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    EXPECT_EQ(sha256Hex(std::string(1000000, 'a')),
              "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, IncrementalEqualsOneShotAcrossBlockBoundaries) {
    const std::string text(200, 'k');
    for (std::size_t split : {0u, 1u, 55u, 56u, 63u, 64u, 65u, 128u, 199u}) {
        Sha256 h;
        h.update(std::string_view(text).substr(0, split));
        h.update(std::string_view(text).substr(split));
        const auto d = h.finish();
        static constexpr char kHex[] = "0123456789abcdef";
        std::string hex;
        for (auto b : d) {
            hex += kHex[b >> 4];
            hex += kHex[b & 15];
        }
        EXPECT_EQ(hex, sha256Hex(text)) << split;
    }
}

TEST(TrustStore, TrustRevokeAndReload) {
    const std::string dir = test::tempDir("trust");
    const std::string path = dir + "/sub/trust.json";
    auto store = TrustStore::load(path).value();
    const std::string h = sha256Hex("print(1)");
    EXPECT_FALSE(store.isTrusted(h));
    ASSERT_TRUE(store.trust(h, "workspace:x").ok());
    auto again = TrustStore::load(path).value();
    EXPECT_TRUE(again.isTrusted(h));
    EXPECT_FALSE(again.isTrusted(sha256Hex("print(2)")));
    ASSERT_TRUE(again.revoke(h).ok());
    EXPECT_FALSE(TrustStore::load(path).value().isTrusted(h));
}

TEST(TrustStore, RejectsBadHashAndCorruptFile) {
    const std::string dir = test::tempDir("trust-bad");
    auto store = TrustStore::load(dir + "/trust.json").value();
    EXPECT_FALSE(store.trust("not-a-hash", "x").ok());
    std::ofstream(dir + "/bad.json") << "{ this is not json";
    auto bad = TrustStore::load(dir + "/bad.json");
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, "rules.trust_corrupt");
}

TEST(TrustStore, DefaultPathHonoursKkConfigDir) {
    ::setenv("KK_CONFIG_DIR", "/tmp/kk-config-test", 1);
    EXPECT_EQ(TrustStore::defaultPath(), "/tmp/kk-config-test/trust.json");
}

}  // namespace
}  // namespace kk::rules
