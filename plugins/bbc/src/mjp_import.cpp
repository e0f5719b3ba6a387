// Meerjarenplan import (see mjp_import.h). Rows are validated completely before anything is
// written; the writes then happen in one ChangeSet, so a refused file leaves no trace.
#include "plugins/bbc/src/mjp_import.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>

#include "core/geo/runtime.h"
#include "core/geo/table_source.h"
#include "core/store/changeset.h"
#include "core/store/exchange.h"
#include "core/store/workspace.h"

namespace kk::bbc {
namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

std::string trim(std::string s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos)
        return {};
    return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

Result<std::unique_ptr<TableSource>> openTable(const std::string& path, const std::string& sheet) {
    const std::string ext = lower(std::filesystem::path(path).extension().string());
    if (!std::filesystem::is_regular_file(path))
        return makeError("bbc.no_file", "file not found", path, "check the path");
    if (ext == ".csv" || ext == ".txt") {
        try {
            return openCsvSource(path);
        } catch (const KkError& e) {
            return e.error();
        }
    }
    if (ext == ".xlsx" || ext == ".ods") {
        static geo::GeoRuntime runtime;  // GDAL registration once per process
        return geo::openSpreadsheetSource(runtime, path, sheet);
    }
    return makeError("bbc.bad_format", "cannot read '" + ext + "' files", path,
                     "give a .csv, .xlsx or .ods file");
}

/// A file's header resolved to our columns, by alias (docs/bbc.md lists them).
struct Header {
    std::map<std::string, int> col;                ///< canonical name -> position
    std::vector<std::pair<int, int>> yearColumns;  ///< (year, position) of a wide layout
    std::vector<std::string> names;
    int operator[](const std::string& name) const {
        auto it = col.find(name);
        return it == col.end() ? -1 : it->second;
    }
};

Header resolveHeader(const std::vector<std::string>& header,
                     const std::map<std::string, std::vector<std::string>>& aliases) {
    Header h;
    h.names = header;
    for (int i = 0; i < static_cast<int>(header.size()); ++i) {
        const std::string name = lower(trim(header[i]));
        if (name.size() == 4 && std::all_of(name.begin(), name.end(), ::isdigit)) {
            h.yearColumns.emplace_back(std::stoi(name), i);
            continue;
        }
        for (const auto& [canonical, names] : aliases)
            if (std::find(names.begin(), names.end(), name) != names.end() &&
                !h.col.count(canonical))
                h.col[canonical] = i;
    }
    return h;
}

struct RowErrors {
    std::string file;
    std::vector<std::string> lines;
    std::int64_t count = 0;
    void add(int line, const std::string& column, const std::string& what) {
        ++count;
        if (lines.size() < 20)
            lines.push_back("line " + std::to_string(line) +
                            (column.empty() ? "" : ", column " + column) + ": " + what);
    }
    Error error(const std::string& hint) const {
        std::string what = std::to_string(count) + " row error(s); nothing was imported";
        for (const auto& l : lines)
            what += "\n  " + l;
        if (count > static_cast<std::int64_t>(lines.size()))
            what += "\n  ... and " + std::to_string(count - lines.size()) + " more";
        return makeError("bbc.import_rows", what, file, hint);
    }
};

std::string cell(const std::vector<std::string>& row, int pos) {
    return pos >= 0 && pos < static_cast<int>(row.size()) ? trim(row[pos]) : std::string();
}

/// The Fox-style key BP2014_2019-1/1.1.1.2/0701-00/6143007/BESTUUR/CBS/600/IE-GEEN/U
/// (bbc-spec §5.2): actie, beleidsitem, account, entity, organ, ESC, envelope, U/O.
struct KeyParts {
    std::string action, policyField, account, entity, sector, investment, direction;
};
std::optional<KeyParts> splitKey(const std::string& key) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (true) {
        auto slash = key.find('/', start);
        parts.push_back(key.substr(start, slash == std::string::npos ? slash : slash - start));
        if (slash == std::string::npos)
            break;
        start = slash + 1;
    }
    if (parts.size() != 9)
        return std::nullopt;
    return KeyParts{parts[1], parts[2], parts[3], parts[4], parts[6], parts[7], parts[8]};
}

