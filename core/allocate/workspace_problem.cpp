// Workspace -> allocation problem: cost items, awards or candidate funds, partners and keys.
#include "core/allocate/workspace_problem.h"

#include <algorithm>
#include <fstream>
#include <functional>
#include <unordered_map>

#include "core/base/csv.h"
#include "core/geo/gpkg_blob.h"
#include "core/geo/overlap.h"
#include "core/geo/workspace_areas.h"
#include "core/store/coalition_keys.h"
#include "core/store/repositories.h"
#include "core/store/workspace.h"

namespace kk::alloc {
namespace {

const std::vector<std::string>& knownCriteria() {
    static const std::vector<std::string> kCriteria = {
        "territory_share", "population", "fixed_share", "expected_benefit", "fiscal_capacity"};
    return kCriteria;
}

CriterionKind kindOf(const std::string& criterion) {
    if (criterion == "territory_share")
        return CriterionKind::TerritoryShare;
    if (criterion == "population")
        return CriterionKind::Population;
    if (criterion == "expected_benefit")
        return CriterionKind::ExpectedBenefit;
    if (criterion == "fiscal_capacity")
        return CriterionKind::InverseFiscalCapacity;
    return CriterionKind::FixedShare;
}

std::string hectares(std::int64_t mm2) {
    // mm² -> ha with two decimals, rounded half up: 1 ha = 10^10 mm².
    const std::int64_t centiHa = (mm2 + 50'000'000) / 100'000'000;
    return std::to_string(centiHa / 100) + "," + (centiHa % 100 < 10 ? "0" : "") +
           std::to_string(centiHa % 100) + " ha";
}

}  // namespace

Result<KeyInputTable> readKeyInputsCsv(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return makeError("allocate.key_inputs", "cannot open the key-input file", path,
                         "give a CSV with the columns actor,criterion,value");
    KeyInputTable out;
    try {
        CsvReader csv(in, path);
        std::vector<std::string> fields;
        if (!csv.next(fields) || fields.size() < 3 || fields[0] != "actor" ||
            fields[1] != "criterion" || fields[2] != "value")
            return makeError("allocate.key_inputs", "the header must be actor,criterion,value",
                             path + ":1", "put the header actor,criterion,value on the first line");
        while (csv.next(fields)) {
            const std::string where = path + ":" + std::to_string(csv.line());
            if (fields.size() == 1 && fields[0].empty())
                continue;
            if (fields.size() < 3)
                return makeError("allocate.key_inputs", "a row has fewer than 3 fields", where,
                                 "write actor,criterion,value");
            const auto& known = knownCriteria();
            if (std::find(known.begin(), known.end(), fields[1]) == known.end())
                return makeError("allocate.key_inputs", "unknown criterion '" + fields[1] + "'",
                                 where + " (criterion)",
                                 "use population, expected_benefit, fiscal_capacity, "
                                 "territory_share or fixed_share");
            auto value = Rate::parse(fields[2]);
            if (!value || value.value().isNegative())
                return makeError("allocate.key_inputs",
                                 "value '" + fields[2] + "' is not a number of zero or more",
                                 where + " (value)", "write e.g. 12500 or 12.5 or 1/3");
            out[fields[0]][fields[1]] = value.value();
        }
    } catch (const KkError& e) {
        return e.error();
    }
    return out;
}

struct WorkspaceProblems::Impl {
    Workspace& ws;
    MappingOptions options;
    std::unordered_map<std::int64_t, Actor> actors;
    std::unordered_map<std::int64_t, kk::Fund> funds;
    std::unordered_map<std::string, std::int64_t> fundByCode;
    std::unordered_map<std::int64_t, std::vector<Award>> awardsByProject;
    std::unordered_map<std::int64_t, Money> grantedByFund;  ///< granted awards per fund
    std::unordered_map<std::int64_t, std::vector<CoalitionMember>> members;
    std::map<std::int64_t, CoalitionKey> storedKeys;  ///< by coalition id
    std::unordered_map<std::int64_t, std::vector<kk::CostItem>> itemsByProject;
    bool allItemsLoaded = false;
    bool geometryLoaded = false;
    std::unique_ptr<geo::OverlapIndex> overlap;
    std::unordered_map<std::string, std::size_t> municipalityByNis;

