// Default BBC coding from the editable Lua rules in scripts/bbc/default_coding.lua, and the
// commands' helpers that put coding on a project's cost items, awards and expenses.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/base/error.h"
#include "core/rules/script_package.h"

namespace kk {
class Workspace;
}

namespace kk::bbc {

struct FundCoding {
    std::string account;
    std::string sectorCode;
    std::string rule;  ///< which rule of the script matched, for the summary
};

class DefaultCoding {
  public:
    /// Loads scripts/bbc/default_coding.lua from the plugin's script folder.
    static Result<std::unique_ptr<DefaultCoding>> load(const std::string& scriptsFolder);
    /// Coding of a received subsidy; nullopt when the script gives none (not a subsidy).
    Result<std::optional<FundCoding>> forFund(const std::string& code, const std::string& name,
                                              const std::string& grantor, const std::string& type,
                                              bool investment);
    /// The default account of a cost category; nullopt when the category has none.
    Result<std::optional<std::string>> accountForCategory(const std::string& category);
    std::vector<rules::TestOutcome> runTests() { return m_package->runTests(); }

  private:
    explicit DefaultCoding(std::unique_ptr<rules::ScriptPackage> p) : m_package(std::move(p)) {}
    std::unique_ptr<rules::ScriptPackage> m_package;
};

/// What linking a project to an actie changed.
struct LinkSummary {
    std::int64_t costItems = 0;
    std::int64_t awards = 0;
    std::vector<std::string> notes;
};

/// Codes every cost item and granted award of `project` to the actie `actionCode` of the plan
/// (government, period): the beleidsveld given, accounts from the cost items' own coding or
/// the script's category default, award accounts and ESC from the fund rules. Existing
/// accounts are kept unless `overwrite`. One ChangeSet.
Result<LinkSummary> linkProject(Workspace& ws, DefaultCoding& coding, const std::string& project,
                                const std::string& government, const std::string& period,
                                const std::string& actionCode, const std::string& policyField,
                                bool overwrite);

/// Links an external reporting code to an actie (kk_action_external_code).
Status linkActionCode(Workspace& ws, const std::string& government, const std::string& period,
                      const std::string& actionCode, const std::string& externalCode);

/// Sets an expense's own BBC coding (when it differs from its cost item's).
Status codeExpense(Workspace& ws, const std::string& expense, const std::string& account,
                   const std::string& policyField, const std::string& sectorCode);

}  // namespace kk::bbc
