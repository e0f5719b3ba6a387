// Programme form values: typed text read per FieldType (good and bad), shown back in a form
// that reads back to the same value, stored text checked; and the whole-workspace check of the
// projects' forms, directly and through PluginManager::validate with the forms fixture.
#include <algorithm>

#include <gtest/gtest.h>

#include "core/plugin/plugin_manager.h"
#include "core/plugin/programme_fields.h"
#include "core/plugin/programme_form_check.h"
#include "core/store/project_fields.h"
#include "core/store/repositories.h"
#include "tests/plugin/test_util.h"

using namespace kk;
using namespace kk::plugin;

namespace {

FieldDef field(FieldType type, std::vector<std::string> choices = {}) {
    return {"requested", "Gevraagde subsidie", type, true, std::move(choices), ""};
}

MunicipalityDirectory directory() {
    using E = MunicipalityDirectory::Entry;
    return MunicipalityDirectory({E{"44021", "Gent", Date(1977, 1, 1), {}},
                                  E{"12025", "Mechelen", Date(1977, 1, 1), {}},
                                  E{"46021", "Sint-Niklaas", Date(1977, 1, 1), {}},
                                  E{"37015", "Tielt", Date(1977, 1, 1), Date(2024, 12, 31)},
                                  E{"37022", "Tielt", Date(2025, 1, 1), {}}});
}

const Date kOn(2026, 3, 1);

std::string stored(FieldType type, std::string_view typed, std::vector<std::string> choices = {}) {
    const FieldValue v = parseFieldValue(field(type, std::move(choices)), typed, directory(), kOn);
    EXPECT_TRUE(v.ok()) << typed << ": " << (v.ok() ? "" : v.problem->error.message());
    return v.stored;
}

FieldValueProblem problem(FieldType type, std::string_view typed,
                          std::vector<std::string> choices = {}) {
    FieldValue v = parseFieldValue(field(type, std::move(choices)), typed, directory(), kOn);
    EXPECT_FALSE(v.ok()) << typed << " was accepted as '" << v.stored << "'";
    return v.ok() ? FieldValueProblem{FieldProblem::NotStored, {}, {}} : *v.problem;
}

}  // namespace

TEST(ProgrammeFields, TypedValuesBecomeTheirStoredForm) {
    EXPECT_EQ(stored(FieldType::Text, "  Stationsbuurt  "), "Stationsbuurt");
    EXPECT_EQ(stored(FieldType::Money, "75000"), "7500000");
    EXPECT_EQ(stored(FieldType::Money, "75.000,50"), "7500050");
    EXPECT_EQ(stored(FieldType::Money, "€ 1 234,56"), "123456");
    EXPECT_EQ(stored(FieldType::Money, "0"), "0");
    EXPECT_EQ(stored(FieldType::Rate, "12,5 %"), "1/8");
    EXPECT_EQ(stored(FieldType::Rate, "0,125"), "1/8");
    EXPECT_EQ(stored(FieldType::Rate, "1/3"), "1/3");
    EXPECT_EQ(stored(FieldType::Rate, "100%"), "1");
    EXPECT_EQ(stored(FieldType::Integer, "12"), "12");
    EXPECT_EQ(stored(FieldType::Integer, "-3"), "-3");
    EXPECT_EQ(stored(FieldType::Date, "2026-03-01"), "2026-03-01");
    EXPECT_EQ(stored(FieldType::Date, "1/3/2026"), "2026-03-01");
    EXPECT_EQ(stored(FieldType::Choice, "Water", {"vergroening", "water"}), "water");
    EXPECT_EQ(stored(FieldType::Flag, "ja"), "1");
    EXPECT_EQ(stored(FieldType::Flag, "No"), "0");
    EXPECT_EQ(stored(FieldType::Flag, "x"), "1");
    // Codes, names (any case, hyphen or space), "name (code)"; repeats dropped, order kept.
    EXPECT_EQ(stored(FieldType::MunicipalityList, "Gent, 12025; sint niklaas\nGent (44021)"),
              "44021;12025;46021");
    EXPECT_EQ(stored(FieldType::MunicipalityList, "44021 Gent"), "44021");
    // A name two codes carried resolves on the date: Tielt merged in 2025.
    EXPECT_EQ(stored(FieldType::MunicipalityList, "Tielt"), "37022");
    EXPECT_EQ(
        parseFieldValue(field(FieldType::MunicipalityList), "Tielt", directory(), Date(2020, 6, 1))
            .stored,
        "37015");
    // The old code stays readable for forms of past years.
    EXPECT_EQ(stored(FieldType::MunicipalityList, "37015"), "37015");
    // Blank is no value, for every type and for required fields too.
    for (FieldType t : {FieldType::Money, FieldType::Date, FieldType::Flag,
                        FieldType::MunicipalityList, FieldType::Choice})
        EXPECT_EQ(stored(t, "   "), "");
}

