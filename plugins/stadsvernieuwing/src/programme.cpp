// Programme set-up, calls and applications of the stadsvernieuwing plugin.
#include "plugins/stadsvernieuwing/src/programme.h"

#include <algorithm>
#include <cctype>

#include "core/store/repositories.h"

namespace kk::plugins::stadsvernieuwing {
namespace {

std::string upper(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return s;
}

std::string fundCode(const std::string& instrument, int year) {
    return "SV-" + upper(instrument) + "-" + std::to_string(year);
}

}  // namespace

plugin::CallWorkflow workflow() {
    return plugin::CallWorkflow(kPluginId);
}

std::optional<FundId> instrumentFund(Workspace& ws, const std::string& instrument, int year) {
    auto st = ws.db().prepare(
        "SELECT fund_id FROM stadsvernieuwing_fund WHERE instrument = ? AND year = ?");
    st.bind(1, instrument).bind(2, std::int64_t{year});
    if (st.step())
        return FundId(st.getInt(0));
    return std::nullopt;
}

Result<plugin::ReferenceLoadSummary> setupYear(ChangeSet& cs, const Rules& rules, int year,
                                               const std::string& scenario) {
    Workspace& ws = cs.workspace();
    plugin::ReferenceLoadSummary summary;
    const Date on(year, 1, 1);
    const auto instruments = rules.instruments(on, scenario);
    if (instruments.empty())
        return makeError(
            "stadsvernieuwing.no_instruments",
            "no instrument of scenario '" + scenario + "' is valid in " + std::to_string(year),
            "stadsvernieuwing: data/instruments.csv",
            "use scenario current or proposal, or add rows for that year");
    try {
        const std::string code = "SV-" + std::to_string(year);
        Repository<Programme> programmes(ws);
        ProgrammeId programmeId;
        if (auto existing = programmes.findByCode(code)) {
            programmeId = existing->id;
        } else {
            Programme p;
            p.code = code;
            p.name = "Stadsvernieuwing " + std::to_string(year);
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
            f.code = fundCode(i.code, year);
            f.name = i.name + " " + std::to_string(year);
            f.grantor = "Vlaamse overheid, ABB (Stedenbeleid)";
            f.type = FundType::Subsidy;
            f.maxRate = i.maxRate;
            f.rateKind = RateKind::UpTo;
            f.capPerProject = i.maxAward;
            f.budget = i.budgetPerYear;
            f.cumulationGroup = "public";
            f.priority = i.priority;
            f.valid = Period{Date(year, 1, 1), Date(year, 12, 31)};
            const auto id = funds.insert(cs, f);
            cs.insert("stadsvernieuwing_fund", Row()
                                                   .set("fund_id", id)
                                                   .set("instrument", i.code)
                                                   .set("year", std::int64_t{year})
                                                   .set("scenario", scenario)
                                                   .set("source", i.source));
            ++summary.inserted;
            summary.notes.push_back("fund " + f.code + ": budget " + f.budget.format() + " from " +
                                    i.where);
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
        return makeError("stadsvernieuwing.not_set_up",
                         "the programme year " + std::to_string(r.year) +
                             " has no fund for instrument " + r.instrument,
                         "call " + r.code,
                         "run 'koppelkans-cli plugin stadsvernieuwing setup WORKSPACE --year " +
                             std::to_string(r.year) + "' first");
    const auto f = Repository<Fund>(ws).get(fund->value);
    plugin::CallSpec spec;
    spec.code = r.code;
    spec.name = r.name.empty() ? instrument.value().name + " " + std::to_string(r.year) : r.name;
    spec.instrument = r.instrument;
    spec.programme = *f->programmeId;
    spec.fund = *fund;
    spec.opens = opens;
    spec.closes = r.closes.value_or(Date(r.year, 12, 31));
    spec.budget = r.budget.value_or(f->budget);
    if (spec.budget > f->budget)
        return makeError("stadsvernieuwing.call_budget",
                         "the call budget " + spec.budget.format() + " is more than the " +
                             f->budget.format() + " of fund " + f->code,
                         "call " + r.code, "lower the call budget");
    spec.stage1PassMark = rules.stage1PassMark(r.instrument, opens);
    spec.criteria = rules.criteria(r.instrument, opens);
    return workflow().createCall(cs, spec);
}

Result<plugin::Application> apply(ChangeSet& cs, const Rules& rules, const ApplicationRequest& r) {
    Workspace& ws = cs.workspace();
    const auto wf = workflow();
    auto call = wf.call(ws, r.call);
    if (!call)
        return call.error();
    const auto project = Repository<Project>(ws).findByCode(r.project);
    if (!project)
        return makeError("stadsvernieuwing.unknown_project",
                         "there is no project with code '" + r.project + "'", "--project",
                         "import the project first (koppelkans-cli import WS projects FILE)");
    const std::string instrumentCode = wf.instrumentOf(ws, call.value().id);
    auto instrument = rules.instrument(instrumentCode, call.value().opens);
    if (!instrument)
        return instrument.error();
    std::vector<std::string> cities = r.cities;
    if (cities.empty() && project->applicantId)
        if (const auto a = Repository<Actor>(ws).get(project->applicantId->value); a && a->nisCode)
            cities.push_back(*a->nisCode);
    if (auto st = checkEligible(ws, rules, instrumentCode, cities, call.value().opens); !st)
        return st.error();
    if (auto st =
            rules.checkRequest(instrument.value(), r.requested, static_cast<int>(cities.size()));
        !st)
        return st.error();
    if (auto st = rules.checkRealisation(instrument.value(), call.value().opens, r.realisationEnd);
        !st)
        return st.error();
    plugin::Application a;
    a.call = call.value().id;
    a.project = project->id;
    a.instrument = instrumentCode;
    a.requested = r.requested;
    a.totalCost = r.totalCost;
    a.privateInvestment = r.privateInvestment;
    a.municipalities = cities;
    a.realisationEnd = r.realisationEnd;
    auto id = wf.addApplication(cs, a);
    if (!id)
        return id.error();
    a.id = id.value();
    return a;
}

}  // namespace kk::plugins::stadsvernieuwing
