// All-or-nothing import and layout-faithful export of entity tables.
#include "core/store/exchange.h"

#include <fstream>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "core/base/csv.h"
#include "core/base/date.h"
#include "core/base/money.h"
#include "core/base/rate.h"
#include "core/model/enums.h"
#include "core/model/validation.h"
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

class CsvSource final : public TableSource {
  public:
    explicit CsvSource(const std::string& path) : m_name(path), m_in(path) {
        if (!m_in)
            throw KkError(makeError("import.unreadable", "cannot open the file", path,
                                    "check the path and permissions"));
        m_csv = std::make_unique<CsvReader>(m_in, path);
    }
    const std::string& name() const override { return m_name; }
    std::vector<std::string> header() override {
        std::vector<std::string> h;
        if (!m_csv->next(h))
            return {};
        for (auto& c : h) {
            while (!c.empty() && (c.back() == ' ' || c.back() == '\t'))
                c.pop_back();
            while (!c.empty() && (c.front() == ' ' || c.front() == '\t'))
                c.erase(0, 1);
        }
        return h;
    }
    bool next(std::vector<std::string>& row, int& line) override {
        if (!m_csv->next(row))
            return false;
        line = m_csv->line();
        return true;
    }

  private:
    std::string m_name;
    std::ifstream m_in;
    std::unique_ptr<CsvReader> m_csv;
};

class CsvSink final : public TableSink {
  public:
    explicit CsvSink(const std::string& path) : m_path(path), m_tmp(path + ".part"), m_out(m_tmp) {
        if (!m_out)
            throw KkError(makeError("export.unwritable", "cannot write the file", path,
                                    "check that the folder exists and is writable"));
        m_writer = std::make_unique<CsvWriter>(m_out);
    }
    ~CsvSink() override {
        if (!m_done) {
            m_out.close();
            std::remove(m_tmp.c_str());
        }
    }
    void header(const std::vector<std::string>& c) override { m_writer->write(c); }
    void row(const std::vector<std::string>& v) override { m_writer->write(v); }
    Status finish() override {
        m_out.close();
        if (!m_out || std::rename(m_tmp.c_str(), m_path.c_str()) != 0)
            return makeError("export.unwritable", "cannot finish writing the file", m_path);
        m_done = true;
        return {};
    }

  private:
    std::string m_path;
    std::string m_tmp;
    std::ofstream m_out;
    std::unique_ptr<CsvWriter> m_writer;
    bool m_done = false;
};

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

struct Parsed {
    int line = 0;
    std::vector<sql::Value> values;     // for the table columns, in spec order (db != "")
    std::vector<std::int64_t> refsIds;  // for the refs column (programmes)
};

}  // namespace

std::unique_ptr<TableSource> openCsvSource(const std::string& path) {
    return std::make_unique<CsvSource>(path);
}
std::unique_ptr<TableSink> openCsvSink(const std::string& path) {
    return std::make_unique<CsvSink>(path);
}

std::vector<std::string> exchangeEntities() {
    std::vector<std::string> out;
    for (const Spec& s : exchange::specs())
        out.push_back(s.entity);
    return out;
}

