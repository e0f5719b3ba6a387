// The whole-workspace check of the projects' programme forms (kk_project_field, docs/adr/0005):
// required fields left empty, no programme type chosen, stored values that do not fit their
// field. PluginManager::validate runs it, so `koppelkans-cli check` and the workbench's
// problems pane both show its findings.
#pragma once

#include <vector>

#include "core/model/validation.h"
#include "core/plugin/plugin_manager.h"

namespace kk::plugin {

/// Findings, entity "project" with the project's id (the problems pane opens the project), for
/// every project linked to a programme whose plugin registered programme types with fields:
///  - Warning per required field left empty (field = the field's code), for projects past the
///    idea stage and not rejected or cancelled (a form is what an application fills in). A
///    project without a stored form is read against the plugin's only programme type; when the
///    plugin has several types, one Warning (field "programme_type") says none is chosen.
///  - Error per stored value that is not in the stored form of its field
///    (checkStoredFieldValue: an import of typed text, a choice the plugin dropped).
///  - Warning for a stored programme type the loaded plugin does not offer, and for a stored
///    field that the form's type does not have.
/// Programmes of plugins that are not loaded are skipped. Ordered by project and programme code.
std::vector<Finding> checkProgrammeForms(Workspace& ws,
                                         const std::vector<Contribution<ProgrammeType>>& types);

}  // namespace kk::plugin
