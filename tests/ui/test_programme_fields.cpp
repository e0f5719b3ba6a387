// The project editor's programme forms ("Programmaformulier") driven under Xvfb with the real
// stadsvernieuwing plugin: the type chosen, the fields typed, a wrong amount refused at the field
// with the workspace unchanged, the save checked through core/store, Ctrl+Z and Ctrl+Y checked
// back, and the problems pane's finding about the empty form. Screenshots go to
// test-output/ui/editor-project-programme-fields*.png.
#include <gtest/gtest.h>

#include <cstdio>

#include <wx/app.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/textctrl.h>

#include "core/plugin/plugin_manager.h"
#include "core/store/project_fields.h"
#include "core/store/reference_data.h"
#include "core/store/repositories.h"
#include "ui/views/problems_pane.h"
#include "ui/views/programme_form_panel.h"
#include "workbench_fixture.h"

namespace kk::ui {
namespace {

constexpr const char* kConcept = "stadsvernieuwing.conceptsubsidie";

class ProgrammeFieldsTest : public WorkbenchFixture {
  protected:
    void SetUp() override {
        WorkbenchFixture::SetUp();
        if (HasFatalFailure())
            return;
        // The plugin module is found in the build tree (tests/ui/CMakeLists.txt builds it).
        auto loaded = m_workbench.plugins().loaded("stadsvernieuwing");
        ASSERT_TRUE(loaded.ok()) << loaded.error().message();
        // Municipality names and NIS codes for the cities field.
        auto refs =
            loadReferenceData(*m_workbench.workspace(), std::string(KK_SOURCE_DIR) + "/data");
        ASSERT_TRUE(refs.ok()) << refs.error().message();
    }

    ProjectEditor* openProject(const std::string& code) {
        const auto project = Repository<Project>(*m_workbench.workspace()).findByCode(code);
        EXPECT_TRUE(project.has_value()) << code;
        if (!project || !m_frame->documents().openObject("project", project->id.value))
            return nullptr;
        pump(200);
        return currentEditor();
    }

    /// Chooses an entry of a wxChoice as a click would: selection and the event.
    static void choose(wxChoice& choice, const wxString& label) {
        const int index = choice.FindString(label);
        ASSERT_NE(index, wxNOT_FOUND) << label;
        choice.SetSelection(index);
        wxCommandEvent event(wxEVT_CHOICE, choice.GetId());
        event.SetEventObject(&choice);
        event.SetInt(index);
        choice.GetEventHandler()->ProcessEvent(event);
        pump(100);
    }

    /// Types into a field of the form as a user does after selecting its text.
    static void typeInto(ProgrammeFormPanel& form, const std::string& field,
                         const std::string& text) {
        auto* control = dynamic_cast<wxTextCtrl*>(form.control(field));
        ASSERT_NE(control, nullptr) << field;
        control->SetFocus();
        control->SelectAll();
        pump(80);
        typeText(text);
    }

    static wxTextCtrl& textOf(ProgrammeFormPanel& form, const std::string& field) {
        auto* control = dynamic_cast<wxTextCtrl*>(form.control(field));
        EXPECT_NE(control, nullptr) << field;
        return *control;
    }

    static bool isRed(wxWindow* control) {
        return control->GetBackgroundColour() == wxColour(255, 214, 214);
    }

    /// What a refused save must leave alone: audit entries, form rows, cost items, and the
    /// projects' names and statuses.
    std::string counts() {
        Workspace& ws = *m_workbench.workspace();
        std::string out;
        for (const char* q :
             {"SELECT count(*) FROM kk_audit", "SELECT count(*) FROM kk_project_field",
              "SELECT count(*) FROM kk_cost_item", "SELECT count(*) FROM kk_project_programme"})
            out += std::to_string(ws.db().scalarInt(q)) + "/";
        auto st = ws.db().prepare("SELECT code, name, status FROM kk_project ORDER BY id");
        while (st.step())
            out += st.getText(0) + " " + st.getText(1) + " " + st.getText(2) + "/";
        return out;
    }

