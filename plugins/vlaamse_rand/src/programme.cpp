// Programme set-up, calls, applications, jury and awards of the Vlaamse Rand plugin.
#include "plugins/vlaamse_rand/src/programme.h"

#include <algorithm>
#include <cctype>
#include <sstream>

#include "core/store/repositories.h"
#include "plugins/vlaamse_rand/src/area.h"

namespace kk::plugins::vlaamse_rand {
namespace {

std::string upper(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return s;
}

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t");
    const auto e = s.find_last_not_of(" \t");
    return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

Money grantedOfInstrument(Workspace& ws, ProjectId project, const std::string& instrument) {
    auto st = ws.db().prepare(
        "SELECT coalesce(sum(a.amount), 0) FROM kk_award a JOIN vlaamse_rand_fund f ON "
        "f.fund_id = a.fund_id WHERE a.project_id = ? AND a.status = 'granted' AND "
        "f.instrument = ?");
    st.bind(1, project.value).bind(2, instrument);
    st.step();
    return Money::fromCents(st.getInt(0));
}

std::string projectCode(Workspace& ws, ProjectId id) {
    const auto p = Repository<Project>(ws).get(id.value);
    return p ? p->code : "project " + std::to_string(id.value);
}

std::string applicationWhere(Workspace& ws, const plugin::Application& a) {
    const auto call = Repository<Call>(ws).get(a.call.value);
    return "call " + (call ? call->code : std::string("?")) + ", application " +
           std::to_string(a.id) + " (" + projectCode(ws, a.project) + ")";
}

}  // namespace

plugin::CallWorkflow workflow() {
    return plugin::CallWorkflow(kPluginId);
}

std::optional<FundId> instrumentFund(Workspace& ws, const std::string& instrument, int year) {
    auto st =
        ws.db().prepare("SELECT fund_id FROM vlaamse_rand_fund WHERE instrument = ? AND year = ?");
    st.bind(1, instrument).bind(2, std::int64_t{year});
    if (st.step())
        return FundId(st.getInt(0));
    return std::nullopt;
}

Result<plugin::ReferenceLoadSummary> setupYear(ChangeSet& cs, const Rules& rules, int year) {
    Workspace& ws = cs.workspace();
    plugin::ReferenceLoadSummary summary;
    const auto instruments = rules.instruments(Date(year, 1, 1));
    if (instruments.empty())
        return makeError("vlaamse_rand.no_instruments",
                         "no Vlaamse Rand instrument is valid in " + std::to_string(year),
                         "vlaamse_rand: data/instruments.csv", "add rows valid in that year");
    try {
        const std::string code = "VR-" + std::to_string(year);
        Repository<Programme> programmes(ws);
        ProgrammeId programmeId;
        if (auto existing = programmes.findByCode(code)) {
            programmeId = existing->id;
        } else {
            Programme p;
            p.code = code;
            p.name = "Vlaamse Rand " + std::to_string(year);
            p.pluginId = kPluginId;
            p.valid = Period{Date(year, 1, 1), Date(year, 12, 31)};
            programmeId = ProgrammeId(programmes.insert(cs, p));
            ++summary.inserted;
        }
        Repository<Fund> funds(ws);
        for (const auto& i : instruments) {
            if (instrumentFund(ws, i.code, year))
                continue;
            Fund f;
            f.programmeId = programmeId;
            f.code = "VR-" + upper(i.code) + "-" + std::to_string(year);
            f.name = i.name + " " + std::to_string(year);
            f.grantor = i.grantor;
            f.type = FundType::Subsidy;
            f.maxRate = i.maxRate;
            f.rateKind = RateKind::UpTo;
            f.budget = i.budgetPerYear.value_or(Money());
            f.cumulationGroup = "public";
            f.priority = i.priority;
            f.valid = Period{Date(year, 1, 1), Date(year, 12, 31)};
            const auto id = funds.insert(cs, f);
            cs.insert("vlaamse_rand_fund",
                      Row()
                          .set("fund_id", id)
                          .set("instrument", i.code)
                          .set("year", std::int64_t{year})
                          .set("may_fund_fully", std::int64_t{i.mayFundFully ? 1 : 0})
                          .set("source", i.source));
            ++summary.inserted;
            summary.notes.push_back(
                "fund " + f.code + ": " +
                (i.budgetPerYear
                     ? "budget " + f.budget.format() + " from " + i.whereOf("budget_per_year")
                     : std::string("no yearly budget in the data; each call sets "
                                   "its own")) +
                "; at most " + i.maxRate.formatPercent() +
                (i.mayFundFully ? "" : ", never the whole project"));
        }
    } catch (const KkError& e) {
        return e.error();
    }
    return summary;
}

Result<CallId> createCall(ChangeSet& cs, const Rules& rules, const CallRequest& r) {
    Workspace& ws = cs.workspace();
    const Date opens = r.opens.value_or(Date(r.year, 1, 1));
    auto instrument = rules.instrument(r.instrument, opens);
    if (!instrument)
        return instrument.error();
    const auto fund = instrumentFund(ws, r.instrument, r.year);
    if (!fund)
        return makeError("vlaamse_rand.not_set_up",
                         "the programme year " + std::to_string(r.year) +
                             " has no fund for instrument " + r.instrument,
                         "call " + r.code,
                         "run 'koppelkans-cli plugin vlaamse_rand setup WORKSPACE --year " +
                             std::to_string(r.year) + "' first");
    const auto f = Repository<Fund>(ws).get(fund->value);
    const auto& i = instrument.value();
    plugin::CallSpec spec;
    spec.code = r.code;
    spec.name = r.name.empty() ? i.name + " " + std::to_string(r.year) : r.name;
    spec.instrument = r.instrument;
    spec.programme = *f->programmeId;
    spec.fund = *fund;
    spec.opens = opens;
    spec.closes = r.closes.value_or(Date(r.year, 12, 31));
    if (!r.budget && !i.budgetPerYear)
        return makeError("vlaamse_rand.call_budget_required",
                         "the " + i.name + " has no yearly budget in the data files",
                         "call " + r.code + " (" + i.whereOf("budget_per_year") + ")",
                         "give the call's budget with --budget EUR");
    spec.budget = r.budget.value_or(f->budget);
    if (i.budgetPerYear && spec.budget > f->budget)
        return makeError("vlaamse_rand.call_budget",
                         "the call budget " + spec.budget.format() + " is more than the " +
                             f->budget.format() + " of fund " + f->code,
                         "call " + r.code + " (" + i.whereOf("budget_per_year") + ")",
                         "lower the call budget");
    spec.stage1PassMark = i.passMark;
    spec.criteria = rules.criteria(r.instrument, opens);
    return workflow().createCall(cs, spec);
}

Result<std::vector<DisclosedSubsidy>> parseDisclosure(const std::string& text) {
    std::vector<DisclosedSubsidy> out;
    const std::string t = trim(text);
    if (lower(t) == "none" || lower(t) == "geen")
        return out;
    std::stringstream in(t);
    std::string part;
    while (std::getline(in, part, ';')) {
        part = trim(part);
        if (part.empty())
            continue;
        const auto colon = part.rfind(':');
        auto amount = colon == std::string::npos ? Result<Money>(makeError("", ""))
                                                 : Money::parse(trim(part.substr(colon + 1)));
        if (colon == std::string::npos || !amount || trim(part.substr(0, colon)).empty())
            return makeError("vlaamse_rand.disclosure", "'" + part + "' is not SUBSIDY: AMOUNT",
                             "--other-subsidies",
                             "list each subsidy requested elsewhere as 'name or fund code: "
                             "euros', separated by ';', or write 'none'");
        out.push_back({trim(part.substr(0, colon)), amount.value()});
    }
    if (out.empty())
        return makeError("vlaamse_rand.disclosure", "the cumulation disclosure is empty",
                         "--other-subsidies",
                         "list the subsidies requested elsewhere, or write 'none'");
    return out;
}

Money projectCost(Workspace& ws, const plugin::Application& a) {
    if (a.totalCost > Money())
        return a.totalCost;
    auto st =
        ws.db().prepare("SELECT coalesce(sum(amount), 0) FROM kk_cost_item WHERE project_id = ?");
    st.bind(1, a.project.value);
    st.step();
    return Money::fromCents(st.getInt(0));
}

Money grantedToProject(Workspace& ws, ProjectId project) {
    auto st = ws.db().prepare(
        "SELECT coalesce(sum(amount), 0) FROM kk_award WHERE project_id = ? AND status = "
        "'granted'");
    st.bind(1, project.value);
    st.step();
    return Money::fromCents(st.getInt(0));
}

Result<plugin::Application> apply(ChangeSet& cs, const Rules& rules, const ApplicationRequest& r) {
    Workspace& ws = cs.workspace();
    const auto wf = workflow();
    auto call = wf.call(ws, r.call);
    if (!call)
        return call.error();
    const auto project = Repository<Project>(ws).findByCode(r.project);
    if (!project)
        return makeError("vlaamse_rand.unknown_project",
                         "there is no project with code '" + r.project + "'", "--project",
                         "import the project first (koppelkans-cli import WS projects FILE)");
    const Date on = call.value().opens;
    auto instrument = rules.instrument(wf.instrumentOf(ws, call.value().id), on);
    if (!instrument)
        return instrument.error();
    const Instrument& i = instrument.value();
    plugin::Application a;
    a.call = call.value().id;
    a.project = project->id;
    a.instrument = i.code;
    a.requested = r.requested;
    a.theme = r.theme;
    a.municipalities = r.municipalities;
    if (a.municipalities.empty() && project->applicantId)
        if (const auto actor = Repository<Actor>(ws).get(project->applicantId->value);
            actor && actor->nisCode)
            a.municipalities.push_back(*actor->nisCode);
    if (auto st = checkInArea(ws, rules, i, a.municipalities, on); !st)
        return st.error();
    if (i.themeRequired || !r.theme.empty())
        if (auto st = rules.checkTheme(r.theme, on); !st)
            return st.error();
    if (i.supraLocalMinMunicipalities) {
        const int n = static_cast<int>(a.municipalities.size());
        if (n < *i.supraLocalMinMunicipalities && r.supraLocal.empty())
            return makeError("vlaamse_rand.not_supra_local",
                             "the " + i.name +
                                 " funds projects with a supra-local reach (bovenlokale " +
                                 "uitstraling); this application names " + std::to_string(n) +
                                 " municipality and no justification",
                             "--municipalities, --supra-local (" +
                                 i.whereOf("supra_local_min_municipalities") + ")",
                             "name at least " + std::to_string(*i.supraLocalMinMunicipalities) +
                                 " municipalities the project serves, or explain its reach with "
                                 "--supra-local TEXT");
        a.flags.push_back("supra_local");
    }
    if (!r.gebiedsgericht.empty())
        a.flags.push_back("gebiedsgericht");
    if (r.otherSubsidies) {
        auto disclosed = parseDisclosure(*r.otherSubsidies);
        if (!disclosed)
            return disclosed.error();
        for (const auto& d : disclosed.value())
            a.cumulation +=
                (a.cumulation.empty() ? "" : "; ") + d.source + ": " + d.amount.toString();
        if (disclosed.value().empty())
            a.cumulation = "none";
    } else if (i.cumulationDisclosure) {
        return makeError("vlaamse_rand.no_cumulation_disclosure",
                         "the application does not list the subsidies requested elsewhere",
                         "--other-subsidies (" + i.whereOf("cumulation_disclosure") + ")",
                         "list them as 'fund or name: euros; ...', or write --other-subsidies "
                         "none");
    }
    a.totalCost = r.totalCost.value_or(Money());
    const Money cost = projectCost(ws, a);
    if (cost <= Money())
        return makeError("vlaamse_rand.no_cost", "the project cost is not known",
                         "project " + r.project,
                         "give --total-cost EUR or import the project's cost items first");
    a.totalCost = cost;
    if (!i.mayFundFully && r.requested >= cost)
        return makeError("vlaamse_rand.funds_fully",
                         "a request of " + r.requested.format() + " would fund project " +
                             r.project + " fully (cost " + cost.format() + "); the " + i.name +
                             " never funds a project fully",
                         "--requested (" + i.whereOf("may_fund_fully") + ")",
                         "request at most " + (cost - Money::fromCents(1)).format() +
                             " and let other funds or the partners carry the rest");
    if (r.requested > i.maxRate.apply(cost))
        return makeError("vlaamse_rand.above_max_rate",
                         "a request of " + r.requested.format() + " is " +
                             Rate::ofMoney(r.requested, cost).formatPercent() +
                             " of the project cost " + cost.format() + ", above the maximum of " +
                             i.maxRate.formatPercent() + " of the " + i.name,
                         "--requested (" + i.whereOf("max_rate") + ")",
                         "request at most " + i.maxRate.apply(cost).format());
    auto id = wf.addApplication(cs, a);
    if (!id)
        return id.error();
    a.id = id.value();
    cs.insert("vlaamse_rand_application_detail", Row()
                                                     .set("application_id", a.id)
                                                     .set("supra_local", r.supraLocal)
                                                     .set("gebiedsgericht", r.gebiedsgericht));
    return a;
}

Result<plugin::ScoreSheet> scoreSheet(Workspace& ws, const Rules& rules,
                                      const plugin::Application& a) {
    auto sheet = workflow().scoreSheet(ws, a, 1);
    if (!sheet)
        return sheet;
    const auto call = Repository<Call>(ws).get(a.call.value);
    auto instrument = rules.instrument(a.instrument, call ? call->opens : Date::today());
    if (!instrument)
        return instrument.error();
    const Rate bonus = instrument.value().gebiedsgerichtBonus;
    if (a.hasFlag("gebiedsgericht") && !bonus.isZero()) {
        sheet.value().total = sheet.value().total + bonus;
        sheet.value().notes.push_back("gebiedsgericht samenwerken: +" + bonus.formatPercent() +
                                      " bonus (" +
                                      instrument.value().whereOf("gebiedsgericht_bonus") + ")");
    }
    return sheet;
}

Result<std::vector<plugin::Application>> runJury(ChangeSet& cs, const Rules& rules, CallId call) {
    Workspace& ws = cs.workspace();
    const Rate pass = workflow().stage1PassMark(ws, call);
    std::vector<std::pair<Rate, plugin::Application>> passed;
    std::vector<plugin::Application> failed;
    for (auto& a : workflow().applications(ws, call)) {
        if (a.status != "submitted" && a.status != "ranked" && a.status != "not_selected")
            continue;
        auto sheet = scoreSheet(ws, rules, a);
        if (!sheet)
            return sheet.error();
        if (sheet.value().total >= pass)
            passed.emplace_back(sheet.value().total, a);
        else
            failed.push_back(a);
    }
    std::stable_sort(passed.begin(), passed.end(), [](const auto& x, const auto& y) {
        if (x.first != y.first)
            return x.first > y.first;
        return x.second.hasFlag("gebiedsgericht") && !y.second.hasFlag("gebiedsgericht");
    });
    const std::string table = std::string(kPluginId) + "_application";
    std::vector<plugin::Application> out;
    int rank = 0;
    for (auto& [total, a] : passed) {
        a.status = "ranked";
        a.rank = ++rank;
        cs.update(table, a.id, Row().set("status", a.status).set("rank", std::int64_t{rank}));
        out.push_back(a);
    }
    for (auto& a : failed) {
        a.status = "not_selected";
        a.rank.reset();
        cs.update(table, a.id,
                  Row().set("status", a.status).set("rank", sql::Value(std::monostate{})));
        out.push_back(a);
    }
    return out;
}

Status checkAward(Workspace& ws, const Rules& rules, const plugin::Application& a, Money amount) {
    const auto call = Repository<Call>(ws).get(a.call.value);
    auto instrument = rules.instrument(a.instrument, call ? call->opens : Date::today());
    if (!instrument)
        return instrument.error();
    const Instrument& i = instrument.value();
    const Money cost = projectCost(ws, a);
    const Money granted = grantedToProject(ws, a.project);
    const std::string where = applicationWhere(ws, a);
    if (!i.mayFundFully && granted + amount >= cost) {
        const Money most = cost - granted - Money::fromCents(1);
        return makeError(
            "vlaamse_rand.funds_fully",
            "an award of " + amount.format() + " from the " + i.name + " would fund project " +
                projectCode(ws, a.project) + " fully: with the " + granted.format() +
                " already granted it reaches the whole cost of " + cost.format() + ", and the " +
                i.name + " never funds a project fully",
            where + " (" + i.whereOf("may_fund_fully") + ")",
            most > Money()
                ? "award at most " + most.format() +
                      " so that the partners or other funds keep a share"
                : "the project is already funded fully; the " + i.name + " cannot add to it");
    }
    const Money own = grantedOfInstrument(ws, a.project, i.code);
    const Money ceiling = i.maxRate.apply(cost);
    if (own + amount > ceiling)
        return makeError("vlaamse_rand.above_max_rate",
                         "an award of " + amount.format() + " brings the " + i.name + " to " +
                             Rate::ofMoney(own + amount, cost).formatPercent() +
                             " of the project cost " + cost.format() + ", above its maximum of " +
                             i.maxRate.formatPercent(),
                         where + " (" + i.whereOf("max_rate") + ")",
                         "award at most " + (ceiling - own).format());
    return {};
}

Result<AwardId> award(ChangeSet& cs, const Rules& rules, const plugin::Application& a, Money amount,
                      const Date& decidedOn) {
    if (auto st = checkAward(cs.workspace(), rules, a, amount); !st)
        return st.error();
    return workflow().award(cs, a, amount, decidedOn);
}

}  // namespace kk::plugins::vlaamse_rand
