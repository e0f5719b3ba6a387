// The analysis views driven like a user would under Xvfb: the acceptance path (create a project,
// enter costs, attach two funds, allocate, explain a cell, undo, export an XLSX report and read
// it back), the map with its selection shared with the navigator, the Lua script editor with
// trust and error lines, and the Serve command. Screenshots go to test-output/ui/.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <future>
#include <memory>

#include <wx/grid.h>

#include "core/geo/workspace_areas.h"
#include "core/rules/sha256.h"
#include "core/rules/trust.h"
#include "core/store/coalition_keys.h"
#include "core/store/repositories.h"
#include "ui/app/serve_controller.h"
#include "ui/map/map_view.h"
#include "ui/views/allocation_view.h"
#include "ui/views/navigator.h"
#include "ui/views/plugins_view.h"
#include "ui/views/problems_pane.h"
#include "ui/views/report_preview.h"
#include "ui/views/script_editor.h"
#include "workbench_fixture.h"

namespace kk::ui {
namespace {

class ViewsTest : public WorkbenchFixture {
  protected:
    template <class View>
    View* current() {
        return dynamic_cast<View*>(m_frame->documents().current());
    }

    /// Types into a grid cell as a user does: cursor there, focus, text, Enter.
    void typeInto(wxGrid& grid, int row, int col, const std::string& text) {
        grid.SetGridCursor(row, col);
        grid.SetFocus();
        pump(80);
        typeText(text);
        pressKey(WXK_RETURN);
    }

