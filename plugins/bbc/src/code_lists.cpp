// Loading and looking up the BBC code lists (see code_lists.h).
#include "plugins/bbc/src/code_lists.h"

#include <algorithm>
#include <filesystem>

#include "core/base/paths.h"
#include "core/plugin/data_table.h"
#include "core/store/changeset.h"
#include "core/store/workspace.h"

namespace kk::bbc {
namespace {

Result<Section> sectionFromLabel(const std::string& label, const std::string& where) {
    if (label == "Exploitatie" || label == "Facturering gemeente-OCMW" ||
        label == "Tussenkomst gemeente in OCMW")
        return Section::Exploitatie;  // 6190/7090 and 6941/7941 are exploitatie flows [D]
    if (label == "Investeringen")
        return Section::Investeringen;
    if (label == "Financiering")
        return Section::Financiering;
    if (label == "Budgettaire resultaten")
        return Section::BudgettairResultaat;
    return makeError("bbc.bad_section", "unknown section '" + label + "'", where,
                     "use Exploitatie, Investeringen, Financiering or Budgettaire resultaten");
}

}  // namespace

std::string_view sectionName(Section s) {
    switch (s) {
        case Section::Exploitatie:
            return "Exploitatie";
        case Section::Investeringen:
            return "Investeringen";
        case Section::Financiering:
            return "Financiering";
        case Section::BudgettairResultaat:
            return "Budgettaire resultaten";
    }
    return "?";
}

void AccountCatalog::add(AccountRow row) {
    m_rows.push_back(std::move(row));
}

void AccountCatalog::index() {
    m_byCode.clear();
    m_longest = 0;
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        const AccountRow& r = m_rows[i];
        const long first = std::stol(r.first);
        const long last = std::stol(r.last);
        for (long n = first; n <= last; ++n) {
            std::string code = std::to_string(n);
            // Codes keep their written width: 090 stays "090".
            if (code.size() < r.first.size())
                code.insert(0, r.first.size() - code.size(), '0');
            m_longest = std::max(m_longest, code.size());
            m_byCode[code].push_back(i);
        }
    }
}

std::size_t AccountCatalog::expandedCount() const {
    std::size_t n = 0;
    for (const auto& [code, rows] : m_byCode)
        n += rows.size();
    return n;
}

AccountFit AccountCatalog::find(std::string_view account, char direction) const {
    AccountFit other;
    for (std::size_t len = std::min(account.size(), m_longest); len >= 2; --len) {
        auto it = m_byCode.find(std::string(account.substr(0, len)));
        if (it == m_byCode.end())
            continue;
        for (std::size_t i : it->second)
            if (m_rows[i].fits(direction))
                return {AccountFit::Kind::Ok, &m_rows[i]};
        if (!other.row)
            other = {AccountFit::Kind::WrongSide, &m_rows[it->second.front()]};
    }
    return other;
}

bool CodeLists::knownPolicyField(std::string_view code) const {
    if (code.size() < 4)
        return false;
    return policyFields.find(code.substr(0, 4)) != policyFields.end();
}

std::string codeListFolder(const std::string& folder) {
    if (!folder.empty())
        return folder;
    return (std::filesystem::path(dataDirectory()) / "bbc").string();
}

