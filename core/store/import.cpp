// All-or-nothing import of entity tables, in one pass: each row is checked and, while the file
// is clean so far, written at once inside the import's change set. Duplicate keys are left to
// the tables' UNIQUE constraints on the way in; when one fires (or on a dry run, or when other
// rows are bad) the change set is rolled back and every duplicate is found and reported.
#include <algorithm>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "core/base/date.h"
#include "core/base/money.h"
#include "core/base/rate.h"
#include "core/model/enums.h"
#include "core/model/validation.h"
#include "core/store/changeset.h"
#include "core/store/exchange.h"
#include "core/store/exchange_specs.h"
#include "core/store/workspace.h"

namespace kk {
namespace {

using exchange::Col;
using exchange::Spec;

bool enumAccepts(const std::string& which, const std::string& v, std::string& allowed) {
    auto check = [&](auto tag) {
        using E = decltype(tag);
        allowed = allowedCodes<E>();
        return fromCode<E>(v).has_value();
    };
    if (which == "actor_kind")
        return check(ActorKind{});
    if (which == "fund_type")
        return check(FundType{});
    if (which == "rate_kind")
        return check(RateKind{});
    if (which == "member_role")
        return check(MemberRole{});
    if (which == "project_status")
        return check(ProjectStatus{});
    if (which == "award_status")
        return check(AwardStatus{});
    if (which == "cost_sharing_criterion")
        return check(CostSharingCriterion{});
    allowed.clear();
    return false;
}

std::unordered_map<std::string, std::int64_t> loadCodes(Workspace& ws, const std::string& table) {
    std::unordered_map<std::string, std::int64_t> out;
    // Table names come from the fixed specs, never from input.
    auto st = ws.db().prepare("SELECT code, id FROM " + table);
    while (st.step())
        out.emplace(st.getText(0), st.getInt(1));
    return out;
}

std::string refNoun(const std::string& table) {
    return table.substr(3);  // kk_project -> project
}

/// Column kinds as an enum: comparing kind strings for every cell of a 200,000-row import
/// showed up in profiles.
enum class ColKind {
    KBool,
    KCode,
    KDate,
    KEnum,
    KInt,
    KKbo,
    KList,
    KMoney,
    KNis,
    KNumber,
    KRate,
    KRef,
    KRefs,
    KText,
    KYear,
    KOther
};

ColKind colKind(const std::string& k) {
    if (k == "bool")
        return ColKind::KBool;
    if (k == "code")
        return ColKind::KCode;
    if (k == "date")
        return ColKind::KDate;
    if (k == "enum")
        return ColKind::KEnum;
    if (k == "int")
        return ColKind::KInt;
    if (k == "kbo")
        return ColKind::KKbo;
    if (k == "list")
        return ColKind::KList;
    if (k == "money")
        return ColKind::KMoney;
    if (k == "nis")
        return ColKind::KNis;
    if (k == "number")
        return ColKind::KNumber;
    if (k == "rate")
        return ColKind::KRate;
    if (k == "ref")
        return ColKind::KRef;
    if (k == "refs")
        return ColKind::KRefs;
    if (k == "text")
        return ColKind::KText;
    if (k == "year")
        return ColKind::KYear;
    return ColKind::KOther;
}

/// A row's natural key: the code, or "id|id[|text]" for composite keys (the spec's first
/// columns: references by id, other columns as stored).
struct RowKey {
    int line = 0;
    std::string key;
};

constexpr std::size_t kMaxErrors = 50;

struct LinedError {
    int line = 0;
    Error error;
};

/// Finds the duplicate keys among `keys` and against the table's existing rows. Runs after the
/// import's change set is rolled back, so the table holds only what was there before.
void findDuplicateKeys(Workspace& ws, const Spec& spec, const std::vector<RowKey>& keys,
                       const std::string& fileName, std::vector<LinedError>& out) {
    std::unordered_set<std::string> existing;
    const bool codeKey = spec.compositeKey.empty();
    std::string select = codeKey ? "code" : "";
    std::string column = codeKey ? spec.cols[0].name : "";
    for (std::size_t i = 0; !codeKey && i < spec.compositeKey.size(); ++i) {
        select += (i ? ", " : "") + spec.cols[i].db;
        column += (i ? "+" : "") + spec.compositeKey[i];
    }
    auto st = ws.db().prepare("SELECT " + select + " FROM " + spec.table);
    while (st.step()) {
        std::string k;
        for (int i = 0; i < st.columnCount(); ++i)
            k += (i ? "|" : "") + st.getText(i);  // integers read back as their digits
        existing.insert(k);
    }
    std::unordered_set<std::string> seen;
    for (const RowKey& k : keys) {
        if (out.size() >= kMaxErrors)
            break;
        const std::string where =
            fileName + ", row " + std::to_string(k.line) + ", column " + column;
        if (existing.count(k.key))
            out.push_back({k.line, makeError("import.bad_value",
                                             codeKey ? "duplicate key '" + k.key +
                                                           "': it already exists in the workspace"
                                                     : "duplicate key: this combination already "
                                                       "exists in the workspace",
                                             where,
                                             codeKey ? "use a new code, or leave the row out"
                                                     : "leave the row out or change it")});
        else if (!seen.insert(k.key).second)
            out.push_back({k.line, makeError("import.bad_value",
                                             codeKey ? "duplicate key '" + k.key + "' in this file"
                                                     : "duplicate key: this combination appears "
                                                       "twice in this file",
                                             where,
                                             codeKey ? "every row needs its own code"
                                                     : "keep one of the rows")});
    }
}

/// Checks and converts the cells of one row. Knows the references and municipalities of the
/// workspace; reports bad cells through `addError`.
class RowParser {
  public:
    using CodeMap = std::unordered_map<std::string, std::int64_t>;
    using AddError = std::function<void(int line, const std::string& column,
                                        const std::string& what, const std::string& hint)>;

