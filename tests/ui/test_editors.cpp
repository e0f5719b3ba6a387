// The fund, coalition and indicator editors driven like a user would under Xvfb: opened from
// the navigator or by their shortcut, a value typed in a field or cell, Ctrl+S, the workspace
// checked through core/store, Ctrl+Z and checked again; then a wrong value refused with a
// message while the workspace stays as it was. Screenshots go to test-output/ui/.
#include <gtest/gtest.h>

#include <cstdio>

#include <wx/app.h>
#include <wx/clipbrd.h>
#include <wx/grid.h>

#include "core/store/coalition_keys.h"
#include "core/store/repositories.h"
#include "ui/views/coalition_editor.h"
#include "ui/views/coalition_key_rows.h"
#include "ui/views/expense_editor.h"
#include "ui/views/fund_editor.h"
#include "ui/views/indicator_editor.h"
#include "ui/views/navigator.h"
#include "workbench_fixture.h"

namespace kk::ui {
namespace {

class EditorsTest : public WorkbenchFixture {
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

    /// Replaces a form field's text by typing, as a user does after selecting it.
    void typeIntoField(FieldForm& form, const std::string& field, const std::string& text) {
        auto* control = dynamic_cast<wxTextCtrl*>(form.control(field));
        ASSERT_NE(control, nullptr) << field;
        control->SetFocus();
        control->SelectAll();
        pump(80);
        typeText(text);
    }

    /// Selects an object in the navigator and presses Enter on it.
    void activateInNavigator(const std::string& entity, std::int64_t id) {
        Navigator& nav = m_frame->navigator();
        ASSERT_TRUE(nav.selectObject(entity, id));
        nav.view().SetFocus();
        pump(100);
        pressKey(WXK_RETURN);
        pump(200);
    }

    /// The newest audit entry's id: a refused save must not add one.
    std::int64_t auditCount() {
        const auto log = m_workbench.workspace()->log(1);
        return log.empty() ? 0 : log.front().id;
    }

