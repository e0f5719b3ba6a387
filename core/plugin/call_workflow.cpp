// The shared call workflow: applications, scores, the two-stage jury and budget-bound awards.
#include "core/plugin/call_workflow.h"

#include <algorithm>
#include <map>

#include "core/store/repositories.h"

namespace kk::plugin {
namespace {

std::string joined(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v)
        out += (out.empty() ? "" : ";") + s;
    return out;
}

std::vector<std::string> split(const std::string& s) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < s.size()) {
        auto end = s.find(';', start);
        if (end == std::string::npos)
            end = s.size();
        if (end > start)
            out.push_back(s.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

}  // namespace

bool Application::hasFlag(std::string_view flag) const {
    return std::find(flags.begin(), flags.end(), flag) != flags.end();
}

std::vector<Migration> applicationMigrations(const std::string& id) {
    // Table names carry the plugin id (a manifest-checked identifier: ^[a-z][a-z0-9_]*$).
    return {
        {1, "call_workflow",
         "CREATE TABLE " + id +
             "_call (call_id INTEGER PRIMARY KEY REFERENCES kk_call(id) "
             "ON DELETE CASCADE, instrument TEXT NOT NULL, stage1_pass_mark TEXT NOT NULL);\n"
             "CREATE TABLE " +
             id +
             "_criterion_stage (criterion_id INTEGER PRIMARY KEY "
             "REFERENCES kk_call_criterion(id) ON DELETE CASCADE, stage INTEGER NOT NULL "
             "CHECK (stage IN (1, 2)));\n"
             "CREATE TABLE " +
             id +
             "_application (id INTEGER PRIMARY KEY, call_id INTEGER NOT "
             "NULL REFERENCES kk_call(id), project_id INTEGER NOT NULL REFERENCES kk_project(id), "
             "instrument TEXT NOT NULL, requested INTEGER NOT NULL CHECK (requested >= 0), "
             "total_cost INTEGER NOT NULL DEFAULT 0, private_investment INTEGER NOT NULL "
             "DEFAULT 0, municipalities TEXT NOT NULL DEFAULT '', theme TEXT NOT NULL DEFAULT "
             "'', flags TEXT NOT NULL DEFAULT '', cumulation TEXT NOT NULL DEFAULT '', status "
             "TEXT NOT NULL, realisation_end TEXT, rank INTEGER, UNIQUE (call_id, project_id));\n"
             "CREATE TABLE " +
             id + "_score (application_id INTEGER NOT NULL REFERENCES " + id +
             "_application(id) ON DELETE CASCADE, stage INTEGER NOT NULL, criterion TEXT NOT "
             "NULL, score INTEGER NOT NULL, PRIMARY KEY (application_id, stage, criterion));\n"}};
}

Result<CallId> CallWorkflow::createCall(ChangeSet& cs, const CallSpec& spec) const {
    Workspace& ws = cs.workspace();
    const std::string where = "call " + spec.code;
    for (int stage : {1, 2}) {
        Rate sum;
        bool any = false;
        for (const auto& c : spec.criteria)
            if (c.stage == stage) {
                sum = sum + c.weight;
                any = true;
            }
        if (any && sum != Rate::one())
            return makeError("call.weights",
                             "the weights of the stage-" + std::to_string(stage) +
                                 " criteria add up to " + sum.formatPercent() + ", not 100 %",
                             where, "correct the weights in the plugin's criteria.csv");
    }
    if (Repository<Call>(ws).findByCode(spec.code))
        return makeError("call.exists", "a call with this code already exists", where,
                         "choose another code");
    Call call;
    call.programmeId = spec.programme;
    call.code = spec.code;
    call.name = spec.name;
    call.opens = spec.opens;
    call.closes = spec.closes;
    call.budget = spec.budget;
    call.status = CallStatus::Open;
    try {
        const CallId id(Repository<Call>(ws).insert(cs, call));
        addCallFund(cs, id, spec.fund);
        cs.insert(table("call"), Row()
                                     .set("call_id", id.value)
                                     .set("instrument", spec.instrument)
                                     .set("stage1_pass_mark", spec.stage1PassMark.toString()));
        Repository<CallCriterion> criteria(ws);
        for (const auto& c : spec.criteria) {
            CallCriterion cc;
            cc.callId = id;
            cc.code = c.code;
            cc.name = c.name;
            cc.weight = c.weight;
            cc.maxScore = c.maxScore;
            const auto cid = criteria.insert(cs, cc);
            cs.insert(table("criterion_stage"),
                      Row().set("criterion_id", cid).set("stage", std::int64_t{c.stage}));
        }
        return id;
    } catch (const KkError& e) {
        return e.error();
    }
}

Result<Call> CallWorkflow::call(Workspace& ws, const std::string& code) const {
    auto c = Repository<Call>(ws).findByCode(code);
    if (!c || instrumentOf(ws, c->id).empty())
        return makeError(
            "call.unknown", "there is no " + m_id + " call with code '" + code + "'", "--call",
            "create it with 'koppelkans-cli plugin " + m_id + " create-call' or check the code");
    return *c;
}

std::string CallWorkflow::instrumentOf(Workspace& ws, CallId call) const {
    auto st = ws.db().prepare("SELECT instrument FROM " + table("call") + " WHERE call_id = ?");
    st.bind(1, call.value);
    return st.step() ? st.getText(0) : std::string();
}

Rate CallWorkflow::stage1PassMark(Workspace& ws, CallId call) const {
    auto st =
        ws.db().prepare("SELECT stage1_pass_mark FROM " + table("call") + " WHERE call_id = ?");
    st.bind(1, call.value);
    if (!st.step())
        return Rate::zero();
    return Rate::parse(st.getText(0)).valueOr(Rate::zero());
}

std::vector<CriterionSpec> CallWorkflow::criteria(Workspace& ws, CallId call) const {
    auto st = ws.db().prepare(
        "SELECT c.code, c.name, c.weight, c.max_score, s.stage FROM "
        "kk_call_criterion c JOIN " +
        table("criterion_stage") + " s ON s.criterion_id = c.id WHERE c.call_id = ? ORDER BY c.id");
    st.bind(1, call.value);
    std::vector<CriterionSpec> out;
    while (st.step())
        out.push_back({st.getText(0), st.getText(1),
                       Rate::parse(st.getText(2)).valueOr(Rate::zero()),
                       static_cast<int>(st.getInt(3)), static_cast<int>(st.getInt(4))});
    return out;
}

Result<std::int64_t> CallWorkflow::addApplication(ChangeSet& cs, const Application& a) const {
    if (application(cs.workspace(), a.call, a.project))
        return makeError("application.exists", "the project already applied to this call",
                         "project " + std::to_string(a.project.value),
                         "change the existing application instead");
    Row r;
    r.set("call_id", a.call.value)
        .set("project_id", a.project.value)
        .set("instrument", a.instrument)
        .set("requested", a.requested.cents())
        .set("total_cost", a.totalCost.cents())
        .set("private_investment", a.privateInvestment.cents())
        .set("municipalities", joined(a.municipalities))
        .set("theme", a.theme)
        .set("flags", joined(a.flags))
        .set("cumulation", a.cumulation)
        .set("status", a.status);
    if (a.realisationEnd)
        r.set("realisation_end", a.realisationEnd->toString());
    return cs.insert(table("application"), r);
}

std::vector<Application> CallWorkflow::applications(Workspace& ws,
                                                    std::optional<CallId> call) const {
    auto st = ws.db().prepare(
        "SELECT id, call_id, project_id, instrument, requested, total_cost, private_investment, "
        "municipalities, theme, flags, cumulation, status, realisation_end, rank FROM " +
        table("application") + " WHERE ?1 IS NULL OR call_id = ?1 ORDER BY id");
    if (call)
        st.bind(1, call->value);
    else
        st.bindNull(1);
    std::vector<Application> out;
    while (st.step()) {
        Application a;
        a.id = st.getInt(0);
        a.call = CallId(st.getInt(1));
        a.project = ProjectId(st.getInt(2));
        a.instrument = st.getText(3);
        a.requested = Money::fromCents(st.getInt(4));
        a.totalCost = Money::fromCents(st.getInt(5));
        a.privateInvestment = Money::fromCents(st.getInt(6));
        a.municipalities = split(st.getText(7));
        a.theme = st.getText(8);
        a.flags = split(st.getText(9));
        a.cumulation = st.getText(10);
        a.status = st.getText(11);
        if (!st.isNull(12))
            a.realisationEnd = Date::parse(st.getText(12)).valueOr(Date());
        if (!st.isNull(13))
            a.rank = static_cast<int>(st.getInt(13));
        out.push_back(std::move(a));
    }
    return out;
}

std::optional<Application> CallWorkflow::application(Workspace& ws, CallId call,
                                                     ProjectId project) const {
    for (auto& a : applications(ws, call))
        if (a.project == project)
            return a;
    return std::nullopt;
}

Status CallWorkflow::setScore(ChangeSet& cs, const Application& a, int stage,
                              const std::string& criterion, int score) const {
    Workspace& ws = cs.workspace();
    const auto all = criteria(ws, a.call);
    const auto c = std::find_if(all.begin(), all.end(), [&](const CriterionSpec& s) {
        return s.code == criterion && s.stage == stage;
    });
    const std::string where = "application " + std::to_string(a.id) + ", criterion " + criterion;
    if (c == all.end()) {
        std::string known;
        for (const auto& s : all)
            if (s.stage == stage)
                known += (known.empty() ? "" : ", ") + s.code;
        return makeError(
            "score.criterion",
            "the call has no stage-" + std::to_string(stage) + " criterion '" + criterion + "'",
            where, "use one of: " + known);
    }
    if (score < 0 || score > c->maxScore)
        return makeError(
            "score.range",
            "the score " + std::to_string(score) + " is outside 0.." + std::to_string(c->maxScore),
            where, "give a score between 0 and " + std::to_string(c->maxScore));
    auto find = ws.db().prepare("SELECT rowid FROM " + table("score") +
                                " WHERE application_id = ? AND stage = ? AND criterion = ?");
    find.bind(1, a.id).bind(2, std::int64_t{stage}).bind(3, criterion);
    if (find.step())
        cs.update(table("score"), find.getInt(0), Row().set("score", std::int64_t{score}));
    else
        cs.insert(table("score"), Row()
                                      .set("application_id", a.id)
                                      .set("stage", std::int64_t{stage})
                                      .set("criterion", criterion)
                                      .set("score", std::int64_t{score}));
    return {};
}

Result<ScoreSheet> CallWorkflow::scoreSheet(Workspace& ws, const Application& a, int stage) const {
    std::map<std::string, int> scores;
    auto st = ws.db().prepare("SELECT criterion, score FROM " + table("score") +
                              " WHERE application_id = ? AND stage = ?");
    st.bind(1, a.id).bind(2, std::int64_t{stage});
    while (st.step())
        scores[st.getText(0)] = static_cast<int>(st.getInt(1));
    ScoreSheet sheet;
    sheet.projectId = a.project.value;
    Rate got;
    Rate max;
    std::string missing;
    for (const auto& c : criteria(ws, a.call)) {
        if (c.stage != stage)
            continue;
        const auto it = scores.find(c.code);
        if (it == scores.end()) {
            missing += (missing.empty() ? "" : ", ") + c.code;
            continue;
        }
        sheet.criteria.push_back({c.code, c.name, c.weight, it->second, c.maxScore});
        got = got + c.weight * Rate(it->second, 1);
        max = max + c.weight * Rate(c.maxScore, 1);
    }
    if (!missing.empty())
        return makeError("score.incomplete", "not scored yet: " + missing,
                         "application " + std::to_string(a.id) + ", stage " + std::to_string(stage),
                         "score every criterion with the 'score' command first");
    sheet.total = max.isZero() ? Rate::zero() : got / max;
    return sheet;
}

Result<std::vector<Application>> CallWorkflow::runJury(ChangeSet& cs, CallId call,
                                                       int stage) const {
    Workspace& ws = cs.workspace();
    auto apps = applications(ws, call);
    std::vector<Application> out;
    if (stage == 1) {
        const Rate pass = stage1PassMark(ws, call);
        for (auto& a : apps) {
            if (a.status != "submitted")
                continue;
            auto sheet = scoreSheet(ws, a, 1);
            if (!sheet)
                return sheet.error();
            a.status = sheet.value().total >= pass ? "stage1_passed" : "stage1_failed";
            cs.update(table("application"), a.id, Row().set("status", a.status));
            out.push_back(a);
        }
        return out;
    }
    std::vector<std::pair<Rate, Application>> ranked;
    for (auto& a : apps) {
        if (a.status != "stage1_passed" && a.status != "ranked")
            continue;
        auto sheet = scoreSheet(ws, a, 2);
        if (!sheet)
            return sheet.error();
        ranked.emplace_back(sheet.value().total, a);
    }
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const auto& x, const auto& y) { return x.first > y.first; });
    int rank = 0;
    for (auto& [total, a] : ranked) {
        a.status = "ranked";
        a.rank = ++rank;
        cs.update(table("application"), a.id,
                  Row().set("status", a.status).set("rank", std::int64_t{rank}));
        out.push_back(a);
    }
    return out;
}