Result<CodeLists> readCodeLists(const std::string& folder) {
    namespace fs = std::filesystem;
    CodeLists lists;
    try {
        auto accounts = plugin::DataTable::read(
            (fs::path(folder) / "accounts_bbc2020.csv").string(), "bbc: accounts_bbc2020.csv",
            {"row", "section", "side", "t2_rubric_code", "t2_rubric_label", "account_code",
             "range_first", "range_last", "description", "version"});
        if (!accounts.ok())
            return accounts.error();
        for (const auto& r : accounts->rows()) {
            AccountRow row;
            row.rowNo = static_cast<int>(r.integer("row"));
            row.sectionLabel = r.text("section");
            auto section = sectionFromLabel(row.sectionLabel, r.where("section"));
            if (!section.ok())
                return section.error();
            row.section = *section;
            row.side = r.text("side");
            if (row.side != "U" && row.side != "O" && row.side != "U/O")
                return makeError("bbc.bad_side", "side '" + row.side + "' is not U, O or U/O",
                                 r.where("side"), "correct the code list");
            row.rubric = r.text("t2_rubric_code");
            row.rubricLabel = r.text("t2_rubric_label");
            row.code = r.text("account_code");
            row.first = r.text("range_first");
            row.last = r.text("range_last");
            if (row.first.empty() || row.first.size() != row.last.size() ||
                row.first.find_first_not_of("0123456789") != std::string::npos ||
                row.last.find_first_not_of("0123456789") != std::string::npos ||
                row.first > row.last)
                return makeError(
                    "bbc.bad_range", "range '" + row.first + "'-'" + row.last + "' is not a range",
                    r.where("range_first"), "give two digit codes of equal length, first <= last");
            row.description = r.text("description");
            row.source = r.text("source");
            lists.version = r.text("version");
            lists.accounts.add(std::move(row));
        }
        lists.accounts.index();

        auto fields = plugin::DataTable::read(
            (fs::path(folder) / "policy_fields_bbc2020.csv").string(),
            "bbc: policy_fields_bbc2020.csv",
            {"domain_code", "domain_label", "policy_field_code", "policy_field_name"});
        if (!fields.ok())
            return fields.error();
        for (const auto& r : fields->rows()) {
            PolicyFieldRow f{r.text("policy_field_code"), r.text("policy_field_name"),
                             r.text("domain_code"), r.text("domain_label"), r.text("source")};
            if (f.code.size() != 4 || f.code.find_first_not_of("0123456789") != std::string::npos)
                return makeError("bbc.bad_policy_field",
                                 "beleidsveld '" + f.code + "' is not four digits",
                                 r.where("policy_field_code"), "correct the code list");
            lists.policyFields[f.code] = std::move(f);
        }

        auto sectors = plugin::DataTable::read((fs::path(folder) / "sector_codes.csv").string(),
                                               "bbc: sector_codes.csv", {"code", "label"});
        if (!sectors.ok())
            return sectors.error();
        for (const auto& r : sectors->rows())
            lists.sectorCodes[r.text("code")] = r.text("label");
    } catch (const KkError& e) {
        return e.error();
    }
    return lists;
}

Result<CodeLoadSummary> loadCodeLists(ChangeSet& cs, const std::string& folder) {
    namespace fs = std::filesystem;
    auto lists = readCodeLists(folder);
    if (!lists.ok())
        return lists.error();
    auto ext = plugin::DataTable::read(
        (fs::path(folder) / "external_codes.csv").string(), "bbc: external_codes.csv",
        {"code", "label", "issuer", "subsidy", "expected_account", "expected_policy_field",
         "expected_sector_code", "valid_from", "valid_to", "confidence"});
    if (!ext.ok())
        return ext.error();
    Workspace& ws = cs.workspace();
    const std::string& v = lists->version;
    CodeLoadSummary sum;
    // Replacing one version keeps the other regimes' lists (history, BBC 2026) untouched.
    for (const char* table : {"bbc_account", "bbc_policy_field", "bbc_sector_code"}) {
        auto st = ws.db().prepare(std::string("SELECT id FROM ") + table + " WHERE version = ?");
        st.bind(1, v);
        std::vector<std::int64_t> ids;
        while (st.step())
            ids.push_back(st.getInt(0));
        for (auto id : ids)
            cs.remove(table, id);
    }
    {
        auto bulk = cs.bulkInsert(
            "bbc_account", {"version", "row_no", "section", "side", "t2_rubric", "t2_label",
                            "account_code", "range_first", "range_last", "description", "source"});
        for (const auto& r : lists->accounts.rows()) {
            bulk.add({v, std::int64_t{r.rowNo}, r.sectionLabel, r.side, r.rubric, r.rubricLabel,
                      r.code, r.first, r.last, r.description, r.source});
            ++sum.accounts;
        }
    }
    {
        auto bulk = cs.bulkInsert("bbc_policy_field", {"version", "code", "name", "domain_code",
                                                       "domain_label", "source"});
        for (const auto& [code, f] : lists->policyFields) {
            bulk.add({v, f.code, f.name, f.domainCode, f.domainLabel, f.source});
            ++sum.policyFields;
        }
    }
    {
        auto bulk = cs.bulkInsert("bbc_sector_code", {"version", "code", "label", "source"});
        for (const auto& [code, label] : lists->sectorCodes) {
            bulk.add({v, code, label, std::string("data/bbc/sector_codes.csv")});
            ++sum.sectorCodes;
        }
    }
    for (const auto& r : ext->rows()) {
        const std::string code = r.text("code");
        auto find = ws.db().prepare("SELECT id FROM kk_external_code WHERE code = ?");
        find.bind(1, code);
        std::int64_t id = 0;
        Row row;
        row.set("name", r.text("label").empty() ? r.text("subsidy") : r.text("label"))
            .set("grantor", r.text("issuer"))
            .set("valid_from",
                 r.empty("valid_from") ? std::string("2020-01-01") : r.text("valid_from"))
            .set("valid_to", r.empty("valid_to") ? sql::Value{} : sql::Value{r.text("valid_to")});
        if (find.step()) {
            id = find.getInt(0);
            cs.update("kk_external_code", id, row);
        } else {
            row.set("code", code);
            id = cs.insert("kk_external_code", row);
        }
        Row info;
        info.set("version", v)
            .set("subsidy", r.text("subsidy"))
            .set("expected_account", r.text("expected_account"))
            .set("expected_policy_field", r.text("expected_policy_field"))
            .set("expected_sector_code", r.text("expected_sector_code"))
            .set("financial_link", std::int64_t{r.empty("expected_account") ? 0 : 1})
            .set("confidence", r.text("confidence"))
            .set("source", r.text("source"));
        if (ws.db().scalarInt("SELECT count(*) FROM bbc_external_code_info WHERE code_id = " +
                              std::to_string(id)) > 0) {
            cs.update("bbc_external_code_info", id, info);
        } else {
            info.set("code_id", id);
            cs.insert("bbc_external_code_info", info);
        }
        ++sum.externalCodes;
    }
    for (const auto& [list, file, n] :
         {std::tuple{"accounts", "accounts_bbc2020.csv", sum.accounts},
          std::tuple{"policy_fields", "policy_fields_bbc2020.csv", sum.policyFields},
          std::tuple{"sector_codes", "sector_codes.csv", sum.sectorCodes},
          std::tuple{"external_codes", "external_codes.csv", sum.externalCodes}}) {
        auto st = ws.db().prepare("SELECT rowid FROM bbc_code_list WHERE list = ? AND version = ?");
        st.bind(1, list).bind(2, v);
        Row meta;
        meta.set("file", (fs::path(folder) / file).string())
            .set("row_count", n)
            .set("loaded_at", Workspace::nowUtc());
        if (st.step()) {
            cs.update("bbc_code_list", st.getInt(0), meta);
        } else {
            meta.set("list", std::string(list)).set("version", v);
            cs.insert("bbc_code_list", meta);
        }
    }
    return sum;
}

