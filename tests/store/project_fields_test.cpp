// A project's programme forms (kk_project_field): written through one ChangeSet (one undo
// step), only changed rows touched, taken along inside the undo when the programme goes, and
// exchanged as the stored text.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "core/base/progress.h"
#include "core/store/exchange.h"
#include "core/store/project_fields.h"
#include "core/store/repositories.h"
#include "store_fixture.h"

namespace kk {
namespace {

constexpr const char* kConcept = "stadsvernieuwing.conceptsubsidie";
constexpr const char* kProject = "stadsvernieuwing.project_subsidie";

class ProgrammeForms : public ::testing::Test {
  protected:
    void SetUp() override {
        ws = test::newWorkspace(dir);
        ChangeSet cs(*ws, "seed");
        for (const char* code : {"SV-2026", "VRF-2026"}) {
            Programme g;
            g.code = code;
            g.name = code;
            g.pluginId = code[0] == 'S' ? "stadsvernieuwing" : "vlaamse_rand";
            programmes.emplace_back(Repository<Programme>(*ws).insert(cs, g));
        }
        Project p;
        p.code = "P-GENT";
        p.name = "Stationsbuurt";
        project = ProjectId(Repository<Project>(*ws).insert(cs, p));
        setProjectProgrammes(cs, project, {programmes[0]});
        ASSERT_TRUE(cs.commit().ok());
    }

    ProgrammeForm conceptForm() const {
        return {programmes[0],
                kConcept,
                {{"requested", "7500000"}, {"cities", "44021;12025"}, {"private", ""}}};
    }

    Status save(const ProgrammeForm& form, const std::string& label = "form") {
        try {
            ChangeSet cs(*ws, label);
            saveProgrammeForm(cs, project, form);
            return cs.commit();
        } catch (const KkError& e) {
            return e.error();
        }
    }

    std::int64_t rows() { return ws->db().scalarInt("SELECT count(*) FROM kk_project_field"); }
    /// How many rows the newest change set touched in kk_project_field.
    std::int64_t lastChanges() {
        return ws->db().scalarInt(
            "SELECT count(*) FROM kk_audit_change WHERE tbl = 'kk_project_field' AND audit_id = "
            "(SELECT max(id) FROM kk_audit)");
    }

    test::TempDir dir;
    std::unique_ptr<Workspace> ws;
    std::vector<ProgrammeId> programmes;
    ProjectId project;
};

TEST_F(ProgrammeForms, SavedAsOneUndoStepAndReadBack) {
    ASSERT_TRUE(save(conceptForm(), "Project P-GENT opslaan").ok());
    auto forms = loadProgrammeForms(*ws, project);
    ASSERT_EQ(forms.size(), 1u);
    EXPECT_EQ(forms[0], conceptForm());
    // An empty value is stored: the field is on the form, left empty.
    EXPECT_EQ(rows(), 3);
    EXPECT_EQ(lastChanges(), 3);
    EXPECT_EQ(loadAllProgrammeForms(*ws).at(project.value), forms);

    EXPECT_EQ(ws->undoLabel(), "Project P-GENT opslaan");
    ASSERT_TRUE(ws->undo().ok());
    EXPECT_TRUE(loadProgrammeForms(*ws, project).empty());
    ASSERT_TRUE(ws->redo().ok());
    EXPECT_EQ(loadProgrammeForms(*ws, project), forms);
}

TEST_F(ProgrammeForms, OnlyChangedRowsAreWrittenAndUndone) {
    ASSERT_TRUE(save(conceptForm()).ok());
    const auto idOf = [&](const char* field) {
        auto st = ws->db().prepare("SELECT id FROM kk_project_field WHERE field = ?");
        st.bind(1, std::string_view(field));
        return st.step() ? st.getInt(0) : 0;
    };
    const auto requestedId = idOf("requested");

    // Same form again: nothing written, nothing recorded.
    const auto entries = ws->log(100).size();
    ASSERT_TRUE(save(conceptForm(), "same").ok());
    EXPECT_EQ(ws->log(100).size(), entries);

    // Another type: the shared field is updated in place, a dropped one removed, a new one
    // inserted.
    ProgrammeForm other{programmes[0],
                        kProject,
                        {{"requested", "9000000"}, {"cities", "44021;12025"}, {"phase", "2"}}};
    ASSERT_TRUE(save(other, "type").ok());
    EXPECT_EQ(lastChanges(), 4);  // requested and cities (type), private removed, phase added
    EXPECT_EQ(idOf("requested"), requestedId);
    EXPECT_EQ(loadProgrammeForms(*ws, project).at(0), other);

    ASSERT_TRUE(ws->undo().ok());
    EXPECT_EQ(loadProgrammeForms(*ws, project).at(0), conceptForm());
    EXPECT_EQ(idOf("requested"), requestedId);

    // A form without values removes the stored form.
    ASSERT_TRUE(save({programmes[0], kConcept, {}}, "empty").ok());
    EXPECT_EQ(rows(), 0);
}

TEST_F(ProgrammeForms, RefusedWithoutTheProgrammeOrWithoutAType) {
    ProgrammeForm notLinked = conceptForm();
    notLinked.programme = programmes[1];
    auto s = save(notLinked);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().code, "project_field.invalid");
    EXPECT_EQ(s.error().where, "project P-GENT, programme VRF-2026");
    EXPECT_NE(s.error().hint.find("add the programme to the project"), std::string::npos);