TEST(ProgrammeFields, BadValuesSayWhatWhichFieldAndWhatToType) {
    auto money = problem(FieldType::Money, "12x");
    EXPECT_EQ(money.problem, FieldProblem::NotMoney);
    EXPECT_EQ(money.part, "12x");
    EXPECT_EQ(money.error.code, "programme_field.not_money");
    EXPECT_EQ(money.error.what, "'12x' is not an amount of money");
    EXPECT_EQ(money.error.where, "field 'Gevraagde subsidie' (requested)");
    EXPECT_EQ(money.error.hint, "type euros, e.g. 75000 or 75.000,00 (at most two decimals)");
    EXPECT_EQ(problem(FieldType::Money, "12,3456").problem, FieldProblem::NotMoney);
    EXPECT_EQ(problem(FieldType::Money, "-5").problem, FieldProblem::Negative);
    EXPECT_EQ(problem(FieldType::Rate, "veel").problem, FieldProblem::NotRate);
    EXPECT_EQ(problem(FieldType::Rate, "-5 %").problem, FieldProblem::Negative);
    EXPECT_EQ(problem(FieldType::Integer, "12,5").problem, FieldProblem::NotInteger);
    EXPECT_EQ(problem(FieldType::Integer, "+3").problem, FieldProblem::NotInteger);
    EXPECT_EQ(problem(FieldType::Integer, "99999999999999999999").problem,
              FieldProblem::NotInteger);
    auto date = problem(FieldType::Date, "31/2/2026");
    EXPECT_EQ(date.problem, FieldProblem::NotDate);
    EXPECT_EQ(date.error.hint, "type a date as 2026-03-01 or 1/3/2026");
    auto choice = problem(FieldType::Choice, "wonen", {"vergroening", "water"});
    EXPECT_EQ(choice.problem, FieldProblem::NotChoice);
    EXPECT_EQ(choice.error.hint, "choose one of: vergroening, water");
    EXPECT_EQ(problem(FieldType::Flag, "misschien").problem, FieldProblem::NotFlag);

    // The list names the item at fault, not the whole text.
    auto town = problem(FieldType::MunicipalityList, "Gent, Gotham, 12025");
    EXPECT_EQ(town.problem, FieldProblem::UnknownMunicipality);
    EXPECT_EQ(town.part, "Gotham");
    EXPECT_EQ(town.error.what, "'Gotham' is not a municipality known to the workspace");
    EXPECT_EQ(town.error.hint, "type NIS codes (44021) or names (Gent), separated by commas");
    EXPECT_EQ(problem(FieldType::MunicipalityList, "99999").part, "99999");
    EXPECT_EQ(problem(FieldType::MunicipalityList, "Gent (99999)").part, "Gent (99999)");
    // A workspace without municipalities says so instead.
    auto empty = parseFieldValue(field(FieldType::MunicipalityList), "Gent", {}, kOn);
    ASSERT_FALSE(empty.ok());
    EXPECT_NE(empty.problem->error.hint.find("holds no municipalities"), std::string::npos);
}

TEST(ProgrammeFields, ShownValuesReadBackToTheSameStoredValue) {
    const auto dir = directory();
    auto shown = [&](FieldType t, const std::string& s) {
        return displayFieldValue(field(t, {"water"}), s, dir);
    };
    EXPECT_EQ(shown(FieldType::Money, "7500050"), "€ 75.000,50");
    EXPECT_EQ(shown(FieldType::Rate, "1/8"), "12,5 %");
    EXPECT_EQ(shown(FieldType::Rate, "1/3"), "1/3");  // 33,3333 % would be another rate
    EXPECT_EQ(shown(FieldType::Flag, "1"), "ja");
    EXPECT_EQ(shown(FieldType::Flag, "0"), "nee");
    EXPECT_EQ(shown(FieldType::MunicipalityList, "44021;37015"), "Gent (44021), Tielt (37015)");
    EXPECT_EQ(shown(FieldType::Date, "2026-03-01"), "2026-03-01");
    EXPECT_EQ(shown(FieldType::Money, "75.000"), "75.000");  // not stored form: as it is
    EXPECT_EQ(shown(FieldType::Money, ""), "");
    const std::pair<FieldType, const char*> cases[] = {
        {FieldType::Money, "7500050"},    {FieldType::Money, "0"},
        {FieldType::Rate, "1/8"},         {FieldType::Rate, "1/3"},
        {FieldType::Rate, "7/3"},         {FieldType::Integer, "-12"},
        {FieldType::Date, "2026-03-01"},  {FieldType::Choice, "water"},
        {FieldType::Flag, "1"},           {FieldType::Flag, "0"},
        {FieldType::Text, "vrije tekst"}, {FieldType::MunicipalityList, "44021;37015;12025"}};
    for (const auto& [type, value] : cases) {
        const FieldDef f = field(type, {"water"});
        EXPECT_FALSE(checkStoredFieldValue(f, value, dir)) << value;
        const FieldValue back = parseFieldValue(f, displayFieldValue(f, value, dir), dir, kOn);
        EXPECT_EQ(back.stored, value) << displayFieldValue(f, value, dir);
    }
}