std::string policyFieldOf(const std::string& text) {
    // A beleidsitem (05301, 0701-00) carries its beleidsveld in the first four digits; keep
    // the item so the registration stays as detailed as the source.
    return text;
}

}  // namespace

std::string ImportSummary::text() const {
    std::string s = std::to_string(rows) + " rows read";
    if (registrations)
        s += ", " + std::to_string(registrations) + " registrations written";
    if (replaced)
        s += ", " + std::to_string(replaced) + " replaced";
    if (goals + plans + actions)
        s += ", " + std::to_string(goals) + " beleidsdoelstellingen, " + std::to_string(plans) +
             " actieplannen, " + std::to_string(actions) + " acties";
    if (codeLinks)
        s += ", " + std::to_string(codeLinks) + " external code links";
    if (misplacedCodes)
        s += ", " + std::to_string(misplacedCodes) + " external code(s) on a BD/AP (see preflight)";
    return s;
}

Result<ImportSummary> importRegistrations(Workspace& ws, const std::string& path,
                                          const ImportOptions& options) {
    auto gov = findGovernment(ws, options.government);
    if (!gov.ok())
        return gov.error();
    if (auto p = parsePeriod(options.period); !p.ok())
        return p.error();
    auto source = openTable(path, options.sheet);
    if (!source.ok())
        return source.error();
    TableSource& src = **source;
    static const std::map<std::string, std::vector<std::string>> kAliases{
        {"year", {"boekjaar", "jaar", "financieel boekjaar"}},
        {"amount", {"bedrag", "amount"}},
        {"account", {"algemene rekening", "rekening", "ar", "account"}},
        {"direction", {"u/o", "richting", "direction"}},
        {"policy_field", {"beleidsveld", "beleidsitem code", "beleidsitem", "bi", "bv"}},
        {"sector", {"economische sectorcode", "esc", "sectorcode"}},
        {"action", {"actie", "actiecode", "action"}},
        {"investment", {"investeringsproject", "investeringsenveloppe", "ie"}},
        {"description", {"omschrijving", "eerste omschrijving", "description"}},
        {"entity", {"budgettaire entiteit", "code budgettaire entiteit", "entiteit"}},
        {"kind", {"soort", "kind", "type"}},
        {"seq", {"volgnummer", "seq"}},
        {"date", {"invoerdatum", "datum"}},
        {"key", {"code", "sleutel"}},
    };
    Header h;
    try {
        h = resolveHeader(src.header(), kAliases);
    } catch (const KkError& e) {
        return e.error();
    }
    const bool wide = !h.yearColumns.empty();
    if (!wide && (h["year"] < 0 || h["amount"] < 0))
        return makeError("bbc.import_layout",
                         "the header has neither year columns (2020, 2021, ...) nor boekjaar + "
                         "bedrag columns",
                         src.name() + " line 1", "see docs/bbc.md, 'Import layout'");
    if (h["account"] < 0 && h["key"] < 0)
        return makeError("bbc.import_layout", "the header has no 'algemene rekening' column",
                         src.name() + " line 1", "see docs/bbc.md, 'Import layout'");

    // The plan may not exist yet: resolve actions against the existing tree when it does.
    std::map<std::string, std::int64_t> actionByCode;
    std::optional<Plan> plan;
    if (auto p = findPlan(ws, options.government, options.period); p.ok()) {
        plan = *p;
        for (const auto& a : loadTree(ws, *plan).actions)
            actionByCode[a.code] = a.id;
    }

    struct Pending {
        std::vector<sql::Value> values;  // without plan_id
    };
    std::vector<Pending> pending;
    RowErrors errors{src.name(), {}, 0};
    ImportSummary sum;
    const std::string today = Workspace::nowUtc().substr(0, 10);
    const std::string fileName = std::filesystem::path(path).filename().string();
    std::vector<std::string> row;
    int line = 0;
    try {
        while (src.next(row, line)) {
            ++sum.rows;
            std::optional<KeyParts> key;
            if (h["key"] >= 0 && !cell(row, h["key"]).empty())
                key = splitKey(cell(row, h["key"]));
            auto pick = [&](const char* name, std::string KeyParts::*part) {
                std::string v = cell(row, h[name]);
                if (v.empty() && key)
                    v = (*key).*part;
                return v;
            };
            const std::string account = pick("account", &KeyParts::account);
            std::string direction = lower(pick("direction", &KeyParts::direction));
            const std::string policyField =
                policyFieldOf(pick("policy_field", &KeyParts::policyField));
            std::string sector = pick("sector", &KeyParts::sector);
            std::string actionCode = pick("action", &KeyParts::action);
            std::string investment = pick("investment", &KeyParts::investment);
            if (lower(investment) == "ie-geen")
                investment.clear();
            std::string entity = pick("entity", &KeyParts::entity);
            if (entity.empty())
                entity = options.entity;
            const std::string before = std::to_string(errors.count);
            const auto errorsBefore = errors.count;
            if (account.size() < 3 || account.find_first_not_of("0123456789") != std::string::npos)
                errors.add(line, h.names.empty() ? "algemene rekening" : "algemene rekening",
                           "'" + account + "' is not an algemene rekening (at least 3 digits)");
            char dir = 0;
            if (direction == "u" || direction == "uitgave" || direction == "uitgaven")
                dir = 'U';
            else if (direction == "o" || direction == "ontvangst" || direction == "ontvangsten")
                dir = 'O';
            else
                errors.add(line, "U/O",
                           "direction '" + direction +
                               "' is not U or O (the direction is stored, "
                               "never guessed from the account)");
            if (policyField.size() < 4 ||
                !std::all_of(policyField.begin(), policyField.begin() + 4, ::isdigit))
                errors.add(line, "beleidsveld",
                           "'" + policyField +
                               "' is not a beleidsveld (four digits, optionally a "
                               "beleidsitem suffix)");
            std::optional<std::int64_t> actionId;
            if (!actionCode.empty()) {
                auto it = actionByCode.find(actionCode);
                if (it == actionByCode.end())
                    errors.add(line, "actie",
                               "actie '" + actionCode +
                                   "' is not in the policy tree of this plan "
                                   "(import the tree first with `bbc import-policy`)");
                else
                    actionId = it->second;
            }
            RegKind kind = options.kind;
            if (h["kind"] >= 0 && !cell(row, h["kind"]).empty()) {
                if (auto k = kindFromName(cell(row, h["kind"])))
                    kind = *k;
                else
                    errors.add(line, "soort",
                               "'" + cell(row, h["kind"]) + "' is not budget or realisatie");
            }
            std::string date = cell(row, h["date"]);
            if (date.empty())
                date = today;
            else if (!Date::parse(date).ok())
                errors.add(line, "invoerdatum", "'" + date + "' is not a date (YYYY-MM-DD)");
            std::int64_t seq = 0;
            if (h["seq"] >= 0 && !cell(row, h["seq"]).empty()) {
                try {
                    seq = std::stoll(cell(row, h["seq"]));
                } catch (const std::exception&) {
                    errors.add(line, "volgnummer", "'" + cell(row, h["seq"]) + "' is not a number");
                }
            }
            std::vector<std::pair<int, Money>> amounts;
            auto amountAt = [&](int pos, const std::string& column, int year) {
                const std::string text = cell(row, pos);
                if (text.empty() || text == "-")
                    return;
                auto m = Money::parse(text);
                if (!m.ok())
                    errors.add(line, column, "'" + text + "' is not an amount: " + m.error().what);
                else if (!m->isZero())
                    amounts.emplace_back(year, *m);
            };
            if (wide) {
                for (auto [year, pos] : h.yearColumns)
                    amountAt(pos, std::to_string(year), year);
            } else {
                const std::string y = cell(row, h["year"]);
                int year = 0;
                if (y.size() != 4 || !std::all_of(y.begin(), y.end(), ::isdigit))
                    errors.add(line, "boekjaar", "'" + y + "' is not a year");
                else
                    year = std::stoi(y);
                amountAt(h["amount"], "bedrag", year);
            }
            (void)before;
            if (errors.count != errorsBefore)
                continue;
            for (const auto& [year, amount] : amounts) {
                pending.push_back(
                    {{std::int64_t{seq}, date, std::int64_t{year}, entity, account,
                      std::string(1, dir), amount.cents(), cell(row, h["description"]), policyField,
                      sector, actionId ? sql::Value{*actionId} : sql::Value{}, investment,
                      std::string(kindName(kind)), std::string("import"),
                      fileName + " line " + std::to_string(line)}});
            }
        }
    } catch (const KkError& e) {
        return e.error();
    }
    if (errors.count)
        return errors.error("correct the rows and import the file again");

    ChangeSet cs(ws, "BBC: import registrations from " + fileName);
    try {
        auto p = ensurePlan(cs, *gov, options.period);
        if (!p.ok())
            return p.error();
        // Existing imported registrations of the same kind: refuse unless --replace.
        std::vector<std::int64_t> existing;
        auto st = ws.db().prepare(
            "SELECT id FROM bbc_registration WHERE plan_id = ? AND origin = 'import' AND kind = ?");
        st.bind(1, p->id).bind(2, kindName(options.kind));
        while (st.step())
            existing.push_back(st.getInt(0));
        if (!existing.empty() && !options.replace)
            return makeError("bbc.import_exists",
                             "plan " + p->period + " of " + p->governmentName + " already has " +
                                 std::to_string(existing.size()) + " imported " +
                                 std::string(kindName(options.kind)) + " registrations",
                             path, "add --replace to replace them");
        for (auto id : existing)
            cs.remove("bbc_registration", id);
        sum.replaced = static_cast<std::int64_t>(existing.size());
        std::int64_t next =
            ws.db().scalarInt("SELECT coalesce(max(seq), 0) FROM bbc_registration") + 1;
        auto bulk = cs.bulkInsert("bbc_registration", registrationColumns());
        for (auto& r : pending) {
            std::vector<sql::Value> values;
            values.reserve(16);
            values.emplace_back(p->id);
            if (std::get<std::int64_t>(r.values[0]) == 0)
                r.values[0] = next++;
            values.insert(values.end(), r.values.begin(), r.values.end());
            bulk.add(values);
            ++sum.registrations;
        }
        bulk.finish();
    } catch (const KkError& e) {
        return e.error();
    }
    if (auto st = cs.commit(); !st.ok())
        return st.error();
    return sum;
}

