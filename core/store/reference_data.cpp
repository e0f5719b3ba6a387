// Reference data loading: municipalities, classification flags, mergers.
#include "core/store/reference_data.h"

#include <filesystem>
#include <fstream>
#include <map>

#include "core/base/csv.h"
#include "core/base/date.h"
#include "core/store/workspace.h"

namespace kk {
namespace {

/// Copies a CSV file into a table, column by column by header name. Date columns are checked.
int loadTable(Workspace& ws, const std::string& path, const std::string& table,
              const std::vector<std::pair<std::string, std::string>>& columnMap,
              const std::vector<std::string>& dateColumns) {
    std::ifstream in(path);
    if (!in)
        throw KkError(makeError("refdata.missing", "cannot read the reference file", path,
                                "reinstall Koppelkans or set KK_DATA_DIR"));
    CsvReader csv(in, path, ',');
    std::vector<std::string> header;
    if (!csv.next(header))
        throw KkError(makeError("refdata.empty", "the file is empty", path));
    std::vector<int> index;
    for (const auto& [csvCol, dbCol] : columnMap) {
        const auto it = std::find(header.begin(), header.end(), csvCol);
        if (it == header.end())
            throw KkError(makeError("refdata.column", "column '" + csvCol + "' is missing", path,
                                    "the file must have the documented header"));
        index.push_back(static_cast<int>(it - header.begin()));
    }
    std::string sqlText = "INSERT INTO " + table + " (";
    std::string marks;
    for (std::size_t i = 0; i < columnMap.size(); ++i) {
        sqlText += (i ? "," : "") + columnMap[i].second;
        marks += i ? ",?" : "?";
    }
    sqlText += ") VALUES (" + marks + ")";
    auto st = ws.db().prepare(sqlText);
    std::vector<std::string> row;
    int n = 0;
    while (csv.next(row)) {
        for (std::size_t i = 0; i < columnMap.size(); ++i) {
            const auto k = static_cast<std::size_t>(index[i]);
            const std::string value = k < row.size() ? row[k] : std::string();
            const auto& db = columnMap[i].second;
            if (std::find(dateColumns.begin(), dateColumns.end(), db) != dateColumns.end()) {
                if (value.empty()) {
                    st.bindNull(static_cast<int>(i + 1));
                    continue;
                }
                auto d = Date::parse(value);
                if (!d)
                    throw KkError(makeError("refdata.bad_date", d.error().what,
                                            path + ", line " + std::to_string(csv.line()) +
                                                ", column " + columnMap[i].first));
            }
            st.bind(static_cast<int>(i + 1), value);
        }
        st.run();
        ++n;
    }
    return n;
}

}  // namespace

Result<ReferenceLoadReport> loadReferenceData(Workspace& ws, const std::string& dataDir) {
    namespace fs = std::filesystem;
    const fs::path dir = fs::path(dataDir) / "reference";
    ReferenceLoadReport report;
    try {
        sql::Savepoint sp(ws.db(), "kk_refdata");
        ws.db().exec(
            "DELETE FROM kk_municipality; DELETE FROM kk_municipality_class; "
            "DELETE FROM kk_municipality_merger;");
        report.municipalities =
            loadTable(ws, (dir / "municipalities.csv").string(), "kk_municipality",
                      {{"nis_code", "nis_code"},
                       {"name_nl", "name"},
                       {"province", "province"},
                       {"arrondissement", "arrondissement"},
                       {"valid_from", "valid_from"},
                       {"valid_to", "valid_to"},
                       {"source", "source"},
                       {"confidence", "confidence"},
                       {"note", "note"}},
                      {"valid_from", "valid_to"});
        report.classes =
            loadTable(ws, (dir / "municipality_classes.csv").string(), "kk_municipality_class",
                      {{"nis_code", "nis_code"},
                       {"class", "class"},
                       {"valid_from", "valid_from"},
                       {"valid_to", "valid_to"},
                       {"source", "source"},
                       {"confidence", "confidence"}},
                      {"valid_from", "valid_to"});
        report.mergers =
            loadTable(ws, (dir / "municipality_mergers.csv").string(), "kk_municipality_merger",
                      {{"old_nis_code", "old_nis_code"},
                       {"new_nis_code", "new_nis_code"},
                       {"effective_date", "effective_date"},
                       {"source", "source"},
                       {"confidence", "confidence"}},
                      {"effective_date"});
        auto meta = ws.db().prepare("INSERT OR REPLACE INTO kk_meta (key, value) VALUES (?, ?)");
        meta.bind(1, "reference_data_loaded").bind(2, Workspace::nowUtc()).run();
        sp.release();
    } catch (const KkError& e) {
        return e.error();
    }
    return report;
}

}  // namespace kk
