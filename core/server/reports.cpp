// GET /api/v1/reports[/{id}]: report tables as JSON or CSV, other formats through the
// ReportRenderer hook (XLSX from core/report, plugged in by the integrator).
#include <algorithm>
#include <cctype>

#include "core/base/money.h"
#include "core/server/routes.h"

namespace kk::server {
namespace {

using nlohmann::json;
using Kind = ReportTable::Kind;

struct ReportDef {
    std::string_view id;
    std::string_view title;
    ReportTable (*build)(Workspace&);
};

ReportTable projectFundingReport(Workspace& ws) {
    ReportTable t{"project-funding", "Funding per project", {}, {}};
    t.columns = {{"code", Kind::Text},     {"name", Kind::Text},
                 {"status", Kind::Text},   {"cost_total", Kind::Money},
                 {"granted", Kind::Money}, {"expenses_total", Kind::Money},
                 {"unfunded", Kind::Money}};
    auto st = ws.db().prepare(
        "SELECT p.code, p.name, p.status,"
        " (SELECT COALESCE(SUM(amount), 0) FROM kk_cost_item WHERE project_id = p.id),"
        " (SELECT COALESCE(SUM(amount), 0) FROM kk_award WHERE project_id = p.id"
        "  AND status = 'granted'),"
        " (SELECT COALESCE(SUM(amount), 0) FROM kk_expense WHERE project_id = p.id)"
        " FROM kk_project p ORDER BY p.code");
    while (st.step()) {
        const auto cost = st.getInt(3);
        const auto granted = st.getInt(4);
        t.rows.push_back({st.getText(0), st.getText(1), st.getText(2), std::to_string(cost),
                          std::to_string(granted), std::to_string(st.getInt(5)),
                          std::to_string(cost - granted)});
    }
    return t;
}

ReportTable fundUsageReport(Workspace& ws) {
    ReportTable t{"fund-usage", "Budget and awards per fund", {}, {}};
    t.columns = {{"code", Kind::Text},     {"name", Kind::Text},       {"budget", Kind::Money},
                 {"granted", Kind::Money}, {"remaining", Kind::Money}, {"projects", Kind::Integer}};
    auto st = ws.db().prepare(
        "SELECT f.code, f.name, f.budget,"
        " (SELECT COALESCE(SUM(amount), 0) FROM kk_award WHERE fund_id = f.id"
        "  AND status = 'granted'),"
        " (SELECT COUNT(DISTINCT project_id) FROM kk_award WHERE fund_id = f.id)"
        " FROM kk_fund f ORDER BY f.priority, f.code");
    while (st.step()) {
        t.rows.push_back({st.getText(0), st.getText(1), std::to_string(st.getInt(2)),
                          std::to_string(st.getInt(3)), std::to_string(st.getInt(2) - st.getInt(3)),
                          std::to_string(st.getInt(4))});
    }
    return t;
}

constexpr ReportDef kReports[] = {
    {"project-funding", "Funding per project: costs, granted awards, expenses, gap",
     projectFundingReport},
    {"fund-usage", "Budget, granted awards and remaining budget per fund", fundUsageReport},
};

std::string csvCell(std::string text, bool isText) {
    // Cells that a spreadsheet would run as a formula are defused with a leading quote.
    if (isText && !text.empty() && std::string_view("=+-@\t\r").find(text[0]) != std::string::npos)
        text.insert(text.begin(), '\'');
    if (text.find_first_of(",\"\r\n") == std::string::npos)
        return text;
    std::string out = "\"";
    for (char ch : text) {
        if (ch == '"')
            out += '"';
        out += ch;
    }
    return out + "\"";
}

std::string toCsv(const ReportTable& t) {
    std::string out;
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
        const auto& col = t.columns[i];
        out += (i ? "," : "") + col.name + (col.kind == Kind::Money ? "_eur" : "");
    }
    out += "\r\n";
    for (const auto& row : t.rows) {
        for (std::size_t i = 0; i < row.size() && i < t.columns.size(); ++i) {
            const Kind k = t.columns[i].kind;
            std::string cell = row[i];
            if (k == Kind::Money)
                cell = Money::fromCents(std::stoll(cell)).toString();
            out += (i ? "," : "") + csvCell(cell, k == Kind::Text);
        }
        out += "\r\n";
    }
    return out;
}

json toJson(const ReportTable& t) {
    json rows = json::array();
    for (const auto& row : t.rows) {
        json obj = json::object();
        for (std::size_t i = 0; i < row.size() && i < t.columns.size(); ++i) {
            const auto& col = t.columns[i];
            if (col.kind == Kind::Money)
                putMoney(obj, col.name, std::stoll(row[i]));
            else if (col.kind == Kind::Integer)
                obj[col.name] = std::stoll(row[i]);
            else
                obj[col.name] = row[i];
        }
        rows.push_back(std::move(obj));
    }
    json cols = json::array();
    for (const auto& col : t.columns)
        cols.push_back({{"name", col.name},
                        {"kind", col.kind == Kind::Money     ? "money"
                                 : col.kind == Kind::Integer ? "integer"
                                                             : "text"}});
    return {{"id", t.id}, {"title", t.title}, {"columns", cols}, {"rows", rows}};
}

/// ?format= wins; otherwise the Accept header; JSON by default.
std::string negotiate(const Context& c) {
    if (auto f = c.target.param("format")) {
        std::string v = *f;
        std::transform(v.begin(), v.end(), v.begin(),
                       [](unsigned char ch) { return std::tolower(ch); });
        return v;
    }
    const std::string_view accept = c.request.header("accept");
    if (accept.find("text/csv") != std::string_view::npos)
        return "csv";
    if (accept.find("spreadsheetml") != std::string_view::npos)
        return "xlsx";
    return "json";
}

}  // namespace

Response handleReports(Context& c) {
    const auto& s = c.target.segments;  // {"api","v1","reports"[,id]}
    if (s.size() == 3) {
        json list = json::array();
        for (const auto& r : kReports)
            list.push_back({{"id", r.id},
                            {"title", r.title},
                            {"formats", json::array({"json", "csv", "xlsx"})},
                            {"href", c.baseUrl + "/api/v1/reports/" + std::string(r.id)}});
        return jsonResponse(200, {{"reports", list}});
    }
    const ReportDef* def = nullptr;
    for (const auto& r : kReports)
        if (s.size() == 4 && r.id == s[3])
            def = &r;
    if (!def)
        fail(404, "request.not_found", "no such report", c.request.target,
             "GET /api/v1/reports lists the reports");
    const std::string format = negotiate(c);
    if (format != "json" && format != "csv" && !(c.options.reportRenderer && format == "xlsx"))
        fail(406, "report.format", "format '" + format + "' is not available", "format",
             "use format=json or format=csv");
    const ReportTable table = def->build(c.ws);
    if (format == "json")
        return jsonResponse(200, toJson(table));
    Response r;
    if (format == "csv") {
        r.contentType = "text/csv; charset=utf-8";
        r.body = toCsv(table);
    } else {
        auto bytes = c.options.reportRenderer(table, format);
        if (!bytes)
            fail(500, bytes.error().code, bytes.error().what, bytes.error().where,
                 bytes.error().hint);
        r.contentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        r.body = std::move(bytes.value());
    }
    r.headers.emplace_back("Content-Disposition",
                           "attachment; filename=\"" + table.id + "." + format + "\"");
    return r;
}

}  // namespace kk::server
