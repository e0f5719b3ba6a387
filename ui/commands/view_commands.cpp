// Thin handlers: open the analysis documents, forward to the current one, start/stop serving.
#include "ui/commands/view_commands.h"

#include "core/rules/script_library.h"
#include "core/rules/trust.h"
#include "ui/app/serve_controller.h"
#include "ui/app/workbench.h"
#include "ui/frame/main_frame.h"
#include "ui/views/document_area.h"
#include "ui/views/navigator.h"
#include "ui/views/project_editor.h"
#include "ui/views/script_editor.h"

namespace kk::ui {
namespace {

void forward(Workbench& wb, MainFrame& frame, const std::string& id) {
    wb.commands().add({id, "cmd." + id,
                       [&frame, id] {
                           if (auto* doc = frame.documents().current())
                               doc->handleCommand(id);
                       },
                       [&frame, id] {
                           auto* doc = frame.documents().current();
                           return doc && doc->canHandleCommand(id);
                       }});
}

/// The project the user is looking at: the open project document, else the navigator's row.
std::int64_t currentProject(MainFrame& frame) {
    if (auto* editor = dynamic_cast<ProjectEditor*>(frame.documents().current()))
        return editor->projectId();
    if (const ListRow* row = frame.navigator().selectedRow(); row && row->entity == "project")
        return row->id;
    return 0;
}

}  // namespace

void registerViewCommands(Workbench& wb, MainFrame& frame) {
    CommandRegistry& r = wb.commands();
    auto hasWorkspace = [&wb] { return wb.workspace() != nullptr; };

    r.add({"allocation.open", "cmd.allocation.open",
           [&frame] {
               if (const std::int64_t id = currentProject(frame); id > 0)
                   frame.documents().open("allocation", id);
           },
           [&frame, hasWorkspace] { return hasWorkspace() && currentProject(frame) > 0; }});
    for (const char* id :
         {"allocation.attach_funds", "allocation.explain", "allocation.compare", "document.run",
          "document.cancel", "map.zoom_in", "map.zoom_out", "map.zoom_all", "script.test",
          "report.export_xlsx", "report.export_pdf", "report.export_csv"})
        forward(wb, frame, id);

    r.add(
        {"map.open", "cmd.map.open", [&frame] { frame.documents().open("map", 0); }, hasWorkspace});
    r.add({"report.preview", "cmd.report.preview",
           [&frame] { frame.documents().open("report", 0); }, hasWorkspace});

    r.add({"script.open", "cmd.script.open",
           [&wb, &frame] {
               auto trust = rules::TrustStore::load(rules::TrustStore::defaultPath());
               const rules::ScriptLibrary library(rules::ScriptLibrary::defaultBundledDir(),
                                                  wb.workspace(), trust ? &trust.value() : nullptr);
               wxArrayString names;
               std::vector<std::string> ids;
               for (const rules::ScriptEntry& e : library.list()) {
                   names.Add(wxString::FromUTF8(e.name + "  (" + e.kind + ", " + e.origin + ")"));
                   ids.push_back(e.name);
               }
               const int chosen = wb.prompts().chooseOne(&frame, wb.tr("script.open_title"), names);
               if (chosen < 0)
                   return;
               const std::string& name = ids[static_cast<std::size_t>(chosen)];
               if (auto* open = frame.documents().findByKey("script:" + name)) {
                   frame.documents().SetSelection(
                       static_cast<std::size_t>(frame.documents().GetPageIndex(open)));
                   return;
               }
               frame.documents().add(new ScriptEditor(&frame.documents(), wb, name));
           },
           hasWorkspace});
    r.add({"script.new", "cmd.script.new",
           [&wb, &frame] { frame.documents().add(new ScriptEditor(&frame.documents(), wb, "")); },
           hasWorkspace});

    r.add(
        {"tools.plugins", "cmd.tools.plugins", [&frame] { frame.documents().open("plugins", 0); }});
    r.add({"tools.serve", "cmd.tools.serve",
           [&wb, &frame] {
               ServeController& serve = frame.serve();
               if (serve.running()) {
                   serve.stop();
                   wb.report(Severity::Info, wb.tr("serve.stopped"));
                   return;
               }
               if (auto s = serve.start(); !s) {
                   wb.reportError(s.error());
                   return;
               }
               const wxString url = wxString::FromUTF8(serve.url());
               wb.report(Severity::Info, wb.tr("serve.started", {url}));
               wb.prompts().inform(&frame, wb.tr("serve.title"),
                                   wb.tr("serve.details", {url, wxString::FromUTF8(serve.token()),
                                                           wxString::FromUTF8(serve.readToken()),
                                                           wxString::FromUTF8(serve.tokenFile())}));
           },
           hasWorkspace,
           [&wb, &frame] {
               return frame.serve().running()
                          ? wb.tr("serve.running_detail", {wxString::FromUTF8(frame.serve().url())})
                          : wxString();
           }});
}

}  // namespace kk::ui
