// The versioned BBC code lists (bbc-spec §1.6-1.8, §4.4): budgettaire algemene rekeningen with
// their section, side and T2 rubric, beleidsvelden and economische sectorcodes, read from the
// shipped CSV files (data/bbc/) or from the copy a workspace holds.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/base/error.h"

namespace kk {
class ChangeSet;
class Workspace;
}  // namespace kk

namespace kk::bbc {

/// The regime (and version) of a code list: BBC2014, BBC2020, BBC2026 (bbc-spec §1.1).
inline constexpr std::string_view kDefaultRegime = "BBC2020";

/// The three sections of the M/J schemas, plus the budgettaire resultaten 090/093.
enum class Section { Exploitatie, Investeringen, Financiering, BudgettairResultaat };
std::string_view sectionName(Section s);

/// One row of Appendix A (a single account or a range such as 7405/9).
struct AccountRow {
    int rowNo = 0;
    std::string sectionLabel;  ///< as in the list, e.g. "Facturering gemeente-OCMW"
    Section section = Section::Exploitatie;
    std::string side;  ///< "U", "O" or "U/O"
    std::string rubric;
    std::string rubricLabel;
    std::string code;  ///< as written: "7405/9"
    std::string first;
    std::string last;
    std::string description;
    std::string source;
    bool fits(char direction) const {
        return side == "U/O" || (side.size() == 1 && side[0] == direction);
    }
};

/// How a registration's account matched the list.
struct AccountFit {
    enum class Kind { Ok, WrongSide, Unknown } kind = Kind::Unknown;
    const AccountRow* row = nullptr;  ///< the matching row (Ok), or a row of the other side
};

/// Appendix A with the ranges expanded, looked up by longest prefix so that local extensions
/// (6143007) resolve to their budgettaire rekening (bbc-spec §1.6 "Range notation").
class AccountCatalog {
  public:
    void add(AccountRow row);
    /// Builds the expanded-code index; called by the loaders.
    void index();
    const std::vector<AccountRow>& rows() const { return m_rows; }
    /// The row whose expanded code is the longest prefix of `account` on `direction` ('U'/'O').
    AccountFit find(std::string_view account, char direction) const;
    /// Number of expanded (account code, list row) pairs: 557 for BBC2020, where 221 counts
    /// once as uitgave and once as ontvangst (docs/reference-data.md).
    std::size_t expandedCount() const;
    bool empty() const { return m_rows.empty(); }

  private:
    std::vector<AccountRow> m_rows;
    std::unordered_map<std::string, std::vector<std::size_t>> m_byCode;
    std::size_t m_longest = 0;
};

struct PolicyFieldRow {
    std::string code;
    std::string name;
    std::string domainCode;
    std::string domainLabel;
    std::string source;
};

/// All code lists of one regime.
struct CodeLists {
    std::string version{kDefaultRegime};
    AccountCatalog accounts;
    std::map<std::string, PolicyFieldRow, std::less<>> policyFields;
    std::map<std::string, std::string, std::less<>> sectorCodes;  ///< code -> label
    /// Whether a beleidsveld or beleidsitem (05301, 0701-00) starts with a known beleidsveld.
    bool knownPolicyField(std::string_view code) const;
};

/// The folder with accounts_bbc2020.csv etc.: `folder` when given, else dataDirectory()/bbc.
std::string codeListFolder(const std::string& folder = {});

/// Reads the shipped CSV files. Errors name the file, line and column.
Result<CodeLists> readCodeLists(const std::string& folder);

/// Writes the code lists into the workspace (replacing the same version) and the external
/// codes of external_codes.csv into kk_external_code + bbc_external_code_info.
struct CodeLoadSummary {
    std::int64_t accounts = 0;
    std::int64_t policyFields = 0;
    std::int64_t sectorCodes = 0;
    std::int64_t externalCodes = 0;
};
Result<CodeLoadSummary> loadCodeLists(ChangeSet& cs, const std::string& folder);

/// The code lists a workspace holds for `version`; an error says to run `bbc load-codes`.
Result<CodeLists> workspaceCodeLists(Workspace& ws, std::string_view version = kDefaultRegime);

}  // namespace kk::bbc
