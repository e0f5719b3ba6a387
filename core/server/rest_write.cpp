// POST/PATCH /api/v1/{projects,cost-items,expenses,measurements}: typed field conversion,
// validation with core/model before anything is written, then one audited ChangeSet.
#include <map>
#include <regex>

#include "core/model/validation.h"
#include "core/server/routes.h"
#include "core/store/changeset.h"

namespace kk::server {
namespace {

using nlohmann::json;
using Fields = std::map<std::string, sql::Value, std::less<>>;

enum class Type {
    Text,
    Id,
    OptId,
    Int,
    Money,
    Date,
    OptDate,
    Bool,
    List,
    Decimal,
    Status,
    Subject
};

struct FieldSpec {
    std::string_view column;
    Type type;
    bool required = false;
};

constexpr FieldSpec kProjectFields[] = {
    {"code", Type::Text, true},  {"name", Type::Text, true},    {"coalition_id", Type::OptId},
    {"area_id", Type::OptId},    {"applicant_id", Type::OptId}, {"themes", Type::List},
    {"status", Type::Status},    {"start_date", Type::OptDate}, {"end_date", Type::OptDate},
    {"description", Type::Text},
};
constexpr FieldSpec kCostItemFields[] = {
    {"code", Type::Text, true},       {"project_id", Type::Id, true},
    {"category", Type::Text, true},   {"year", Type::Int, true},
    {"partner_id", Type::OptId},      {"amount", Type::Money, true},
    {"eligible", Type::Bool},         {"tags", Type::List},
    {"description", Type::Text},      {"bbc_account", Type::Text},
    {"bbc_policy_field", Type::Text}, {"bbc_sector", Type::Text},
    {"bbc_action_id", Type::OptId},   {"bbc_investment_project", Type::Text},
};
constexpr FieldSpec kExpenseFields[] = {
    {"code", Type::Text, true},   {"project_id", Type::Id, true}, {"cost_item_id", Type::OptId},
    {"date", Type::Date, true},   {"amount", Type::Money, true},  {"vat", Type::Money},
    {"document_ref", Type::Text}, {"description", Type::Text},
};
constexpr FieldSpec kMeasurementFields[] = {
    {"indicator_id", Type::Id, true}, {"subject_kind", Type::Subject, true},
    {"subject_id", Type::Id, true},   {"year", Type::Int, true},
    {"value", Type::Decimal, true},   {"source", Type::Text},
};

std::span<const FieldSpec> fieldsOf(std::string_view entity) {
    if (entity == "projects")
        return kProjectFields;
    if (entity == "cost-items")
        return kCostItemFields;
    if (entity == "expenses")
        return kExpenseFields;
    return kMeasurementFields;
}

[[noreturn]] void invalid(const std::string& field, std::string message, std::string hint = {}) {
    fail(422, "request.invalid_field", std::move(message), field, std::move(hint));
}

sql::Value convert(const FieldSpec& f, const json& v, const std::string& key) {
    const std::string col(f.column);
    const bool nullable = f.type == Type::OptId || f.type == Type::OptDate;
    if (v.is_null()) {
        if (nullable)
            return std::monostate{};
        invalid(col, col + " may not be null");
    }
    switch (f.type) {
        case Type::Text:
            if (!v.is_string())
                invalid(col, col + " must be a string");
            return v.get<std::string>();
        case Type::Id:
        case Type::OptId:
            if (!v.is_number_integer() || v.get<std::int64_t>() <= 0)
                invalid(col, col + " must be a positive whole number (an id)");
            return v.get<std::int64_t>();
        case Type::Int:
            if (!v.is_number_integer())
                invalid(col, col + " must be a whole number");
            return v.get<std::int64_t>();
        case Type::Money: {
            if (key == col + "_cents") {
                if (!v.is_number_integer())
                    invalid(key, key + " must be a whole number of cents");
                return v.get<std::int64_t>();
            }
            if (!v.is_string())
                invalid(col, col + " must be text such as \"1234.56\"",
                        "or send " + col + "_cents as a whole number of cents");
            auto m = Money::parse(v.get<std::string>());
            if (!m)
                invalid(col, m.error().what, m.error().hint);
            return m.value().cents();
        }
        case Type::Date:
        case Type::OptDate: {
            if (!v.is_string())
                invalid(col, col + " must be a date such as \"2025-03-31\"");
            auto d = Date::parse(v.get<std::string>());
            if (!d)
                invalid(col, d.error().what, "use YYYY-MM-DD");
            return d.value().toString();
        }
        case Type::Bool:
            if (!v.is_boolean())
                invalid(col, col + " must be true or false");
            return std::int64_t{v.get<bool>() ? 1 : 0};
        case Type::List: {
            if (v.is_string())
                return v.get<std::string>();
            if (!v.is_array())
                invalid(col, col + " must be a list of strings");
            std::string joined;
            for (const auto& item : v) {
                if (!item.is_string() || item.get<std::string>().find(';') != std::string::npos)
                    invalid(col, col + " must hold strings without ';'");
                joined += (joined.empty() ? "" : ";") + item.get<std::string>();
            }
            return joined;
        }
        case Type::Decimal: {
            std::string text = v.is_string()   ? v.get<std::string>()
                               : v.is_number() ? v.dump()
                                               : std::string("?");
            static const std::regex kDecimal(R"(-?[0-9]{1,18}(\.[0-9]{1,12})?)");
            if (!std::regex_match(text, kDecimal))
                invalid(col, col + " must be a decimal number such as \"12.5\"");
            return text;
        }
        case Type::Status:
            if (!v.is_string() || !fromCode<ProjectStatus>(v.get<std::string>()))
                invalid(col, "unknown status", "use one of " + allowedCodes<ProjectStatus>());
            return v.get<std::string>();
        case Type::Subject:
            if (!v.is_string() || !fromCode<SubjectKind>(v.get<std::string>()))
                invalid(col, "unknown subject kind", "use one of " + allowedCodes<SubjectKind>());
            return v.get<std::string>();
    }
    invalid(col, "unsupported field");
}

/// Reads the fields of a JSON object, refusing unknown keys.
Fields readBody(const json& body, std::span<const FieldSpec> specs) {
    Fields out;
    for (const auto& [key, value] : body.items()) {
        const FieldSpec* spec = nullptr;
        for (const auto& f : specs)
            if (key == f.column ||
                (f.type == Type::Money && key == std::string(f.column) + "_cents"))
                spec = &f;
        if (!spec) {
            std::string known;
            for (const auto& f : specs)
                known += (known.empty() ? "" : ", ") + std::string(f.column);
            fail(422, "request.unknown_field", "unknown field '" + key + "'", key,
                 "writable fields: " + known);
        }
        const std::string col(spec->column);
        if (out.count(col))
            invalid(col, col + " is given twice");
        out[col] = convert(*spec, value, key);
    }
    return out;
}

std::string text(const Fields& f, std::string_view col) {
    auto it = f.find(col);
    return it != f.end() && std::holds_alternative<std::string>(it->second)
               ? std::get<std::string>(it->second)
               : std::string();
}
std::int64_t integer(const Fields& f, std::string_view col, std::int64_t fallback = 0) {
    auto it = f.find(col);
    return it != f.end() && std::holds_alternative<std::int64_t>(it->second)
               ? std::get<std::int64_t>(it->second)
               : fallback;
}
std::optional<Date> date(const Fields& f, std::string_view col) {
    const std::string t = text(f, col);
    if (t.empty())
        return std::nullopt;
    auto d = Date::parse(t);
    return d ? std::optional<Date>(d.value()) : std::nullopt;
}

/// core/model's field checks on the merged row, plus the checks that need the workspace.
void validateRow(Workspace& ws, std::string_view entity, const Fields& f, const Fields* before) {
    std::vector<Finding> findings;
    if (entity == "projects") {
        Project p;
        p.code = text(f, "code");
        p.name = text(f, "name");
        p.start = date(f, "start_date");
        p.end = date(f, "end_date");
        p.status = fromCode<ProjectStatus>(text(f, "status")).value_or(ProjectStatus::Idea);
        findings = validate(p);
        if (before && text(*before, "status") != text(f, "status")) {
            const auto from = fromCode<ProjectStatus>(text(*before, "status"));
            if (from)
                if (auto s = checkTransition(*from, p.status); !s)
                    fail(422, "project.transition", s.error().what, "status", s.error().hint);
        }
    } else if (entity == "cost-items") {
        CostItem ci;
        ci.code = text(f, "code");
        ci.category = text(f, "category");
        ci.year = static_cast<int>(integer(f, "year"));
        ci.amount = Money::fromCents(integer(f, "amount"));
        findings = validate(ci);
    } else if (entity == "expenses") {
        Expense e;
        e.code = text(f, "code");
        e.amount = Money::fromCents(integer(f, "amount"));
        e.vat = Money::fromCents(integer(f, "vat"));
        findings = validate(e);
        if (integer(f, "cost_item_id") > 0) {
            auto st = ws.db().prepare("SELECT project_id FROM kk_cost_item WHERE id = ?");
            st.bind(1, integer(f, "cost_item_id"));
            if (st.step() && st.getInt(0) != integer(f, "project_id"))
                invalid("cost_item_id", "the cost item belongs to another project",
                        "pick a cost item of project " + std::to_string(integer(f, "project_id")));
        }
    } else {
        const auto year = integer(f, "year");
        if (year < 1990 || year > 2100)
            invalid("year", "year is out of range", "1990 to 2100");
        static constexpr std::pair<std::string_view, std::string_view> kSubjects[] = {
            {"project", "SELECT 1 FROM kk_project WHERE id = ?"},
            {"coalition", "SELECT 1 FROM kk_coalition WHERE id = ?"},
            {"area", "SELECT 1 FROM areas WHERE fid = ?"},
            {"programme", "SELECT 1 FROM kk_programme WHERE id = ?"}};
        for (const auto& [kind, sqlText] : kSubjects)
            if (kind == text(f, "subject_kind")) {
                auto st = ws.db().prepare(sqlText);
                st.bind(1, integer(f, "subject_id"));
                if (!st.step())
                    invalid("subject_id", "no " + std::string(kind) + " with id " +
                                              std::to_string(integer(f, "subject_id")));
            }
    }
    if (auto s = firstError(findings, entity); !s)
        fail(422, s.error().code, s.error().what, s.error().where, s.error().hint);
}

Fields currentRow(Workspace& ws, const EntityDef& e, std::int64_t id) {
    auto st = ws.db().prepare("SELECT * FROM \"" + std::string(e.table) + "\" WHERE id = ?");
    st.bind(1, id);
    if (!st.step())
        fail(404, "request.not_found",
             "no " + std::string(e.path) + " with id " + std::to_string(id));
    Fields f;
    for (int i = 0; i < st.columnCount(); ++i)
        f[st.columnName(i)] = st.get(i);
    return f;
}

[[noreturn]] void sqlRefused(const sql::SqlError& e) {
    const std::string& what = e.error().what;
    if (what.find("UNIQUE") != std::string::npos)
        fail(409, "request.conflict", "another row already has this key: " + what, "code",
             "choose a code that is not in use");
    if (what.find("FOREIGN KEY") != std::string::npos)
        fail(422, "request.bad_reference", "a referenced id does not exist", "*_id fields",
             "check the ids you refer to");
    if (what.find("CHECK") != std::string::npos || what.find("NOT NULL") != std::string::npos)
        fail(422, "request.invalid_field", what, "body");
    throw e;
}

}  // namespace

Response handleRestWrite(Context& c) {
    const auto& s = c.target.segments;
    const EntityDef* e = s.size() >= 3 ? findEntity(s[2]) : nullptr;
    const bool create = c.request.method == "POST" && s.size() == 3;
    const bool update = c.request.method == "PATCH" && s.size() == 4;
    if (!e)
        fail(404, "request.not_found", "no such resource", c.request.target);
    if (!e->writable || (!create && !update))
        fail(405, "request.method", c.request.method + " is not allowed here", c.request.target,
             "POST /api/v1/<entity> creates, PATCH /api/v1/<entity>/<id> updates projects, "
             "cost-items, expenses and measurements");
    const std::string_view type = c.request.header("content-type");
    if (!type.empty() && type.find("json") == std::string_view::npos)
        fail(415, "request.media_type", "the body must be JSON", "Content-Type",
             "send Content-Type: application/json");
    json body = json::parse(c.request.body, nullptr, false);
    if (body.is_discarded())
        fail(400, "request.json", "the body is not valid JSON", "request body",
             "send one JSON object with the fields to write");
    if (!body.is_object())
        fail(400, "request.json", "the body must be a JSON object", "request body");
    const auto specs = fieldsOf(e->path);
    Fields given = readBody(body, specs);

    std::int64_t id = 0;
    Fields merged;
    Fields before;
    if (update) {
        id = 0;
        for (char ch : s[3]) {
            if (ch < '0' || ch > '9' || id > 100000000000000LL)
                fail(404, "request.not_found", "no such id", s[3]);
            id = id * 10 + (ch - '0');
        }
        before = currentRow(c.ws, *e, id);
        merged = before;
        for (auto& [k, v] : given)
            merged[k] = v;
    } else {
        for (const auto& f : specs)
            if (f.required && !given.count(f.column))
                invalid(std::string(f.column), "missing required field " + std::string(f.column));
        merged = given;
        if (e->path == "projects" && !merged.count("status"))
            merged["status"] = std::string("idea");
    }
    validateRow(c.ws, e->path, merged, update ? &before : nullptr);

    Row row;
    for (auto& [k, v] : given)
        row.set(k, v);
    if (create && e->path == "projects" && !given.count("status"))
        row.set("status", std::string("idea"));
    c.ws.setUser(c.principal.user);
    const std::string what =
        std::string(e->path) + (create ? " " + text(merged, "code") : " #" + std::to_string(id));
    try {
        ChangeSet cs(c.ws, std::string("API: ") + (create ? "create " : "update ") + what);
        if (create)
            id = cs.insert(e->table, row);
        else if (!row.columns.empty())
            cs.update(e->table, id, row);
        if (auto st = cs.commit(); !st)
            fail(500, st.error().code, st.error().what, st.error().where, st.error().hint);
    } catch (const sql::SqlError& err) {
        sqlRefused(err);
    }
    auto item = readEntity(c.ws, *e, id);
    Response r = jsonResponse(create ? 201 : 200, item.value_or(json::object()));
    if (create)
        r.headers.emplace_back(
            "Location", c.baseUrl + "/api/v1/" + std::string(e->path) + "/" + std::to_string(id));
    return r;
}

}  // namespace kk::server
