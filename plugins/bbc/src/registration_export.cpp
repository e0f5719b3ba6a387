// The registration export (see reports.h): one row per registration key with the summed
// amount, as CSV (plain, one header row) or XLSX (one sheet through core/report).
#include <filesystem>
#include <fstream>

#include "core/base/csv.h"
#include "core/report/writer.h"
#include "core/store/workspace.h"
#include "plugins/bbc/src/reports.h"

namespace kk::bbc {

const std::vector<std::string>& exportColumns() {
    static const std::vector<std::string> kColumns{
        "kbo",      "bestuur",  "planperiode", "soort", "boekjaar", "entiteit",
        "rekening", "richting", "beleidsveld", "esc",   "actie",    "investeringsproject",
        "bedrag",   "aantal"};
    return kColumns;
}

Result<std::int64_t> exportRegistrations(Workspace& ws, const std::string& path,
                                         const plugin::Options& options) {
    auto scope = loadScope(ws, options, false);
    if (!scope.ok())
        return scope.error();
    const ReportScope& sc = *scope;
    std::optional<int> year;
    if (auto it = options.find("year"); it != options.end() && !it->second.empty())
        year = std::stoi(it->second);
    std::optional<std::string> kind;
    if (auto it = options.find("kind"); it != options.end() && !it->second.empty()) {
        auto k = kindFromName(it->second);
        if (!k)
            return makeError("bbc.bad_kind",
                             "kind '" + it->second + "' is not budget or realisation", "--kind",
                             "use budget or realisation");
        kind = std::string(kindName(*k));
    }
    const std::string ext = std::filesystem::path(path).extension().string();
    if (ext != ".csv" && ext != ".xlsx")
        return makeError("bbc.bad_format", "the registration export writes .csv or .xlsx", path,
                         "name the file *.csv or *.xlsx");
    // The GROUP BY runs in SQLite: the export is one pass over the plan's index.
    std::string sql =
        "SELECT r.kind, r.fiscal_year, r.entity, r.account, r.direction, r.policy_field, "
        "r.sector_code, coalesce(a.code, ''), r.investment_project, sum(r.amount), count(*) FROM "
        "bbc_registration r LEFT JOIN kk_action a ON a.id = r.action_id WHERE r.plan_id = ?1 AND "
        "(?2 IS NULL OR r.fiscal_year = ?2) AND (?3 IS NULL OR r.kind = ?3)";
    if (sc.filter.subsidisedOnly || !sc.filter.externalCode.empty())
        sql +=
            " AND r.action_id IN (SELECT ac.action_id FROM kk_action_external_code ac JOIN "
            "kk_external_code c ON c.id = ac.code_id WHERE ?4 = '' OR c.code = ?4)";
    sql +=
        " GROUP BY r.kind, r.fiscal_year, r.entity, r.account, r.direction, r.policy_field, "
        "r.sector_code, r.action_id, r.investment_project ORDER BY r.kind, r.fiscal_year, "
        "r.entity, r.account, r.direction, r.policy_field, r.sector_code, 8, r.investment_project";
    auto st = ws.db().prepare(sql);
    std::int64_t rows = 0;
    auto each = [&](auto&& emit) {
        for (const Plan& plan : sc.plans) {
            st.reset();
            st.bind(1, plan.id);
            year ? (void)st.bind(2, std::int64_t{*year}) : (void)st.bindNull(2);
            kind ? (void)st.bind(3, *kind) : (void)st.bindNull(3);
            if (sc.filter.subsidisedOnly || !sc.filter.externalCode.empty())
                st.bind(4, sc.filter.externalCode);
            while (st.step()) {
                emit(plan, st);
                ++rows;
            }
        }
    };
    if (ext == ".csv") {
        const std::string tmp = path + ".part";
        {
            std::ofstream out(tmp, std::ios::binary);
            if (!out)
                return makeError("bbc.write", "cannot write the file", path, "check the folder");
            CsvWriter w(out);
            w.write(exportColumns());
            std::vector<std::string> f(exportColumns().size());
            each([&](const Plan& plan, sql::Statement& s) {
                f[0] = plan.kbo;
                f[1] = plan.governmentName;
                f[2] = plan.period;
                for (int i = 0; i < 9; ++i)
                    f[3 + i] = s.getText(i);
                f[12] = Money::fromCents(s.getInt(9)).toString();
                f[13] = std::to_string(s.getInt(10));
                w.write(f);
            });
            if (!out.flush())
                return makeError("bbc.write", "writing failed", path, "check the disk space");
        }
        std::filesystem::rename(tmp, path);
        return rows;
    }
    report::Report r;
    r.title = "BBC registraties";
    r.subtitle = sc.description;
    auto& t = r.addSection("Registraties").addTable("Registraties", "bbc_registration");
    for (std::size_t i = 0; i < exportColumns().size(); ++i) {
        const std::string& c = exportColumns()[i];
        if (c == "boekjaar")
            t.year(c);
        else if (c == "bedrag")
            t.money(c, report::TotalKind::None);
        else if (c == "aantal")
            t.integer(c, {}, report::TotalKind::None);
        else
            t.text(c);
    }
    each([&](const Plan& plan, sql::Statement& s) {
        report::Row row{plan.kbo, plan.governmentName, plan.period, s.getText(0), s.getInt(1)};
        for (int i = 2; i < 9; ++i)
            row.emplace_back(s.getText(i));
        row.emplace_back(Money::fromCents(s.getInt(9)));
        row.emplace_back(s.getInt(10));
        t.addRow(std::move(row));
    });
    NoProgress progress;
    if (auto st2 = report::writeReport(r, path, progress); !st2.ok())
        return st2.error();
    return rows;
}

}  // namespace kk::bbc
