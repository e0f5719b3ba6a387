// Thin handlers: open the fund, coalition and indicator documents; forward row commands.
#include "ui/commands/editor_commands.h"

#include "core/store/repositories.h"
#include "ui/app/workbench.h"
#include "ui/frame/main_frame.h"
#include "ui/views/coalition_editor.h"
#include "ui/views/document_area.h"
#include "ui/views/expense_editor.h"
#include "ui/views/fund_editor.h"
#include "ui/views/indicator_editor.h"
#include "ui/views/navigator.h"
#include "ui/views/project_editor.h"

namespace kk::ui {
namespace {

/// The navigator's selected row when it shows `entity`, else 0.
std::int64_t selected(MainFrame& frame, const std::string& entity) {
    if (const ListRow* row = frame.navigator().selectedRow(); row && row->entity == entity)
        return row->id;
    return 0;
}

/// The project the user is looking at: an open project, indicators or expenses document, else the
/// navigator's project row.
std::int64_t currentProject(MainFrame& frame) {
    DocumentView* doc = frame.documents().current();
    if (auto* editor = dynamic_cast<ProjectEditor*>(doc))
        return editor->projectId();
    if (auto* indicators = dynamic_cast<IndicatorEditor*>(doc))
        return indicators->projectId();
    if (auto* expenses = dynamic_cast<ExpenseEditor*>(doc))
        return expenses->projectId();
    return selected(frame, "project");
}

/// Lets the user pick one of `entities` ("code — name"); 0 when cancelled or none exist.
template <class E>
std::int64_t choose(Workbench& wb, MainFrame& frame, const std::string& titleKey,
                    const std::string& entity) {
    const auto all = Repository<E>(*wb.workspace()).list({.orderBy = "code"});
    if (all.empty()) {
        wb.report(Severity::Info, wb.tr("editor.none", {wb.tr("entity." + entity)}));
        return 0;
    }
    wxArrayString names;
    for (const E& e : all)
        names.Add(wxString::FromUTF8(e.code + " — " + e.name));
    const int chosen = wb.prompts().chooseOne(&frame, wb.tr(titleKey), names);
    return chosen < 0 ? 0 : all[static_cast<std::size_t>(chosen)].id.value;
}

}  // namespace

void registerEditorCommands(Workbench& wb, MainFrame& frame) {
    DocumentArea& docs = frame.documents();
    // Each factory returns a page owned by the notebook.
    docs.registerType("fund", [](wxWindow* parent, Workbench& w, std::int64_t id) {
        return new FundEditor(parent, w, id);
    });
    docs.registerType("coalition", [](wxWindow* parent, Workbench& w, std::int64_t id) {
        return new CoalitionEditor(parent, w, id);
    });
    docs.registerType("indicators", [](wxWindow* parent, Workbench& w, std::int64_t id) {
        return new IndicatorEditor(parent, w, id);
    });
    docs.registerType("expenses", [](wxWindow* parent, Workbench& w, std::int64_t id) {
        return new ExpenseEditor(parent, w, id);
    });

    CommandRegistry& r = wb.commands();
    auto hasWorkspace = [&wb] { return wb.workspace() != nullptr; };

    // The navigator's fund row, else a choice of all funds.
    // New documents: empty forms that become a fund or coalition when saved (one undo step).
    r.add({"fund.new", "cmd.fund.new", [&frame] { frame.documents().open("fund", 0); },
           hasWorkspace});
    r.add({"coalition.new", "cmd.coalition.new",
           [&frame] { frame.documents().open("coalition", 0); }, hasWorkspace});
    r.add({"fund.open", "cmd.fund.open",
           [&wb, &frame] {
               std::int64_t id = selected(frame, "fund");
               if (!id)
                   id = choose<Fund>(wb, frame, "editor.choose_fund", "fund");
               if (id)
                   frame.documents().open("fund", id);
           },
           hasWorkspace});
    // The navigator's coalition row, else the current project's coalition, else a choice.
    r.add({"coalition.open", "cmd.coalition.open",
           [&wb, &frame] {
               std::int64_t id = selected(frame, "coalition");
               if (!id)
                   if (const std::int64_t p = currentProject(frame))
                       if (auto project = Repository<Project>(*wb.workspace()).get(p);
                           project && project->coalitionId)
                           id = project->coalitionId->value;
               if (!id)
                   id = choose<Coalition>(wb, frame, "editor.choose_coalition", "coalition");
               if (id)
                   frame.documents().open("coalition", id);
           },
           hasWorkspace});
    r.add({"indicators.open", "cmd.indicators.open",
           [&wb, &frame] {
               if (const std::int64_t id = currentProject(frame))
                   frame.documents().open("indicators", id);
               else
                   wb.report(Severity::Info, wb.tr("indicator.no_project"));
           },
           [&frame, hasWorkspace] { return hasWorkspace() && currentProject(frame) > 0; }});
    r.add({"expenses.open", "cmd.expenses.open",
           [&wb, &frame] {
               if (const std::int64_t id = currentProject(frame))
                   frame.documents().open("expenses", id);
               else
                   wb.report(Severity::Info, wb.tr("indicator.no_project"));
           },
           [&frame, hasWorkspace] { return hasWorkspace() && currentProject(frame) > 0; }});
    for (const char* id : {"rows.add", "rows.delete"})
        r.add({id, std::string("cmd.") + id,
               [&frame, id] {
                   if (auto* doc = frame.documents().current())
                       doc->handleCommand(id);
               },
               [&frame, id] {
                   auto* doc = frame.documents().current();
                   return doc && doc->canHandleCommand(id);
               }});
}

}  // namespace kk::ui