Result<std::vector<ExchangeColumn>> exchangeColumns(const std::string& entity) {
    const Spec* spec = exchange::findSpec(entity);
    if (!spec)
        return makeError("exchange.unknown_entity", "unknown entity '" + entity + "'");
    std::vector<ExchangeColumn> out;
    for (const Col& c : spec->cols)
        out.push_back({c.name, c.kind, c.required, c.description});
    return out;
}

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
    constexpr std::size_t kMaxErrors = 50;
    auto addError = [&](int line, const std::string& column, const std::string& what,
                        const std::string& hint) {
        if (report.errors.size() < kMaxErrors)
            report.errors.push_back(makeError("import.bad_value", what,
                                              source.name() + ", row " + std::to_string(line) +
                                                  (column.empty() ? "" : ", column " + column),
                                              hint));
    };

    try {
        const std::vector<std::string> header = source.header();
        std::vector<int> colIndex(spec->cols.size(), -1);
        for (std::size_t i = 0; i < spec->cols.size(); ++i) {
            for (std::size_t h = 0; h < header.size(); ++h)
                if (header[h] == spec->cols[i].name)
                    colIndex[i] = static_cast<int>(h);
            if (colIndex[i] < 0 && spec->cols[i].required)
                return makeError("import.missing_column",
                                 "the required column '" + spec->cols[i].name + "' is missing",
                                 source.name() + ", row 1 (header)",
                                 "see docs/cli.md for the column layout of " + entity);
        }
        for (std::size_t h = 0; h < header.size(); ++h) {
            bool known = false;
            for (const Col& c : spec->cols)
                known = known || c.name == header[h];
            if (!known)
                return makeError("import.unknown_column", "unknown column '" + header[h] + "'",
                                 source.name() + ", row 1 (header)",
                                 "remove it or rename it; see docs/cli.md for " + entity);
        }

        std::unordered_map<std::string, std::unordered_map<std::string, std::int64_t>> refs;
        for (const Col& c : spec->cols)
            if ((c.kind == "ref" || c.kind == "refs") && !refs.count(c.ref))
                refs.emplace(c.ref, loadCodes(ws, c.ref));
        std::unordered_set<std::string> existingKeys;
        std::unordered_set<std::string> seenKeys;
        const bool codeKey = spec->compositeKey.empty();
        if (codeKey) {
            // Sized up front: rehashing a set of 200,000 codes showed up in profiles.
            existingKeys.reserve(static_cast<std::size_t>(
                ws.db().scalarInt("SELECT count(*) FROM " + spec->table) + 1024));
            seenKeys.reserve(existingKeys.bucket_count());
            auto st = ws.db().prepare("SELECT code FROM " + spec->table);
            while (st.step())
                existingKeys.insert(st.getText(0));
        } else {
            // Composite keys are stored as ids; compare on "id|id".
            auto st = ws.db().prepare("SELECT " + spec->cols[0].db + ", " + spec->cols[1].db +
                                      " FROM " + spec->table);
            while (st.step())
                existingKeys.insert(std::to_string(st.getInt(0)) + "|" +
                                    std::to_string(st.getInt(1)));
        }
        std::set<std::string> knownNis;
        {
            auto st = ws.db().prepare("SELECT DISTINCT nis_code FROM kk_municipality");
            while (st.step())
                knownNis.insert(st.getText(0));
        }

        std::vector<ColKind> kinds;
        for (const Col& c : spec->cols)
            kinds.push_back(colKind(c.kind));
        std::vector<Parsed> rows;
        std::vector<std::string> cells;
        int line = 0;
        while (source.next(cells, line)) {
            ++report.rowsRead;
            if (report.rowsRead % 20000 == 0) {
                progress.step(report.rowsRead, 0, "checking rows");
                if (progress.cancelled())
                    return makeError("cancelled", "the import was cancelled; nothing was written");
            }
            Parsed p;
            p.line = line;
            p.values.reserve(spec->cols.size());
            std::string compositeKey;
            for (std::size_t i = 0; i < spec->cols.size(); ++i) {
                const Col& c = spec->cols[i];
                std::string v =
                    colIndex[i] >= 0 && static_cast<std::size_t>(colIndex[i]) < cells.size()
                        ? cells[static_cast<std::size_t>(colIndex[i])]
                        : std::string();
                while (!v.empty() && (v.back() == ' ' || v.back() == '\r'))
                    v.pop_back();
                while (!v.empty() && v.front() == ' ')
                    v.erase(0, 1);
                sql::Value value = std::monostate{};
                if (v.empty()) {
                    if (c.required)
                        addError(line, c.name, c.name + " is empty", "fill it in");
                    if (kinds[i] == ColKind::KText || kinds[i] == ColKind::KList)
                        value = std::string();
                    if (kinds[i] == ColKind::KBool)
                        value = std::int64_t{1};
                    if (kinds[i] == ColKind::KInt)
                        value = std::int64_t{100};
                    if (kinds[i] == ColKind::KMoney && c.db == "vat")
                        value = std::int64_t{0};
                } else if (kinds[i] == ColKind::KText || kinds[i] == ColKind::KList) {
                    value = v;
                } else if (kinds[i] == ColKind::KCode) {
                    if (existingKeys.count(v))
                        addError(line, c.name,
                                 "duplicate key '" + v + "': it already exists in the workspace",
                                 "use a new code, or leave the row out");
                    else if (!seenKeys.insert(v).second)
                        addError(line, c.name, "duplicate key '" + v + "' in this file",
                                 "every row needs its own code");
                    value = v;
                } else if (kinds[i] == ColKind::KInt || kinds[i] == ColKind::KYear) {
                    std::size_t pos = 0;
                    long long n = 0;
                    bool okNum = true;
                    try {
                        n = std::stoll(v, &pos);
                    } catch (const std::exception&) {
                        okNum = false;
                    }
                    if (!okNum || pos != v.size()) {
                        addError(line, c.name, "'" + v + "' is not a whole number",
                                 "write digits only");
                    } else if (kinds[i] == ColKind::KYear && (n < 1990 || n > 2100)) {
                        addError(line, c.name, "year " + v + " is out of range", "use 1990–2100");
                    }
                    value = static_cast<std::int64_t>(n);
                } else if (kinds[i] == ColKind::KMoney) {
                    auto m = Money::parse(v);
                    if (!m)
                        addError(line, c.name, m.error().what, m.error().hint);
                    else if (m.value().isNegative())
                        addError(line, c.name, "amount " + v + " is negative",
                                 "amounts must be zero or more");
                    else
                        value = m.value().cents();
                } else if (kinds[i] == ColKind::KDate) {
                    auto d = Date::parse(v);
                    if (!d)
                        addError(line, c.name, d.error().what, d.error().hint);
                    else
                        value = d.value().toString();
                } else if (kinds[i] == ColKind::KRate) {
                    auto r = Rate::parse(v);
                    if (!r)
                        addError(line, c.name, r.error().what, r.error().hint);
                    else if (r.value().isNegative() || r.value() > Rate::one())
                        addError(line, c.name, "rate " + v + " is outside 0–100 %",
                                 "a rate is at most 100 %");
                    else
                        value = r.value().toString();
                } else if (kinds[i] == ColKind::KBool) {
                    static const std::set<std::string> kYes{"1", "yes", "ja", "true", "y", "j"};
                    static const std::set<std::string> kNo{"0", "no", "nee", "false", "n"};
                    if (kYes.count(v))
                        value = std::int64_t{1};
                    else if (kNo.count(v))
                        value = std::int64_t{0};
                    else
                        addError(line, c.name, "'" + v + "' is not yes or no", "write yes or no");
                } else if (kinds[i] == ColKind::KEnum) {
                    std::string allowed;
                    if (!enumAccepts(c.enumName, v, allowed))
                        addError(line, c.name, "'" + v + "' is not a known " + c.name,
                                 "use one of: " + allowed);
                    value = v;
                } else if (kinds[i] == ColKind::KKbo) {
                    if (auto s = validateKbo(v); !s)
                        addError(line, c.name, s.error().what, s.error().hint);
                    value = normaliseKbo(v);
                } else if (kinds[i] == ColKind::KNis) {
                    if (auto s = validateNisFormat(v); !s)
                        addError(line, c.name, s.error().what, s.error().hint);
                    else if (!knownNis.count(v))
                        addError(line, c.name, "unknown NIS code " + v + ": no such municipality",
                                 "use a code from data/reference/municipalities.csv");
                    value = v;
                } else if (kinds[i] == ColKind::KRef) {
                    const auto& map = refs[c.ref];
                    const auto it = map.find(v);
                    if (it == map.end())
                        addError(line, c.name, "no " + refNoun(c.ref) + " with code '" + v + "'",
                                 "import the " + refNoun(c.ref) + " first or correct the code");
                    else
                        value = it->second;
                } else if (kinds[i] == ColKind::KRefs) {
                    std::size_t start = 0;
                    while (start <= v.size()) {
                        auto end = v.find(';', start);
                        std::string code = v.substr(
                            start, end == std::string::npos ? std::string::npos : end - start);
                        if (!code.empty()) {
                            const auto it = refs[c.ref].find(code);
                            if (it == refs[c.ref].end())
                                addError(line, c.name,
                                         "no " + refNoun(c.ref) + " with code '" + code + "'",
                                         "import the " + refNoun(c.ref) + "s first");
                            else
                                p.refsIds.push_back(it->second);
                        }
                        if (end == std::string::npos)
                            break;
                        start = end + 1;
                    }
                }
                if (!c.db.empty())
                    p.values.push_back(std::move(value));
                if (!codeKey && i < 2) {
                    const auto* id = std::get_if<std::int64_t>(&p.values.back());
                    compositeKey += (i ? "|" : "") + (id ? std::to_string(*id) : std::string("?"));
                }
            }
            if (!codeKey && compositeKey.find('?') == std::string::npos) {
                if (existingKeys.count(compositeKey))
                    addError(line, spec->compositeKey[0] + "+" + spec->compositeKey[1],
                             "duplicate key: this combination already exists in the workspace",
                             "leave the row out or change it");
                else if (!seenKeys.insert(compositeKey).second)
                    addError(line, spec->compositeKey[0] + "+" + spec->compositeKey[1],
                             "duplicate key: this combination appears twice in this file",
                             "keep one of the rows");
            }
            rows.push_back(std::move(p));
        }
        if (!report.errors.empty() || dryRun)
            return report;

        std::vector<std::string> dbCols;
        for (const Col& c : spec->cols)
            if (!c.db.empty())
                dbCols.push_back(c.db);
        ChangeSet cs(
            ws, "Import " + std::to_string(rows.size()) + " " + entity + " from " + source.name());
        {
            auto bulk = cs.bulkInsert(spec->table, dbCols);
            std::vector<std::pair<std::int64_t, std::vector<std::int64_t>>> assoc;
            for (std::size_t r = 0; r < rows.size(); ++r) {
                std::int64_t id = 0;
                try {
                    id = bulk.add(rows[r].values);
                } catch (const KkError& e) {
                    return makeError("import.rejected", e.error().what,
                                     source.name() + ", row " + std::to_string(rows[r].line),
                                     "nothing was imported; correct the row and try again");
                }
                if (!rows[r].refsIds.empty())
                    assoc.emplace_back(id, rows[r].refsIds);
                if ((r + 1) % 20000 == 0) {
                    progress.step(static_cast<std::int64_t>(r + 1),
                                  static_cast<std::int64_t>(rows.size()), "writing rows");
                    if (progress.cancelled())
                        return makeError("cancelled",
                                         "the import was cancelled; nothing was written");
                }
            }
            bulk.finish();
            for (const auto& [projectId, programmeIds] : assoc)
                for (auto pid : programmeIds)
                    cs.insert("kk_project_programme",
                              Row().set("project_id", projectId).set("programme_id", pid));
        }
        if (auto s = cs.commit(); !s)
            return s.error();
        report.rowsWritten = static_cast<std::int64_t>(rows.size());
        return report;
    } catch (const KkError& e) {
        return e.error();
    }
}

