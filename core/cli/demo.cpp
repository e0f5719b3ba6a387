// `demo`: a realistic, deterministic demo workspace (small for people, xl for benchmarks).
#include <nlohmann/json.hpp>

#include <ostream>
#include <random>

#include "core/base/paths.h"
#include "core/cli/cli.h"
#include "core/geo/workspace_areas.h"
#include "core/store/reference_data.h"
#include "core/store/workspace.h"

namespace kk::cli {
namespace {

struct Scale {
    int municipalities;  ///< governments taken from the reference data (0: all of 2025)
    int projects;
    int costItemsPerProject;
    int expensesPerCostItem;
    int fundsPerProgramme;
    std::size_t maxFunds;
};

/// A valid KBO number from an 8-digit body starting with 0 (check digits = 97 - body mod 97).
std::string kboFor(std::int64_t seq) {
    const std::int64_t body = 2'000'000 + seq;  // 0200.000.0xx range, like many local governments
    const std::int64_t check = 97 - body % 97;
    char buf[16];
    std::snprintf(buf, sizeof buf, "%08lld%02lld", static_cast<long long>(body),
                  static_cast<long long>(check));
    return buf;
}

struct ProgrammeDef {
    const char* code;
    const char* name;
    const char* plugin;
};

constexpr ProgrammeDef kProgrammes[] = {
    {"SV-2026", "Stadsvernieuwing 2026", "stadsvernieuwing"},
    {"VRF-2026", "Vlaamse Randfonds 2026", "vlaamse_rand"},
    {"WLS-2026", "Water+Land+Schap 2026", "water_land_schap"},
    {"RD-2026", "Regiodeals 2026", "regiodeal"},
    {"BBC-2026", "Planlastendecreet / BBC-subsidies 2026", "bbc"},
};

/// The funds of DOMAIN.md with their default figures (cents).
struct FundDef {
    const char* code;
    const char* name;
    int programme;  ///< index in kProgrammes
    const char* type;
    const char* rate;
    const char* rateKind;
    std::int64_t capProject;  ///< 0: none
    std::int64_t budget;
    const char* group;
    int priority;
};

constexpr FundDef kFunds[] = {
    {"SV-PROJ", "Stadsvernieuwing projectsubsidie", 0, "subsidy", "1/2", "up_to", 0, 750000000,
     "public", 10},
    {"SV-CONCEPT", "Stadsvernieuwing conceptsubsidie", 0, "subsidy", "1", "up_to", 9000000,
     36000000, "public", 10},
    {"SV-THEMA", "Thematische experimenten", 0, "subsidy", "4/5", "up_to", 50000000, 140000000,
     "public", 10},
    {"SV-WVC", "Wijkverbeteringscontracten", 0, "subsidy", "4/5", "up_to", 0, 300000000, "public",
     10},
    {"VRF", "Vlaamse Randfonds", 1, "subsidy", "4/5", "up_to", 0, 555000000, "public", 20},
    {"VRF-FAC", "Subsidie faciliteitengemeenten", 1, "subsidy", "4/5", "up_to", 0, 100000000,
     "public", 20},
    {"WLS", "Water+Land+Schap projectsteun", 2, "subsidy", "3/5", "up_to", 15000000, 400000000,
     "public", 10},
    {"RD-NAT", "Regiodeal nationale bijdrage", 3, "subsidy", "1/2", "fixed", 0, 2000000000,
     "national", 10},
    {"RD-REG", "Regiodeal regionale cofinanciering", 3, "partner_contribution", "1", "up_to", 0,
     2000000000, "regional", 30},
    {"LEKP", "Lokaal Energie- en Klimaatpact", 4, "subsidy", "1/2", "up_to", 0, 1000000000,
     "public", 10},
    {"OWN", "Eigen middelen", 4, "own_contribution", "1", "up_to", 0, 9000000000, "", 99},
};

constexpr const char* kCategories[] = {
    "staff", "works", "equipment", "office", "external_expertise", "communication"};
constexpr const char* kThemes[] = {"vergroening", "onderwijs",  "wonen",    "cultuur",
                                   "welzijn",     "mobiliteit", "economie", "water"};
constexpr const char* kStatuses[] = {"idea",    "application", "submitted",
                                     "awarded", "execution",   "closed"};

}  // namespace

int cmdDemo(const std::vector<std::string>& raw, Context& ctx) {
    const Args a = parseArgs(raw, {"scale", "seed"});
    if (a.positional.size() != 1)
        return usage(ctx, "demo WORKSPACE [--scale small|xl] [--seed N]");
    const std::string scaleName = a.get("scale", "small");
    Scale scale{};
    if (scaleName == "small")
        scale = {24, 60, 6, 4, 1, 100};
    else if (scaleName == "xl")
        scale = {0, 20000, 10, 10, 6, 60};
    else
        return fail(ctx,
                    makeError("demo.scale", "unknown scale '" + scaleName + "'", {},
                              "use --scale small or --scale xl"),
                    2);
    std::mt19937_64 rng(std::stoull(a.get("seed", "2026")));
    auto pick = [&rng](int n) { return static_cast<int>(rng() % static_cast<std::uint64_t>(n)); };

    auto created = Workspace::create(a.positional[0]);
    if (!created)
        return fail(ctx, created.error());
    auto& ws = *created.value();
    ws.setUser(ctx.user.empty() ? "demo" : ctx.user);
    if (auto r = loadReferenceData(ws, dataDirectory()); !r)
        return fail(ctx, r.error());

    std::vector<std::pair<std::string, std::string>> municipalities;  // nis, name
    {
        auto st = ws.db().prepare(
            "SELECT nis_code, name FROM kk_municipality WHERE valid_from <= '2025-01-01' AND "
            "(valid_to IS NULL OR valid_to = '' OR valid_to >= '2025-01-01') ORDER BY nis_code");
        while (st.step())
            municipalities.emplace_back(st.getText(0), st.getText(1));
    }
    if (scale.municipalities > 0 &&
        static_cast<int>(municipalities.size()) > scale.municipalities) {
        // Spread the sample over the provinces by taking every n-th code.
        std::vector<std::pair<std::string, std::string>> sample;
        const std::size_t step =
            municipalities.size() / static_cast<std::size_t>(scale.municipalities);
        for (std::size_t i = 0;
             i < municipalities.size() && static_cast<int>(sample.size()) < scale.municipalities;
             i += step)
            sample.push_back(municipalities[i]);
        municipalities = std::move(sample);
    }

    ChangeSet cs(ws, "Create " + scaleName + " demo workspace");
    std::int64_t counts[6] = {0, 0, 0, 0, 0, 0};
    // Governments and their actors, one area per municipality.
    std::vector<std::int64_t> actorIds;
    std::vector<std::int64_t> areaIds;
    {
        auto gov = cs.bulkInsert("kk_government", {"kbo", "name", "kind", "nis_code"});
        auto act =
            cs.bulkInsert("kk_actor", {"code", "name", "kind", "kbo", "nis_code", "government_id"});
        auto area = cs.bulkInsert("areas", {"kind", "code", "name", "valid_from", "source"});
        std::int64_t seq = 0;
        for (const auto& [nis, name] : municipalities) {
            const std::string kbo = kboFor(++seq);
            const auto gid = gov.add({kbo, "Gemeente " + name, std::string("gemeente"), nis});
            actorIds.push_back(act.add(
                {"GEM-" + nis, "Gemeente " + name, std::string("government"), kbo, nis, gid}));
            areaIds.push_back(
                area.add({std::string("municipality"), nis, name, std::string("2025-01-01"),
                          std::string("demo: municipality without geometry")}));
        }
        const std::pair<const char*, const char*> others[] = {
            {"VMM", "Vlaamse Milieumaatschappij|water_manager"},
            {"BB", "Boerenbond|farmers_organisation"},
            {"NP", "Natuurpunt|nature_association"},
            {"LB", "Landelijk Vlaanderen|landowner"},
            {"FARM1", "Hoeve De Linde|farmer"},
            {"BUILD", "Bouwbedrijf Scheldeland|company"},
            {"UGENT", "Universiteit Gent|knowledge_institution"},
        };
        for (const auto& [code, spec] : others) {
            const std::string s = spec;
            const auto bar = s.find('|');
            actorIds.push_back(act.add({std::string(code), s.substr(0, bar), s.substr(bar + 1),
                                        std::monostate{}, std::monostate{}, std::monostate{}}));
        }
        counts[0] = static_cast<std::int64_t>(actorIds.size());
    }
    // Programmes and funds.
    std::vector<std::int64_t> programmeIds;
    std::vector<std::int64_t> fundIds;
    {
        auto prog =
            cs.bulkInsert("kk_programme", {"code", "name", "plugin_id", "valid_from", "valid_to"});
        for (const auto& p : kProgrammes)
            programmeIds.push_back(
                prog.add({std::string(p.code), std::string(p.name), std::string(p.plugin),
                          std::string("2026-01-01"), std::string("2026-12-31")}));
        auto fund =
            cs.bulkInsert("kk_fund", {"programme_id", "code", "name", "grantor", "type", "max_rate",
                                      "rate_kind", "cap_per_project", "budget", "cumulation_group",
                                      "priority", "eligible_categories", "valid_from"});
        for (int copy = 0; copy < scale.fundsPerProgramme; ++copy) {
            for (const auto& f : kFunds) {
                if (copy > 0 && std::string(f.code) == "OWN")
                    continue;
                const std::string suffix = copy ? "-" + std::to_string(2026 + copy) : "";
                fundIds.push_back(fund.add(
                    {programmeIds[static_cast<std::size_t>(f.programme)],
                     std::string(f.code) + suffix,
                     std::string(f.name) + (copy ? " (" + std::to_string(2026 + copy) + ")" : ""),
                     std::string("Vlaamse overheid"), std::string(f.type), std::string(f.rate),
                     std::string(f.rateKind),
                     f.capProject ? sql::Value(f.capProject) : sql::Value(std::monostate{}),
                     f.budget, std::string(f.group), static_cast<std::int64_t>(f.priority),
                     std::string(), std::string("2026-01-01")}));
            }
        }
        counts[1] = static_cast<std::int64_t>(fundIds.size());
    }
    // Coalitions with members.
    std::vector<std::int64_t> coalitionIds;
    {
        auto co =
            cs.bulkInsert("kk_coalition", {"code", "name", "area_id", "purpose", "agreement_from",
                                           "agreement_to", "continuity_plan"});
        auto mem = cs.bulkInsert("kk_coalition_member",
                                 {"coalition_id", "actor_id", "role", "mandate_function"});
        const int n = std::max(6, scale.projects / 20);
        for (int i = 0; i < n; ++i) {
            const auto lead = static_cast<std::size_t>(i) % municipalities.size();
            const std::string name = "Coalitie " + municipalities[lead].second;
            coalitionIds.push_back(co.add(
                {"CO-" + std::to_string(i + 1), name, areaIds[lead],
                 std::string("gebiedsgerichte samenwerking rond water en open ruimte"),
                 std::string("2025-01-01"), std::string(i % 3 == 0 ? "2026-06-30" : "2029-12-31"),
                 std::string(i % 2 == 0 ? "intergemeentelijke vereniging neemt over" : "")}));
            mem.add({coalitionIds.back(), actorIds[lead], std::string("lead"),
                     std::string("burgemeester")});
            const auto second = (lead + 1) % municipalities.size();
            mem.add({coalitionIds.back(), actorIds[second], std::string("financier"),
                     std::string("schepen van financiën")});
            mem.add({coalitionIds.back(),
                     actorIds[municipalities.size() + static_cast<std::size_t>(i % 7)],
                     std::string("executor"), std::string("directeur")});
        }
        counts[2] = static_cast<std::int64_t>(coalitionIds.size());
    }
    // Projects, cost items, expenses, awards.
    {
        auto proj =
            cs.bulkInsert("kk_project", {"code", "name", "coalition_id", "area_id", "applicant_id",
                                         "themes", "status", "start_date", "end_date"});
        auto prpg = cs.bulkInsert("kk_project_programme", {"project_id", "programme_id"});
        auto cost = cs.bulkInsert("kk_cost_item", {"code", "project_id", "category", "year",
                                                   "partner_id", "amount", "eligible"});
        auto exp = cs.bulkInsert("kk_expense",
                                 {"code", "project_id", "cost_item_id", "date", "amount", "vat"});
        auto awd = cs.bulkInsert(
            "kk_award", {"project_id", "fund_id", "amount", "rate", "status", "decided_on"});
        for (int p = 0; p < scale.projects; ++p) {
            const auto m = static_cast<std::size_t>(pick(static_cast<int>(municipalities.size())));
            char code[16];
            std::snprintf(code, sizeof code, "P%05d", p + 1);
            const std::string theme = kThemes[pick(8)];
            const std::string status = kStatuses[pick(6)];
            const auto pid = proj.add(
                {std::string(code), "Project " + theme + " " + municipalities[m].second,
                 coalitionIds[static_cast<std::size_t>(p) % coalitionIds.size()], areaIds[m],
                 actorIds[m], theme, status, std::string("2026-01-01"), std::string("2028-12-31")});
            const int prog = pick(4);  // the BBC programme reports, it does not fund projects
            prpg.add({pid, programmeIds[static_cast<std::size_t>(prog)]});
            if (p % 5 == 0)
                prpg.add({pid, programmeIds[static_cast<std::size_t>((prog + 1) % 4)]});
            std::int64_t projectCost = 0;
            for (int c = 0; c < scale.costItemsPerProject; ++c) {
                const std::int64_t amount = 500000 + static_cast<std::int64_t>(rng() % 25000000);
                projectCost += amount;
                const int year = 2026 + c % 3;
                const auto cid =
                    cost.add({std::string(code) + "-C" + std::to_string(c + 1), pid,
                              std::string(kCategories[c % 6]), static_cast<std::int64_t>(year),
                              actorIds[c % 2 ? m : (m + 1) % municipalities.size()], amount,
                              std::int64_t{c % 9 == 8 ? 0 : 1}});
                for (int e = 0; e < scale.expensesPerCostItem; ++e) {
                    char date[16];
                    std::snprintf(date, sizeof date, "%04d-%02d-%02d", year, 1 + pick(12),
                                  1 + pick(28));
                    const std::int64_t part = amount / (scale.expensesPerCostItem + 1);
                    exp.add({std::string(code) + "-C" + std::to_string(c + 1) + "-E" +
                                 std::to_string(e + 1),
                             pid, cid, std::string(date), part, part * 21 / 100});
                }
            }
            if (status == "awarded" || status == "execution" || status == "closed") {
                const auto fundIndex = static_cast<std::size_t>(prog) * 2 % fundIds.size();
                awd.add({pid, fundIds[fundIndex], projectCost / 2, std::string("1/2"),
                         std::string("granted"), std::string("2025-11-15")});
            }
        }
        counts[3] = proj.count();
        counts[4] = cost.count();
        counts[5] = exp.count();
    }
    if (auto s = cs.commit(); !s)
        return fail(ctx, s.error());
    // Generated boundaries and perimeters, so the map, QGIS and the territory criterion have
    // something to show. Real boundaries are imported with `areas import`.
    if (auto s = geo::assignGeneratedGeometry(ws, std::stoull(a.get("seed", "2026"))); !s)
        return fail(ctx, s.error());
    if (ctx.json) {
        ctx.out << nlohmann::json{{"ok", true},
                                  {"workspace", a.positional[0]},
                                  {"scale", scaleName},
                                  {"actors", counts[0]},
                                  {"funds", counts[1]},
                                  {"coalitions", counts[2]},
                                  {"projects", counts[3]},
                                  {"cost_items", counts[4]},
                                  {"expenses", counts[5]}}
                       .dump(2)
                << "\n";
    } else {
        ctx.out << "created the " << scaleName << " demo workspace " << a.positional[0] << ": "
                << counts[0] << " actors, " << counts[1] << " funds, " << counts[2]
                << " coalitions, " << counts[3] << " projects, " << counts[4] << " cost items, "
                << counts[5] << " expenses\n";
    }
    return 0;
}

}  // namespace kk::cli
