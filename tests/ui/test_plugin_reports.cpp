// The report preview with the plugins' reports, driven under Xvfb: the choice lists the core
// reports and then every loaded plugin's, a plugin report shows its options form instead of
// the project and strategy, a missing required option is refused with nothing built, a plugin
// error shows in the view, typed options are remembered per report (and across a language
// switch), and the regiodeal deal report is built on the worker, checked in the model and
// exported as XLSX and read back.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>

#include <wx/choice.h>

#include "core/plugin/plugin_manager.h"
#include "core/store/repositories.h"
#include "ui/views/report_preview.h"
#include "workbench_fixture.h"

namespace kk::ui {
namespace {

std::string commandOutput(const std::string& command) {
    std::array<char, 4096> buffer{};
    std::string out;
    const std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
    if (!pipe)
        return out;
    while (fgets(buffer.data(), static_cast<int>(buffer.size()), pipe.get()))
        out += buffer.data();
    return out;
}

class PluginReportsTest : public WorkbenchFixture {
  protected:
    ReportPreview* preview() {
        return dynamic_cast<ReportPreview*>(m_frame->documents().current());
    }

    /// The report choice: the preview's first wxChoice.
    wxChoice* reportChoice(ReportPreview& view) {
        for (wxWindow* child : view.GetChildren())
            if (auto* choice = dynamic_cast<wxChoice*>(child))
                return choice;
        return nullptr;
    }

    /// The newest audit entry's id: a refused build must not add one.
    std::int64_t auditCount() {
        const auto log = m_workbench.workspace()->log(1);
        return log.empty() ? 0 : log.front().id;
    }

    /// Runs a regiodeal command on the open workspace, as `koppelkans-cli plugin regiodeal`.
    void regiodeal(const std::string& name, const std::vector<std::string>& args) {
        const plugin::Command* command = m_workbench.plugins().findCommand("regiodeal", name);
        ASSERT_NE(command, nullptr) << name;
        const auto out = command->run(args, *m_workbench.workspace());
        ASSERT_TRUE(out.ok()) << name << ": " << out.error().message();
    }

    /// A deal of two partners and one goal: the Flemish government (national) commits
    /// € 100.000, the municipality GEM-A of the fixture (regional) € 60.000,25 of which it
    /// paid € 30.000,10.
    void seedDeal() {
        regiodeal("deal-create", {"--code", "RD-DEMER", "--name", "Regiodeal Demervallei",
                                  "--from-year", "2026", "--to-year", "2027"});
        regiodeal("goal-add", {"--deal", "RD-DEMER", "--code", "G1", "--name", "Waterbuffers"});
        regiodeal("partner-add",
                  {"--deal", "RD-DEMER", "--actor", "VO", "--name", "Vlaamse overheid", "--kind",
                   "government", "--level", "national"});
        regiodeal("partner-add",
                  {"--deal", "RD-DEMER", "--actor", "GEM-A", "--level", "regional_public"});
        regiodeal("commit", {"--deal", "RD-DEMER", "--partner", "VO", "--goal", "G1", "--year",
                             "2026", "--amount", "100000"});
        regiodeal("commit", {"--deal", "RD-DEMER", "--partner", "GEM-A", "--goal", "G1", "--year",
                             "2026", "--amount", "60000.25"});
        regiodeal("pay", {"--deal", "RD-DEMER", "--partner", "GEM-A", "--goal", "G1", "--year",
                          "2026", "--amount", "30000.10"});
    }