Result<std::int64_t> exportTable(Workspace& ws, const std::string& entity, TableSink& sink) {
    const Spec* spec = exchange::findSpec(entity);
    if (!spec)
        return makeError("export.unknown_entity", "unknown entity '" + entity + "'");
    try {
        std::string sqlText = "SELECT ";
        std::vector<std::string> names;
        for (std::size_t i = 0; i < spec->cols.size(); ++i) {
            const Col& c = spec->cols[i];
            names.push_back(c.name);
            std::string expr;
            if (c.kind == "ref")
                expr = "(SELECT code FROM " + c.ref + " r WHERE r.id = t." + c.db + ")";
            else if (c.kind == "refs")
                expr =
                    "(SELECT group_concat(code, ';') FROM (SELECT g.code FROM "
                    "kk_project_programme pp JOIN kk_programme g ON g.id = pp.programme_id "
                    "WHERE pp.project_id = t.id ORDER BY g.code))";
            else
                expr = "t." + c.db;
            sqlText += (i ? ", " : "") + expr;
        }
        sqlText += " FROM " + spec->table + " t ORDER BY t.id";
        sink.header(names);
        auto st = ws.db().prepare(sqlText);
        std::int64_t n = 0;
        std::vector<std::string> values(spec->cols.size());
        while (st.step()) {
            for (std::size_t i = 0; i < spec->cols.size(); ++i) {
                const int col = static_cast<int>(i);
                if (st.isNull(col)) {
                    values[i].clear();
                } else if (spec->cols[i].kind == "money") {
                    values[i] = Money::fromCents(st.getInt(col)).toString();
                } else if (spec->cols[i].kind == "bool") {
                    values[i] = st.getInt(col) ? "yes" : "no";
                } else {
                    values[i] = st.getText(col);
                }
            }
            sink.row(values);
            ++n;
        }
        if (auto s = sink.finish(); !s)
            return s.error();
        return n;
    } catch (const KkError& e) {
        return e.error();
    }
}

}  // namespace kk
