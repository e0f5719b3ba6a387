// Built-in commands: thin handlers that forward to the workbench and the views.
#include "ui/commands/builtin_commands.h"

#include <wx/aboutdlg.h>
#include <wx/choicdlg.h>
#include <wx/filedlg.h>
#include <wx/textentry.h>
#include <wx/window.h>

#include "ui/app/workbench.h"
#include "ui/commands/menu_builder.h"
#include "ui/frame/main_frame.h"
#include "ui/views/document_area.h"
#include "ui/views/navigator.h"
#include "ui/views/problems_pane.h"

namespace kk::ui {
namespace {

const wxString kWorkspaceWildcard = "Koppelkans (*.gpkg)|*.gpkg";

DocumentView* currentDocument(MainFrame& frame) {
    return frame.documents().current();
}

/// The focused window's text entry, when typing is going on (a field or a grid cell editor).
wxTextEntry* focusedTextEntry() {
    wxWindow* focus = wxWindow::FindFocus();
    return focus ? dynamic_cast<wxTextEntry*>(focus) : nullptr;
}

void documentCommand(Workbench& wb, MainFrame& frame, const std::string& id,
                     const std::string& labelKey) {
    wb.commands().add({id, labelKey,
                       [&frame, id] {
                           if (auto* doc = currentDocument(frame))
                               doc->handleCommand(id);
                       },
                       [&frame, id] {
                           auto* doc = currentDocument(frame);
                           return doc && doc->canHandleCommand(id);
                       }});
}

void showList(Workbench& wb, MainFrame& frame, const std::string& id, ListKind kind,
              const std::string& labelKey) {
    wb.commands().add({id, labelKey, [&frame, kind] {
                           frame.showPane("navigator");
                           frame.navigator().showKind(kind);
                           frame.navigator().view().SetFocus();
                       }});
}

}  // namespace

void registerBuiltinCommands(Workbench& wb, MainFrame& frame) {
    CommandRegistry& r = wb.commands();
    auto hasWorkspace = [&wb] { return wb.workspace() != nullptr; };

    // File
    r.add({"file.new_workspace", "cmd.file.new_workspace", [&wb, &frame] {
               if (!frame.confirmDiscardChanges())
                   return;
               wxFileDialog dialog(&frame, wb.tr("dialog.new_workspace"), "", "werkruimte.gpkg",
                                   kWorkspaceWildcard, wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
               if (dialog.ShowModal() != wxID_OK)
                   return;
               if (auto s = wb.createWorkspace(dialog.GetPath().ToStdString(wxConvUTF8)); !s)
                   wb.reportError(s.error());
           }});
    r.add({"file.open_workspace", "cmd.file.open_workspace", [&wb, &frame] {
               if (!frame.confirmDiscardChanges())
                   return;
               wxFileDialog dialog(&frame, wb.tr("dialog.open_workspace"), "", "",
                                   kWorkspaceWildcard, wxFD_OPEN | wxFD_FILE_MUST_EXIST);
               if (dialog.ShowModal() != wxID_OK)
                   return;
               if (auto s = wb.openWorkspace(dialog.GetPath().ToStdString(wxConvUTF8)); !s)
                   wb.reportError(s.error());
           }});
    r.add({"file.close_workspace", "cmd.file.close_workspace",
           [&wb, &frame] {
               if (frame.confirmDiscardChanges())
                   wb.closeWorkspace();
           },
           hasWorkspace});
    r.add({"file.quit", "cmd.file.quit", [&frame] { frame.Close(); }});

    // Edit: undo/redo act on the workspace; their labels name the step.
    r.add({"edit.undo", "cmd.edit.undo",
           [&wb] {
               if (auto result = wb.workspace()->undo(); !result)
                   wb.reportError(result.error());
           },
           [&wb] { return wb.workspace() && wb.workspace()->canUndo(); },
           [&wb] {
               return wb.workspace() && wb.workspace()->canUndo()
                          ? wxString::FromUTF8(wb.workspace()->undoLabel())
                          : wxString();
           }});
    r.add({"edit.redo", "cmd.edit.redo",
           [&wb] {
               if (auto result = wb.workspace()->redo(); !result)
                   wb.reportError(result.error());
           },
           [&wb] { return wb.workspace() && wb.workspace()->canRedo(); },
           [&wb] {
               return wb.workspace() && wb.workspace()->canRedo()
                          ? wxString::FromUTF8(wb.workspace()->redoLabel())
                          : wxString();
           }});
    // Paste goes to the text being typed in, else to the document (the cost grid's rows).
    r.add({"edit.paste", "cmd.edit.paste", [&frame] {
               if (wxTextEntry* entry = focusedTextEntry())
                   entry->Paste();
               else if (auto* doc = currentDocument(frame))
                   doc->handleCommand("edit.paste");
           }});

    // Documents
    r.add({"document.save", "cmd.document.save",
           [&wb, &frame] {
               if (auto* doc = currentDocument(frame))
                   if (auto s = doc->save(); !s)
                       wb.reportError(s.error());
           },
           [&frame] {
               auto* doc = currentDocument(frame);
               return doc && doc->canSave();
           }});
    r.add({"document.close", "cmd.document.close", [&frame] { frame.documents().closeCurrent(); },
           [&frame] { return currentDocument(frame) != nullptr; }});

    // Projects and cost items
    r.add({"project.new", "cmd.project.new",
           [&frame] {
               if (auto* doc = frame.documents().open("project", 0))
                   doc->SetFocus();
           },
           hasWorkspace});
    r.add({"navigator.open_selected", "cmd.navigator.open_selected",
           [&frame] {
               if (const ListRow* row = frame.navigator().selectedRow())
                   frame.documents().openObject(row->entity, row->id);
           },
           [&frame, hasWorkspace] {
               return hasWorkspace() && frame.navigator().selectedRow() != nullptr;
           }});
    documentCommand(wb, frame, "costs.add_row", "cmd.costs.add_row");
    documentCommand(wb, frame, "costs.delete_row", "cmd.costs.delete_row");

    // View
    r.add({"view.focus_search", "cmd.view.focus_search", [&frame] {
               frame.showPane("navigator");
               frame.navigator().focusSearch();
           }});
    r.add({"view.toggle_navigator", "cmd.view.toggle_navigator",
           [&frame] { frame.togglePane("navigator"); }});
    r.add({"view.toggle_problems", "cmd.view.toggle_problems",
           [&frame] { frame.togglePane("problems"); }});
    r.add({"view.toggle_log", "cmd.view.toggle_log", [&frame] { frame.togglePane("log"); }});
    showList(wb, frame, "view.list_projects", ListKind::Projects, "nav.projects");
    showList(wb, frame, "view.list_areas", ListKind::Areas, "nav.areas");
    showList(wb, frame, "view.list_coalitions", ListKind::Coalitions, "nav.coalitions");
    showList(wb, frame, "view.list_programmes", ListKind::ProgrammesCalls, "nav.programmes_calls");
    showList(wb, frame, "view.list_funds", ListKind::Funds, "nav.funds");
    r.add({"view.refresh", "cmd.view.refresh",
           [&frame] {
               frame.navigator().reload();
               frame.problems().refresh();
           },
           hasWorkspace});

    // Tools
    r.add({"tools.check_workspace", "cmd.tools.check_workspace",
           [&wb, &frame] {
               frame.showPane("problems");
               frame.problems().refresh([&wb, &frame] {
                   wb.report(Severity::Info,
                             wb.tr("problems.count",
                                   {wxString::Format("%zu", frame.problems().findings().size())}));
               });
           },
           hasWorkspace});
    r.add({"tools.preferences", "cmd.tools.preferences", [&wb, &frame] {
               const auto languages = Catalog::languages();
               wxArrayString names;
               int current = 0;
               for (std::size_t i = 0; i < languages.size(); ++i) {
                   names.Add(languages[i].second);
                   if (languages[i].first == wb.catalog().language())
                       current = static_cast<int>(i);
               }
               wxSingleChoiceDialog dialog(&frame, wb.tr("prefs.language"), wb.tr("prefs.title"),
                                           names);
               dialog.SetSelection(current);
               if (dialog.ShowModal() != wxID_OK)
                   return;
               const auto& code = languages[static_cast<std::size_t>(dialog.GetSelection())].first;
               if (auto s = wb.setLanguage(code); !s)
                   wb.reportError(s.error());
           }});

    // Help
    r.add({"help.command_palette", "cmd.help.command_palette", [&wb, &frame] {
               // Every command, with its shortcut: the keyboard route to all of them.
               wxArrayString entries;
               std::vector<std::string> ids;
               for (const auto& c : wb.commands().all()) {
                   if (c->id == "help.command_palette" || !wb.commands().isEnabled(c->id))
                       continue;
                   wxString text = menuText(*c, wb.catalog());
                   text.Replace("&", "");
                   text.Replace("\t", "    ");
                   entries.Add(text);
                   ids.push_back(c->id);
               }
               wxSingleChoiceDialog dialog(&frame, wb.tr("palette.prompt"),
                                           wb.tr("cmd.help.command_palette"), entries);
               if (dialog.ShowModal() == wxID_OK)
                   wb.commands().execute(ids[static_cast<std::size_t>(dialog.GetSelection())]);
           }});
    r.add({"help.about", "cmd.help.about", [&wb] {
               wxAboutDialogInfo info;
               info.SetName(wb.tr("app.name"));
               info.SetVersion("0.1.0");
               info.SetDescription(wb.tr("app.description"));
               wxAboutBox(info);
           }});
}

}  // namespace kk::ui