    RowParser(Workspace& ws, const Spec& spec, std::vector<int> colIndex, AddError addError)
        : m_spec(spec), m_colIndex(std::move(colIndex)), m_addError(std::move(addError)) {
        for (const Col& c : spec.cols) {
            m_kinds.push_back(colKind(c.kind));
            if ((c.kind == "ref" || c.kind == "refs") && !m_refs.count(c.ref))
                m_refs.emplace(c.ref, loadCodes(ws, c.ref));
        }
        // Per column, so a cell costs one lookup (of its code), not two.
        for (const Col& c : spec.cols)
            m_refOf.push_back(m_refs.count(c.ref) ? &m_refs.at(c.ref) : nullptr);
        auto st = ws.db().prepare("SELECT DISTINCT nis_code FROM kk_municipality");
        while (st.step())
            m_knownNis.insert(st.getText(0));
    }

    /// Fills `values` (table columns in spec order), `refsIds` and `key` from `cells`.
    void parse(const std::vector<std::string>& cells, int line, std::vector<sql::Value>& values,
               std::vector<std::int64_t>& refsIds, std::string& key) {
        values.clear();
        refsIds.clear();
        key.clear();
        const bool codeKey = m_spec.compositeKey.empty();
        for (std::size_t i = 0; i < m_spec.cols.size(); ++i) {
            const Col& c = m_spec.cols[i];
            const int at = m_colIndex[i];
            std::string_view v = at >= 0 && static_cast<std::size_t>(at) < cells.size()
                                     ? std::string_view(cells[static_cast<std::size_t>(at)])
                                     : std::string_view();
            while (!v.empty() && (v.back() == ' ' || v.back() == '\r'))
                v.remove_suffix(1);
            while (!v.empty() && v.front() == ' ')
                v.remove_prefix(1);
            sql::Value value = cell(c, m_kinds[i], m_refOf[i], std::string(v), line, refsIds);
            if (codeKey && m_kinds[i] == ColKind::KCode)
                key = v;
            if (!c.db.empty())
                values.push_back(std::move(value));
            if (!codeKey && i < m_spec.compositeKey.size()) {
                const auto* id = std::get_if<std::int64_t>(&values.back());
                const auto* text = std::get_if<std::string>(&values.back());
                key += (i ? "|" : "") + (id     ? std::to_string(*id)
                                         : text ? *text
                                                : std::string("?"));
            }
        }
        if (!codeKey && key.find('?') != std::string::npos)
            key.clear();  // a bad reference, reported already
    }