    /// Clicks the middle of a grid cell with the simulated mouse.
    void clickCell(wxGrid& grid, int row, int col) {
        grid.MakeCellVisible(row, col);
        pump(50);
        const wxRect rect = grid.CellToRect(row, col);
        const wxPoint logical = grid.CalcScrolledPosition(rect.GetPosition());
        const wxPoint screen = grid.GetGridWindow()->ClientToScreen(
            logical + wxPoint(rect.width / 2, rect.height / 2));
        wxUIActionSimulator sim;
        sim.MouseMove(screen);
        pump(50);
        sim.MouseClick();
        pump(200);
    }
};

/// Runs a command line and returns its standard output.
std::string commandOutput(const std::string& command) {
    std::string out;
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
    if (!pipe)
        return out;
    std::array<char, 4096> buffer{};
    while (std::fgets(buffer.data(), buffer.size(), pipe.get()))
        out += buffer.data();
    return out;
}

TEST_F(ViewsTest, AcceptanceProjectCostsFundsAllocationExplanationUndoAndXlsxExport) {
    Workspace& ws = *m_workbench.workspace();

    // 1. A new project with two cost items, typed in the real editor, saved with Ctrl+S.
    runByShortcut("project.new");
    ProjectEditor* editor = currentEditor();
    ASSERT_NE(editor, nullptr);
    editor->nameField().SetFocus();
    pump(80);
    typeText("Groene speelplaats");
    wxGrid& costs = editor->costs().grid();
    runByShortcut("costs.add_row");
    typeInto(costs, 0, kCostCategory, "works");
    typeInto(costs, 0, kCostPartner, "GEM-A");
    typeInto(costs, 0, kCostAmount, "100000");
    runByShortcut("costs.add_row");
    typeInto(costs, 1, kCostCategory, "staff");
    typeInto(costs, 1, kCostPartner, "VZW-NAT");
    typeInto(costs, 1, kCostAmount, "20000,50");
    runByShortcut("document.save");
    const auto project = Repository<Project>(ws).findByCode("P0004");
    ASSERT_TRUE(project) << lastMessage();

    // 2. Its allocation document, by keyboard from the project editor.
    runByShortcut("allocation.open");
    AllocationView* view = current<AllocationView>();
    ASSERT_NE(view, nullptr);

    // 3. Attach two funds, one at a time: two undo steps.
    m_choose = {"F-STV-PROJ"};
    runByShortcut("allocation.attach_funds");
    m_choose = {"F-WLS-GEB"};
    runByShortcut("allocation.attach_funds");
    EXPECT_EQ(m_offered.size(), 1u);  // the first fund is attached already: not offered again
    const auto awards = [&] {
        return Repository<Award>(ws).list(Query().where("project_id", project->id.value));
    };
    ASSERT_EQ(awards().size(), 2u) << lastMessage();

    // 4. Run the allocation (F9) on the background thread.
    runByShortcut("document.run");
    ASSERT_TRUE(pumpUntil([&] { return !view->running() && view->result(); }, 10000))
        << lastMessage();
    const alloc::Allocation& a = *view->result();
    ASSERT_EQ(a.fundCount(), 2u);
    EXPECT_EQ(a.totalCost.cents(), 12'000'050);
    // The fund with priority 100 first: 50 % of every cost, then WLS takes 30 % up to its cap.
    Money cellsAndRest;
    for (std::size_t i = 0; i < a.items.size(); ++i) {
        for (std::size_t f = 0; f < a.fundCount(); ++f)
            cellsAndRest += a.cell(i, f);
        cellsAndRest += a.residual[i];
    }
    EXPECT_EQ(cellsAndRest, a.totalCost);  // to the cent
    EXPECT_EQ(a.fundTotals[0].cents(), 6'000'025);
    EXPECT_EQ(a.fundTotals[1].cents(), 2'500'000);
    EXPECT_EQ(view->matrix().GetNumberRows(), 3);  // two items and the totals

    // 5. Click a cell: its explanation appears; Ctrl+E explains the cursor cell too.
    clickCell(view->matrix(), 0, AllocationView::kFirstFundColumn + 1);
    const std::string explanation = view->explanation().GetValue().ToStdString(wxConvUTF8);
    EXPECT_NE(explanation.find("P0004-C01"), std::string::npos) << explanation;
    EXPECT_NE(explanation.find("€"), std::string::npos) << explanation;
    runByShortcut("allocation.explain");
    screenshot("20-allocation-explanation");

    // Side by side with pro rata.
    ASSERT_TRUE(view->selectComparison("pro_rata"));
    runByShortcut("document.run");
    ASSERT_TRUE(pumpUntil([&] { return !view->running() && view->comparison(); }, 10000));
    EXPECT_EQ(view->comparison()->strategy, "pro_rata");
    screenshot("21-allocation-compare");
    ASSERT_TRUE(view->selectComparison(""));

    // 6. Undo takes the second fund back; the view recomputes with one fund.
    runByShortcut("edit.undo");
    ASSERT_EQ(awards().size(), 1u);
    ASSERT_TRUE(pumpUntil(
        [&] { return !view->running() && view->result() && view->result()->fundCount() == 1; },
        10000));

    // 7. The allocation report of the project, previewed and exported as XLSX.
    runByShortcut("report.preview");
    ReportPreview* preview = current<ReportPreview>();
    ASSERT_NE(preview, nullptr);
    ASSERT_TRUE(preview->selectReport("allocation"));
    ASSERT_TRUE(preview->selectProject("P0004"));
    runByShortcut("document.run");
    ASSERT_TRUE(pumpUntil([&] { return !preview->running() && preview->report(); }, 20000))
        << lastMessage();
    screenshot("22-report-preview");
    m_savePath = m_dir + "/verdeling-P0004.xlsx";
    runByShortcut("report.export_xlsx");
    ASSERT_TRUE(pumpUntil([&] { return !preview->lastExport().empty(); }, 20000)) << lastMessage();
    EXPECT_EQ(preview->lastExport(), m_savePath);

    // 8. The workspace afterwards: the project, its two cost items, one candidate award.
    const auto items =
        Repository<CostItem>(ws).list(Query().where("project_id", project->id.value));
    ASSERT_EQ(items.size(), 2u);
    EXPECT_EQ(items[0].amount.cents() + items[1].amount.cents(), 12'000'050);
    const auto left = awards();
    ASSERT_EQ(left.size(), 1u);
    EXPECT_EQ(left[0].status, AwardStatus::Candidate);
    EXPECT_EQ(Repository<Fund>(ws).get(left[0].fundId.value)->code, "F-STV-PROJ");
    EXPECT_EQ(left[0].amount.cents(), 6'000'025);  // 50 % of the eligible € 120.000,50

    // 9. The file afterwards, read back with xlsx2csv: every sheet, the project and the split.
    ASSERT_TRUE(std::filesystem::exists(m_savePath));
    const std::string csv = commandOutput("xlsx2csv --all '" + m_savePath + "' 2>&1");
    EXPECT_NE(csv.find("P0004"), std::string::npos) << csv.substr(0, 2000);
    EXPECT_NE(csv.find("F-STV-PROJ"), std::string::npos) << csv.substr(0, 2000);
    EXPECT_TRUE(csv.find("120000.5") != std::string::npos ||
                csv.find("120,000.50") != std::string::npos ||
                csv.find("120000.50") != std::string::npos)
        << csv.substr(0, 3000);
}

TEST_F(ViewsTest, AllocationRunsALuaStrategyAndRefusesWithoutFunds) {
    Workspace& ws = *m_workbench.workspace();
    auto p1 = Repository<Project>(ws).findByCode("P0001");
    {
        // P0001's first cost item names no partner: the applicant bears it.
        ChangeSet cs(ws, "Aanvrager");
        p1->applicantId = ActorId(Repository<Actor>(ws).findByCode("GEM-A")->id.value);
        Repository<Project>(ws).update(cs, *p1);
        ASSERT_TRUE(cs.commit().ok());
    }
    AllocationView* view =
        dynamic_cast<AllocationView*>(m_frame->documents().open("allocation", p1->id.value));
    ASSERT_NE(view, nullptr);
    // No funds yet: the run explains what to do instead of showing an empty matrix.
    runByShortcut("document.run");
    EXPECT_EQ(view->result(), nullptr);
    EXPECT_NE(lastMessage().find("Ctrl+Shift+K"), std::string::npos) << lastMessage();

    m_choose = {"F-STV-PROJ", "F-WLS-GEB"};
    runByShortcut("allocation.attach_funds");
    const auto lua = std::find_if(view->strategies().begin(), view->strategies().end(),
                                  [](const std::string& s) { return s.starts_with("lua:"); });
    ASSERT_NE(lua, view->strategies().end()) << "no Lua allocation strategy in scripts/";
    ASSERT_TRUE(view->selectStrategy(*lua));
    runByShortcut("document.run");
    ASSERT_TRUE(pumpUntil([&] { return !view->running() && view->result(); }, 10000))
        << lastMessage();
    EXPECT_TRUE(view->result()->strategy.starts_with("lua:")) << view->result()->strategy;
    Money sum = view->result()->residualTotal;
    for (const Money m : view->result()->fundTotals)
        sum += m;
    EXPECT_EQ(sum, view->result()->totalCost);
}

TEST_F(ViewsTest, AllocationUsesTheCoalitionsStoredKeyAndShowsItsInputs) {
    // P0001 in coalition COAL-DEMER with GEM-A (fixed share 3/4) and VZW-NAT (1/4). The stored
    // key splits on population instead, 10,000 : 30,000, so the own contribution goes 1/4 to
    // GEM-A and 3/4 to VZW-NAT: the view must solve the same problem as `allocate --project`.
    Workspace& ws = *m_workbench.workspace();
    auto p1 = Repository<Project>(ws).findByCode("P0001");
    const auto coalition = Repository<Coalition>(ws).findByCode("COAL-DEMER");
    const auto gemA = Repository<Actor>(ws).findByCode("GEM-A");
    const auto vzw = Repository<Actor>(ws).findByCode("VZW-NAT");
    ASSERT_TRUE(p1 && coalition && gemA && vzw);
    {
        ChangeSet cs(ws, "Coalitie en sleutel");
        p1->applicantId = gemA->id;
        p1->coalitionId = coalition->id;
        Repository<Project>(ws).update(cs, *p1);
        const std::pair<ActorId, Rate> members[] = {{gemA->id, Rate(3, 4)}, {vzw->id, Rate(1, 4)}};
        for (const auto& [actor, share] : members) {
            CoalitionMember m;
            m.coalitionId = coalition->id;
            m.actorId = actor;
            m.share = share;
            Repository<CoalitionMember>(ws).insert(cs, m);
        }
        CoalitionKey key;
        key.criteria.push_back({{}, coalition->id, CostSharingCriterion::Population, Rate::one()});
        key.inputs.push_back(
            {{}, coalition->id, gemA->id, CostSharingCriterion::Population, Rate(10'000, 1)});
        key.inputs.push_back(
            {{}, coalition->id, vzw->id, CostSharingCriterion::Population, Rate(30'000, 1)});
        saveCoalitionKey(cs, coalition->id, key);
        ASSERT_TRUE(cs.commit().ok());
    }
    AllocationView* view =
        dynamic_cast<AllocationView*>(m_frame->documents().open("allocation", p1->id.value));
    ASSERT_NE(view, nullptr);
    m_choose = {"F-STV-PROJ"};
    runByShortcut("allocation.attach_funds");
    runByShortcut("document.run");
    ASSERT_TRUE(pumpUntil([&] { return !view->running() && view->result(); }, 10000))
        << lastMessage();
    const alloc::Allocation& a = *view->result();
    auto partner = [&](const std::string& code) {
        const auto it = std::find_if(a.partners.begin(), a.partners.end(),
                                     [&](const auto& p) { return p.partnerId == code; });
        return it == a.partners.end() ? nullptr : &*it;
    };
    ASSERT_NE(partner("GEM-A"), nullptr);
    ASSERT_NE(partner("VZW-NAT"), nullptr);
    EXPECT_EQ(partner("GEM-A")->share, Rate(1, 4));
    EXPECT_EQ(partner("VZW-NAT")->share, Rate(3, 4));
    EXPECT_EQ(partner("GEM-A")->residualPart + partner("VZW-NAT")->residualPart, a.residualTotal);
    // The explanation box lists where the inputs came from, the key among them.
    const std::string text = view->explanation().GetValue().ToStdString(wxConvUTF8);
    EXPECT_NE(text.find("population"), std::string::npos) << text;
    screenshot("23-allocation-stored-key");
}

TEST_F(ViewsTest, PluginsDocumentListsPluginsAndRunsACommandThatUndoes) {
    Workspace& ws = *m_workbench.workspace();
    runByShortcut("tools.plugins");
    PluginsView* view = current<PluginsView>();
    ASSERT_NE(view, nullptr);
    ASSERT_TRUE(view->selectPlugin("water_land_schap")) << "the W+L+S plug-in was not loaded";
    ASSERT_TRUE(view->selectCommand("coalition-create"));

    // A missing option: refused with the plug-in's message, nothing written.
    const auto audit = ws.log(1000).size();
    view->setArguments("--code WLS-DEMER");
    EXPECT_FALSE(view->runCommand());
    const std::string refused = view->output().GetValue().ToStdString(wxConvUTF8);
    EXPECT_NE(refused.find("Mislukt"), std::string::npos) << refused;
    EXPECT_NE(refused.find("--name"), std::string::npos) << refused;
    EXPECT_EQ(ws.log(1000).size(), audit);
    EXPECT_FALSE(Repository<Coalition>(ws).findByCode("WLS-DEMER"));

    // With quotes around a name with spaces, by F9: the coalition exists, and the plug-in's
    // own check (a W+L+S coalition needs certain partner types) reaches the problems pane.
    view->setArguments("--code WLS-DEMER --name \"Demervallei Water+Land+Schap\"");
    runByShortcut("document.run");
    const auto created = Repository<Coalition>(ws).findByCode("WLS-DEMER");
    ASSERT_TRUE(created) << view->output().GetValue();
    EXPECT_EQ(created->name, "Demervallei Water+Land+Schap");
    ProblemsPane& problems = m_frame->problems();
    EXPECT_TRUE(pumpUntil([&] {
        return !problems.checking() &&
               std::any_of(problems.findings().begin(), problems.findings().end(),
                           [&](const Finding& f) {
                               return f.entity == "coalition" && f.id == created->id.value &&
                                      f.field == "members";
                           });
    }));
    screenshot("24-plugins");

    // One undo takes the command back.
    runByShortcut("edit.undo");
    EXPECT_FALSE(Repository<Coalition>(ws).findByCode("WLS-DEMER"));
}

TEST_F(ViewsTest, MapDrawsAreasSelectsAndFollowsTheNavigator) {
    Workspace& ws = *m_workbench.workspace();
    {
        // Three municipalities with generated geometry; each project lies in one of them.
        ChangeSet cs(ws, "Gemeenten");
        const char* nis[] = {"24001", "24009", "24014"};
        const char* names[] = {"Aarschot", "Begijnendijk", "Boortmeerbeek"};
        std::vector<std::int64_t> ids;
        for (int i = 0; i < 3; ++i) {
            Area area;
            area.kind = AreaKind::Municipality;
            area.code = nis[i];
            area.name = names[i];
            ids.push_back(Repository<Area>(ws).insert(cs, area));
        }
        int i = 0;
        for (Project p : Repository<Project>(ws).list()) {
            p.areaId = AreaId(ids[static_cast<std::size_t>(i++ % 3)]);
            Repository<Project>(ws).update(cs, p);
        }
        ASSERT_TRUE(cs.commit().ok());
    }
    ASSERT_TRUE(geo::assignGeneratedGeometry(ws, 7).ok());
    runByShortcut("map.open");
    MapView* map = current<MapView>();
    ASSERT_NE(map, nullptr);
    ASSERT_TRUE(map->selectLayer("areas"));
    ASSERT_TRUE(map->selectMeasure("cost_total"));
    EXPECT_GE(map->items().size(), 3u);
    pump(300);
    screenshot("23-map-areas-cost");

    // Click on the middle of the first municipality: the navigator selects it.
    const MapItem& target = map->items()[0];
    int index = -1;
    wxPoint at;
    const wxSize size = map->canvas().GetClientSize();
    for (int y = 10; y < size.y && index != 0; y += 6)
        for (int x = 10; x < size.x && index != 0; x += 6)
            if (map->canvas().hitTest({x, y}) == 0) {
                index = 0;
                at = {x + 3, y + 3};
            }
    ASSERT_EQ(index, 0) << "no pixel of " << target.code << " found";
    wxUIActionSimulator sim;
    sim.MouseMove(map->canvas().ClientToScreen(at));
    pump(50);
    sim.MouseClick();
    pump(300);
    EXPECT_EQ(map->selectedEntity(), "area");
    EXPECT_EQ(map->selectedId(), target.id);
    const ListRow* row = m_frame->navigator().selectedRow();
    ASSERT_NE(row, nullptr);
    EXPECT_EQ(row->entity, "area");
    EXPECT_EQ(row->id, target.id);

    // And back: selecting a project in the navigator selects it on the map.
    const auto p1 = Repository<Project>(ws).findByCode("P0001");
    ASSERT_TRUE(map->selectLayer("projects"));
    ASSERT_TRUE(m_frame->navigator().selectObject("project", p1->id.value));
    m_workbench.objectSelected.emit(&m_frame->navigator(), "project", p1->id.value);
    EXPECT_EQ(map->selectedEntity(), "project");
    EXPECT_EQ(map->selectedId(), p1->id.value);
    runByShortcut("map.zoom_in");
    EXPECT_GT(map->canvas().zoom(), 1.0);
    screenshot("24-map-projects-selected-zoomed");
}

TEST_F(ViewsTest, ScriptEditorAsksTrustMarksErrorLinesAndSaves) {
    Workspace& ws = *m_workbench.workspace();
    runByShortcut("script.new");
    ScriptEditor* editor = current<ScriptEditor>();
    ASSERT_NE(editor, nullptr);
    EXPECT_EQ(editor->editor().GetLexer(), wxSTC_LEX_LUA);

    // Running an untrusted workspace script asks first; "no" runs nothing.
    m_confirm = false;
    runByShortcut("document.run");
    ASSERT_EQ(m_asked.size(), 1u);
    const std::string hash = rules::sha256Hex(editor->editor().GetText().ToStdString(wxConvUTF8));
    EXPECT_NE(m_asked[0].find(hash), std::string::npos);
    m_confirm = true;
    runByShortcut("document.run");
    EXPECT_EQ(m_asked.size(), 2u);
    auto trust = rules::TrustStore::load(rules::TrustStore::defaultPath());
    ASSERT_TRUE(trust.ok());
    EXPECT_TRUE(trust.value().isTrusted(hash));
    EXPECT_NE(editor->output().GetValue().Find("my_indicator"), wxNOT_FOUND)
        << editor->output().GetValue();

    // An error on line 8 is marked there and the caret jumps to it.
    editor->editor().SetText(
        "kk.indicator {\n  code = \"broken\",\n  name = \"Kapot\",\n  unit = \"x\",\n"
        "  subjects = {\"project\"},\n  compute = function(project)\n"
        "    local x = nil\n    return x.y\n  end,\n}\n");
    runByShortcut("document.run");
    EXPECT_EQ(editor->errorLine(), 8) << editor->output().GetValue();
    EXPECT_EQ(editor->editor().GetCurrentLine(), 7);
    screenshot("25-script-editor-error");

    runByShortcut("script.test");
    runByShortcut("document.save");
    const auto stored = Repository<Script>(ws).list();
    ASSERT_EQ(stored.size(), 1u);
    EXPECT_EQ(stored[0].hash, rules::sha256Hex(stored[0].source));
    EXPECT_FALSE(editor->isModified());
}

TEST_F(ViewsTest, ServeStartsTheApiOnTheWorkspaceAndStops) {
    runByShortcut("tools.serve");
    ServeController& serve = m_frame->serve();
    ASSERT_TRUE(serve.running()) << lastMessage();
    ASSERT_EQ(m_informed.size(), 1u);
    EXPECT_NE(m_informed[0].find(serve.url()), std::string::npos);
    EXPECT_NE(m_informed[0].find(serve.token()), std::string::npos);
    // The request is answered on the main thread (the model executor), so pump meanwhile.
    auto reply = std::async(std::launch::async, [&] {
        return commandOutput("curl -s -H 'Authorization: Bearer " + serve.token() + "' " +
                             serve.url() + "/api/v1/projects");
    });
    ASSERT_TRUE(pumpUntil(
        [&] { return reply.wait_for(std::chrono::seconds(0)) == std::future_status::ready; },
        10000));
    EXPECT_NE(reply.get().find("P0001"), std::string::npos);
    runByShortcut("tools.serve");
    EXPECT_FALSE(serve.running());
}

}  // namespace
}  // namespace kk::ui

int main(int argc, char** argv) {
    ::testing::InitGoogleTest(&argc, argv);
    wxApp::SetInstance(new wxApp);  // wx owns and deletes the app object
    if (!wxEntryStart(argc, argv)) {
        std::fprintf(stderr,
                     "test_ui_views: cannot start wxWidgets (no DISPLAY? run under "
                     "xvfb-run, as `make test` does)\n");
        return 1;
    }
    wxTheApp->CallOnInit();
    const int result = RUN_ALL_TESTS();
    wxEntryCleanup();
    return result;
}
