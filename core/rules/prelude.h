// The Lua source run first in every script package (see prelude.cpp).
#pragma once

namespace kk::rules {

/// Lua text; called with (registry table, module loader function).
const char* preludeSource();

}  // namespace kk::rules
