// Builds the rules test workspace (see fixture.h).
#include "tests/rules/fixture.h"

#include <filesystem>

#include "core/rules/sha256.h"
#include "core/store/changeset.h"

namespace kk::rules::test {

namespace fs = std::filesystem;

std::string tempDir(const std::string& name) {
    const fs::path dir =
        fs::temp_directory_path() / ("kk-rules-" + name + "-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir.string();
}

std::unique_ptr<Workspace> makeFixture(const std::string& path) {
    auto ws = Workspace::create(path).value();
    ChangeSet cs(*ws, "Rules fixture");
    auto actor = [&](const char* code, const char* name, const char* kind) {
        return cs.insert("kk_actor", Row().set("code", code).set("name", name).set("kind", kind));
    };
    const auto a1 = actor("FX-A1", "Stad Gent", "government");
    const auto a2 = actor("FX-A2", "Bouwbedrijf NV", "company");
    const auto a3 = actor("FX-A3", "Natuurpunt", "nature_association");
    auto area = [&](const char* code, const char* name) {
        return cs.insert("areas", Row()
                                      .set("kind", "municipality")
                                      .set("code", code)
                                      .set("name", name)
                                      .set("valid_from", "2019-01-01"));
    };
    const auto gent = area("FX-GENT", "Gent");
    const auto wet = area("FX-WET", "Wetteren");
    const auto c1 = cs.insert("kk_coalition", Row()
                                                  .set("code", "FX-C1")
                                                  .set("name", "Gentse Kanaalzone")
                                                  .set("area_id", gent)
                                                  .set("continuity_plan", "Stad Gent neemt over")
                                                  .set("continuity_actor_id", a1));
    const auto c2 =
        cs.insert("kk_coalition",
                  Row().set("code", "FX-C2").set("name", "Scheldemeersen").set("area_id", gent));
    auto member = [&](std::int64_t c, std::int64_t a, const char* role) {
        cs.insert("kk_coalition_member",
                  Row().set("coalition_id", c).set("actor_id", a).set("role", role));
    };
    member(c1, a1, "lead");
    member(c1, a2, "financier");
    member(c1, a3, "member");
    member(c2, a3, "member");
    const auto prog = cs.insert("kk_programme", Row()
                                                    .set("code", "FX-SV")
                                                    .set("name", "Stadsvernieuwing")
                                                    .set("plugin_id", "stadsvernieuwing")
                                                    .set("valid_from", "2025-01-01"));
    auto fund = [&](const char* code, const char* type, const char* rate) {
        return cs.insert("kk_fund", Row()
                                        .set("programme_id", prog)
                                        .set("code", code)
                                        .set("name", code)
                                        .set("type", type)
                                        .set("max_rate", rate)
                                        .set("rate_kind", "up_to")
                                        .set("budget", std::int64_t{100'000'000'00})
                                        .set("valid_from", "2025-01-01"));
    };
    const auto fsub = fund("FX-SUB", "subsidy", "1/2");
    const auto fpriv = fund("FX-PRIV", "private", "1/1");
    fund("FX-OWN", "own_contribution", "1/1");
    auto project = [&](const char* code, std::optional<std::int64_t> coalition,
                       std::int64_t areaId) {
        Row r;
        r.set("code", code).set("name", code).set("area_id", areaId).set("status", "execution");
        if (coalition)
            r.set("coalition_id", *coalition);
        const auto id = cs.insert("kk_project", r);
        cs.insert("kk_project_programme", Row().set("project_id", id).set("programme_id", prog));
        return id;
    };
    const auto p1 = project("FX-P1", c1, gent);
    const auto p2 = project("FX-P2", c2, gent);
    project("FX-P3", std::nullopt, wet);
    auto cost = [&](const char* code, std::int64_t p, int year, std::optional<std::int64_t> partner,
                    std::int64_t cents) {
        Row r;
        r.set("code", code)
            .set("project_id", p)
            .set("category", "works")
            .set("year", std::int64_t{year});
        r.set("amount", cents);
        if (partner)
            r.set("partner_id", *partner);
        return cs.insert("kk_cost_item", r);
    };
    const auto ci1 = cost("FX-P1-C1", p1, 2025, a1, 100'000'00);
    const auto ci2 = cost("FX-P1-C2", p1, 2025, a2, 50'000'00);
    cost("FX-P1-C3", p1, 2026, a1, 150'000'00);
    const auto ci4 = cost("FX-P2-C1", p2, 2025, a3, 80'000'00);
    cost("FX-P2-C2", p2, 2025, std::nullopt, 0);
    auto award = [&](std::int64_t p, std::int64_t f, std::int64_t cents) {
        cs.insert("kk_award", Row()
                                  .set("project_id", p)
                                  .set("fund_id", f)
                                  .set("amount", cents)
                                  .set("status", "granted"));
    };
    award(p1, fsub, 100'000'00);
    award(p1, fpriv, 250'000'00);
    award(p2, fsub, 40'000'00);
    auto expense = [&](const char* code, std::int64_t p, std::int64_t ci, const char* date,
                       std::int64_t cents) {
        cs.insert("kk_expense", Row()
                                    .set("code", code)
                                    .set("project_id", p)
                                    .set("cost_item_id", ci)
                                    .set("date", date)
                                    .set("amount", cents));
    };
    expense("FX-E1", p1, ci1, "2025-03-01", 60'000'00);
    expense("FX-E2", p1, ci2, "2025-06-01", 30'000'00);
    expense("FX-E3", p2, ci4, "2025-09-01", 80'000'00);
    cs.insert("kk_indicator", Row()
                                  .set("code", "leverage")
                                  .set("name", "Leverage")
                                  .set("type", "result")
                                  .set("direction", "increase")
                                  .set("aggregation", "mean"));
    const auto call = cs.insert("kk_call", Row()
                                               .set("programme_id", prog)
                                               .set("code", "FX-CALL")
                                               .set("name", "Oproep 2025")
                                               .set("opens", "2025-01-01")
                                               .set("closes", "2025-06-30")
                                               .set("budget", std::int64_t{1'000'000'00})
                                               .set("status", "open"));
    cs.insert("kk_call_criterion", Row()
                                       .set("call_id", call)
                                       .set("code", "impact")
                                       .set("name", "Impact")
                                       .set("weight", "3/5")
                                       .set("max_score", std::int64_t{10}));
    cs.insert("kk_call_criterion", Row()
                                       .set("call_id", call)
                                       .set("code", "partnership")
                                       .set("name", "Partnerschap")
                                       .set("weight", "2/5")
                                       .set("max_score", std::int64_t{10}));
    cs.commit().value();
    return ws;
}

std::string workspaceChecksum(Workspace& ws) {
    std::string all;
    auto tables = ws.db().prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND (name LIKE 'kk_%' OR name = "
        "'areas') ORDER BY name");
    std::vector<std::string> names;
    while (tables.step())
        names.push_back(tables.getText(0));
    for (const auto& name : names) {
        // Table names come from sqlite_master, not from input.
        auto rows = ws.db().prepare("SELECT * FROM \"" + name + "\" ORDER BY 1");
        all += name + ":";
        while (rows.step()) {
            for (int i = 0; i < rows.columnCount(); ++i)
                all += sql::toText(rows.get(i)) + "|";
            all += "\n";
        }
    }
    return sha256Hex(all);
}

}  // namespace kk::rules::test
