// Reading and writing the programme forms of a project (kk_project_field, migration 0006): the
// values a project entered on the form of each of its programmes, written through a ChangeSet
// so that a save with its forms is one undo step (docs/adr/0005-project-programme-forms.md).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/model/entities.h"
#include "core/store/changeset.h"

namespace kk {

class Workspace;

/// A project's form of one of its programmes: the programme type chosen among the plugin's
/// types ("stadsvernieuwing.conceptsubsidie") and the stored value of each field, by field
/// code. Values are canonical text as core/plugin/programme_fields.h writes them; an empty
/// value is a field on the form left empty. The store does not interpret them.
struct ProgrammeForm {
    ProgrammeId programme;
    std::string programmeType;
    std::map<std::string, std::string> values;
    bool operator==(const ProgrammeForm&) const = default;
};

/// The stored forms of one project, in programme id order.
std::vector<ProgrammeForm> loadProgrammeForms(Workspace& ws, ProjectId project);
/// The stored forms of every project that has one, by project id (one query, for the
/// whole-workspace checks).
std::map<std::int64_t, std::vector<ProgrammeForm>> loadAllProgrammeForms(Workspace& ws);

/// Makes the stored form of `project` for `form.programme` equal to `form` through `cs`,
/// touching only the rows that differ (removals, then updates, then inserts). A form without
/// values removes the stored form. Throws KkError "project_field.invalid" (where = project
/// code, programme code) when the project is not in the programme, or the programme type or a
/// field code is empty.
void saveProgrammeForm(ChangeSet& cs, ProjectId project, const ProgrammeForm& form);

/// Removes the project's form of `programme` through `cs`. Call it before taking the project
/// out of the programme: the database would delete the form by cascade, out of the undo.
void removeProgrammeForm(ChangeSet& cs, ProjectId project, ProgrammeId programme);

}  // namespace kk
