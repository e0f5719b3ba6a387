// Fund form and award rows: parsing and validation for the fund editor.
#include "ui/views/fund_rows.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "core/model/validation.h"

namespace kk::ui {
namespace {

void required(std::vector<FieldProblem>& out, const FormText& form, const std::string& field) {
    if (fieldOf(form, field).empty())
        out.push_back({field, "form.problem.required", {}, {}});
}

bool known(const std::vector<FieldProblem>& problems, const std::string& field) {
    return std::any_of(problems.begin(), problems.end(),
                       [&](const FieldProblem& p) { return p.field == field; });
}

bool known(const std::vector<CellProblem>& problems, int column) {
    return std::any_of(problems.begin(), problems.end(),
                       [&](const CellProblem& p) { return p.column == column; });
}

}  // namespace

const std::vector<std::string>& fundFieldNames() {
    static const std::vector<std::string> names{"code",
                                                "name",
                                                "programme",
                                                "grantor",
                                                "type",
                                                "max_rate",
                                                "rate_kind",
                                                "budget",
                                                "cap_per_project",
                                                "cap_per_partner",
                                                "cap_per_year",
                                                "cumulation_group",
                                                "priority",
                                                "categories",
                                                "valid_from",
                                                "valid_to"};
    return names;
}

FormText fundForm(const Fund& f) {
    std::string categories;
    for (const auto& c : f.eligibleCategories)
        categories += (categories.empty() ? "" : ", ") + c;
    return {{"code", f.code},
            {"name", f.name},
            {"programme", f.programmeId ? std::to_string(f.programmeId->value) : ""},
            {"grantor", f.grantor},
            {"type", std::string(toCode(f.type))},
            {"max_rate", rateText(f.maxRate)},
            {"rate_kind", std::string(toCode(f.rateKind))},
            {"budget", f.budget.format()},
            {"cap_per_project", moneyText(f.capPerProject)},
            {"cap_per_partner", moneyText(f.capPerPartner)},
            {"cap_per_year", moneyText(f.capPerYear)},
            {"cumulation_group", f.cumulationGroup},
            {"priority", std::to_string(f.priority)},
            {"categories", categories},
            {"valid_from", f.valid.from.toString()},
            {"valid_to", dateText(f.valid.to)}};
}

ParsedFund parseFundForm(const FormText& form, const Fund& base) {
    ParsedFund out;
    Fund& f = out.fund;
    f = base;
    auto& problems = out.problems;
    f.code = fieldOf(form, "code");
    f.name = fieldOf(form, "name");
    f.grantor = fieldOf(form, "grantor");
    f.cumulationGroup = fieldOf(form, "cumulation_group");
    required(problems, form, "code");
    required(problems, form, "name");

    const std::string programme = fieldOf(form, "programme");
    f.programmeId = programme.empty()
                        ? std::nullopt
                        : std::optional<ProgrammeId>(ProgrammeId(std::stoll(programme)));
    if (auto t = fromCode<FundType>(fieldOf(form, "type")))
        f.type = *t;
    if (auto k = fromCode<RateKind>(fieldOf(form, "rate_kind")))
        f.rateKind = *k;

    const std::string rate = fieldOf(form, "max_rate");
    if (auto r = parseRateText(rate))
        f.maxRate = *r;
    else
        problems.push_back({"max_rate", "form.problem.rate", rate, {}});

    const std::string budget = fieldOf(form, "budget");
    if (auto m = Money::parse(budget); m && !budget.empty())
        f.budget = m.value();
    else
        problems.push_back({"budget", "cost.problem.amount", budget, {}});
    for (const auto& [field, cap] : {std::pair{"cap_per_project", &f.capPerProject},
                                     std::pair{"cap_per_partner", &f.capPerPartner},
                                     std::pair{"cap_per_year", &f.capPerYear}}) {
        const std::string text = fieldOf(form, field);
        auto m = parseOptionalMoney(text);
        if (!m.ok)
            problems.push_back({field, "cost.problem.amount", text, {}});
        else if (m.value && m.value->isNegative())
            problems.push_back({field, "form.problem.negative", text, {}});
        *cap = m.value;
    }

    const std::string priority = fieldOf(form, "priority");
    if (!priority.empty() && priority.size() < 7 &&
        std::all_of(priority.begin(), priority.end(),
                    [](unsigned char c) { return std::isdigit(c) != 0; }))
        f.priority = std::stoi(priority);
    else
        problems.push_back({"priority", "form.problem.whole_number", priority, {}});

    f.eligibleCategories.clear();
    std::string categories = fieldOf(form, "categories");
    std::replace(categories.begin(), categories.end(), ';', ',');
    for (std::size_t start = 0; start <= categories.size();) {
        const std::size_t end = std::min(categories.find(',', start), categories.size());
        if (std::string c = trimmed(categories.substr(start, end - start)); !c.empty())
            f.eligibleCategories.push_back(c);
        start = end + 1;
    }

    const std::string from = fieldOf(form, "valid_from");
    if (auto d = Date::parse(from))
        f.valid.from = d.value();
    else
        problems.push_back({"valid_from", "form.problem.date", from, {}});
    const std::string to = fieldOf(form, "valid_to");
    if (auto d = parseOptionalDate(to); d.ok)
        f.valid.to = d.value;
    else
        problems.push_back({"valid_to", "form.problem.date", to, {}});

    for (const Finding& finding : validate(f)) {
        if (finding.severity != Severity::Error)
            continue;
        // Negative caps were named per field above; the finding does not say which cap.
        const std::string& field = finding.field;
        if (field == "cap" || known(problems, field))
            continue;
        if (field == "max_rate")
            problems.push_back({field, "form.problem.rate_range", rate, {}});
        else if (field == "budget")
            problems.push_back({field, "form.problem.negative", budget, {}});
        else
            problems.push_back(
                {field,
                 {},
                 {},
                 finding.message + (finding.hint.empty() ? "" : " (" + finding.hint + ")")});
    }
    return out;
}

RecordRow awardRow(const Award& a, const std::string& projectCode, const std::string& projectName) {
    RecordRow row;
    row.id = a.id.value;
    row.cells.resize(kAwardColumnCount);
    row.cells[kAwardProject] = projectCode;
    row.cells[kAwardProjectName] = projectName;
    row.cells[kAwardAmount] = a.amount.format();
    row.cells[kAwardRate] = a.rate ? rateText(*a.rate) : "";
    row.cells[kAwardStatus] = std::string(toCode(a.status));
    row.cells[kAwardDecidedOn] = dateText(a.decidedOn);
    row.cells[kAwardConditions] = a.conditions;
    return row;
}

ParsedAward parseAwardRow(const std::vector<RecordRow>& rows, std::size_t index, FundId fund,
                          const ProjectLookup& projects) {
    ParsedAward out;
    const RecordRow& row = rows[index];
    Award& a = out.award;
    a.id = AwardId(row.id);
    a.fundId = fund;
    auto& problems = out.problems;

    const std::string project = cellOf(row, kAwardProject);
    if (project.empty()) {
        problems.push_back({kAwardProject, "award.problem.project_empty", {}, {}});
    } else if (auto p = projects ? projects(project) : std::nullopt) {
        a.projectId = p->first;
        for (std::size_t other = 0; other < rows.size(); ++other)
            if (other != index &&
                lowerAscii(cellOf(rows[other], kAwardProject)) == lowerAscii(project)) {
                problems.push_back({kAwardProject, "award.problem.duplicate", project, {}});
                break;
            }
    } else {
        problems.push_back({kAwardProject, "award.problem.project", project, {}});
    }

    const std::string amount = cellOf(row, kAwardAmount);
    if (amount.empty())
        problems.push_back({kAwardAmount, "cost.problem.amount_empty", amount, {}});
    else if (auto m = Money::parse(amount); !m)
        problems.push_back({kAwardAmount, "cost.problem.amount", amount, {}});
    else if (m.value().isNegative())
        problems.push_back({kAwardAmount, "form.problem.negative", amount, {}});
    else
        a.amount = m.value();

    const std::string rate = cellOf(row, kAwardRate);
    if (auto r = parseOptionalRate(rate); !r.ok)
        problems.push_back({kAwardRate, "form.problem.rate", rate, {}});
    else if (r.value && (r.value->isNegative() || *r.value > Rate::one()))
        problems.push_back({kAwardRate, "form.problem.rate_range", rate, {}});
    else
        a.rate = r.value;

    const std::string status = cellOf(row, kAwardStatus);
    if (auto s = fromCode<AwardStatus>(status))
        a.status = *s;
    else
        problems.push_back({kAwardStatus, "award.problem.status", status, {}});

    const std::string decided = cellOf(row, kAwardDecidedOn);
    if (auto d = parseOptionalDate(decided); d.ok)
        a.decidedOn = d.value;
    else
        problems.push_back({kAwardDecidedOn, "form.problem.date", decided, {}});
    a.conditions = cellOf(row, kAwardConditions);

    for (const Finding& f : validate(a))
        if (f.severity == Severity::Error) {
            const int column = f.field == "rate" ? kAwardRate : kAwardAmount;
            if (!known(problems, column))
                problems.push_back({column, {}, {}, f.message});
        }
    return out;
}

AwardTotals awardTotals(const std::vector<RecordRow>& rows, FundId fund,
                        const ProjectLookup& projects) {
    AwardTotals totals;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const ParsedAward parsed = parseAwardRow(rows, i, fund, projects);
        if (!parsed.problems.empty()) {
            const bool blank =
                cellOf(rows[i], kAwardProject).empty() && cellOf(rows[i], kAwardAmount).empty();
            totals.invalid += blank ? 0 : 1;
            continue;
        }
        ++totals.rows;
        if (parsed.award.status == AwardStatus::Granted)
            totals.granted += parsed.award.amount;
        else if (parsed.award.status == AwardStatus::Candidate)
            totals.candidate += parsed.award.amount;
    }
    return totals;
}

}  // namespace kk::ui
