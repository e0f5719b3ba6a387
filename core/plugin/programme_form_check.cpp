// The programme-form check: one query for the project-programme links, one for every stored
// form, then each form read against its plugin's programme type.
#include "core/plugin/programme_form_check.h"

#include <algorithm>
#include <map>

#include "core/model/enums.h"
#include "core/plugin/programme_fields.h"
#include "core/store/project_fields.h"
#include "core/store/workspace.h"

namespace kk::plugin {
namespace {

struct Link {
    std::int64_t projectId = 0;
    std::string projectCode;
    std::string status;
    ProgrammeId programme;
    std::string programmeCode;
    std::string pluginId;
};

/// Whether a project's forms should be complete: from the application on, unless it ended
/// without funding.
bool expectsCompleteForms(std::string_view status) {
    for (ProjectStatus s : {ProjectStatus::Idea, ProjectStatus::Rejected, ProjectStatus::Cancelled})
        if (status == toCode(s))
            return false;
    return true;
}

bool hasFields(const ProgrammeType& t) {
    return !t.fields.empty();
}

std::string typeNames(const std::vector<const ProgrammeType*>& types) {
    std::string out;
    for (const ProgrammeType* t : types)
        out += (out.empty() ? "" : ", ") + t->name;
    return out;
}

}  // namespace

std::vector<Finding> checkProgrammeForms(Workspace& ws,
                                         const std::vector<Contribution<ProgrammeType>>& types) {
    // The plugins whose types have a form at all, with those types.
    std::map<std::string, std::vector<const ProgrammeType*>, std::less<>> byPlugin;
    for (const auto& c : types)
        if (hasFields(c.item))
            byPlugin[c.pluginId].push_back(&c.item);
    if (byPlugin.empty())
        return {};

    std::vector<Link> links;
    {
        auto st = ws.db().prepare(
            "SELECT p.id, p.code, p.status, g.id, g.code, g.plugin_id FROM kk_project_programme pp "
            "JOIN kk_project p ON p.id = pp.project_id "
            "JOIN kk_programme g ON g.id = pp.programme_id ORDER BY p.code, g.code");
        while (st.step()) {
            Link l{st.getInt(0),  st.getText(1), st.getText(2), ProgrammeId(st.getInt(3)),
                   st.getText(4), st.getText(5)};
            if (byPlugin.count(l.pluginId))
                links.push_back(std::move(l));
        }
    }
    if (links.empty())
        return {};
    const auto forms = loadAllProgrammeForms(ws);
    const auto municipalities = MunicipalityDirectory::load(ws);

    std::vector<Finding> out;
    for (const Link& l : links) {
        const auto& offered = byPlugin.find(l.pluginId)->second;
        const std::string subject = "project " + l.projectCode + ", programme " + l.programmeCode;
        auto add = [&](Severity severity, const std::string& field, const std::string& message,
                       const std::string& hint) {
            out.push_back({severity, "project", l.projectId, field, message, hint});
        };

        const ProgrammeForm* form = nullptr;
        if (auto it = forms.find(l.projectId); it != forms.end())
            for (const auto& f : it->second)
                if (f.programme == l.programme)
                    form = &f;

        const ProgrammeType* type = nullptr;
        if (form) {
            auto it = std::find_if(offered.begin(), offered.end(), [&](const ProgrammeType* t) {
                return t->id == form->programmeType;
            });
            if (it == offered.end()) {
                add(Severity::Warning, "programme_type",
                    subject + ": the form's programme type '" + form->programmeType +
                        "' is not offered by the loaded plugin " + l.pluginId,
                    "open the project and choose one of its types again: " + typeNames(offered));
                continue;
            }
            type = *it;
        } else if (offered.size() == 1) {
            type = offered.front();
        } else {
            if (expectsCompleteForms(l.status))
                add(Severity::Warning, "programme_type",
                    subject +
                        ": no programme type is chosen for the project's form, so its "
                        "required fields are empty",
                    "open the project, choose the type under Programmaformulier (" +
                        typeNames(offered) + ") and fill in its required fields");
            continue;
        }

        for (const FieldDef& field : type->fields) {
            std::string value;
            if (form)
                if (auto v = form->values.find(field.code); v != form->values.end())
                    value = v->second;
            if (value.empty()) {
                if (field.required && expectsCompleteForms(l.status))
                    add(Severity::Warning, field.code,
                        subject + " (" + type->name + "): the required field '" + field.label +
                            "' (" + field.code + ") is empty",
                        "fill it in under Programmaformulier in the project editor");
                continue;
            }
            if (auto problem = checkStoredFieldValue(field, value, municipalities))
                add(Severity::Error, field.code,
                    subject + ", " + problem->error.where + ": " + problem->error.what,
                    problem->error.hint);
        }
        if (form)
            for (const auto& [code, value] : form->values)
                if (std::none_of(type->fields.begin(), type->fields.end(),
                                 [&](const FieldDef& f) { return f.code == code; }))
                    add(Severity::Warning, code,
                        subject + " (" + type->name + "): the form holds a value for '" + code +
                            "', a field this programme type does not have",
                        "open the project and save its form again to drop the value");
    }
    return out;
}

}  // namespace kk::plugin
