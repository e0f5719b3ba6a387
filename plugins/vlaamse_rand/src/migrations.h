// The plugin's own SQL migrations (migrations/*.sql, embedded at build time). Version 1 is the
// shared call workflow (core/plugin/call_workflow.h); the files here start at 2.
#pragma once

#include <vector>

#include "core/store/workspace.h"

namespace kk::plugins::vlaamse_rand {
const std::vector<Migration>& vlaamseRandMigrations();
}