Result<ImportSummary> importPolicy(Workspace& ws, const std::string& path,
                                   const ImportOptions& options) {
    auto gov = findGovernment(ws, options.government);
    if (!gov.ok())
        return gov.error();
    if (auto p = parsePeriod(options.period); !p.ok())
        return p.error();
    auto source = openTable(path, options.sheet);
    if (!source.ok())
        return source.error();
    TableSource& src = **source;
    static const std::map<std::string, std::vector<std::string>> kAliases{
        {"level", {"niveau", "level", "type"}},
        {"code", {"code"}},
        {"parent", {"bovenliggende", "bovenliggende code", "parent"}},
        {"short", {"korte omschrijving", "kort", "omschrijving", "titel"}},
        {"long", {"lange omschrijving", "lang"}},
        {"comment", {"commentaar"}},
        {"evaluation", {"evaluatie"}},
        {"priority", {"prioritair", "prioriteit"}},
        {"codes",
         {"externe rapporteringscode", "externe rapporteringscodes", "externe codes",
          "externe code"}},
    };
    Header h;
    try {
        h = resolveHeader(src.header(), kAliases);
    } catch (const KkError& e) {
        return e.error();
    }
    for (const char* required : {"level", "code", "short"})
        if (h[required] < 0)
            return makeError("bbc.import_layout",
                             std::string("the header has no '") + required + "' column",
                             src.name() + " line 1", "see docs/bbc.md, 'Policy tree layout'");
    struct Item {
        Level level;
        std::string code, parent, shortText, longText, comment, evaluation;
        bool priority = false;
        std::vector<std::string> codes;
        int line = 0;
    };
    std::vector<Item> items;
    RowErrors errors{src.name(), {}, 0};
    ImportSummary sum;
    std::vector<std::string> row;
    int line = 0;
    try {
        while (src.next(row, line)) {
            ++sum.rows;
            Item it;
            it.line = line;
            const std::string level = lower(cell(row, h["level"]));
            if (level == "bd" || level == "beleidsdoelstelling")
                it.level = Level::Goal;
            else if (level == "ap" || level == "actieplan")
                it.level = Level::Plan;
            else if (level == "actie" || level == "a")
                it.level = Level::Action;
            else {
                errors.add(line, "niveau", "'" + level + "' is not BD, AP or actie");
                continue;
            }
            it.code = cell(row, h["code"]);
            it.parent = cell(row, h["parent"]);
            it.shortText = cell(row, h["short"]);
            it.longText = cell(row, h["long"]);
            it.comment = cell(row, h["comment"]);
            it.evaluation = cell(row, h["evaluation"]);
            const std::string prio = lower(cell(row, h["priority"]));
            it.priority = prio == "ja" || prio == "1" || prio == "x" || prio == "yes" ||
                          prio == "true" || prio == "prioritair";
            std::string codes = cell(row, h["codes"]);
            std::size_t start = 0;
            while (start <= codes.size() && !codes.empty()) {
                auto semi = codes.find(';', start);
                std::string c =
                    trim(codes.substr(start, semi == std::string::npos ? semi : semi - start));
                if (!c.empty())
                    it.codes.push_back(c);
                if (semi == std::string::npos)
                    break;
                start = semi + 1;
            }
            if (it.code.empty())
                errors.add(line, "code", "the code is empty");
            if (it.level != Level::Goal && it.parent.empty())
                errors.add(line, "bovenliggende",
                           std::string("a ") + std::string(levelLabel(it.level)) +
                               " needs the code of its parent (an actie hangs under an actieplan)");
            items.push_back(std::move(it));
        }
    } catch (const KkError& e) {
        return e.error();
    }
    // Parents must exist in the file or the workspace; checked before writing.
    std::stable_sort(items.begin(), items.end(),
                     [](const Item& a, const Item& b) { return a.level < b.level; });
    std::optional<Plan> existingPlan;
    PolicyTree tree;
    if (auto p = findPlan(ws, options.government, options.period); p.ok()) {
        existingPlan = *p;
        tree = loadTree(ws, *p);
    }
    std::map<std::string, bool> goalCodes, planCodes;
    for (const auto& g : tree.goals)
        goalCodes[g.code] = true;
    for (const auto& p : tree.plans)
        planCodes[p.code] = true;
    for (const auto& it : items) {
        if (it.level == Level::Goal)
            goalCodes[it.code] = true;
        else if (it.level == Level::Plan) {
            if (!goalCodes.count(it.parent))
                errors.add(it.line, "bovenliggende",
                           "beleidsdoelstelling '" + it.parent + "' does not exist");
            planCodes[it.code] = true;
        } else if (!planCodes.count(it.parent)) {
            errors.add(
                it.line, "bovenliggende",
                "actieplan '" + it.parent + "' does not exist" +
                    (goalCodes.count(it.parent)
                         ? " ('" + it.parent + "' is a beleidsdoelstelling: add an actieplan)"
                         : std::string()));
        }
    }
    if (errors.count)
        return errors.error("correct the rows and import the file again");

    const std::string fileName = std::filesystem::path(path).filename().string();
    ChangeSet cs(ws, "BBC: import policy tree from " + fileName);
    try {
        auto plan = ensurePlan(cs, *gov, options.period);
        if (!plan.ok())
            return plan.error();
        std::map<std::string, std::int64_t> goalId, planId;
        for (const auto& g : tree.goals)
            goalId[g.code] = g.id;
        for (const auto& p : tree.plans)
            planId[p.code] = p.id;
        std::map<std::string, std::int64_t> actionId;
        for (const auto& a : tree.actions)
            actionId[a.code] = a.id;
        auto codeId = [&](const std::string& code) {
            auto st = ws.db().prepare("SELECT id FROM kk_external_code WHERE code = ?");
            st.bind(1, code);
            if (st.step())
                return st.getInt(0);
            // Since 2016 codes are free (bbc-spec §4.2): an unknown code is added, and said so.
            sum.notes.push_back("external code '" + code + "' was not in the list and was added");
            Row r;
            r.set("code", code).set("name", code).set("valid_from", std::string("2016-01-01"));
            return cs.insert("kk_external_code", r);
        };
        for (const auto& it : items) {
            std::int64_t id = 0;
            if (it.level == Level::Goal) {
                Row r;
                r.set("title", it.shortText);
                if (auto f = goalId.find(it.code); f != goalId.end()) {
                    id = f->second;
                    cs.update("kk_policy_goal", id, r);
                } else {
                    r.set("government_id", *gov)
                        .set("plan_period", options.period)
                        .set("code", it.code);
                    id = goalId[it.code] = cs.insert("kk_policy_goal", r);
                }
                ++sum.goals;
            } else if (it.level == Level::Plan) {
                Row r;
                r.set("title", it.shortText).set("goal_id", goalId.at(it.parent));
                if (auto f = planId.find(it.code); f != planId.end()) {
                    id = f->second;
                    cs.update("kk_action_plan", id, r);
                } else {
                    r.set("code", it.code);
                    id = planId[it.code] = cs.insert("kk_action_plan", r);
                }
                ++sum.plans;
            } else {
                Row r;
                r.set("title", it.shortText)
                    .set("plan_id", planId.at(it.parent))
                    .set("priority", std::int64_t{it.priority ? 1 : 0});
                if (auto f = actionId.find(it.code); f != actionId.end()) {
                    id = f->second;
                    cs.update("kk_action", id, r);
                } else {
                    r.set("code", it.code);
                    id = actionId[it.code] = cs.insert("kk_action", r);
                }
                ++sum.actions;
            }
            const std::string level(levelName(it.level));
            auto has = ws.db().prepare(
                "SELECT rowid FROM bbc_policy_text WHERE level = ? AND item_id = ?");
            has.bind(1, level).bind(2, id);
            Row text;
            text.set("long_text", it.longText)
                .set("comment", it.comment)
                .set("evaluation", it.evaluation)
                .set("priority", std::int64_t{it.priority ? 1 : 0});
            if (has.step()) {
                cs.update("bbc_policy_text", has.getInt(0), text);
            } else {
                text.set("level", level).set("item_id", id);
                cs.insert("bbc_policy_text", text);
            }
            for (const auto& code : it.codes) {
                const std::int64_t cid = codeId(code);
                if (it.level == Level::Action) {
                    auto dup = ws.db().prepare(
                        "SELECT count(*) FROM kk_action_external_code WHERE action_id = ? AND "
                        "code_id = ?");
                    dup.bind(1, id).bind(2, cid);
                    dup.step();
                    if (dup.getInt(0) == 0) {
                        Row link;
                        link.set("action_id", id).set("code_id", cid);
                        cs.insert("kk_action_external_code", link);
                    }
                    ++sum.codeLinks;
                } else {
                    Row m;
                    m.set("level", level)
                        .set("item_id", id)
                        .set("code", code)
                        .set("source", fileName + " line " + std::to_string(it.line));
                    cs.insert("bbc_misplaced_code", m);
                    ++sum.misplacedCodes;
                }
            }
        }
    } catch (const KkError& e) {
        return e.error();
    }
    if (auto st = cs.commit(); !st.ok())
        return st.error();
    return sum;
}

}  // namespace kk::bbc
