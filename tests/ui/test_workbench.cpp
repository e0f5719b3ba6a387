// Drives the real MainFrame under Xvfb as a user would: shortcuts for commands, typing into the
// project editor and the cost grid, pasting spreadsheet rows, saving, undoing; then checks the
// workspace itself and writes screenshots to ${KK_BINARY_DIR}/test-output/ui/.
#include <gtest/gtest.h>

#include <wx/app.h>
#include <wx/clipbrd.h>
#include <wx/config.h>
#include <wx/fileconf.h>
#include <wx/menu.h>
#include <wx/uiaction.h>

#include "core/store/repositories.h"
#include "ui/app/workbench.h"
#include "ui/frame/main_frame.h"
#include "ui/views/document_area.h"
#include "ui/views/log_pane.h"
#include "ui/views/navigator.h"
#include "ui/views/problems_pane.h"
#include "ui/views/project_editor.h"
#include "ui_test_support.h"
#include "workbench_fixture.h"

namespace kk::ui {
namespace {

class WorkbenchTest : public WorkbenchFixture {};

TEST_F(WorkbenchTest, CreateProjectEnterCostsSaveAndUndo) {
    Workspace& ws = *m_workbench.workspace();
    EXPECT_EQ(m_frame->navigator().model().shownCount(), 3u);
    // The status bar's counts are read in the background once the list is there.
    auto counts = [this] { return m_frame->GetStatusBar()->GetStatusText(1); };
    EXPECT_TRUE(pumpUntil([&] { return counts().StartsWith("3 projecten"); })) << counts();
    EXPECT_EQ(counts(), wxString::FromUTF8("3 projecten · 2 kostenposten · 2 programma's"));
    screenshot("01-start-navigator-projects");

    // A new project document, by keyboard.
    runByShortcut("project.new");
    ProjectEditor* editor = currentEditor();
    ASSERT_NE(editor, nullptr);
    EXPECT_EQ(editor->codeField().GetValue(), "P0004");
    editor->nameField().SetFocus();
    pump(100);
    typeText("Groene speelplaats");
    EXPECT_EQ(editor->nameField().GetValue(), "Groene speelplaats");
    EXPECT_TRUE(editor->isModified());

    // One cost row typed cell by cell: a wrong amount first, then a right one.
    runByShortcut("costs.add_row");
    wxGrid& grid = editor->costs().grid();
    ASSERT_EQ(grid.GetNumberRows(), 1);
    EXPECT_EQ(grid.GetGridCursorCol(), kCostCategory);
    typeText("works");
    pressKey(WXK_RETURN);
    grid.SetGridCursor(0, kCostAmount);
    grid.SetFocus();
    pump(100);
    typeText("25x0");
    pressKey(WXK_RETURN);
    EXPECT_EQ(grid.GetCellValue(0, kCostCategory), "works");
    EXPECT_NE(editor->costs().firstProblem().Find("25x0"), wxNOT_FOUND)
        << editor->costs().firstProblem();
    EXPECT_NE(grid.GetCellBackgroundColour(0, kCostAmount), grid.GetDefaultCellBackgroundColour());
    grid.SetGridCursor(0, kCostAmount);
    grid.SetFocus();
    pump(100);
    typeText("2500,5");
    pressKey(WXK_RETURN);
    EXPECT_EQ(grid.GetCellValue(0, kCostAmount), wxString::FromUTF8("€ 2.500,50"));
    EXPECT_EQ(grid.GetCellBackgroundColour(0, kCostAmount), grid.GetDefaultCellBackgroundColour());

    // Three rows from a spreadsheet, one of them wrong, pasted with Ctrl+V at row 2.
    const wxString rows = wxString::FromUTF8(
        "works\t2026\t\t12.000,00\t1\tVerharding speelplein\n"
        "staff\t2026\tGEM-A\t4500\tja\tProcesbegeleiding\n"
        "equipment\t2026\tONBEKEND\t12,3456\t1\tSpeeltoestel\n");
    ASSERT_TRUE(wxTheClipboard->Open());
    wxTheClipboard->SetData(new wxTextDataObject(rows));  // the clipboard owns the data
    wxTheClipboard->Close();
    editor->costs().addRow();
    grid.SetGridCursor(1, kCostCategory);
    grid.SetFocus();
    pump(100);
    runByShortcut("edit.paste");
    if (grid.GetNumberRows() < 4) {
        // Some X servers without a clipboard manager hand back nothing; paste the same text.
        ADD_FAILURE() << "the clipboard gave no text under this X server";
        editor->costs().pasteText(rows.ToStdString(wxConvUTF8));
    }
    ASSERT_EQ(grid.GetNumberRows(), 4);
    EXPECT_EQ(grid.GetCellValue(2, kCostPartner), "GEM-A");
    EXPECT_NE(grid.GetCellBackgroundColour(3, kCostPartner), grid.GetDefaultCellBackgroundColour());
    EXPECT_NE(grid.GetCellBackgroundColour(3, kCostAmount), grid.GetDefaultCellBackgroundColour());
    screenshot("02-cost-grid-validation");

    // Saving refuses while a cell is red, and says where.
    runByShortcut("document.save");
    EXPECT_EQ(Repository<Project>(ws).count(), 3);
    EXPECT_TRUE(editor->isModified());
    screenshot("03-save-refused");

    // Delete the bad row and save: one change set with the project and three cost items.
    grid.SetGridCursor(3, kCostCategory);
    grid.SetFocus();
    pump(50);
    runByShortcut("costs.delete_row");
    ASSERT_EQ(grid.GetNumberRows(), 3);
    runByShortcut("document.save");
    ASSERT_EQ(Repository<Project>(ws).count(), 4) << lastMessage();
    auto project = Repository<Project>(ws).findByCode("P0004");
    ASSERT_TRUE(project);
    EXPECT_EQ(project->name, "Groene speelplaats");
    const auto items =
        Repository<CostItem>(ws).list(Query{}.where("project_id", project->id.value));
    ASSERT_EQ(items.size(), 3u);
    Money total;
    for (const auto& item : items)
        total += item.amount;
    EXPECT_EQ(total.cents(), 1'900'050);
    EXPECT_EQ(items[0].code, "P0004-C01");
    EXPECT_EQ(items[2].partnerId.has_value(), true);
    EXPECT_FALSE(editor->isModified());
    EXPECT_EQ(m_frame->navigator().model().shownCount(), 4u);
    EXPECT_NE(menuLabel("edit.undo").Find("P0004"), wxNOT_FOUND) << menuLabel("edit.undo");
    EXPECT_TRUE(pumpUntil([&] { return counts().StartsWith("4 projecten · 5 kostenposten"); }))
        << counts();
    screenshot("04-project-saved");

    // Undo takes the whole save back: project and cost items; the tab closes.
    runByShortcut("edit.undo");
    EXPECT_EQ(Repository<Project>(ws).count(), 3);
    EXPECT_EQ(Repository<CostItem>(ws).count(), 2);
    EXPECT_EQ(m_frame->documents().findByKey("project:" + std::to_string(project->id.value)),
              nullptr);
    EXPECT_EQ(m_frame->navigator().model().shownCount(), 3u);
    EXPECT_TRUE(pumpUntil([&] { return counts().StartsWith("3 projecten · 2 kostenposten"); }))
        << counts();
    EXPECT_NE(menuLabel("edit.redo").Find("P0004"), wxNOT_FOUND) << menuLabel("edit.redo");
    screenshot("05-after-undo");

    // Redo brings it back.
    runByShortcut("edit.redo");
    EXPECT_EQ(Repository<Project>(ws).count(), 4);
    EXPECT_EQ(Repository<CostItem>(ws).count(), 5);
}

TEST_F(WorkbenchTest, EditStatusOffersOnlyAllowedTransitions) {
    Workspace& ws = *m_workbench.workspace();
    const auto p1 = Repository<Project>(ws).findByCode("P0001");
    ASSERT_TRUE(m_frame->documents().openObject("project", p1->id.value));
    ProjectEditor* editor = currentEditor();
    ASSERT_NE(editor, nullptr);
    EXPECT_EQ(editor->costs().grid().GetNumberRows(), 2);
    // From "application": idea, submitted, cancelled (and staying put); never "awarded".
    EXPECT_FALSE(editor->selectStatus("awarded"));
    EXPECT_EQ(editor->statusField().GetCount(), 4u);
    ASSERT_TRUE(editor->selectStatus("submitted"));
    runByShortcut("document.save");
    EXPECT_EQ(Repository<Project>(ws).get(p1->id.value)->status, ProjectStatus::Submitted);
    EXPECT_TRUE(editor->selectStatus("awarded"));  // offered now that it was submitted
    screenshot("06-project-editor-status");
}

// Opening a workspace reads the project list on a worker thread while the window appears; a
// reload the user asks for in the meantime wins over the older background result.
TEST_F(WorkbenchTest, NavigatorReadsTheListInTheBackgroundAndALaterReloadWins) {
    Navigator& nav = m_frame->navigator();
    nav.reloadInBackground();
    EXPECT_TRUE(nav.loading());
    ASSERT_TRUE(pumpUntil([&] { return !nav.loading(); }));
    EXPECT_EQ(nav.kind(), ListKind::Projects);
    EXPECT_EQ(nav.model().shownCount(), 3u);
    EXPECT_EQ(nav.model().rowAtPosition(0)->cells[0], "P0001");

    nav.reloadInBackground();       // projects, on the worker
    nav.showKind(ListKind::Funds);  // the user switches lists before it is done
    EXPECT_FALSE(nav.loading());
    EXPECT_EQ(nav.model().shownCount(), 2u);
    pump(300);  // the background projects arrive late and are dropped
    EXPECT_EQ(nav.kind(), ListKind::Funds);
    EXPECT_EQ(nav.model().shownCount(), 2u);
    EXPECT_EQ(nav.model().rowAtPosition(0)->entity, "fund");
}

TEST_F(WorkbenchTest, NavigatorFiltersSortsAndSwitchesLists) {
    Navigator& nav = m_frame->navigator();
    runByShortcut("view.focus_search");
    typeText("beek");
    EXPECT_EQ(nav.model().shownCount(), 1u);
    EXPECT_EQ(nav.model().rowAtPosition(0)->cells[0], "P0002");
    nav.setFilter("");
    nav.model().sortBy(4);  // cost total, ascending
    nav.model().sortBy(4);  // descending: P0001 has the costs
    EXPECT_EQ(nav.model().rowAtPosition(0)->cells[0], "P0001");
    nav.model().sortBy(1);  // name ascending
    EXPECT_EQ(nav.model().rowAtPosition(0)->cells[1], "Beekherstel Zuid");
    m_workbench.commands().execute("view.list_funds");
    EXPECT_EQ(nav.kind(), ListKind::Funds);
    EXPECT_EQ(nav.model().shownCount(), 2u);
    m_workbench.commands().execute("view.list_programmes");
    EXPECT_EQ(nav.model().shownCount(), 2u);
    screenshot("07-navigator-programmes");
}

TEST_F(WorkbenchTest, ProblemsPaneListsFindingsAndJumpsToTheObject) {
    ProblemsPane& problems = m_frame->problems();
    ASSERT_TRUE(pumpUntil([&] { return !problems.checking(); }));
    const auto& findings = problems.findings();
    auto has = [&](const std::string& entity, const std::string& field) {
        return std::any_of(findings.begin(), findings.end(), [&](const Finding& f) {
            return f.entity == entity && f.field == field;
        });
    };
    EXPECT_TRUE(has("government", "nis_code"));
    EXPECT_TRUE(has("coalition", "continuity_plan"));
    EXPECT_TRUE(has("project", "cost_items"));
    long projectRow = -1;
    for (std::size_t i = 0; i < findings.size(); ++i)
        if (findings[i].entity == "project")
            projectRow = static_cast<long>(i);
    ASSERT_GE(projectRow, 0);
    problems.activate(projectRow);
    ProjectEditor* editor = currentEditor();
    ASSERT_NE(editor, nullptr);
    EXPECT_EQ(editor->projectId(), findings[static_cast<std::size_t>(projectRow)].id);
    screenshot("08-problems-jump");
}

TEST_F(WorkbenchTest, SwitchesToEnglishAndRemembersIt) {
    m_frame->documents().openObject("project", 1);
    ASSERT_TRUE(m_workbench.setLanguage("en").ok());
    pump(200);
    EXPECT_EQ(m_frame->GetMenuBar()->GetMenuLabelText(0), "File");
    EXPECT_EQ(menuLabel("document.save"), "Save");
    EXPECT_EQ(wxConfigBase::Get()->Read("ui/language"), "en");
    screenshot("09-english");
    ASSERT_TRUE(m_workbench.setLanguage("nl").ok());
    EXPECT_EQ(m_frame->GetMenuBar()->GetMenuLabelText(0), "Bestand");
}

TEST_F(WorkbenchTest, ProjectEditorLinksAreaCoalitionAndApplicant) {
    Workspace& ws = *m_workbench.workspace();
    {
        ChangeSet cs(ws, "Gebieden");
        Area region;
        region.kind = AreaKind::Region;
        region.code = "DEMER";
        region.name = "Demervallei";
        Repository<Area>(ws).insert(cs, region);
        Area perimeter;  // another project's perimeter: not offered
        perimeter.kind = AreaKind::Perimeter;
        perimeter.code = "P0003";
        perimeter.name = "Projectgebied P0003";
        Repository<Area>(ws).insert(cs, perimeter);
        ASSERT_TRUE(cs.commit().ok());
    }
    m_frame->documents().openObject("project", 2);
    ProjectEditor* editor = currentEditor();
    ASSERT_NE(editor, nullptr);
    auto entries = [](wxChoice& c) {
        std::vector<std::string> out;
        for (unsigned i = 0; i < c.GetCount(); ++i)
            out.push_back(c.GetString(i).ToStdString(wxConvUTF8));
        return out;
    };
    auto choose = [](wxChoice& c, const std::string& startsWith) {
        for (unsigned i = 0; i < c.GetCount(); ++i)
            if (c.GetString(i).ToStdString(wxConvUTF8).starts_with(startsWith)) {
                c.SetSelection(static_cast<int>(i));
                wxCommandEvent event(wxEVT_CHOICE, c.GetId());
                event.SetEventObject(&c);
                event.SetInt(static_cast<int>(i));
                c.ProcessWindowEvent(event);
                return true;
            }
        return false;
    };
    EXPECT_EQ(editor->areaField().GetStringSelection(), "(geen)");
    const auto areas = entries(editor->areaField());
    EXPECT_EQ(std::count_if(areas.begin(), areas.end(),
                            [](const std::string& a) { return a.find("P0003") != a.npos; }),
              0);
    ASSERT_TRUE(choose(editor->areaField(), "Demervallei (DEMER)"));
    ASSERT_TRUE(choose(editor->coalitionField(), "COAL-DEMER"));
    ASSERT_TRUE(choose(editor->applicantField(), "VZW-NAT"));
    EXPECT_TRUE(editor->isModified());
    runByShortcut("document.save");
    const auto saved = Repository<Project>(ws).get(2);
    ASSERT_TRUE(saved && saved->areaId && saved->coalitionId && saved->applicantId)
        << lastMessage();
    EXPECT_EQ(Repository<Area>(ws).get(saved->areaId->value)->code, "DEMER");
    EXPECT_EQ(Repository<Coalition>(ws).get(saved->coalitionId->value)->code, "COAL-DEMER");
    EXPECT_EQ(Repository<Actor>(ws).get(saved->applicantId->value)->code, "VZW-NAT");
    screenshot("06-project-links");
    runByShortcut("edit.undo");
    const auto undone = Repository<Project>(ws).get(2);
    EXPECT_FALSE(undone->areaId || undone->coalitionId || undone->applicantId);
    EXPECT_EQ(editor->coalitionField().GetStringSelection(), "(geen)");  // the editor follows
}

TEST_F(WorkbenchTest, AWindowWithoutWorkspaceThenOpeningOne) {
    // As `koppelkans` without an argument: the window first, then File › Open.
    m_frame->Destroy();
    pump(100);
    m_workbench.closeWorkspace();
    m_frame = new MainFrame(m_workbench);
    m_frame->SetSize(0, 0, 1600, 1000);
    m_frame->Show();
    pump(200);
    EXPECT_EQ(m_frame->navigator().model().shownCount(), 0u);
    EXPECT_TRUE(m_frame->problems().findings().empty());
    ASSERT_TRUE(m_workbench.openWorkspace(m_path).ok());
    EXPECT_TRUE(pumpUntil([&] { return m_frame->navigator().model().shownCount() == 3u; }));
    EXPECT_TRUE(pumpUntil([&] {
        return !m_frame->problems().checking() && !m_frame->problems().findings().empty();
    }));
    // A workspace that will not open: the message waits for the next window.
    m_frame->Destroy();
    pump(100);
    m_workbench.closeWorkspace();
    EXPECT_FALSE(m_workbench.openWorkspace(m_dir + "/does-not-exist.gpkg").ok());
    m_workbench.reportError(makeError("test.error", "no such workspace", "does-not-exist.gpkg"));
    m_frame = new MainFrame(m_workbench);
    m_frame->Show();
    pump(200);
    EXPECT_NE(m_frame->GetStatusBar()->GetStatusText(0).Find("no such workspace"), wxNOT_FOUND)
        << m_frame->GetStatusBar()->GetStatusText(0);
}

TEST_F(WorkbenchTest, RecentFilesRememberTheWorkspace) {
    // Recorded once the window has settled (a second after opening), not on the way to it.
    for (int waited = 0; m_workbench.recentFiles().GetCount() == 0 && waited < 3000; waited += 100)
        pump(100);
    EXPECT_GE(m_workbench.recentFiles().GetCount(), 1u);
    EXPECT_EQ(m_workbench.recentFiles().GetHistoryFile(0), wxString::FromUTF8(m_path));
    m_workbench.commands().execute("file.close_workspace");
    EXPECT_EQ(m_workbench.workspace(), nullptr);
    EXPECT_EQ(m_frame->navigator().model().shownCount(), 0u);
    EXPECT_FALSE(m_workbench.commands().isEnabled("project.new"));
    screenshot("10-no-workspace");
}

}  // namespace
}  // namespace kk::ui

int main(int argc, char** argv) {
    ::testing::InitGoogleTest(&argc, argv);
    wxApp::SetInstance(new wxApp);  // wx owns and deletes the app object
    if (!wxEntryStart(argc, argv)) {
        std::fprintf(stderr,
                     "test_ui_workbench: cannot start wxWidgets (no DISPLAY? run under "
                     "xvfb-run, as `make test` does)\n");
        return 1;
    }
    wxTheApp->CallOnInit();
    const int result = RUN_ALL_TESTS();
    wxEntryCleanup();
    return result;
}
