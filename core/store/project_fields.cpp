// Programme forms of projects: load, and a row-by-row diff on save through the ChangeSet.
#include "core/store/project_fields.h"

#include <functional>

#include "core/store/workspace.h"

namespace kk {
namespace {

constexpr const char* kTable = "kk_project_field";

struct StoredRow {
    std::int64_t id = 0;
    std::string programmeType;
    std::string value;
};

/// The stored rows of one project's form of one programme, by field code.
std::map<std::string, StoredRow> storedRows(Workspace& ws, ProjectId project,
                                            ProgrammeId programme) {
    auto st = ws.db().prepare(
        "SELECT id, field, programme_type, value FROM kk_project_field "
        "WHERE project_id = ? AND programme_id = ?");
    st.bind(1, project.value).bind(2, programme.value);
    std::map<std::string, StoredRow> out;
    while (st.step())
        out[st.getText(1)] = {st.getInt(0), st.getText(2), st.getText(3)};
    return out;
}

std::string codeOf(Workspace& ws, const char* table, std::int64_t id) {
    // Table names are the two constants of the callers below, never input.
    auto st = ws.db().prepare(std::string("SELECT code FROM ") + table + " WHERE id = ?");
    st.bind(1, id);
    return st.step() ? st.getText(0) : std::to_string(id);
}

std::string whereOf(Workspace& ws, ProjectId project, ProgrammeId programme) {
    return "project " + codeOf(ws, "kk_project", project.value) + ", programme " +
           codeOf(ws, "kk_programme", programme.value);
}

/// Reads rows of (project_id, programme_id, programme_type, field, value) in project and
/// programme order into the forms `formsOf(project id)` gives.
void readForms(sql::Statement& st,
               const std::function<std::vector<ProgrammeForm>&(std::int64_t)>& formsOf) {
    while (st.step()) {
        auto& forms = formsOf(st.getInt(0));
        const ProgrammeId programme(st.getInt(1));
        if (forms.empty() || forms.back().programme != programme)
            forms.push_back({programme, st.getText(2), {}});
        forms.back().values[st.getText(3)] = st.getText(4);
    }
}

}  // namespace

std::vector<ProgrammeForm> loadProgrammeForms(Workspace& ws, ProjectId project) {
    auto st = ws.db().prepare(
        "SELECT project_id, programme_id, programme_type, field, value FROM kk_project_field "
        "WHERE project_id = ? ORDER BY programme_id, field");
    st.bind(1, project.value);
    std::vector<ProgrammeForm> out;
    readForms(st, [&](std::int64_t) -> std::vector<ProgrammeForm>& { return out; });
    return out;
}

std::map<std::int64_t, std::vector<ProgrammeForm>> loadAllProgrammeForms(Workspace& ws) {
    auto st = ws.db().prepare(
        "SELECT project_id, programme_id, programme_type, field, value FROM kk_project_field "
        "ORDER BY project_id, programme_id, field");
    std::map<std::int64_t, std::vector<ProgrammeForm>> out;
    readForms(st, [&](std::int64_t id) -> std::vector<ProgrammeForm>& { return out[id]; });
    return out;
}

void saveProgrammeForm(ChangeSet& cs, ProjectId project, const ProgrammeForm& form) {
    Workspace& ws = cs.workspace();
    if (form.values.empty()) {
        removeProgrammeForm(cs, project, form.programme);
        return;
    }
    auto refuse = [&](const std::string& what, const std::string& hint) {
        throw KkError(
            makeError("project_field.invalid", what, whereOf(ws, project, form.programme), hint));
    };
    {
        auto st = ws.db().prepare(
            "SELECT 1 FROM kk_project_programme WHERE project_id = ? AND programme_id = ?");
        st.bind(1, project.value).bind(2, form.programme.value);
        if (!st.step())
            refuse("the project is not in this programme, so it has no form of it",
                   "add the programme to the project first");
    }
    if (form.programmeType.empty())
        refuse("the form names no programme type", "choose the programme type of the form");
    for (const auto& [field, value] : form.values)
        if (field.empty())
            refuse("a value of the form has no field code", "name the field of every value");

    const auto stored = storedRows(ws, project, form.programme);
    for (const auto& [field, row] : stored)
        if (!form.values.count(field))
            cs.remove(kTable, row.id);
    for (const auto& [field, value] : form.values) {
        const auto it = stored.find(field);
        if (it == stored.end())
            continue;
        Row changes;
        if (it->second.programmeType != form.programmeType)
            changes.set("programme_type", form.programmeType);
        if (it->second.value != value)
            changes.set("value", value);
        if (!changes.columns.empty())
            cs.update(kTable, it->second.id, changes);
    }
    for (const auto& [field, value] : form.values)
        if (!stored.count(field))
            cs.insert(kTable, Row()
                                  .set("project_id", project.value)
                                  .set("programme_id", form.programme.value)
                                  .set("programme_type", form.programmeType)
                                  .set("field", field)
                                  .set("value", value));
}

void removeProgrammeForm(ChangeSet& cs, ProjectId project, ProgrammeId programme) {
    for (const auto& [field, row] : storedRows(cs.workspace(), project, programme))
        cs.remove(kTable, row.id);
}

}  // namespace kk