Money CallWorkflow::granted(Workspace& ws, CallId call) const {
    auto st = ws.db().prepare(
        "SELECT coalesce(sum(amount), 0) FROM kk_award WHERE call_id = ? AND status = 'granted'");
    st.bind(1, call.value);
    st.step();
    return Money::fromCents(st.getInt(0));
}

Result<FundId> CallWorkflow::fundOf(Workspace& ws, CallId call) const {
    const auto funds = callFunds(ws, call);
    if (funds.empty())
        return makeError("call.no_fund", "the call has no fund",
                         "call " + std::to_string(call.value), "link a fund to the call");
    return funds.front();
}

Result<AwardId> CallWorkflow::award(ChangeSet& cs, const Application& a, Money amount,
                                    const Date& decidedOn) const {
    Workspace& ws = cs.workspace();
    const auto callRow = Repository<Call>(ws).get(a.call.value);
    const std::string where = "call " + (callRow ? callRow->code : std::string("?")) +
                              ", application " + std::to_string(a.id);
    if (a.status != "ranked" && a.status != "stage1_passed")
        return makeError("award.not_ranked",
                         "the application has status '" + a.status + "' and cannot be awarded",
                         where, "run the jury stages first ('jury --stage 1', 'jury --stage 2')");
    if (amount > a.requested)
        return makeError("award.above_request",
                         "the award " + amount.format() + " is more than the " +
                             a.requested.format() + " requested",
                         where, "award at most the requested amount");
    const Money used = granted(ws, a.call);
    const Money left = callRow->budget - used;
    if (amount > left)
        return makeError("award.budget",
                         "the award " + amount.format() + " does not fit in the call budget: " +
                             callRow->budget.format() + " of which " + used.format() +
                             " is already granted, " + left.format() + " left",
                         where, "award less, or raise the call budget first");
    auto fund = fundOf(ws, a.call);
    if (!fund)
        return fund.error();
    Award award;
    award.projectId = a.project;
    award.fundId = fund.value();
    award.callId = a.call;
    award.decidedOn = decidedOn;
    award.amount = amount;
    award.status = AwardStatus::Granted;
    try {
        const AwardId id(Repository<Award>(ws).insert(cs, award));
        cs.update(table("application"), a.id, Row().set("status", std::string("awarded")));
        return id;
    } catch (const KkError& e) {
        return e.error();
    }
}

