// A workspace with the stadsvernieuwing and vlaamse_rand plugins loaded (from build/plugins,
// as the CLI finds them), reference data, and a few municipalities' projects; commands run
// through the plugin manager exactly as `koppelkans-cli plugin ID COMMAND` runs them.
#pragma once

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/plugin/plugin_manager.h"
#include "core/store/repositories.h"
#include "tests/plugin/test_util.h"

namespace kk::test {

class VlaamseRandTest : public ::testing::Test {
  protected:
    void SetUp() override {
        for (const char* id : {"stadsvernieuwing", "vlaamse_rand"}) {
            m_manager.loadFolder(std::string(KK_BINARY_DIR) + "/plugins/" + id);
            auto rec = m_manager.loaded(id);
            ASSERT_TRUE(rec.ok()) << rec.error().message();
        }
        m_ws = freshWorkspace(m_dir);
        ASSERT_TRUE(m_manager.prepareWorkspace(*m_ws).ok());
        ChangeSet cs(*m_ws, "test data");
        Repository<Actor> actors(*m_ws);
        Repository<Project> projects(*m_ws);
        // Vilvoorde (centrumstad, Vlaamse Rand), Dilbeek and Zaventem (Rand), Wemmel
        // (faciliteitengemeente in the Rand), Halle (next to the Rand, not in it).
        for (auto [code, name, nis] : {std::tuple{"VILV", "Stad Vilvoorde", "23088"},
                                       std::tuple{"DILB", "Gemeente Dilbeek", "23016"},
                                       std::tuple{"ZAV", "Gemeente Zaventem", "23094"},
                                       std::tuple{"WEMM", "Gemeente Wemmel", "23102"},
                                       std::tuple{"HALL", "Stad Halle", "23027"}}) {
            Actor a;
            a.code = code;
            a.name = name;
            a.kind = ActorKind::Government;
            a.nisCode = nis;
            const auto id = actors.insert(cs, a);
            Project p;
            p.code = std::string("P-") + code;
            p.name = std::string("Project ") + name;
            p.applicantId = ActorId(id);
            projects.insert(cs, p);
        }
        ASSERT_TRUE(cs.commit().ok());
    }

    /// Cost items of a project (code, category, year, euros), borne by its applicant.
    void addCosts(
        const std::string& project,
        const std::vector<std::tuple<std::string, std::string, int, std::int64_t>>& items) {
        ChangeSet cs(*m_ws, "costs");
        const auto p = Repository<Project>(*m_ws).findByCode(project);
        ASSERT_TRUE(p.has_value());
        for (const auto& [code, category, year, euros] : items) {
            CostItem c;
            c.code = code;
            c.projectId = p->id;
            c.category = category;
            c.year = year;
            c.amount = Money::fromEuros(euros);
            Repository<CostItem>(*m_ws).insert(cs, c);
        }
        ASSERT_TRUE(cs.commit().ok());
    }

    Result<plugin::CommandOutput> run(const std::string& plugin, const std::string& command,
                                      const std::vector<std::string>& args) {
        const plugin::Command* c = m_manager.findCommand(plugin, command);
        EXPECT_NE(c, nullptr) << plugin << " " << command;
        if (!c)
            return makeError("test", "no such command");
        return c->run(args, *m_ws);
    }
    plugin::CommandOutput ok(const std::string& command, const std::vector<std::string>& args,
                             const std::string& plugin = "vlaamse_rand") {
        auto r = run(plugin, command, args);
        EXPECT_TRUE(r.ok()) << plugin << " " << command << ": "
                            << (r.ok() ? "" : r.error().message());
        return r.ok() ? r.value() : plugin::CommandOutput{};
    }
    Error refused(const std::string& command, const std::vector<std::string>& args,
                  const std::string& plugin = "vlaamse_rand") {
        auto r = run(plugin, command, args);
        EXPECT_FALSE(r.ok()) << plugin << " " << command << " was accepted";
        return r.ok() ? Error{} : r.error();
    }

    /// Project P-VILV (cost 1.000.000: works 600.000 in 2025 and 300.000 in 2026, a study of
    /// 100.000) gets a stadsvernieuwing project subsidy of 400.000 and then applies to the
    /// Randfonds (call R25) for 600.000, declaring that subsidy; scored and ranked.
    void stadsvernieuwingProjectAppliesToTheRandfonds() {
        addCosts("P-VILV", {{"V1", "works", 2025, 600000},
                            {"V2", "works", 2026, 300000},
                            {"V3", "study", 2025, 100000}});
        const std::string sv = "stadsvernieuwing";
        ok("setup", {"--year", "2025"}, sv);
        ok("create-call",
           {"--instrument", "project_subsidie", "--code", "P25", "--budget", "1000000"}, sv);
        ok("apply", {"--call", "P25", "--project", "P-VILV", "--requested", "400000"}, sv);
        ok("score",
           {"--call", "P25", "--project", "P-VILV", "--stage", "1", "stedelijke_uitdaging=8",
            "integrale_aanpak=8"},
           sv);
        ok("jury", {"--call", "P25", "--stage", "1"}, sv);
        ok("score",
           {"--call", "P25", "--project", "P-VILV", "--stage", "2", "ruimtelijke_kwaliteit=8",
            "hefboom=8", "participatie=8"},
           sv);
        ok("jury", {"--call", "P25", "--stage", "2"}, sv);
        ok("award", {"--call", "P25", "--project", "P-VILV"}, sv);

        ok("setup", {"--year", "2025"});
        ok("create-call", {"--instrument", "randfonds", "--code", "R25", "--opens", "2025-02-01"});
        ok("apply", {"--call", "R25", "--project", "P-VILV", "--requested", "600000",
                     "--municipalities", "23088;23016", "--theme", "mobiliteit",
                     "--other-subsidies", "SV-PROJECT_SUBSIDIE-2025: 400000", "--gebiedsgericht",
                     "Noordrand: Vilvoorde en Dilbeek"});
        ok("score", {"--call", "R25", "--project", "P-VILV", "bovenlokale_uitstraling=8",
                     "impuls_thema=7", "investering=9", "gebiedsgericht_samenwerken=8"});
        ok("jury", {"--call", "R25"});
    }

    TempFolder m_dir;
    plugin::PluginManager m_manager;
    std::unique_ptr<Workspace> m_ws;
};

}  // namespace kk::test