    Impl(Workspace& w, MappingOptions o) : ws(w), options(std::move(o)) {
        for (auto& a : Repository<Actor>(ws).list())
            actors.emplace(a.id.value, std::move(a));
        for (auto& f : Repository<kk::Fund>(ws).list()) {
            fundByCode.emplace(f.code, f.id.value);
            funds.emplace(f.id.value, std::move(f));
        }
        for (auto& a : Repository<Award>(ws).list()) {
            if (a.status == AwardStatus::Granted)
                grantedByFund[a.fundId.value] = grantedByFund[a.fundId.value] + a.amount;
            awardsByProject[a.projectId.value].push_back(std::move(a));
        }
        for (auto& m : Repository<CoalitionMember>(ws).list())
            members[m.coalitionId.value].push_back(std::move(m));
        storedKeys = loadCoalitionKeys(ws);
    }

    const CoalitionKey* storedKeyOf(const Project& p) const {
        if (!p.coalitionId)
            return nullptr;
        auto it = storedKeys.find(p.coalitionId->value);
        return it == storedKeys.end() ? nullptr : &it->second;
    }

    const std::vector<kk::CostItem>& itemsOf(const Project& p) {
        auto it = itemsByProject.find(p.id.value);
        if (it != itemsByProject.end() || allItemsLoaded)
            return itemsByProject[p.id.value];
        auto items = Repository<kk::CostItem>(ws).list(Query().where("project_id", p.id.value));
        return itemsByProject[p.id.value] = std::move(items);
    }

    void loadAllItems() {
        if (allItemsLoaded)
            return;
        itemsByProject.clear();
        for (auto& c : Repository<kk::CostItem>(ws).list())
            itemsByProject[c.projectId.value].push_back(std::move(c));
        allItemsLoaded = true;
    }

    Status loadGeometry() {
        if (geometryLoaded)
            return {};
        geometryLoaded = true;
        auto features = geo::workspaceAreas(ws, AreaKind::Municipality);
        if (!features)
            return features.error();
        std::vector<geo::Feature> withGeometry;
        for (auto& f : features.value())
            if (!f.geometry.isEmpty())
                withGeometry.push_back(std::move(f));
        if (withGeometry.empty())
            return {};
        for (std::size_t i = 0; i < withGeometry.size(); ++i)
            municipalityByNis.emplace(withGeometry[i].key, i);
        overlap = std::make_unique<geo::OverlapIndex>(std::move(withGeometry));
        return {};
    }

    std::string actorCode(std::int64_t id) const {
        auto it = actors.find(id);
        return it == actors.end() ? "actor-" + std::to_string(id) : it->second.code;
    }

