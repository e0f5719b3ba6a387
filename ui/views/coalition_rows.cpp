// Coalition form, member rows and the fixed-share key preview for the coalition editor.
#include "ui/views/coalition_rows.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "core/model/validation.h"
#include "ui/views/coalition_key_rows.h"

namespace kk::ui {
namespace {

bool known(const std::vector<CellProblem>& problems, int column) {
    return std::any_of(problems.begin(), problems.end(),
                       [&](const CellProblem& p) { return p.column == column; });
}

struct InputCell {
    int column;
    CostSharingCriterion criterion;
};
constexpr InputCell kInputCells[] = {{kMemberPopulation, CostSharingCriterion::Population},
                                     {kMemberBenefit, CostSharingCriterion::ExpectedBenefit},
                                     {kMemberFiscal, CostSharingCriterion::FiscalCapacity}};

/// The engine's kind of a stored criterion (fiscal capacity counts inversely).
alloc::CriterionKind engineKind(CostSharingCriterion c) {
    switch (c) {
        case CostSharingCriterion::TerritoryShare:
            return alloc::CriterionKind::TerritoryShare;
        case CostSharingCriterion::Population:
            return alloc::CriterionKind::Population;
        case CostSharingCriterion::ExpectedBenefit:
            return alloc::CriterionKind::ExpectedBenefit;
        case CostSharingCriterion::FiscalCapacity:
            return alloc::CriterionKind::InverseFiscalCapacity;
        case CostSharingCriterion::FixedShare:
            break;
    }
    return alloc::CriterionKind::FixedShare;
}

/// The key cells of a member row: inputs and limit, with the problems of those cells.
void parseKeyCells(const RecordRow& row, ParsedMember& out) {
    const CoalitionMember& m = out.member;
    for (const InputCell& in : kInputCells) {
        const std::string text = cellOf(row, static_cast<std::size_t>(in.column));
        if (text.empty())
            continue;
        auto v = parseRateText(text);
        if (!v || v->isNegative()) {
            out.problems.push_back({in.column, "member.problem.key_value", text, {}});
            continue;
        }
        CoalitionKeyInput input{{}, m.coalitionId, m.actorId, in.criterion, *v};
        for (const Finding& f : validate(input))
            if (f.severity == Severity::Error && !known(out.problems, in.column))
                out.problems.push_back({in.column, "", {}, f.message});
        out.inputs.push_back(input);
    }
    CoalitionKeyLimit& l = out.limit;
    l.coalitionId = m.coalitionId;
    l.actorId = m.actorId;
    for (const auto& [column, share] :
         {std::pair{kMemberFloor, &l.floorShare}, std::pair{kMemberCap, &l.capShare}}) {
        const std::string text = cellOf(row, static_cast<std::size_t>(column));
        if (auto r = parseOptionalRate(text); !r.ok)
            out.problems.push_back({column, "form.problem.rate", text, {}});
        else if (r.value && (r.value->isNegative() || *r.value > Rate::one()))
            out.problems.push_back({column, "form.problem.rate_range", text, {}});
        else
            *share = r.value;
    }
    const std::string most = cellOf(row, kMemberMaxContribution);
    if (auto mc = parseOptionalMoney(most); !mc.ok)
        out.problems.push_back({kMemberMaxContribution, "cost.problem.amount", most, {}});
    else if (mc.value && mc.value->isNegative())
        out.problems.push_back({kMemberMaxContribution, "form.problem.negative", most, {}});
    else
        l.maxContribution = mc.value;
    for (const Finding& f : validate(l))
        if (f.severity == Severity::Error && !known(out.problems, kMemberCap))
            out.problems.push_back({kMemberCap, "", {}, f.message});
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
                    const std::string& actorName, const CoalitionKey& key) {
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
    for (const InputCell& in : kInputCells)
        if (const CoalitionKeyInput* i = key.input(m.actorId, in.criterion))
            row.cells[static_cast<std::size_t>(in.column)] = i->value.toString();
    if (const CoalitionKeyLimit* l = key.limit(m.actorId)) {
        row.cells[kMemberFloor] = l->floorShare ? rateText(*l->floorShare) : "";
        row.cells[kMemberCap] = l->capShare ? rateText(*l->capShare) : "";
        row.cells[kMemberMaxContribution] = moneyText(l->maxContribution);
    }
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
            if (other != index &&
                lowerAscii(cellOf(rows[other], kMemberActor)) == lowerAscii(actor)) {
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
    parseKeyCells(row, out);
    return out;
}

CoalitionKey keyFromRows(const std::vector<RecordRow>& criteria,
                         const std::vector<RecordRow>& members, CoalitionId coalition,
                         const ActorNameLookup& actors) {
    CoalitionKey key;
    for (std::size_t i = 0; i < criteria.size(); ++i) {
        if (cellOf(criteria[i], kCriterionKind).empty() &&
            cellOf(criteria[i], kCriterionWeight).empty())
            continue;
        ParsedCriterion c = parseCriterionRow(criteria, i, coalition);
        if (c.problems.empty())
            key.criteria.push_back(c.criterion);
    }
    for (std::size_t i = 0; i < members.size(); ++i) {
        ParsedMember m = parseMemberRow(members, i, coalition, actors);
        if (!m.problems.empty())
            continue;
        key.inputs.insert(key.inputs.end(), m.inputs.begin(), m.inputs.end());
        if (!m.limit.empty())
            key.limits.push_back(m.limit);
    }
    return key;
}

KeyPreview previewKey(const std::vector<RecordRow>& rows, CoalitionId coalition,
                      const ActorNameLookup& actors, const std::vector<RecordRow>& criteria) {
    KeyPreview out;
    out.shares.resize(rows.size());
    out.adjustments.resize(rows.size());
    out.bounds.resize(rows.size());
    out.invalid.resize(rows.size());
    std::vector<alloc::Partner> partners;
    std::vector<std::size_t> rowOf;
    std::map<std::string, bool> withData;  // criterion code -> some member has a value
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
        if (parsed.member.share) {
            withData["fixed_share"] = true;
            out.entered = out.entered + *parsed.member.share;
        }
        for (const CoalitionKeyInput& in : parsed.inputs) {
            p.keyInputs[std::string(toCode(in.criterion))] = in.value;
            withData[std::string(toCode(in.criterion))] = true;
        }
        p.floorShare = parsed.limit.floorShare;
        p.capShare = parsed.limit.capShare;
        p.maxContribution = parsed.limit.maxContribution;
        out.maxContributions = out.maxContributions || p.maxContribution.has_value();
        partners.push_back(std::move(p));
        rowOf.push_back(i);
    }
    alloc::CostSharingKey key;
    const CoalitionKey stored = keyFromRows(criteria, {}, coalition, actors);
    out.stored = !stored.criteria.empty();
    for (const CoalitionKeyCriterion& c : stored.criteria) {
        const std::string code(toCode(c.criterion));
        if (c.criterion == CostSharingCriterion::TerritoryShare) {
            out.status = "territory";
            return out;
        }
        key.criteria.push_back({code, engineKind(c.criterion), c.weight});
    }
    if (!out.stored) {
        const auto n = static_cast<std::int64_t>(withData.size());
        for (const auto& [code, yes] : withData)
            key.criteria.push_back(
                {code, engineKind(*fromCode<CostSharingCriterion>(code)), Rate(1, n)});
    }
    Rate total;
    for (const auto& c : key.criteria) {
        out.weights.emplace_back(c.id, c.weight);
        total = total + c.weight;
    }
    if (out.stored && total != Rate::one()) {
        out.status = "weights";
        return out;
    }
    if (key.criteria.empty() || partners.empty())
        return out;
    for (auto& p : partners)
        for (const auto& c : key.criteria)
            p.keyInputs.try_emplace(c.id, Rate());
    auto applied = alloc::applyCostSharingKey(partners, key, kPreviewResidual);
    if (!applied) {
        out.status = "error";
        out.error = applied.error();
        return out;
    }
    out.status = "ok";
    for (std::size_t k = 0; k < applied.value().partners.size() && k < rowOf.size(); ++k) {
        out.shares[rowOf[k]] = applied.value().partners[k].share;
        const std::string& adjustment = applied.value().partners[k].adjustment;
        out.adjustments[rowOf[k]] = adjustment;
        // The engine's wording (cost_sharing.cpp) names the bound; others were only rescaled.
        if (adjustment.starts_with("raised to its floor"))
            out.bounds[rowOf[k]] = "floor";
        else if (adjustment.starts_with("capped at its cap"))
            out.bounds[rowOf[k]] = "cap";
        else if (adjustment.starts_with("capped by its maximum"))
            out.bounds[rowOf[k]] = "max";
    }
    return out;
}

}  // namespace kk::ui