    /// Replaces the text of an option field by typing, as a user does.
    void typeOption(ReportPreview& view, const std::string& option, const std::string& text) {
        wxTextCtrl* field = view.optionField(option);
        ASSERT_NE(field, nullptr) << option;
        field->SetFocus();
        field->SelectAll();
        pump(80);
        typeText(text);
        EXPECT_EQ(field->GetValue().ToStdString(wxConvUTF8), text);
    }
};

const report::TableBlock* findTable(const report::Report& r, const std::string& title) {
    for (const report::Section& section : r.sections)
        for (const report::Block& block : section.blocks)
            if (const auto* table = std::get_if<report::TableBlock>(&block))
                if (table->title == title)
                    return table;
    return nullptr;
}

TEST_F(PluginReportsTest, RegiodealReportWithItsOptionBuiltAndExported) {
    // The plugins of the build tree are loaded (refusals would be in the log pane).
    std::string refused;
    for (const auto& record : m_workbench.plugins().plugins())
        if (record.state == plugin::PluginState::Refused)
            refused += record.id + ": " + record.reason.message() + "\n";
    ASSERT_NE(m_workbench.plugins().findReport("regiodeal", "deal"), nullptr) << refused;
    ASSERT_NE(m_workbench.plugins().findReport("bbc", "bbc.m1"), nullptr) << refused;
    seedDeal();
    if (HasFatalFailure())
        return;
    const std::int64_t seeded = auditCount();

    // 1. The choice: the six core reports first, then every plugin report with its plugin.
    runByShortcut("report.preview");
    ReportPreview* view = preview();
    ASSERT_NE(view, nullptr);
    wxChoice* choice = reportChoice(*view);
    ASSERT_NE(choice, nullptr);
    const auto& core = report::workspaceReports();
    const auto& plugins = m_workbench.plugins().registry().reports;
    ASSERT_EQ(choice->GetCount(), core.size() + plugins.size());
    EXPECT_EQ(choice->GetString(0), m_workbench.tr("report.name.portfolio"));
    EXPECT_EQ(choice->GetString(static_cast<unsigned>(core.size())),
              wxString::FromUTF8(plugins.front().item.title + " — " + plugins.front().pluginId));
    EXPECT_NE(choice->FindString(wxString::FromUTF8("BBC schema M1 — bbc")), wxNOT_FOUND);
    EXPECT_NE(choice->FindString(wxString::FromUTF8("Regiodeal report — regiodeal")), wxNOT_FOUND);
    EXPECT_TRUE(view->coreChoicesShown());
    EXPECT_FALSE(view->optionsFormShown());

    // 2. bbc.m1: six options, government and period required; the project choice is hidden.
    ASSERT_TRUE(view->selectPluginReport("bbc", "bbc.m1"));
    pump(100);
    EXPECT_FALSE(view->coreChoicesShown());
    EXPECT_TRUE(view->optionsFormShown());
    for (const char* option : {"government", "period", "scope", "code", "kind", "year"})
        EXPECT_NE(view->optionField(option), nullptr) << option;
    ASSERT_NE(view->optionField("government"), nullptr);
    EXPECT_EQ(view->optionField("government")->GetHint(), "KBO, name or all");
    EXPECT_NE(view->optionField("government")->GetToolTipText().Find("Verplicht"), wxNOT_FOUND);
    EXPECT_EQ(view->optionField("scope")->GetToolTipText(), "all or subsidised");
    typeOption(*view, "government", "all");
    screenshot("report-plugin-options");

    // 3. The deal report: its one required option, left empty, is refused; nothing is built
    // and the workspace is unchanged.
    ASSERT_TRUE(view->selectPluginReport("regiodeal", "deal"));
    pump(100);
    EXPECT_EQ(view->optionField("government"), nullptr);
    ASSERT_NE(view->optionField("deal"), nullptr);
    EXPECT_EQ(view->optionField("deal")->GetValue(), "");
    EXPECT_EQ(view->optionField("deal")->GetHint(), "the deal's code");
    runByShortcut("document.run");
    pump(300);
    EXPECT_FALSE(view->running());
    EXPECT_EQ(view->report(), nullptr);
    const std::string refusal = view->statusText().ToStdString(wxConvUTF8);
    EXPECT_NE(refusal.find("Niets gemaakt"), std::string::npos) << refusal;
    EXPECT_NE(refusal.find("‘deal’"), std::string::npos) << refusal;
    EXPECT_NE(refusal.find("the deal's code"), std::string::npos) << refusal;
    EXPECT_EQ(lastMessage(), refusal);
    EXPECT_EQ(view->optionField("deal")->GetBackgroundColour(), wxColour(255, 225, 220));
    EXPECT_EQ(auditCount(), seeded);
    screenshot("report-plugin-refused");

    // 4. A deal the workspace lacks: the plugin's own error shows in the view.
    typeOption(*view, "deal", "RD-ONBEKEND");
    EXPECT_NE(view->optionField("deal")->GetBackgroundColour(), wxColour(255, 225, 220));
    runByShortcut("document.run");
    ASSERT_TRUE(pumpUntil([&] { return !view->running(); }, 20000));
    EXPECT_EQ(view->report(), nullptr);
    const std::string pluginError = view->statusText().ToStdString(wxConvUTF8);
    EXPECT_NE(pluginError.find("no regiodeal with code 'RD-ONBEKEND'"), std::string::npos)
        << pluginError;

    // 5. Options are remembered per report while the document is open.
    typeOption(*view, "deal", "RD-DEMER");
    ASSERT_TRUE(view->selectPluginReport("bbc", "bbc.m1"));
    EXPECT_EQ(view->optionField("government")->GetValue(), "all");
    ASSERT_TRUE(view->selectReport("portfolio"));
    EXPECT_TRUE(view->coreChoicesShown());
    EXPECT_FALSE(view->optionsFormShown());
    ASSERT_TRUE(view->selectPluginReport("regiodeal", "deal"));
    EXPECT_EQ(view->optionField("deal")->GetValue(), "RD-DEMER");

    // 6. Built on the worker (F9): the plugin's model, as `plugin regiodeal report` writes it.
    runByShortcut("document.run");
    ASSERT_TRUE(pumpUntil([&] { return !view->running() && view->report(); }, 20000))
        << view->statusText();
    const report::Report& built = *view->report();
    EXPECT_EQ(built.title, "Regiodeal RD-DEMER");
    EXPECT_EQ(built.subtitle, "Regiodeal Demervallei");
    const report::TableBlock* partners = findTable(built, "Committed vs paid by partner");
    ASSERT_NE(partners, nullptr);
    ASSERT_EQ(partners->rows.size(), 2u);
    const report::Row* gem = nullptr;
    for (const report::Row& row : partners->rows)
        if (row.at(0) == report::Cell("GEM-A"))
            gem = &row;
    ASSERT_NE(gem, nullptr);
    EXPECT_EQ(gem->at(1), report::Cell("Gemeente Aarschot-Oost"));
    EXPECT_EQ(gem->at(2), report::Cell("regional_public"));
    EXPECT_EQ(gem->at(5), report::Cell(Money::fromCents(6'000'025)));  // committed
    EXPECT_EQ(gem->at(6), report::Cell(Money::fromCents(3'000'010)));  // paid
    EXPECT_EQ(gem->at(7), report::Cell(Money::fromCents(3'000'015)));  // outstanding
    EXPECT_EQ(auditCount(), seeded);
    screenshot("report-plugin");

    // 7. Exported as XLSX through the same path as the core reports, and read back.
    m_savePath = m_dir + "/regiodeal-RD-DEMER.xlsx";
    runByShortcut("report.export_xlsx");
    ASSERT_TRUE(pumpUntil([&] { return !view->lastExport().empty(); }, 20000)) << lastMessage();
    EXPECT_EQ(view->lastExport(), m_savePath);
    ASSERT_TRUE(std::filesystem::exists(m_savePath));
    std::ifstream file(m_savePath, std::ios::binary);
    std::array<char, 4> magic{};
    file.read(magic.data(), magic.size());
    EXPECT_EQ(std::string(magic.data(), magic.size()), std::string("PK\x03\x04", 4));
    const std::string csv = commandOutput(
        "xlsx2csv --ignore-formats float -n "
        "'Committed vs paid by partner' '" +
        m_savePath + "' 2>&1");
    EXPECT_NE(csv.find("GEM-A,Gemeente Aarschot-Oost,regional_public,G1,2026,60000.25,30000.1,"
                       "30000.15"),
              std::string::npos)
        << csv;
    EXPECT_EQ(auditCount(), seeded);

    // 8. In English the form is rebuilt with the typed value kept and the shown report kept.
    ASSERT_TRUE(m_workbench.setLanguage("en").ok());
    pump(200);
    ASSERT_NE(view->optionField("deal"), nullptr);
    EXPECT_EQ(view->optionField("deal")->GetValue(), "RD-DEMER");
    EXPECT_EQ(view->optionField("deal")->GetToolTipText(), "Required: the deal's code");
    EXPECT_NE(view->report(), nullptr);
    EXPECT_EQ(view->statusText(), "Report written to " + wxString::FromUTF8(m_savePath));
    screenshot("report-plugin-en");
}

}  // namespace
}  // namespace kk::ui

int main(int argc, char** argv) {
    ::testing::InitGoogleTest(&argc, argv);
    wxApp::SetInstance(new wxApp);  // wx owns and deletes the app object
    if (!wxEntryStart(argc, argv)) {
        std::fprintf(stderr,
                     "test_plugin_reports: cannot start wxWidgets (no DISPLAY? run under "
                     "xvfb-run, as `make test` does)\n");
        return 1;
    }
    wxTheApp->CallOnInit();
    const int result = RUN_ALL_TESTS();
    wxEntryCleanup();
    return result;
}