    ProgrammeForm noType = conceptForm();
    noType.programmeType.clear();
    s = save(noType);
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.error().what.find("no programme type"), std::string::npos) << s.error().what;

    ProgrammeForm noField = conceptForm();
    noField.values[""] = "x";
    EXPECT_FALSE(save(noField).ok());
    EXPECT_EQ(rows(), 0);
}

TEST_F(ProgrammeForms, LeavingTheProgrammeTakesTheFormAlongInsideTheUndo) {
    ASSERT_TRUE(save(conceptForm()).ok());
    {
        // An unchanged link is left alone, and so is its form.
        ChangeSet cs(*ws, "same programmes");
        setProjectProgrammes(cs, project, {programmes[0]});
        EXPECT_TRUE(cs.empty());
    }
    {
        ChangeSet cs(*ws, "other programme");
        setProjectProgrammes(cs, project, {programmes[1]});
        ASSERT_TRUE(cs.commit().ok());
    }
    EXPECT_EQ(rows(), 0);
    EXPECT_EQ(lastChanges(), 3) << "the form's rows are removed through the change set";
    EXPECT_EQ(projectProgrammes(*ws, project), std::vector<ProgrammeId>{programmes[1]});

    ASSERT_TRUE(ws->undo().ok());
    EXPECT_EQ(projectProgrammes(*ws, project), std::vector<ProgrammeId>{programmes[0]});
    EXPECT_EQ(loadProgrammeForms(*ws, project).at(0), conceptForm());
    ASSERT_TRUE(ws->redo().ok());
    EXPECT_EQ(rows(), 0);
}

TEST_F(ProgrammeForms, ExchangedAsTheStoredText) {
    ASSERT_TRUE(save(conceptForm()).ok());
    const std::string path = dir.file("fields.csv");
    {
        auto sink = openCsvSink(path);
        ASSERT_TRUE(exportTable(*ws, "project_fields", *sink).ok());
    }
    std::stringstream text;
    text << std::ifstream(path).rdbuf();
    EXPECT_EQ(text.str(),
              "project_code,programme_code,field,programme_type,value\n"
              "P-GENT,SV-2026,cities,stadsvernieuwing.conceptsubsidie,44021;12025\n"
              "P-GENT,SV-2026,private,stadsvernieuwing.conceptsubsidie,\n"
              "P-GENT,SV-2026,requested,stadsvernieuwing.conceptsubsidie,7500000\n");

    // Into the same project after the form was removed: read back equal.
    ASSERT_TRUE(save({programmes[0], kConcept, {}}).ok());
    NoProgress progress;
    auto source = openCsvSource(path);
    auto r = importTable(*ws, "project_fields", *source, false, progress);
    ASSERT_TRUE(r.ok()) << r.error().message();
    ASSERT_TRUE(r.value().errors.empty()) << r.value().errors[0].message();
    EXPECT_EQ(loadProgrammeForms(*ws, project).at(0), conceptForm());

    // A form of a programme the project is not in, and a duplicate field: refused, named.
    const std::string bad = dir.file("bad.csv");
    std::ofstream(bad) << "project_code,programme_code,field,programme_type,value\n"
                          "P-GENT,VRF-2026,requested,vlaamse_rand.randfonds,100\n";
    source = openCsvSource(bad);
    r = importTable(*ws, "project_fields", *source, false, progress);
    ASSERT_FALSE(r.ok() && r.value().errors.empty());
    const Error e = r.ok() ? r.value().errors[0] : r.error();
    EXPECT_NE(e.where.find("bad.csv, row 2"), std::string::npos) << e.message();
    std::ofstream(bad) << "project_code,programme_code,field,programme_type,value\n"
                          "P-GENT,SV-2026,requested,stadsvernieuwing.conceptsubsidie,1\n";
    source = openCsvSource(bad);
    r = importTable(*ws, "project_fields", *source, false, progress);
    ASSERT_TRUE(r.ok());
    ASSERT_FALSE(r.value().errors.empty());
    EXPECT_NE(r.value().errors[0].what.find("duplicate key"), std::string::npos)
        << r.value().errors[0].message();
    EXPECT_EQ(rows(), 3);
}

}  // namespace
}  // namespace kk