    /// Extra fixture data: an award, coalition members and an indicator with values.
    void seedEditorData() {
        Workspace& ws = *m_workbench.workspace();
        ChangeSet cs(ws, "Testgegevens editors");
        const auto p1 = Repository<Project>(ws).findByCode("P0001")->id;
        const auto stv = Repository<Fund>(ws).findByCode("F-STV-PROJ")->id;
        Award award;
        award.projectId = p1;
        award.fundId = stv;
        award.amount = Money::fromEuros(100'000);
        award.status = AwardStatus::Candidate;
        Repository<Award>(ws).insert(cs, award);

        const auto coalition = Repository<Coalition>(ws).findByCode("COAL-DEMER")->id;
        CoalitionMember lead;
        lead.coalitionId = coalition;
        lead.actorId = Repository<Actor>(ws).findByCode("GEM-A")->id;
        lead.role = MemberRole::Lead;
        lead.share = Rate::percent(60);
        lead.mandateFunction = "schepen van omgeving";
        Repository<CoalitionMember>(ws).insert(cs, lead);
        CoalitionMember vzw;
        vzw.coalitionId = coalition;
        vzw.actorId = Repository<Actor>(ws).findByCode("VZW-NAT")->id;
        vzw.share = Rate::percent(20);
        Repository<CoalitionMember>(ws).insert(cs, vzw);

        Indicator unsealed;
        unsealed.code = "I-001";
        unsealed.name = "Onthard oppervlak";
        unsealed.unit = "m2";
        const IndicatorId indicator(Repository<Indicator>(ws).insert(cs, unsealed));
        Target target;
        target.indicatorId = indicator;
        target.subject = {SubjectKind::Project, p1.value};
        target.year = 2027;
        target.baseline = "0";
        target.value = "500";
        Repository<Target>(ws).insert(cs, target);
        Measurement measured;
        measured.indicatorId = indicator;
        measured.subject = target.subject;
        measured.year = 2025;
        measured.value = "120";
        measured.source = "terreinmeting";
        Repository<Measurement>(ws).insert(cs, measured);
        ASSERT_TRUE(cs.commit().ok());
        pump(200);
    }
};

TEST_F(EditorsTest, FundEditorFromNavigatorSaveUndoAndRefusal) {
    seedEditorData();
    Workspace& ws = *m_workbench.workspace();
    const Fund stored = *Repository<Fund>(ws).findByCode("F-STV-PROJ");
    activateInNavigator("fund", stored.id.value);
    FundEditor* editor = current<FundEditor>();
    ASSERT_NE(editor, nullptr) << "Enter on a fund row did not open the fund editor";
    wxGrid& awards = editor->awards().grid();
    ASSERT_EQ(awards.GetNumberRows(), 1);
    EXPECT_EQ(awards.GetCellValue(0, kAwardProjectName), "Stationsomgeving Noord");

    // A field and a cell changed, saved with Ctrl+S: one undo step in the workspace.
    typeIntoField(editor->form(), "max_rate", "45 %");
    typeInto(awards, 0, kAwardAmount, "120000");
    EXPECT_TRUE(editor->isModified());
    EXPECT_EQ(awards.GetCellValue(0, kAwardAmount), "120000");
    runByShortcut("document.save");
    EXPECT_FALSE(editor->isModified()) << editor->errorText();
    const auto award = [&] {
        return Repository<Award>(ws).list(Query{}.where("fund_id", stored.id.value)).at(0);
    };
    EXPECT_EQ(Repository<Fund>(ws).get(stored.id.value)->maxRate, Rate::percent(45));
    EXPECT_EQ(award().amount, Money::fromEuros(120'000));
    EXPECT_NE(menuLabel("edit.undo").Find("F-STV-PROJ"), wxNOT_FOUND) << menuLabel("edit.undo");
    screenshot("editor-fund");

    runByShortcut("edit.undo");
    EXPECT_EQ(Repository<Fund>(ws).get(stored.id.value)->maxRate, Rate::percent(50));
    EXPECT_EQ(award().amount, Money::fromEuros(100'000));
    EXPECT_EQ(editor->form().text("max_rate"), "50 %");  // the open editor follows the undo

    // Wrong values: a letter in the amount (red cell) and 150 % as the rate; both refused.
    const auto before = auditCount();
    typeInto(awards, 0, kAwardAmount, "12x00");
    EXPECT_NE(editor->awards().firstProblem().Find("12x00"), wxNOT_FOUND);
    EXPECT_NE(awards.GetCellBackgroundColour(0, kAwardAmount),
              awards.GetDefaultCellBackgroundColour());
    runByShortcut("document.save");
    EXPECT_TRUE(editor->isModified());
    EXPECT_NE(editor->errorText().Find("12x00"), wxNOT_FOUND) << editor->errorText();
    screenshot("editor-fund-refused");
    typeInto(awards, 0, kAwardAmount, "100000");
    typeIntoField(editor->form(), "max_rate", "150 %");
    runByShortcut("document.save");
    EXPECT_NE(editor->errorText().Find("150"), wxNOT_FOUND) << editor->errorText();
    EXPECT_EQ(auditCount(), before);
    EXPECT_EQ(Repository<Fund>(ws).get(stored.id.value)->maxRate, Rate::percent(50));
    EXPECT_EQ(award().amount, Money::fromEuros(100'000));
}

TEST_F(EditorsTest, NewFundAndNewCoalitionAreCreatedBySavingAndUndoneInOneStep) {
    seedEditorData();
    Workspace& ws = *m_workbench.workspace();
    const auto funds = Repository<Fund>(ws).count();

    // Project › New fund: an empty form; a refused save writes nothing.
    runByShortcut("fund.new");
    FundEditor* fund = current<FundEditor>();
    ASSERT_NE(fund, nullptr);
    EXPECT_EQ(fund->title(), "Nieuw fonds");
    typeIntoField(fund->form(), "code", "F-PROV-GROEN");
    typeIntoField(fund->form(), "name", "Provinciaal groenfonds");
    typeIntoField(fund->form(), "max_rate", "140 %");
    runByShortcut("document.save");
    EXPECT_TRUE(fund->isModified());
    EXPECT_EQ(Repository<Fund>(ws).count(), funds);
    typeIntoField(fund->form(), "max_rate", "40 %");
    typeIntoField(fund->form(), "budget", "250000");
    runByShortcut("document.save");
    ASSERT_FALSE(fund->isModified()) << fund->errorText();
    const auto stored = Repository<Fund>(ws).findByCode("F-PROV-GROEN");
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->maxRate, Rate::percent(40));
    EXPECT_EQ(stored->budget, Money::fromEuros(250'000));
    EXPECT_EQ(fund->title(), "Fonds F-PROV-GROEN");
    EXPECT_EQ(fund->key(), "fund:" + std::to_string(stored->id.value));
    screenshot("editor-fund-new");
    runByShortcut("edit.undo");
    EXPECT_FALSE(Repository<Fund>(ws).findByCode("F-PROV-GROEN"));
    EXPECT_EQ(current<FundEditor>(), nullptr);  // its fund is gone: the tab closed

    // Project › New coalition with one member, saved in one step.
    runByShortcut("coalition.new");
    CoalitionEditor* coalition = current<CoalitionEditor>();
    ASSERT_NE(coalition, nullptr);
    EXPECT_EQ(coalition->title(), "Nieuwe coalitie");
    typeIntoField(coalition->form(), "code", "COAL-HAGELAND");
    typeIntoField(coalition->form(), "name", "Coalitie Hageland");
    wxGrid& members = coalition->members().grid();
    members.SetFocus();
    pump(50);
    runByShortcut("rows.add");  // a member row, role "member" already filled in
    typeInto(members, 0, kMemberActor, "GEM-A");
    runByShortcut("document.save");
    ASSERT_FALSE(coalition->isModified()) << coalition->errorText();
    const auto created = Repository<Coalition>(ws).findByCode("COAL-HAGELAND");
    ASSERT_TRUE(created);
    EXPECT_EQ(Repository<CoalitionMember>(ws)
                  .list(Query{}.where("coalition_id", created->id.value))
                  .size(),
              1u);
    screenshot("editor-coalition-new");
    runByShortcut("edit.undo");
    EXPECT_FALSE(Repository<Coalition>(ws).findByCode("COAL-HAGELAND"));
    EXPECT_EQ(Repository<CoalitionMember>(ws)
                  .list(Query{}.where("coalition_id", created->id.value))
                  .size(),
              0u);
}

TEST_F(EditorsTest, ExpensesPastedFromASpreadsheetCheckedSavedAndUndone) {
    Workspace& ws = *m_workbench.workspace();
    const auto p1 = Repository<Project>(ws).findByCode("P0001");
    ASSERT_TRUE(m_frame->navigator().selectObject("project", p1->id.value));
    runByShortcut("expenses.open");
    ExpenseEditor* editor = current<ExpenseEditor>();
    ASSERT_NE(editor, nullptr);
    EXPECT_EQ(editor->title(), "Uitgaven P0001");
    wxGrid& grid = editor->expenses().grid();
    EXPECT_EQ(grid.GetNumberRows(), 0);

    // Three rows from a spreadsheet, the third booked on a cost item P0001 does not have.
    const wxString rows = wxString::FromUTF8(
        "F-2026-014\tP0001-C01\t3/2/2026\t12.500,00\t2625\tscan-14\tGrondwerken\n"
        "F-2026-015\t\t2026-02-17\t1.875,5\t\t\tProcesbegeleiding\n"
        "F-2026-016\tP0002-C01\t2026-03-01\t400\t84\t\tDrukwerk\n");
    ASSERT_TRUE(wxTheClipboard->Open());
    wxTheClipboard->SetData(new wxTextDataObject(rows));  // the clipboard owns the data
    wxTheClipboard->Close();
    grid.SetFocus();
    pump(50);
    runByShortcut("edit.paste");
    ASSERT_EQ(grid.GetNumberRows(), 3);
    EXPECT_NE(editor->expenses().firstProblem().Find("P0002-C01"), wxNOT_FOUND)
        << editor->expenses().firstProblem();
    EXPECT_NE(grid.GetCellBackgroundColour(2, kExpenseCostItem),
              grid.GetDefaultCellBackgroundColour());
    const auto before = auditCount();
    runByShortcut("document.save");
    EXPECT_TRUE(editor->isModified());
    EXPECT_EQ(auditCount(), before);
    EXPECT_EQ(Repository<Expense>(ws).count(), 0);
    screenshot("editor-expenses-refused");

    typeInto(grid, 2, kExpenseCostItem, "P0001-C02");
    runByShortcut("document.save");
    ASSERT_FALSE(editor->isModified()) << editor->errorText();
    const auto stored = Repository<Expense>(ws).list(Query{}.where("project_id", p1->id.value));
    ASSERT_EQ(stored.size(), 3u);
    Money total;
    for (const Expense& e : stored)
        total += e.amount;
    EXPECT_EQ(total, Money::fromCents(1'250'000 + 187'550 + 40'000));
    const auto booked = Repository<Expense>(ws).findByCode("F-2026-014");
    ASSERT_TRUE(booked && booked->costItemId);
    EXPECT_EQ(Repository<CostItem>(ws).get(booked->costItemId->value)->code, "P0001-C01");
    EXPECT_EQ(booked->vat, Money::fromEuros(2'625));
    EXPECT_EQ(booked->date, Date(2026, 2, 3));
    EXPECT_FALSE(Repository<Expense>(ws).findByCode("F-2026-015")->costItemId.has_value());
    screenshot("editor-expenses");

    runByShortcut("edit.undo");
    EXPECT_EQ(Repository<Expense>(ws).count(), 0);
    EXPECT_EQ(grid.GetNumberRows(), 0);  // the open document follows the undo
}

TEST_F(EditorsTest, CoalitionEditorKeySharesSaveUndoAndRefusal) {
    seedEditorData();
    Workspace& ws = *m_workbench.workspace();
    const Coalition coalition = *Repository<Coalition>(ws).findByCode("COAL-DEMER");
    ASSERT_TRUE(m_frame->navigator().selectObject("coalition", coalition.id.value));
    runByShortcut("coalition.open");
    CoalitionEditor* editor = current<CoalitionEditor>();
    ASSERT_NE(editor, nullptr);
    wxGrid& members = editor->members().grid();
    ASSERT_EQ(members.GetNumberRows(), 2);
    // 60 % and 20 % entered: the key scales them to 75 % and 25 %.
    EXPECT_EQ(members.GetCellValue(0, kMemberKeyShare), "75 %");
    EXPECT_EQ(members.GetCellValue(1, kMemberKeyShare), "25 %");

    typeInto(members, 1, kMemberShare, "40 %");
    EXPECT_EQ(members.GetCellValue(0, kMemberKeyShare), "60 %");
    EXPECT_EQ(members.GetCellValue(1, kMemberKeyShare), "40 %");
    typeIntoField(editor->form(), "continuity_plan", "Gemeente neemt het beheer over");
    runByShortcut("document.save");
    EXPECT_FALSE(editor->isModified()) << editor->errorText();
    const auto shareOf = [&](const std::string& actor) {
        const auto id = Repository<Actor>(ws).findByCode(actor)->id;
        for (const auto& m : Repository<CoalitionMember>(ws).list(
                 Query{}.where("coalition_id", coalition.id.value)))
            if (m.actorId == id)
                return m.share;
        return std::optional<Rate>();
    };
    EXPECT_EQ(shareOf("VZW-NAT"), Rate::percent(40));
    EXPECT_EQ(Repository<Coalition>(ws).get(coalition.id.value)->continuityPlan,
              "Gemeente neemt het beheer over");
    screenshot("editor-coalition");

    runByShortcut("edit.undo");
    EXPECT_EQ(shareOf("VZW-NAT"), Rate::percent(20));
    EXPECT_EQ(Repository<Coalition>(ws).get(coalition.id.value)->continuityPlan, "");
    EXPECT_EQ(members.GetCellValue(1, kMemberKeyShare), "25 %");

    const auto before = auditCount();
    typeInto(members, 1, kMemberShare, "120 %");
    runByShortcut("document.save");
    EXPECT_TRUE(editor->isModified());
    EXPECT_NE(editor->errorText().Find("120"), wxNOT_FOUND) << editor->errorText();
    EXPECT_EQ(auditCount(), before);
    EXPECT_EQ(shareOf("VZW-NAT"), Rate::percent(20));

    // In English the open editor keeps the edit and shows the roles in English.
    ASSERT_TRUE(m_workbench.setLanguage("en").ok());
    pump(200);
    EXPECT_EQ(members.GetCellValue(0, kMemberRole), "Lead");
    EXPECT_EQ(editor->members().rows().at(0).cells[kMemberRole], "lead");
    EXPECT_EQ(members.GetCellValue(1, kMemberShare), "120 %");
    EXPECT_TRUE(editor->isModified());
    EXPECT_EQ(editor->title(), "Coalition COAL-DEMER");
    EXPECT_NE(editor->errorText().Find("is outside"), wxNOT_FOUND) << editor->errorText();
    screenshot("editor-coalition-en");
}

TEST_F(EditorsTest, CoalitionEditorStoredKeyWeightsSaveUndoAndRefusal) {
    seedEditorData();
    Workspace& ws = *m_workbench.workspace();
    const Coalition coalition = *Repository<Coalition>(ws).findByCode("COAL-DEMER");
    const ActorId gemA = Repository<Actor>(ws).findByCode("GEM-A")->id;
    const ActorId vzw = Repository<Actor>(ws).findByCode("VZW-NAT")->id;
    {
        // Fixed share 50 % and population 50 % (10.000 and 30.000 inhabitants), VZW-NAT capped
        // at 40 %: raw shares 50 % / 50 %, after the cap 60 % / 40 %.
        CoalitionKey key;
        key.criteria.push_back({{}, coalition.id, CostSharingCriterion::FixedShare, Rate(1, 2)});
        key.criteria.push_back({{}, coalition.id, CostSharingCriterion::Population, Rate(1, 2)});
        key.inputs.push_back(
            {{}, coalition.id, gemA, CostSharingCriterion::Population, Rate(10'000, 1)});
        key.inputs.push_back(
            {{}, coalition.id, vzw, CostSharingCriterion::Population, Rate(30'000, 1)});
        CoalitionKeyLimit cap;
        cap.actorId = vzw;
        cap.capShare = Rate::percent(40);
        key.limits.push_back(cap);
        ChangeSet cs(ws, "Verdeelsleutel");
        saveCoalitionKey(cs, coalition.id, key);
        ASSERT_TRUE(cs.commit().ok());
        pump(100);
    }
    ASSERT_TRUE(m_frame->navigator().selectObject("coalition", coalition.id.value));
    runByShortcut("coalition.open");
    CoalitionEditor* editor = current<CoalitionEditor>();
    ASSERT_NE(editor, nullptr);
    wxGrid& criteria = editor->criteria().grid();
    wxGrid& members = editor->members().grid();
    ASSERT_EQ(criteria.GetNumberRows(), 2);
    EXPECT_EQ(criteria.GetCellValue(0, kCriterionKind), "Vast aandeel");
    EXPECT_EQ(criteria.GetCellValue(1, kCriterionWeight), "50 %");
    EXPECT_EQ(members.GetCellValue(1, kMemberPopulation), "30000");
    EXPECT_EQ(members.GetCellValue(1, kMemberCap), "40 %");
    EXPECT_EQ(members.GetCellValue(0, kMemberKeyShare), "60 %");
    EXPECT_EQ(members.GetCellValue(1, kMemberKeyShare), "40 %");
    screenshot("editor-coalition-key-cap");

    // The weights changed to 80 % / 20 %: raw 65 % / 35 %, under the cap. Saved with Ctrl+S.
    typeInto(criteria, 0, kCriterionWeight, "80 %");
    typeInto(criteria, 1, kCriterionWeight, "20 %");
    EXPECT_EQ(members.GetCellValue(0, kMemberKeyShare), "65 %");
    EXPECT_EQ(members.GetCellValue(1, kMemberKeyShare), "35 %");
    runByShortcut("document.save");
    EXPECT_FALSE(editor->isModified()) << editor->errorText();
    const auto weightOf = [&](CostSharingCriterion c) {
        const auto* k = loadCoalitionKey(ws, coalition.id).criterion(c);
        return k ? k->weight : Rate(-1, 1);
    };
    EXPECT_EQ(weightOf(CostSharingCriterion::FixedShare), Rate::percent(80));
    EXPECT_EQ(weightOf(CostSharingCriterion::Population), Rate::percent(20));
    EXPECT_EQ(loadCoalitionKey(ws, coalition.id).limit(vzw)->capShare, Rate::percent(40));
    screenshot("editor-coalition-key");

    runByShortcut("edit.undo");
    EXPECT_EQ(weightOf(CostSharingCriterion::FixedShare), Rate::percent(50));
    EXPECT_EQ(weightOf(CostSharingCriterion::Population), Rate::percent(50));
    EXPECT_EQ(criteria.GetCellValue(0, kCriterionWeight), "50 %");  // the editor follows
    EXPECT_EQ(members.GetCellValue(0, kMemberKeyShare), "60 %");

    // A weight that is not a rate, then weights adding up to 120 %: both refused with a
    // message, and the workspace stays as it was.
    const auto before = auditCount();
    typeInto(criteria, 0, kCriterionWeight, "veel");
    runByShortcut("document.save");
    EXPECT_TRUE(editor->isModified());
    EXPECT_NE(editor->errorText().Find("veel"), wxNOT_FOUND) << editor->errorText();
    typeInto(criteria, 0, kCriterionWeight, "70 %");
    runByShortcut("document.save");
    EXPECT_TRUE(editor->isModified());
    EXPECT_NE(editor->errorText().Find("120 %"), wxNOT_FOUND) << editor->errorText();
    screenshot("editor-coalition-key-refused");
    EXPECT_EQ(auditCount(), before);
    EXPECT_EQ(weightOf(CostSharingCriterion::FixedShare), Rate::percent(50));
}

TEST_F(EditorsTest, IndicatorEditorForProjectSaveUndoAndRefusal) {
    seedEditorData();
    Workspace& ws = *m_workbench.workspace();
    const Project p1 = *Repository<Project>(ws).findByCode("P0001");
    const Indicator indicator = *Repository<Indicator>(ws).findByCode("I-001");
    ASSERT_TRUE(m_frame->navigator().selectObject("project", p1.id.value));
    runByShortcut("indicators.open");
    IndicatorEditor* editor = current<IndicatorEditor>();
    ASSERT_NE(editor, nullptr);
    EXPECT_EQ(editor->indicatorId(), indicator.id.value);
    wxGrid& targets = editor->targets().grid();
    wxGrid& measured = editor->measurements().grid();
    ASSERT_EQ(targets.GetNumberRows(), 1);
    ASSERT_EQ(measured.GetNumberRows(), 1);

    // The target changed, a measurement added with Alt+Insert in the measurements grid.
    typeInto(targets, 0, kTargetValue, "650");
    measured.SetFocus();
    pump(80);
    runByShortcut("rows.add");
    ASSERT_EQ(measured.GetNumberRows(), 2);
    EXPECT_EQ(measured.GetGridCursorCol(), kMeasurementValue);
    typeText("300,5");
    pressKey(WXK_RETURN);
    runByShortcut("document.save");
    EXPECT_FALSE(editor->isModified()) << editor->errorText();
    const auto ofP1 = [&]<class E>(E*) {
        return Repository<E>(ws).list(Query{}
                                          .where("indicator_id", indicator.id.value)
                                          .where("subject_kind", "project")
                                          .where("subject_id", p1.id.value));
    };
    EXPECT_EQ(ofP1(static_cast<Target*>(nullptr)).at(0).value, "650");
    const auto values = ofP1(static_cast<Measurement*>(nullptr));
    ASSERT_EQ(values.size(), 2u);
    EXPECT_EQ(values[1].value, "300.5");
    EXPECT_EQ(measured.GetCellValue(1, kMeasurementValue), "300,5");
    screenshot("editor-indicators");

    runByShortcut("edit.undo");
    EXPECT_EQ(ofP1(static_cast<Target*>(nullptr)).at(0).value, "500");
    EXPECT_EQ(ofP1(static_cast<Measurement*>(nullptr)).size(), 1u);
    EXPECT_EQ(measured.GetNumberRows(), 1);

    const auto before = auditCount();
    typeInto(measured, 0, kMeasurementValue, "veel");
    runByShortcut("document.save");
    EXPECT_TRUE(editor->isModified());
    EXPECT_NE(editor->errorText().Find("veel"), wxNOT_FOUND) << editor->errorText();
    EXPECT_EQ(auditCount(), before);
    EXPECT_EQ(ofP1(static_cast<Measurement*>(nullptr)).at(0).value, "120");
}

TEST_F(EditorsTest, AnAwardOrMemberOpensItsOwnersEditor) {
    seedEditorData();
    Workspace& ws = *m_workbench.workspace();
    const Award award = Repository<Award>(ws).list().at(0);
    ASSERT_TRUE(m_frame->documents().openObject("award", award.id.value));
    ASSERT_NE(current<FundEditor>(), nullptr);
    EXPECT_EQ(current<FundEditor>()->fundId(), award.fundId.value);
    const CoalitionMember member = Repository<CoalitionMember>(ws).list().at(0);
    ASSERT_TRUE(m_frame->documents().openObject("coalition_member", member.id.value));
    ASSERT_NE(current<CoalitionEditor>(), nullptr);
    EXPECT_EQ(current<CoalitionEditor>()->coalitionId(), member.coalitionId.value);
}

}  // namespace
}  // namespace kk::ui

int main(int argc, char** argv) {
    ::testing::InitGoogleTest(&argc, argv);
    wxApp::SetInstance(new wxApp);  // wx owns and deletes the app object
    if (!wxEntryStart(argc, argv)) {
        std::fprintf(stderr,
                     "test_ui_editors: cannot start wxWidgets (no DISPLAY? run under "
                     "xvfb-run, as `make test` does)\n");
        return 1;
    }
    wxTheApp->CallOnInit();
    const int result = RUN_ALL_TESTS();
    wxEntryCleanup();
    return result;
}