    Result<ProjectProblem> build(const Project& project);
    Status addFunds(const Project& project, ProjectProblem& out);
    Status addKey(const Project& project, ProjectProblem& out,
                  const std::vector<std::int64_t>& partnerActors,
                  const std::map<std::int64_t, Rate>& fixedShares);
    Status chooseWeights(const Project& project, ProjectProblem& out,
                         const std::map<std::string, bool>& available, CostSharingKey& key);
    void addLimits(const Project& project, ProjectProblem& out,
                   const std::vector<std::int64_t>& partnerActors);
};

Status WorkspaceProblems::Impl::addFunds(const Project& project, ProjectProblem& out) {
    auto toFund = [&](const kk::Fund& f) {
        alloc::Fund x;
        x.id = f.code;
        x.name = f.name;
        x.type = parseFundType(toCode(f.type)).value();
        x.maxRate = f.maxRate;
        x.rateMode = f.rateKind == RateKind::Fixed ? RateMode::Fixed : RateMode::UpTo;
        x.capPerProject = f.capPerProject;
        x.capPerPartner = f.capPerPartner;
        x.capPerYear = f.capPerYear;
        x.eligibleCategories = f.eligibleCategories;
        x.priority = f.priority;
        if (!f.cumulationGroup.empty())
            x.cumulationGroups.push_back(f.cumulationGroup);
        return x;
    };
    if (!options.candidateFunds.empty()) {
        for (const std::string& code : options.candidateFunds) {
            auto it = fundByCode.find(code);
            if (it == fundByCode.end())
                return makeError("allocate.unknown_fund", "no fund with code '" + code + "'",
                                 "--funds", "list the funds with `koppelkans-cli export W funds`");
            const kk::Fund& f = funds.at(it->second);
            alloc::Fund x = toFund(f);
            // What other projects were granted is no longer available to this one.
            Money granted = grantedByFund[f.id.value];
            for (const Award& a : awardsByProject[project.id.value])
                if (a.fundId == f.id && a.status == AwardStatus::Granted)
                    granted = granted - a.amount;
            x.budget = f.budget - granted;
            out.notes.push_back("fund " + f.code + ": candidate; remaining budget " +
                                x.budget->format() + " = budget " + f.budget.format() + " minus " +
                                granted.format() + " granted to other projects");
            out.problem.funds.push_back(std::move(x));
        }
        return {};
    }
    for (const Award& a : awardsByProject[project.id.value]) {
        if (a.status != AwardStatus::Granted && a.status != AwardStatus::Candidate)
            continue;
        auto it = funds.find(a.fundId.value);
        if (it == funds.end())
            continue;
        alloc::Fund x = toFund(it->second);
        x.budget = a.amount;
        if (a.rate)
            x.maxRate = *a.rate;
        out.notes.push_back("fund " + x.id + ": " + std::string(toCode(a.status)) + " award of " +
                            a.amount.format() + " at " + x.maxRate.formatPercent() +
                            (a.rate ? " (the award's rate)" : " (the fund's rate)"));
        out.problem.funds.push_back(std::move(x));
    }
    if (out.problem.funds.empty())
        out.notes.push_back("no awards: the partners pay everything (try --funds CODE,...)");
    return {};
}

Status WorkspaceProblems::Impl::addKey(const Project& project, ProjectProblem& out,
                                       const std::vector<std::int64_t>& partnerActors,
                                       const std::map<std::int64_t, Rate>& fixedShares) {
    auto& partners = out.problem.partners;
    std::map<std::string, bool> available;  // criterion -> some partner has a value
    if (!fixedShares.empty()) {
        for (std::size_t k = 0; k < partners.size(); ++k) {
            auto it = fixedShares.find(partnerActors[k]);
            partners[k].keyInputs["fixed_share"] = it == fixedShares.end() ? Rate() : it->second;
        }
        available["fixed_share"] = true;
        out.notes.push_back("criterion fixed_share: kk_coalition_member.share of " +
                            std::to_string(fixedShares.size()) + " member(s); others 0");
    }
    // Territory: the part of the project perimeter in each partner's municipality.
    if (options.territory) {
        std::string why;
        std::optional<Area> perimeter;
        if (project.areaId)
            perimeter = Repository<Area>(ws).get(project.areaId->value);
        if (!perimeter || perimeter->geometry.empty()) {
            why = "the project has no perimeter geometry";
        } else if (auto s = loadGeometry(); !s) {
            return s;
        } else if (!overlap) {
            why = "the workspace has no municipality geometry (import it with `areas import`)";
        } else {
            auto geom = geo::fromGpkgBlob(perimeter->geometry);
            auto inPerimeter = [&](Error e) {
                e.where = "perimeter of project " + project.code +
                          (e.where.empty() ? "" : " (" + e.where + ")");
                return e;
            };
            if (!geom)
                return inPerimeter(geom.error());
            auto shares = overlap->shares(geom.value().geometry);
            if (!shares)
                return inPerimeter(shares.error());
            std::string detail;
            bool any = false;
            for (std::size_t k = 0; k < partners.size(); ++k) {
                const Actor& actor = actors.at(partnerActors[k]);
                std::int64_t mm2 = 0;
                if (actor.nisCode) {
                    auto m = municipalityByNis.find(*actor.nisCode);
                    if (m != municipalityByNis.end())
                        for (const auto& s : shares.value().shares)
                            if (s.index == m->second)
                                mm2 = s.areaMm2;
                }
                partners[k].keyInputs["territory_share"] = Rate(mm2, 1);
                any = any || mm2 > 0;
                detail += "; " + actor.code + " " +
                          (actor.nisCode ? "(NIS " + *actor.nisCode + ") " + hectares(mm2)
                                         : "no municipality");
            }
            if (any) {
                available["territory_share"] = true;
                out.notes.push_back("criterion territory_share: perimeter of " + project.code +
                                    " (" + hectares(shares.value().perimeterMm2) +
                                    ") inside the partners' municipalities" + detail);
            } else {
                why = "no partner's municipality overlaps the perimeter" + detail;
            }
        }
        if (!why.empty())
            out.notes.push_back("criterion territory_share left out: " + why);
    }
    // Criteria from the coalition's stored inputs, and from the key-input file, which wins.
    const CoalitionKey* stored = storedKeyOf(project);
    for (const std::string& criterion : knownCriteria()) {
        if (criterion == "fixed_share" ||
            (criterion == "territory_share" && available.count(criterion)))
            continue;
        const auto code = fromCode<CostSharingCriterion>(criterion);
        int fromWorkspace = 0;
        int fromFile = 0;
        int given = 0;
        for (std::size_t k = 0; k < partners.size(); ++k) {
            bool has = false;
            if (const CoalitionKeyInput* in =
                    stored ? stored->input(ActorId(partnerActors[k]), *code) : nullptr) {
                partners[k].keyInputs[criterion] = in->value;
                ++fromWorkspace;
                has = true;
            }
            if (auto a = options.keyInputs.find(partners[k].id); a != options.keyInputs.end())
                if (auto v = a->second.find(criterion); v != a->second.end()) {
                    partners[k].keyInputs[criterion] = v->second;
                    ++fromFile;
                    has = true;
                }
            given += has ? 1 : 0;
        }
        if (given == 0)
            continue;
        for (auto& p : partners)
            p.keyInputs.try_emplace(criterion, Rate());
        available[criterion] = true;
        std::string source = "the key-input file";
        if (fromWorkspace > 0)
            source = fromFile > 0 ? "the coalition's stored inputs and the key-input file "
                                    "(which wins)"
                                  : "the coalition's stored inputs";
        out.notes.push_back(
            "criterion " + criterion + ": from " + source + " for " + std::to_string(given) +
            " of " + std::to_string(partners.size()) + " partners" +
            (given < static_cast<int>(partners.size()) ? " (the others count as 0)" : ""));
    }
    CostSharingKey key;
    if (auto s = chooseWeights(project, out, available, key); !s)
        return s;
    if (key.criteria.empty()) {
        out.notes.push_back("no cost-sharing key: each partner pays the rest of its own items");
        return {};
    }
    std::string weights;
    for (const auto& c : key.criteria)
        weights += (weights.empty() ? "" : ", ") + c.id + " " + c.weight.formatPercent();
    out.notes.push_back("key: " + weights);
    out.problem.costSharingKey = std::move(key);
    addLimits(project, out, partnerActors);
    return {};
}

Status WorkspaceProblems::Impl::chooseWeights(const Project& project, ProjectProblem& out,
                                              const std::map<std::string, bool>& available,
                                              CostSharingKey& key) {
    const CoalitionKey* stored = storedKeyOf(project);
    if (options.keyWeights.empty() && stored && !stored->criteria.empty()) {
        // The coalition's own key: its criteria and weights, as the coordinator stored them.
        for (const CoalitionKeyCriterion& c : stored->criteria) {
            const std::string criterion(toCode(c.criterion));
            if (!available.count(criterion))
                return makeError("allocate.key_criterion",
                                 "criterion '" + criterion + "' of the coalition's stored key " +
                                     "has no data for project " + project.code,
                                 "kk_coalition_key_criterion " + criterion,
                                 "enter the members' values in the coalition editor, give them "
                                 "in --key-inputs, or override the key with --key");
            key.criteria.push_back({criterion, kindOf(criterion), c.weight});
        }
        out.notes.push_back("key weights: the coalition's stored key (kk_coalition_key_criterion)");
        return {};
    }
    if (!options.keyWeights.empty()) {
        for (const auto& [criterion, weight] : options.keyWeights) {
            if (!available.count(criterion))
                return makeError(
                    "allocate.key_criterion",
                    "criterion '" + criterion + "' has no data for project " + project.code,
                    "--key", "give its values in --key-inputs or drop it from --key");
            key.criteria.push_back({criterion, kindOf(criterion), weight});
        }
        if (stored && !stored->criteria.empty())
            out.notes.push_back("key weights: --key, instead of the coalition's stored key");
    } else if (!available.empty()) {
        const auto n = static_cast<std::int64_t>(available.size());
        for (const auto& [criterion, yes] : available)
            key.criteria.push_back({criterion, kindOf(criterion), Rate(1, n)});
    }
    return {};
}

void WorkspaceProblems::Impl::addLimits(const Project& project, ProjectProblem& out,
                                        const std::vector<std::int64_t>& partnerActors) {
    const CoalitionKey* stored = storedKeyOf(project);
    if (!stored)
        return;
    auto& partners = out.problem.partners;
    for (std::size_t k = 0; k < partners.size(); ++k) {
        const CoalitionKeyLimit* l = stored->limit(ActorId(partnerActors[k]));
        if (!l)
            continue;
        partners[k].floorShare = l->floorShare;
        partners[k].capShare = l->capShare;
        partners[k].maxContribution = l->maxContribution;
        std::string what;
        if (l->floorShare)
            what += ", floor " + l->floorShare->formatPercent();
        if (l->capShare)
            what += ", cap " + l->capShare->formatPercent();
        if (l->maxContribution)
            what += ", at most " + l->maxContribution->format();
        out.notes.push_back("partner " + partners[k].id + ":" + what.substr(1) +
                            " (kk_coalition_key_limit)");
    }
}

Result<ProjectProblem> WorkspaceProblems::Impl::build(const Project& project) {
    ProjectProblem out;
    out.projectCode = project.code;
    out.projectName = project.name;
    Problem& problem = out.problem;
    problem.projectId = project.code;

    // Partners: active coalition members first, then other actors who bear cost items.
    std::vector<std::int64_t> partnerActors;
    std::map<std::int64_t, Rate> fixedShares;
    std::optional<std::int64_t> lead;
    if (project.coalitionId)
        for (const CoalitionMember& m : members[project.coalitionId->value]) {
            if (m.left)
                continue;
            partnerActors.push_back(m.actorId.value);
            if (m.share)
                fixedShares[m.actorId.value] = *m.share;
            if (m.role == MemberRole::Lead && !lead)
                lead = m.actorId.value;
        }
    const std::size_t memberCount = partnerActors.size();
    std::optional<std::int64_t> fallback =
        project.applicantId ? std::optional<std::int64_t>(project.applicantId->value) : lead;
    for (const kk::CostItem& c : itemsOf(project)) {
        alloc::CostItem x;
        x.id = c.code;
        x.category = c.category;
        x.year = c.year;
        x.amount = c.amount;
        x.tags = c.tags;
        x.eligible = c.eligible;
        std::optional<std::int64_t> partner =
            c.partnerId ? std::optional<std::int64_t>(c.partnerId->value) : fallback;
        if (!partner)
            return makeError("allocate.no_partner",
                             "cost item " + c.code + " has no partner, and project " +
                                 project.code + " has no applicant or coalition lead",
                             "kk_cost_item " + c.code + ".partner_id",
                             "set the cost item's partner or the project's applicant");
        if (!c.partnerId)
            out.notes.push_back("cost item " + c.code + ": no partner, borne by " +
                                actorCode(*partner) + " (applicant or lead)");
        if (std::find(partnerActors.begin(), partnerActors.end(), *partner) == partnerActors.end())
            partnerActors.push_back(*partner);
        x.partnerId = actorCode(*partner);
        problem.costItems.push_back(std::move(x));
    }
    for (std::size_t k = 0; k < partnerActors.size(); ++k) {
        alloc::Partner p;
        p.id = actorCode(partnerActors[k]);
        auto it = actors.find(partnerActors[k]);
        p.name = it == actors.end() ? p.id : it->second.name;
        problem.partners.push_back(std::move(p));
        if (k >= memberCount)
            out.notes.push_back("partner " + problem.partners.back().id +
                                ": bears cost items but is not a member of the coalition");
    }
    if (auto s = addFunds(project, out); !s)
        return s.error();
    if (!problem.partners.empty())
        if (auto s = addKey(project, out, partnerActors, fixedShares); !s)
            return s.error();
    if (options.minOwnRate)
        problem.rules.minOwnContribution.rate = options.minOwnRate;
    problem.rules.ceilings = options.ceilings;
    return out;
}

WorkspaceProblems::WorkspaceProblems(Workspace& ws, MappingOptions options)
    : m_impl(std::make_unique<Impl>(ws, std::move(options))) {}

WorkspaceProblems::~WorkspaceProblems() = default;

Result<ProjectProblem> WorkspaceProblems::project(std::string_view projectCode) {
    auto p = Repository<Project>(m_impl->ws).findByCode(projectCode);
    if (!p)
        return makeError("allocate.unknown_project",
                         "no project with code '" + std::string(projectCode) + "'", "--project",
                         "list the projects with `koppelkans-cli export W projects -`");
    return m_impl->build(*p);
}

namespace {

Result<std::vector<ProjectProblem>> buildAll(
    const std::vector<Project>& projects,
    const std::function<Result<ProjectProblem>(const Project&)>& build, Progress* progress) {
    std::vector<ProjectProblem> out;
    out.reserve(projects.size());
    for (std::size_t k = 0; k < projects.size(); ++k) {
        if (progress && k % 256 == 0) {
            progress->step(static_cast<std::int64_t>(k), static_cast<std::int64_t>(projects.size()),
                           projects[k].code);
            if (progress->cancelled())
                return makeError("allocate.cancelled", "cancelled", projects[k].code);
        }
        auto p = build(projects[k]);
        if (!p)
            return p.error();
        out.push_back(std::move(p).value());
    }
    return out;
}

}  // namespace

Result<std::vector<ProjectProblem>> WorkspaceProblems::programme(std::string_view programmeCode,
                                                                 Progress* progress) {
    auto prog = Repository<Programme>(m_impl->ws).findByCode(programmeCode);
    if (!prog)
        return makeError("allocate.unknown_programme",
                         "no programme with code '" + std::string(programmeCode) + "'",
                         "--programme",
                         "list the programmes with `koppelkans-cli export W "
                         "programmes -`");
    std::vector<Project> projects;
    for (auto& p : Repository<Project>(m_impl->ws).list(Query{.orderBy = "code"})) {
        const auto progs = projectProgrammes(m_impl->ws, p.id);
        if (std::find(progs.begin(), progs.end(), prog->id) != progs.end())
            projects.push_back(std::move(p));
    }
    if (projects.size() > 64)
        m_impl->loadAllItems();
    return buildAll(
        projects, [this](const Project& p) { return m_impl->build(p); }, progress);
}

Result<std::vector<ProjectProblem>> WorkspaceProblems::all(Progress* progress) {
    auto projects = Repository<Project>(m_impl->ws).list(Query{.orderBy = "code"});
    m_impl->loadAllItems();
    return buildAll(
        projects, [this](const Project& p) { return m_impl->build(p); }, progress);
}

}  // namespace kk::alloc
