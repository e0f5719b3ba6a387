// Default coding through Lua and the linking helpers (see coding.h).
#include "plugins/bbc/src/coding.h"

#include <filesystem>
#include <fstream>
#include <sstream>

extern "C" {
#include <lauxlib.h>
#include <lua.h>
}

#include "core/store/changeset.h"
#include "core/store/workspace.h"
#include "plugins/bbc/src/plan_store.h"

namespace kk::bbc {
namespace {

Result<std::string> readFile(const std::filesystem::path& path) {
    std::ifstream in(path);
    if (!in)
        return makeError("bbc.no_script", "cannot read the script", path.string(),
                         "reinstall the bbc plugin or restore scripts/bbc/default_coding.lua");
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string stringField(lua_State* L, int t, const char* name) {
    lua_getfield(L, t, name);
    std::string v = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "";
    lua_pop(L, 1);
    return v;
}

void setString(lua_State* L, const char* name, const std::string& value) {
    lua_pushlstring(L, value.data(), value.size());
    lua_setfield(L, -2, name);
}

}  // namespace

Result<std::unique_ptr<DefaultCoding>> DefaultCoding::load(const std::string& scriptsFolder) {
    namespace fs = std::filesystem;
    const fs::path main = fs::path(scriptsFolder) / "bbc" / "default_coding.lua";
    auto text = readFile(main);
    if (!text.ok())
        return text.error();
    rules::ModuleResolver resolver =
        [folder = fs::path(scriptsFolder)](std::string_view module) -> Result<rules::ModuleText> {
        std::string rel(module);
        for (auto& c : rel)
            if (c == '.')
                c = '/';
        auto t = readFile(folder / (rel + ".lua"));
        if (!t.ok())
            return makeError("rules.no_module", "no module '" + std::string(module) + "'",
                             folder.string(), "check the require name");
        return rules::ModuleText{rel + ".lua", *t};
    };
    auto pkg = rules::ScriptPackage::load({"bbc/default_coding.lua", "plugin:bbc", *text}, nullptr,
                                          resolver);
    if (!pkg.ok())
        return pkg.error();
    return std::unique_ptr<DefaultCoding>(new DefaultCoding(std::move(pkg).value()));
}

Result<std::optional<FundCoding>> DefaultCoding::forFund(const std::string& code,
                                                         const std::string& name,
                                                         const std::string& grantor,
                                                         const std::string& type, bool investment) {
    std::optional<FundCoding> out;
    const std::function<int(lua_State*)> push = [&](lua_State* L) {
        lua_getglobal(L, "bbc_default_coding");
        luaL_checktype(L, -1, LUA_TTABLE);
        lua_getfield(L, -1, "fund_coding");
        lua_remove(L, -2);
        lua_createtable(L, 0, 5);
        setString(L, "code", code);
        setString(L, "name", name);
        setString(L, "grantor", grantor);
        setString(L, "type", type);
        lua_pushboolean(L, investment);
        lua_setfield(L, -2, "investment");
        return 2;
    };
    const std::function<void(lua_State*, int)> collect = [&](lua_State* L, int idx) {
        if (lua_type(L, idx) != LUA_TTABLE)
            return;
        out = FundCoding{stringField(L, idx, "account"), stringField(L, idx, "sector_code"),
                         stringField(L, idx, "rule")};
    };
    if (auto st = m_package->invoke("fund_coding " + code, push, collect); !st.ok())
        return st.error();
    return out;
}

Result<std::optional<std::string>> DefaultCoding::accountForCategory(const std::string& category) {
    std::optional<std::string> out;
    const std::function<int(lua_State*)> push = [&](lua_State* L) {
        lua_getglobal(L, "bbc_default_coding");
        luaL_checktype(L, -1, LUA_TTABLE);
        lua_getfield(L, -1, "cost_coding");
        lua_remove(L, -2);
        lua_createtable(L, 0, 1);
        setString(L, "category", category);
        return 2;
    };
    const std::function<void(lua_State*, int)> collect = [&](lua_State* L, int idx) {
        if (lua_type(L, idx) == LUA_TTABLE)
            out = stringField(L, idx, "account");
    };
    if (auto st = m_package->invoke("cost_coding " + category, push, collect); !st.ok())
        return st.error();
    return out;
}

namespace {

Result<std::int64_t> actionIdOf(Workspace& ws, const std::string& government,
                                const std::string& period, const std::string& actionCode) {
    auto plan = findPlan(ws, government, period);
    if (!plan.ok())
        return plan.error();
    for (const auto& a : loadTree(ws, *plan).actions)
        if (a.code == actionCode)
            return a.id;
    return makeError("bbc.unknown_action",
                     "actie '" + actionCode + "' is not in the meerjarenplan " + period + " of " +
                         plan->governmentName,
                     "--action", "import the policy tree or pick an existing actie code");
}

}  // namespace

Result<LinkSummary> linkProject(Workspace& ws, DefaultCoding& coding, const std::string& project,
                                const std::string& government, const std::string& period,
                                const std::string& actionCode, const std::string& policyField,
                                bool overwrite) {
    auto action = actionIdOf(ws, government, period, actionCode);
    if (!action.ok())
        return action.error();
    auto pr = ws.db().prepare("SELECT id FROM kk_project WHERE code = ?");
    pr.bind(1, project);
    if (!pr.step())
        return makeError("bbc.unknown_project", "no project '" + project + "'", "--project",
                         "give the code of an existing project");
    const std::int64_t projectId = pr.getInt(0);
    if (policyField.size() < 4)
        return makeError("bbc.bad_policy_field", "beleidsveld '" + policyField + "' is not valid",
                         "--policy-field", "give a four-digit beleidsveld, e.g. 0350");
    LinkSummary sum;
    ChangeSet cs(ws, "BBC: link project " + project + " to actie " + actionCode);
    bool investment = false;
    try {
        auto items = ws.db().prepare(
            "SELECT id, code, category, bbc_account FROM kk_cost_item WHERE project_id = ? ORDER "
            "BY code");
        items.bind(1, projectId);
        struct Item {
            std::int64_t id;
            std::string code, category, account;
        };
        std::vector<Item> list;
        while (items.step())
            list.push_back({items.getInt(0), items.getText(1), items.getText(2), items.getText(3)});
        for (auto& it : list) {
            std::string account = it.account;
            if (account.empty() || overwrite) {
                auto d = coding.accountForCategory(it.category);
                if (!d.ok())
                    return d.error();
                if (*d)
                    account = **d;
                else if (account.empty())
                    sum.notes.push_back("cost item " + it.code + ": category '" + it.category +
                                        "' has no default account; set bbc_account yourself");
            }
            investment = investment || (!account.empty() && account[0] == '2');
            Row r;
            r.set("bbc_account", account)
                .set("bbc_policy_field", policyField)
                .set("bbc_action_id", *action);
            cs.update("kk_cost_item", it.id, r);
            ++sum.costItems;
        }
        auto awards = ws.db().prepare(
            "SELECT a.id, f.code, f.name, f.grantor, f.type, a.bbc_account FROM kk_award a JOIN "
            "kk_fund f ON f.id = a.fund_id WHERE a.project_id = ? AND a.status = 'granted' ORDER "
            "BY f.code");
        awards.bind(1, projectId);
        struct Aw {
            std::int64_t id;
            std::string code, name, grantor, type, account;
        };
        std::vector<Aw> aws;
        while (awards.step())
            aws.push_back({awards.getInt(0), awards.getText(1), awards.getText(2),
                           awards.getText(3), awards.getText(4), awards.getText(5)});
        for (auto& a : aws) {
            Row r;
            r.set("bbc_policy_field", policyField).set("bbc_action_id", *action);
            if (a.account.empty() || overwrite) {
                auto fc = coding.forFund(a.code, a.name, a.grantor, a.type, investment);
                if (!fc.ok())
                    return fc.error();
                if (*fc) {
                    r.set("bbc_account", (*fc)->account).set("bbc_sector", (*fc)->sectorCode);
                    sum.notes.push_back("award of fund " + a.code + ": " + (*fc)->rule + " (" +
                                        (*fc)->account + ", ESC " + (*fc)->sectorCode + ")");
                }
            }
            cs.update("kk_award", a.id, r);
            ++sum.awards;
        }
    } catch (const KkError& e) {
        return e.error();
    }
    if (auto st = cs.commit(); !st.ok())
        return st.error();
    return sum;
}

Status linkActionCode(Workspace& ws, const std::string& government, const std::string& period,
                      const std::string& actionCode, const std::string& externalCode) {
    auto action = actionIdOf(ws, government, period, actionCode);
    if (!action.ok())
        return action.error();
    ChangeSet cs(ws, "BBC: external code " + externalCode + " on actie " + actionCode);
    try {
        auto c = ws.db().prepare("SELECT id FROM kk_external_code WHERE code = ?");
        c.bind(1, externalCode);
        std::int64_t codeId = 0;
        if (c.step()) {
            codeId = c.getInt(0);
        } else {
            Row r;  // free codes are allowed since 2016 (bbc-spec §4.2)
            r.set("code", externalCode)
                .set("name", externalCode)
                .set("valid_from", std::string("2016-01-01"));
            codeId = cs.insert("kk_external_code", r);
        }
        auto dup = ws.db().prepare(
            "SELECT count(*) FROM kk_action_external_code WHERE action_id = ? AND code_id = ?");
        dup.bind(1, *action).bind(2, codeId);
        dup.step();
        if (dup.getInt(0) == 0) {
            Row link;
            link.set("action_id", *action).set("code_id", codeId);
            cs.insert("kk_action_external_code", link);
        }
    } catch (const KkError& e) {
        return e.error();
    }
    return cs.commit();
}

Status codeExpense(Workspace& ws, const std::string& expense, const std::string& account,
                   const std::string& policyField, const std::string& sectorCode) {
    auto e = ws.db().prepare("SELECT id FROM kk_expense WHERE code = ?");
    e.bind(1, expense);
    if (!e.step())
        return makeError("bbc.unknown_expense", "no expense '" + expense + "'", "--expense",
                         "give the code of an existing expense");
    const std::int64_t id = e.getInt(0);
    ChangeSet cs(ws, "BBC: coding of expense " + expense);
    try {
        Row r;
        r.set("account", account).set("policy_field", policyField).set("sector_code", sectorCode);
        if (ws.db().scalarInt("SELECT count(*) FROM bbc_expense_coding WHERE expense_id = " +
                              std::to_string(id)) > 0) {
            cs.update("bbc_expense_coding", id, r);
        } else {
            r.set("expense_id", id);
            cs.insert("bbc_expense_coding", r);
        }
    } catch (const KkError& err) {
        return err.error();
    }
    return cs.commit();
}

}  // namespace kk::bbc