Result<CodeLists> workspaceCodeLists(Workspace& ws, std::string_view version) {
    CodeLists lists;
    lists.version = std::string(version);
    auto st = ws.db().prepare(
        "SELECT row_no, section, side, t2_rubric, t2_label, account_code, range_first, "
        "range_last, description, source FROM bbc_account WHERE version = ? ORDER BY row_no");
    st.bind(1, version);
    while (st.step()) {
        AccountRow r;
        r.rowNo = static_cast<int>(st.getInt(0));
        r.sectionLabel = st.getText(1);
        auto section = sectionFromLabel(r.sectionLabel, "bbc_account row " + st.getText(0));
        if (!section.ok())
            return section.error();
        r.section = *section;
        r.side = st.getText(2);
        r.rubric = st.getText(3);
        r.rubricLabel = st.getText(4);
        r.code = st.getText(5);
        r.first = st.getText(6);
        r.last = st.getText(7);
        r.description = st.getText(8);
        r.source = st.getText(9);
        lists.accounts.add(std::move(r));
    }
    if (lists.accounts.empty())
        return makeError("bbc.no_code_lists",
                         "the workspace holds no BBC code lists for " + std::string(version),
                         ws.path(), "run `koppelkans-cli plugin bbc load-codes WORKSPACE` first");
    lists.accounts.index();
    auto pf = ws.db().prepare(
        "SELECT code, name, domain_code, domain_label, source FROM bbc_policy_field WHERE "
        "version = ?");
    pf.bind(1, version);
    while (pf.step())
        lists.policyFields[pf.getText(0)] = {pf.getText(0), pf.getText(1), pf.getText(2),
                                             pf.getText(3), pf.getText(4)};
    auto sc = ws.db().prepare("SELECT code, label FROM bbc_sector_code WHERE version = ?");
    sc.bind(1, version);
    while (sc.step())
        lists.sectorCodes[sc.getText(0)] = sc.getText(1);
    return lists;
}

}  // namespace kk::bbc