TEST(ProgrammeFields, StoredTextOutsideTheStoredFormIsNamed) {
    const auto dir = directory();
    auto check = [&](FieldType t, const std::string& s) {
        return checkStoredFieldValue(field(t, {"water"}), s, dir);
    };
    for (const auto& [type, value] : std::vector<std::pair<FieldType, std::string>>{
             {FieldType::Money, "75.000"},
             {FieldType::Money, "-5"},
             {FieldType::Rate, "12,5%"},
             {FieldType::Rate, "2/16"},
             {FieldType::Integer, "007"},
             {FieldType::Date, "1/3/2026"},
             {FieldType::Flag, "ja"},
             {FieldType::MunicipalityList, "Gent"},
             {FieldType::MunicipalityList, "44021;"},
             {FieldType::MunicipalityList, "44021;44021"}}) {
        auto p = check(type, value);
        ASSERT_TRUE(p) << value;
        EXPECT_EQ(p->problem, FieldProblem::NotStored) << value;
        EXPECT_EQ(p->error.code, "programme_field.not_stored");
    }
    EXPECT_EQ(check(FieldType::Choice, "wonen")->problem, FieldProblem::NotChoice);
    EXPECT_EQ(check(FieldType::MunicipalityList, "44021;99999")->part, "99999");
    EXPECT_NE(check(FieldType::Money, "75.000")->error.what.find("whole cents"), std::string::npos);
    EXPECT_FALSE(check(FieldType::Money, ""));
}

namespace {

/// A workspace with programme F-1 of the forms fixture and projects in it.
class FormCheck : public ::testing::Test {
  protected:
    void SetUp() override {
        ws = test::freshWorkspace(dir);
        ChangeSet cs(*ws, "seed");
        Programme g;
        g.code = "F-1";
        g.name = "Forms";
        g.pluginId = "forms";
        programme = ProgrammeId(Repository<Programme>(*ws).insert(cs, g));
        Programme other;
        other.code = "X-1";
        other.name = "Not loaded";
        other.pluginId = "absent";
        const ProgrammeId absent(Repository<Programme>(*ws).insert(cs, other));
        for (const auto& [code, status] :
             {std::pair{"P1", ProjectStatus::Application},
              std::pair{"P2", ProjectStatus::Submitted}, std::pair{"P3", ProjectStatus::Idea},
              std::pair{"P4", ProjectStatus::Cancelled}}) {
            Project p;
            p.code = code;
            p.name = code;
            p.status = status;
            const ProjectId id(Repository<Project>(*ws).insert(cs, p));
            setProjectProgrammes(cs, id, {programme, absent});
            projects[code] = id;
        }
        ASSERT_TRUE(cs.commit().ok());
    }

    void saveForm(const std::string& project, ProgrammeForm form) {
        ChangeSet cs(*ws, "form");
        form.programme = programme;
        saveProgrammeForm(cs, projects.at(project), form);
        ASSERT_TRUE(cs.commit().ok());
    }

    static std::vector<Contribution<ProgrammeType>> types(bool both) {
        ProgrammeType full{"forms.full", "Full form", "", {}, {"submitted"}, {}};
        full.fields = {{"amount", "Amount", FieldType::Money, true, {}, ""},
                       {"towns", "Towns", FieldType::MunicipalityList, true, {}, ""},
                       {"theme", "Theme", FieldType::Choice, false, {"green", "water"}, ""}};
        ProgrammeType small{"forms.small", "Small form", "", {}, {"submitted"}, {}};
        small.fields = {{"amount", "Amount", FieldType::Money, true, {}, ""}};
        ProgrammeType none{"forms.none", "No form", "", {}, {"submitted"}, {}};
        std::vector<Contribution<ProgrammeType>> out{{"forms", full}, {"forms", none}};
        if (both)
            out.push_back({"forms", small});
        return out;
    }

    test::TempFolder dir;
    std::unique_ptr<Workspace> ws;
    ProgrammeId programme;
    std::map<std::string, ProjectId> projects;
};

std::string describe(const std::vector<Finding>& findings) {
    std::string out;
    for (const auto& f : findings)
        out += std::string(toCode(f.severity)) + " " + std::to_string(f.id) + " " + f.field + ": " +
               f.message + "\n";
    return out;
}

}  // namespace

