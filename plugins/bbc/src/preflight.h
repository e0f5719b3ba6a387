// The preflight checks of bbc-spec §7 and §4.4 over one plan: each finding names its rule,
// where it is (registration, actie, year) and what to do.
#pragma once

#include <string>
#include <vector>

#include "core/model/validation.h"
#include "plugins/bbc/src/code_lists.h"
#include "plugins/bbc/src/plan_store.h"

namespace kk {
class Workspace;
}

namespace kk::bbc {

/// Rule codes: unknown_account, account_side, unknown_policy_field, unknown_sector_code,
/// outside_period, text_short, text_long, code_not_on_action, unlisted_external_code,
/// expected_booking, evaluation_missing, bbr_negative, afm_negative, afm_not_computable.
struct PreflightFinding {
    std::string rule;
    Severity severity = Severity::Error;
    std::string where;
    std::string message;
    std::string hint;
};

inline constexpr std::size_t kShortTextLimit = 100;
inline constexpr std::size_t kLongTextLimit = 4000;

/// Number of characters (UTF-8 code points), as the DR counts them.
std::size_t characterCount(std::string_view text);

std::vector<PreflightFinding> preflight(Workspace& ws, const Plan& plan, const CodeLists& lists);

std::string_view severityText(Severity s);

}  // namespace kk::bbc