  private:
    sql::Value cell(const Col& c, ColKind kind, const CodeMap* refs, const std::string& v, int line,
                    std::vector<std::int64_t>& refsIds) {
        auto addError = [&](const std::string& what, const std::string& hint) {
            m_addError(line, c.name, what, hint);
        };
        if (v.empty()) {
            if (c.required)
                addError(c.name + " is empty", "fill it in");
            if (kind == ColKind::KText || kind == ColKind::KList)
                return std::string();
            if (kind == ColKind::KBool)
                return std::int64_t{1};
            if (kind == ColKind::KInt)
                return std::int64_t{100};
            if (kind == ColKind::KMoney && c.db == "vat")
                return std::int64_t{0};
            return std::monostate{};
        }
        switch (kind) {
            case ColKind::KText:
            case ColKind::KList:
            case ColKind::KCode:
                return v;
            case ColKind::KInt:
            case ColKind::KYear: {
                std::size_t pos = 0;
                long long n = 0;
                bool okNum = true;
                try {
                    n = std::stoll(v, &pos);
                } catch (const std::exception&) {
                    okNum = false;
                }
                if (!okNum || pos != v.size())
                    addError("'" + v + "' is not a whole number", "write digits only");
                else if (kind == ColKind::KYear && (n < 1990 || n > 2100))
                    addError("year " + v + " is out of range", "use 1990–2100");
                return static_cast<std::int64_t>(n);
            }
            case ColKind::KMoney: {
                auto m = Money::parse(v);
                if (!m)
                    addError(m.error().what, m.error().hint);
                else if (m.value().isNegative())
                    addError("amount " + v + " is negative", "amounts must be zero or more");
                else
                    return m.value().cents();
                return std::monostate{};
            }
            case ColKind::KDate: {
                auto d = Date::parse(v);
                if (!d) {
                    addError(d.error().what, d.error().hint);
                    return std::monostate{};
                }
                return d.value().toString();
            }
            case ColKind::KRate: {
                auto r = Rate::parse(v);
                if (!r)
                    addError(r.error().what, r.error().hint);
                else if (r.value().isNegative() || r.value() > Rate::one())
                    addError("rate " + v + " is outside 0–100 %", "a rate is at most 100 %");
                else
                    return r.value().toString();
                return std::monostate{};
            }
            case ColKind::KNumber: {
                // Key inputs: inhabitants, points, euros per inhabitant; exact, zero or more.
                auto r = Rate::parse(v);
                if (!r)
                    addError("'" + v + "' is not a number", "write e.g. 12500, 12.5 or 1/3");
                else if (r.value().isNegative())
                    addError("number " + v + " is negative", "write zero or more");
                else
                    return r.value().toString();
                return std::monostate{};
            }
            case ColKind::KBool: {
                static const std::set<std::string> kYes{"1", "yes", "ja", "true", "y", "j"};
                static const std::set<std::string> kNo{"0", "no", "nee", "false", "n"};
                if (kYes.count(v))
                    return std::int64_t{1};
                if (kNo.count(v))
                    return std::int64_t{0};
                addError("'" + v + "' is not yes or no", "write yes or no");
                return std::monostate{};
            }
            case ColKind::KEnum: {
                std::string allowed;
                if (!enumAccepts(c.enumName, v, allowed))
                    addError("'" + v + "' is not a known " + c.name, "use one of: " + allowed);
                return v;
            }
            case ColKind::KKbo:
                if (auto s = validateKbo(v); !s)
                    addError(s.error().what, s.error().hint);
                return normaliseKbo(v);
            case ColKind::KNis:
                if (auto s = validateNisFormat(v); !s)
                    addError(s.error().what, s.error().hint);
                else if (!m_knownNis.count(v))
                    addError("unknown NIS code " + v + ": no such municipality",
                             "use a code from data/reference/municipalities.csv");
                return v;
            case ColKind::KRef: {
                const auto it = refs->find(v);
                if (it != refs->end())
                    return it->second;
                addError("no " + refNoun(c.ref) + " with code '" + v + "'",
                         "import the " + refNoun(c.ref) + " first or correct the code");
                return std::monostate{};
            }
            case ColKind::KRefs: {
                std::size_t start = 0;
                while (start <= v.size()) {
                    const auto end = v.find(';', start);
                    const std::string code =
                        v.substr(start, end == std::string::npos ? std::string::npos : end - start);
                    if (!code.empty()) {
                        const auto it = refs->find(code);
                        if (it == refs->end())
                            addError("no " + refNoun(c.ref) + " with code '" + code + "'",
                                     "import the " + refNoun(c.ref) + "s first");
                        else
                            refsIds.push_back(it->second);
                    }
                    if (end == std::string::npos)
                        break;
                    start = end + 1;
                }
                return std::monostate{};
            }
            case ColKind::KOther:
                break;
        }
        return std::monostate{};
    }