Result<Money> parseEuros(const std::string& text, const std::string& option) {
    auto m = Money::parse(text);
    if (!m)
        return makeError("args.amount", "'" + text + "' is not an amount in euros", "--" + option,
                         "write e.g. 75000 or 75000.00");
    return m.value();
}

CommandArgs::CommandArgs(const std::vector<std::string>& args) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& s = args[i];
        if (s.rfind("--", 0) != 0) {
            m_positional.push_back(s);
            continue;
        }
        const auto eq = s.find('=');
        if (eq != std::string::npos)
            m_options.emplace_back(s.substr(2, eq - 2), s.substr(eq + 1));
        else if (i + 1 < args.size() && args[i + 1].rfind("--", 0) != 0)
            m_options.emplace_back(s.substr(2), args[++i]);
        else
            m_options.emplace_back(s.substr(2), "yes");
    }
}

bool CommandArgs::has(const std::string& name) const {
    return std::any_of(m_options.begin(), m_options.end(),
                       [&](const auto& o) { return o.first == name; });
}

std::string CommandArgs::get(const std::string& name, const std::string& fallback) const {
    for (const auto& [k, v] : m_options)
        if (k == name)
            return v;
    return fallback;
}

Result<std::string> CommandArgs::required(const std::string& name,
                                          const std::string& synopsis) const {
    if (!has(name))
        return makeError("args.missing", "--" + name + " is required", "--" + name,
                         "usage: " + synopsis);
    return get(name);
}

Result<std::optional<Date>> CommandArgs::optionalDate(const std::string& name) const {
    if (!has(name))
        return std::optional<Date>();
    auto d = Date::parse(get(name));
    if (!d)
        return makeError("args.date", "'" + get(name) + "' is not a date", "--" + name,
                         "write dates as 2025-03-01");
    return std::optional<Date>(d.value());
}

std::vector<std::string> CommandArgs::list(const std::string& name) const {
    const std::string text = get(name);
    const char separator = text.find(';') != std::string::npos ? ';' : ',';
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto end = text.find(separator, start);
        std::string part = text.substr(start, end == std::string::npos ? end : end - start);
        if (!part.empty())
            out.push_back(std::move(part));
        if (end == std::string::npos)
            break;
        start = end + 1;
    }
    return out;
}

}  // namespace kk::plugin
