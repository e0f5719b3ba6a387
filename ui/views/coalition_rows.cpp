// Coalition form, member rows and the fixed-share key preview for the coalition editor.
#include "ui/views/coalition_rows.h"

#include <algorithm>
#include <cctype>

#include "core/model/validation.h"

namespace kk::ui {
namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

bool known(const std::vector<CellProblem>& problems, int column) {
    return std::any_of(problems.begin(), problems.end(),
                       [&](const CellProblem& p) { return p.column == column; });
}

}  // namespace

FormText coalitionForm(const Coalition& c, const std::string& continuityActorCode) {
    return {{"code", c.code},
            {"name", c.name},
            {"purpose", c.purpose},
            {"governance_form", c.governanceForm},
            {"agreement_from", dateText(c.agreementFrom)},
            {"agreement_to", dateText(c.agreementTo)},
            {"continuity_plan", c.continuityPlan},
            {"continuity_actor", continuityActorCode}};
}

ParsedCoalition parseCoalitionForm(const FormText& form, const Coalition& base,
                                   const ActorNameLookup& actors) {
    ParsedCoalition out;
    Coalition& c = out.coalition;
    c = base;
    c.code = fieldOf(form, "code");
    c.name = fieldOf(form, "name");
    c.purpose = fieldOf(form, "purpose");
    c.governanceForm = fieldOf(form, "governance_form");
    c.continuityPlan = fieldOf(form, "continuity_plan");
    for (const char* field : {"code", "name"})
        if (fieldOf(form, field).empty())
            out.problems.push_back({field, "form.problem.required", {}, {}});
    for (const auto& [field, date] : {std::pair{"agreement_from", &c.agreementFrom},
                                      std::pair{"agreement_to", &c.agreementTo}}) {
        const std::string text = fieldOf(form, field);
        auto d = parseOptionalDate(text);
        if (!d.ok)
            out.problems.push_back({field, "form.problem.date", text, {}});
        *date = d.value;
    }
    const std::string actor = fieldOf(form, "continuity_actor");
    c.continuityActorId.reset();
    if (!actor.empty()) {
        if (auto a = actors ? actors(actor) : std::nullopt)
            c.continuityActorId = a->first;
        else
            out.problems.push_back({"continuity_actor", "cost.problem.partner", actor, {}});
    }
    if (out.problems.empty())
        for (const Finding& f : validate(c))
            if (f.severity == Severity::Error)
                out.problems.push_back({f.field == "agreement_to" ? "agreement_to" : "name",
                                        f.field == "agreement_to" ? "form.problem.period" : "",
                                        {},
                                        f.message});
    return out;
}

RecordRow memberRow(const CoalitionMember& m, const std::string& actorCode,
                    const std::string& actorName) {
    RecordRow row;
    row.id = m.id.value;
    row.cells.resize(kMemberColumnCount);
    row.cells[kMemberActor] = actorCode;
    row.cells[kMemberActorName] = actorName;
    row.cells[kMemberRole] = std::string(toCode(m.role));
    row.cells[kMemberShare] = m.share ? rateText(*m.share) : "";
    row.cells[kMemberMandate] = m.mandateFunction;
    row.cells[kMemberJoined] = dateText(m.joined);
    row.cells[kMemberLeft] = dateText(m.left);
    return row;
}

ParsedMember parseMemberRow(const std::vector<RecordRow>& rows, std::size_t index,
                            CoalitionId coalition, const ActorNameLookup& actors) {
    ParsedMember out;
    const RecordRow& row = rows[index];
    CoalitionMember& m = out.member;
    m.id = CoalitionMemberId(row.id);
    m.coalitionId = coalition;
    auto& problems = out.problems;

    const std::string actor = cellOf(row, kMemberActor);
    if (actor.empty()) {
        problems.push_back({kMemberActor, "member.problem.actor_empty", {}, {}});
    } else if (auto a = actors ? actors(actor) : std::nullopt) {
        m.actorId = a->first;
        for (std::size_t other = 0; other < rows.size(); ++other)
            if (other != index && lower(cellOf(rows[other], kMemberActor)) == lower(actor)) {
                problems.push_back({kMemberActor, "member.problem.duplicate", actor, {}});
                break;
            }
    } else {
        problems.push_back({kMemberActor, "cost.problem.partner", actor, {}});
    }

    const std::string role = cellOf(row, kMemberRole);
    if (auto r = fromCode<MemberRole>(role))
        m.role = *r;
    else
        problems.push_back({kMemberRole, "member.problem.role", role, {}});

    const std::string share = cellOf(row, kMemberShare);
    if (auto s = parseOptionalRate(share); !s.ok)
        problems.push_back({kMemberShare, "form.problem.rate", share, {}});
    else if (s.value && (s.value->isNegative() || *s.value > Rate::one()))
        problems.push_back({kMemberShare, "form.problem.rate_range", share, {}});
    else
        m.share = s.value;

    m.mandateFunction = cellOf(row, kMemberMandate);
    for (const auto& [column, date] :
         {std::pair{kMemberJoined, &m.joined}, std::pair{kMemberLeft, &m.left}}) {
        const std::string text = cellOf(row, static_cast<std::size_t>(column));
        auto d = parseOptionalDate(text);
        if (!d.ok)
            problems.push_back({column, "form.problem.date", text, {}});
        *date = d.value;
    }
    for (const Finding& f : validate(m))
        if (f.severity == Severity::Error) {
            const int column = f.field == "share" ? kMemberShare : kMemberLeft;
            if (!known(problems, column))
                problems.push_back(
                    {column, column == kMemberLeft ? "form.problem.period" : "", {}, f.message});
        }
    return out;
}

KeyPreview previewKey(const std::vector<RecordRow>& rows, CoalitionId coalition,
                      const ActorNameLookup& actors) {
    KeyPreview out;
    out.shares.resize(rows.size());
    out.adjustments.resize(rows.size());
    out.invalid.resize(rows.size());
    std::vector<alloc::Partner> partners;
    std::vector<std::size_t> rowOf;
    bool anyShare = false;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const ParsedMember parsed = parseMemberRow(rows, i, coalition, actors);
        out.invalid[i] = !parsed.problems.empty();
        // Members who left are not partners of new allocations (workspace_problem.cpp).
        if (!parsed.problems.empty() || parsed.member.left)
            continue;
        alloc::Partner p;
        p.id = cellOf(rows[i], kMemberActor);
        p.name = p.id;
        p.keyInputs["fixed_share"] = parsed.member.share.value_or(Rate());
        anyShare = anyShare || parsed.member.share.has_value();
        if (parsed.member.share)
            out.entered = out.entered + *parsed.member.share;
        partners.push_back(std::move(p));
        rowOf.push_back(i);
    }
    if (!anyShare)
        return out;
    alloc::CostSharingKey key;
    key.criteria.push_back({"fixed_share", alloc::CriterionKind::FixedShare, Rate::one()});
    // The residual only matters for maximum contributions, which members do not have here.
    auto applied = alloc::applyCostSharingKey(partners, key, Money::fromEuros(100'000));
    if (!applied) {
        out.status = "error";
        out.error = applied.error();
        return out;
    }
    out.status = "ok";
    for (std::size_t k = 0; k < applied.value().partners.size() && k < rowOf.size(); ++k) {
        out.shares[rowOf[k]] = applied.value().partners[k].share;
        out.adjustments[rowOf[k]] = applied.value().partners[k].adjustment;
    }
    return out;
}

}  // namespace kk::ui