    const Spec& m_spec;
    std::vector<int> m_colIndex;
    AddError m_addError;
    std::vector<ColKind> m_kinds;
    std::unordered_map<std::string, CodeMap> m_refs;
    std::vector<const CodeMap*> m_refOf;  ///< per spec column: its table's codes, or nullptr
    std::set<std::string> m_knownNis;
};

/// Maps the file's header onto the spec's columns; refuses missing and unknown columns.
Result<std::vector<int>> mapHeader(const Spec& spec, const std::vector<std::string>& header,
                                   const std::string& fileName) {
    std::vector<int> colIndex(spec.cols.size(), -1);
    for (std::size_t i = 0; i < spec.cols.size(); ++i) {
        for (std::size_t h = 0; h < header.size(); ++h)
            if (header[h] == spec.cols[i].name)
                colIndex[i] = static_cast<int>(h);
        if (colIndex[i] < 0 && spec.cols[i].required)
            return makeError("import.missing_column",
                             "the required column '" + spec.cols[i].name + "' is missing",
                             fileName + ", row 1 (header)",
                             "see docs/cli.md for the column layout of " + spec.entity);
    }
    for (const std::string& h : header) {
        const bool known = std::any_of(spec.cols.begin(), spec.cols.end(),
                                       [&](const Col& c) { return c.name == h; });
        if (!known)
            return makeError("import.unknown_column", "unknown column '" + h + "'",
                             fileName + ", row 1 (header)",
                             "remove it or rename it; see docs/cli.md for " + spec.entity);
    }
    return colIndex;
}

}  // namespace

Result<ImportReport> importTable(Workspace& ws, const std::string& entity, TableSource& source,
                                 bool dryRun, Progress& progress) {
    const Spec* spec = exchange::findSpec(entity);
    if (!spec) {
        std::string all;
        for (const auto& e : exchangeEntities())
            all += (all.empty() ? "" : ", ") + e;
        return makeError("import.unknown_entity", "unknown entity '" + entity + "'", {},
                         "use one of: " + all);
    }
    ImportReport report;
    report.entity = entity;
    report.dryRun = dryRun;
    std::vector<LinedError> errors;
    auto addError = [&](int line, const std::string& column, const std::string& what,
                        const std::string& hint) {
        if (errors.size() < kMaxErrors)
            errors.push_back({line, makeError("import.bad_value", what,
                                              source.name() + ", row " + std::to_string(line) +
                                                  (column.empty() ? "" : ", column " + column),
                                              hint)});
    };
    const auto cancelled = [] {
        return makeError("cancelled", "the import was cancelled; nothing was written");
    };

    try {
        auto colIndex = mapHeader(*spec, source.header(), source.name());
        if (!colIndex)
            return colIndex.error();
        RowParser parser(ws, *spec, std::move(colIndex).value(), addError);

        std::vector<std::string> dbCols;
        for (const Col& c : spec->cols)
            if (!c.db.empty())
                dbCols.push_back(c.db);
        // The change set is open from the first row: a clean file is written as it is read.
        std::optional<ChangeSet> cs;
        std::optional<BulkInsert> bulk;
        if (!dryRun) {
            cs.emplace(ws, "Import " + entity + " from " + source.name());
            bulk.emplace(cs->bulkInsert(spec->table, dbCols));
        }
        std::optional<LinedError> insertFailure;
        std::vector<RowKey> keys;
        std::vector<std::pair<std::int64_t, std::vector<std::int64_t>>> assoc;
        std::vector<std::string> cells;
        std::vector<sql::Value> values;
        std::vector<std::int64_t> refsIds;
        std::string key;
        int line = 0;
        while (source.next(cells, line)) {
            ++report.rowsRead;
            if (report.rowsRead % 20000 == 0) {
                progress.step(report.rowsRead, 0, "reading rows");
                if (progress.cancelled())
                    return cancelled();
            }
            parser.parse(cells, line, values, refsIds, key);
            if (!key.empty())
                keys.push_back({line, key});
            if (!bulk || !errors.empty() || insertFailure)
                continue;
            try {
                const std::int64_t id = bulk->add(values);
                if (!refsIds.empty())
                    assoc.emplace_back(id, refsIds);
            } catch (const KkError& e) {
                insertFailure = LinedError{
                    line, makeError("import.rejected", e.error().what,
                                    source.name() + ", row " + std::to_string(line),
                                    "nothing was imported; correct the row and try again")};
            }
        }
        if (dryRun || !errors.empty() || insertFailure) {
            bulk.reset();
            if (cs)
                cs->rollback();
            std::vector<LinedError> duplicates;
            findDuplicateKeys(ws, *spec, keys, source.name(), duplicates);
            if (insertFailure && errors.empty() && duplicates.empty())
                return insertFailure->error;
            errors.insert(errors.end(), duplicates.begin(), duplicates.end());
            std::stable_sort(
                errors.begin(), errors.end(),
                [](const LinedError& a, const LinedError& b) { return a.line < b.line; });
            for (std::size_t i = 0; i < errors.size() && i < kMaxErrors; ++i)
                report.errors.push_back(errors[i].error);
            return report;
        }
        bulk->finish();
        for (const auto& [projectId, programmeIds] : assoc)
            for (auto pid : programmeIds)
                cs->insert("kk_project_programme",
                           Row().set("project_id", projectId).set("programme_id", pid));
        if (progress.cancelled())
            return cancelled();
        cs->setLabel("Import " + std::to_string(report.rowsRead) + " " + entity + " from " +
                     source.name());
        if (auto s = cs->commit(); !s)
            return s.error();
        report.rowsWritten = report.rowsRead;
        return report;
    } catch (const KkError& e) {
        return e.error();
    }
}

}  // namespace kk