TEST_F(FormCheck, RequiredFieldsOfTheOnlyTypeAreNamedPerProject) {
    // One type with fields (the other has none): projects without a form are read against it.
    const auto findings = checkProgrammeForms(*ws, types(false));
    ASSERT_EQ(findings.size(), 4u) << describe(findings);  // P1, P2: amount and towns each
    EXPECT_EQ(findings[0].severity, Severity::Warning);
    EXPECT_EQ(findings[0].entity, "project");
    EXPECT_EQ(findings[0].id, projects.at("P1").value);
    EXPECT_EQ(findings[0].field, "amount");
    EXPECT_EQ(findings[0].message,
              "project P1, programme F-1 (Full form): the required field 'Amount' (amount) is "
              "empty");
    EXPECT_EQ(findings[0].hint, "fill it in under Programmaformulier in the project editor");
    EXPECT_EQ(findings[3].id, projects.at("P2").value);
    EXPECT_EQ(findings[3].field, "towns");

    saveForm("P1", {{}, "forms.full", {{"amount", "7500000"}, {"towns", "44021"}}});
    saveForm("P2", {{}, "forms.full", {{"amount", ""}, {"towns", "44021"}, {"theme", ""}}});
    const auto after = checkProgrammeForms(*ws, types(false));
    ASSERT_EQ(after.size(), 1u) << describe(after);
    EXPECT_EQ(after[0].id, projects.at("P2").value);
    EXPECT_EQ(after[0].field, "amount");
}

TEST_F(FormCheck, SeveralTypesAskForTheTypeAndStoredProblemsAreNamed) {
    auto findings = checkProgrammeForms(*ws, types(true));
    ASSERT_EQ(findings.size(), 2u) << describe(findings);
    EXPECT_EQ(findings[0].field, "programme_type");
    EXPECT_EQ(findings[0].message,
              "project P1, programme F-1: no programme type is chosen for the project's form, so "
              "its required fields are empty");
    EXPECT_NE(findings[0].hint.find("(Full form, Small form)"), std::string::npos);

    // P1: a stored value that is not in the stored form (an import) and one the type lacks;
    // P2: a type the plugin no longer offers; P3 (idea): a bad value, but no required-field
    // warnings; P4 (cancelled): nothing asked.
    saveForm("P1", {{}, "forms.small", {{"amount", "75.000"}, {"towns", "44021"}}});
    saveForm("P2", {{}, "forms.gone", {{"amount", "1"}}});
    saveForm("P3", {{}, "forms.full", {{"theme", "fire"}}});
    findings = checkProgrammeForms(*ws, types(true));
    ASSERT_EQ(findings.size(), 4u) << describe(findings);
    EXPECT_EQ(findings[0].severity, Severity::Error);
    EXPECT_EQ(findings[0].field, "amount");
    EXPECT_EQ(findings[0].message,
              "project P1, programme F-1, field 'Amount' (amount): the stored value '75.000' is "
              "not an amount in whole cents (7500000 for € 75.000,00)");
    EXPECT_EQ(findings[1].severity, Severity::Warning);
    EXPECT_EQ(findings[1].field, "towns");
    EXPECT_NE(findings[1].message.find("a field this programme type does not have"),
              std::string::npos);
    EXPECT_EQ(findings[2].field, "programme_type");
    EXPECT_NE(findings[2].message.find("'forms.gone' is not offered by the loaded plugin forms"),
              std::string::npos);
    EXPECT_EQ(findings[3].id, projects.at("P3").value);
    EXPECT_EQ(findings[3].severity, Severity::Error);
    EXPECT_EQ(findings[3].field, "theme");
    // Without the plugin's types there is nothing to check against.
    EXPECT_TRUE(checkProgrammeForms(*ws, {}).empty());
}

TEST_F(FormCheck, PluginManagerValidateReportsTheForms) {
    PluginManager m;
    const auto& rec = m.loadFolder(std::string(KK_FIXTURE_PLUGIN_DIR) + "/forms");
    ASSERT_EQ(rec.state, PluginState::Loaded) << rec.reason.message();
    ASSERT_EQ(m.registry().programmeTypes.size(), 2u);
    saveForm("P2", {{}, "forms.small", {{"amount", "250000"}}});
    const auto findings = m.validate(*ws);
    ASSERT_EQ(findings.size(), 1u) << describe(findings);
    EXPECT_EQ(findings[0].id, projects.at("P1").value);
    EXPECT_EQ(findings[0].field, "programme_type");
}
