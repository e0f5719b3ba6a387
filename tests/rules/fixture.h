// A small workspace for the rules tests, built with ChangeSet inserts. Codes start with "FX-";
// the bundled scripts' Lua test cases look these codes up (docs/lua-api.md, "Tests").
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "core/store/workspace.h"

namespace kk::rules::test {

/// A fresh temporary directory (removed by the caller's TearDown if wanted).
std::string tempDir(const std::string& name);

/// Creates the fixture workspace at `path`:
/// - projects FX-P1 (coalition FX-C1, area FX-GENT), FX-P2 (FX-C2, FX-GENT), FX-P3 (FX-WET)
/// - funds FX-SUB (subsidy, max 1/2), FX-PRIV (private), FX-OWN (own contribution)
/// - awards, all granted: P1 FX-SUB 100,000.00 and FX-PRIV 250,000.00; P2 FX-SUB 40,000.00
/// - cost items P1: 2025 100,000.00 (partner FX-A1), 2025 50,000.00 (FX-A2), 2026 150,000.00
///   (FX-A1); P2: 2025 80,000.00 (FX-A3, no partner on a second 0-cost item)
/// - expenses P1: 60,000.00 + 30,000.00 (2025); P2: 80,000.00 (2025)
/// - coalition FX-C1 has a continuity plan and a lead; FX-C2 has neither
/// - indicator row "leverage"; call FX-CALL with criteria impact (3/5) and partnership (2/5)
std::unique_ptr<Workspace> makeFixture(const std::string& path);

/// A checksum over every kk_ table and areas: row counts and the content of each row.
std::string workspaceChecksum(Workspace& ws);

}  // namespace kk::rules::test