    std::vector<Finding> findingsFor(std::int64_t projectId) {
        ProblemsPane& problems = m_frame->problems();
        bool done = false;
        problems.refresh([&] { done = true; });
        EXPECT_TRUE(pumpUntil([&] { return done; }, 10000));
        std::vector<Finding> out;
        for (const auto& f : problems.findings())
            if (f.entity == "project" && f.id == projectId)
                out.push_back(f);
        return out;
    }
};

bool hasField(const std::vector<Finding>& findings, const std::string& field) {
    return std::any_of(findings.begin(), findings.end(),
                       [&](const Finding& f) { return f.field == field; });
}

TEST_F(ProgrammeFieldsTest, FormTypedRefusedSavedUndoneAndRedone) {
    Workspace& ws = *m_workbench.workspace();
    const ProjectId p1 = Repository<Project>(ws).findByCode("P0001")->id;
    const ProgrammeId stv = Repository<Programme>(ws).findByCode("STV-2026")->id;
    // The problems pane (through PluginManager::validate) asks for the form of P0001, which
    // applies (P0002 and P0003 are ideas: nothing is asked of them yet).
    EXPECT_TRUE(hasField(findingsFor(p1.value), "programme_type"));

    ProjectEditor* editor = openProject("P0001");
    ASSERT_NE(editor, nullptr);
    ProgrammeFormPanel* form = editor->programmeForm("STV-2026");
    ASSERT_NE(form, nullptr) << "no Programmaformulier for STV-2026";
    EXPECT_EQ(editor->programmeForm("WLS"), nullptr);  // not a programme of P0001
    EXPECT_EQ(form->typeId(), "");
    EXPECT_EQ(form->control("requested"), nullptr);  // fields appear once a type is chosen

    auto* typeChoice = dynamic_cast<wxChoice*>(form->FindWindow("programme_type"));
    ASSERT_NE(typeChoice, nullptr);
    EXPECT_EQ(typeChoice->GetString(0), wxString::FromUTF8("(kies het type)"));
    choose(*typeChoice, "Conceptsubsidie");
    EXPECT_EQ(form->typeId(), kConcept);
    EXPECT_TRUE(editor->isModified());
    ASSERT_NE(form->control("requested"), nullptr);
    EXPECT_NE(form->control("requested")->GetToolTipText().Find("75.000,00"), wxNOT_FOUND);

    // A wrong amount turns red when the user leaves the field, with what to type.
    const std::string before = counts();
    typeInto(*form, "requested", "12x00");
    typeInto(*form, "cities", "Gent, Mechelen");
    typeInto(*form, "private", "1.250.000,00");
    EXPECT_TRUE(isRed(form->control("requested")));
    EXPECT_NE(form->problemText().Find(wxString::FromUTF8("Gevraagde subsidie: \"12x00\" is geen "
                                                          "bedrag")),
              wxNOT_FOUND)
        << form->problemText();
    EXPECT_FALSE(isRed(form->control("cities")));

    // Saving refuses, names the field and writes nothing.
    runByShortcut("document.save");
    EXPECT_NE(editor->errorText().Find("Niet opgeslagen. Gevraagde subsidie"), wxNOT_FOUND)
        << editor->errorText();
    EXPECT_TRUE(editor->isModified());
    EXPECT_EQ(counts(), before);
    EXPECT_TRUE(loadProgrammeForms(ws, p1).empty());
    screenshot("editor-project-programme-fields-refused");

    // Corrected: the field turns back as it is typed.
    typeInto(*form, "requested", "75.000,00");
    EXPECT_FALSE(isRed(form->control("requested")));
    EXPECT_EQ(form->problemText(), "");
    runByShortcut("document.save");
    EXPECT_FALSE(editor->isModified()) << editor->errorText();

    const std::vector<ProgrammeForm> expected{{stv,
                                               kConcept,
                                               {{"requested", "7500000"},
                                                {"cities", "44021;12025"},
                                                {"private", "125000000"},
                                                {"realisation_end", ""}}}};
    EXPECT_EQ(loadProgrammeForms(ws, p1), expected);
    EXPECT_EQ(Repository<CostItem>(ws).count(Query{}.where("project_id", p1.value)), 2);
    EXPECT_NE(menuLabel("edit.undo").Find("P0001"), wxNOT_FOUND) << menuLabel("edit.undo");
    // Reopened from the store: the values shown as people read them.
    form = editor->programmeForm("STV-2026");
    ASSERT_NE(form, nullptr);
    EXPECT_EQ(form->typeId(), kConcept);
    EXPECT_EQ(textOf(*form, "requested").GetValue(), wxString::FromUTF8("€ 75.000,00"));
    EXPECT_EQ(textOf(*form, "cities").GetValue(), "Gent (44021), Mechelen (12025)");
    EXPECT_EQ(textOf(*form, "realisation_end").GetValue(), "");
    screenshot("editor-project-programme-fields");
    // The form is complete: no more findings about it.
    const auto after = findingsFor(p1.value);
    EXPECT_FALSE(hasField(after, "programme_type"));
    EXPECT_FALSE(hasField(after, "requested"));
    EXPECT_FALSE(hasField(after, "cities"));

    // One undo takes the whole save back; the open editor follows.
    runByShortcut("edit.undo");
    EXPECT_TRUE(loadProgrammeForms(ws, p1).empty());
    form = editor->programmeForm("STV-2026");
    ASSERT_NE(form, nullptr);
    EXPECT_EQ(form->typeId(), "");
    runByShortcut("edit.redo");
    EXPECT_EQ(loadProgrammeForms(ws, p1), expected);
    form = editor->programmeForm("STV-2026");
    ASSERT_NE(form, nullptr);
    EXPECT_EQ(textOf(*form, "private").GetValue(), wxString::FromUTF8("€ 1.250.000,00"));
}

TEST_F(ProgrammeFieldsTest, UnknownMunicipalityNamedInTheUsersLanguage) {
    ProjectEditor* editor = openProject("P0002");  // in STV-2026 and WLS (no form)
    ASSERT_NE(editor, nullptr);
    ProgrammeFormPanel* form = editor->programmeForm("STV-2026");
    ASSERT_NE(form, nullptr);
    EXPECT_EQ(editor->programmeForm("WLS"), nullptr);  // its programme type has no fields
    ASSERT_TRUE(form->selectType(kConcept));
    typeInto(*form, "cities", "Gent, Gotham");
    typeInto(*form, "requested", "60000");
    EXPECT_TRUE(isRed(form->control("cities")));
    EXPECT_NE(form->problemText().Find("\"Gotham\" is geen gemeente"), wxNOT_FOUND)
        << form->problemText();
    ASSERT_TRUE(m_workbench.setLanguage("en").ok());
    pump(200);
    EXPECT_NE(form->problemText().Find("\"Gotham\" is not a municipality"), wxNOT_FOUND)
        << form->problemText();
    auto* typeChoice = dynamic_cast<wxChoice*>(form->FindWindow("programme_type"));
    ASSERT_NE(typeChoice, nullptr);
    EXPECT_EQ(typeChoice->GetString(0), "(choose the type)");
    EXPECT_EQ(typeChoice->GetStringSelection(), "Conceptsubsidie");  // the plugin's own name
    const auto audit = m_workbench.workspace()->log(1).front().id;
    EXPECT_FALSE(editor->save().ok());
    EXPECT_NE(editor->errorText().Find("Not saved. Aanvragende steden: \"Gotham\""), wxNOT_FOUND)
        << editor->errorText();
    EXPECT_EQ(m_workbench.workspace()->log(1).front().id, audit);
    screenshot("editor-project-programme-fields-en");
    ASSERT_TRUE(m_workbench.setLanguage("nl").ok());
}

// Taking the programme away takes its form along, inside the same undo step.
TEST_F(ProgrammeFieldsTest, UncheckingTheProgrammeRemovesItsFormWithinOneUndo) {
    Workspace& ws = *m_workbench.workspace();
    const ProjectId p3 = Repository<Project>(ws).findByCode("P0003")->id;
    ProjectEditor* editor = openProject("P0003");
    ASSERT_NE(editor, nullptr);
    ProgrammeFormPanel* form = editor->programmeForm("STV-2026");
    ASSERT_NE(form, nullptr);
    ASSERT_TRUE(form->selectType("stadsvernieuwing.thematisch_experiment"));
    typeInto(*form, "requested", "250000");
    typeInto(*form, "realisation_end", "31/12/2028");
    ASSERT_TRUE(editor->save().ok()) << editor->errorText();
    ASSERT_EQ(loadProgrammeForms(ws, p3).size(), 1u);
    EXPECT_EQ(loadProgrammeForms(ws, p3)[0].values.at("realisation_end"), "2028-12-31");

    wxCheckListBox& programmes = editor->programmesField();
    const int stv = programmes.FindString(wxString::FromUTF8("STV-2026 — Stadsvernieuwing 2026"));
    ASSERT_NE(stv, wxNOT_FOUND);
    programmes.Check(static_cast<unsigned>(stv), false);
    wxCommandEvent event(wxEVT_CHECKLISTBOX, programmes.GetId());
    event.SetEventObject(&programmes);
    event.SetInt(stv);
    programmes.GetEventHandler()->ProcessEvent(event);
    pump(100);
    EXPECT_EQ(editor->programmeForm("STV-2026"), nullptr);
    ASSERT_TRUE(editor->save().ok()) << editor->errorText();
    EXPECT_TRUE(loadProgrammeForms(ws, p3).empty());
    EXPECT_TRUE(projectProgrammes(ws, p3).empty());

    ASSERT_TRUE(ws.undo().ok());
    pump(100);
    EXPECT_EQ(projectProgrammes(ws, p3).size(), 1u);
    ASSERT_EQ(loadProgrammeForms(ws, p3).size(), 1u);
    form = editor->programmeForm("STV-2026");
    ASSERT_NE(form, nullptr);
    EXPECT_EQ(form->typeId(), "stadsvernieuwing.thematisch_experiment");
    EXPECT_EQ(textOf(*form, "realisation_end").GetValue(), "2028-12-31");
}

}  // namespace
}  // namespace kk::ui

int main(int argc, char** argv) {
    ::testing::InitGoogleTest(&argc, argv);
    wxApp::SetInstance(new wxApp);  // wx owns and deletes the app object
    if (!wxEntryStart(argc, argv)) {
        std::fprintf(stderr,
                     "test_programme_fields: cannot start wxWidgets (no DISPLAY? run under "
                     "xvfb-run, as `make test` does)\n");
        return 1;
    }
    wxTheApp->CallOnInit();
    const int result = RUN_ALL_TESTS();
    wxEntryCleanup();
    return result;
}
