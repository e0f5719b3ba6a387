// The plug-ins document (Extra › Plug-ins): every plug-in folder that was looked at, loaded or
// refused with the reason, what each one contributes, and its commands, run on the open
// workspace with the same arguments as `koppelkans-cli plugin <id> <command>`. A command writes
// through its own ChangeSet, so Ctrl+Z takes it back like any other change.
#pragma once

#include <string>
#include <vector>

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/listctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "ui/views/document_area.h"

namespace kk::ui {

class PluginsView : public DocumentView {
  public:
    PluginsView(wxWindow* parent, Workbench& workbench, std::int64_t unused);

    std::string key() const override { return "plugins"; }
    wxString title() const override;
    void retranslate() override;
    bool handleCommand(std::string_view commandId) override;
    bool canHandleCommand(std::string_view commandId) const override;

    /// Selects a plug-in by id and a command by name; false when there is no such one.
    bool selectPlugin(const std::string& id);
    bool selectCommand(const std::string& name);
    void setArguments(const wxString& text);
    /// Runs the chosen command with the typed arguments; the output (or the error: what,
    /// where, what to do) appears below and in the log. True when the command succeeded.
    bool runCommand();
    const wxTextCtrl& output() const { return *m_output; }

  private:
    void buildLayout();
    void fillPlugins();
    void showPlugin();
    void showCommand();
    std::string selectedPlugin() const;

    std::vector<std::string> m_commandNames;  ///< of the selected plug-in, as in m_commands

    // Child windows, owned by this panel (wx parent ownership).
    wxStaticText* m_heading = nullptr;
    wxListCtrl* m_plugins = nullptr;
    wxStaticText* m_details = nullptr;
    wxStaticText* m_commandLabel = nullptr;
    wxChoice* m_commands = nullptr;
    wxStaticText* m_synopsis = nullptr;
    wxStaticText* m_argumentsLabel = nullptr;
    wxTextCtrl* m_arguments = nullptr;
    wxButton* m_run = nullptr;
    wxTextCtrl* m_output = nullptr;
};

}  // namespace kk::ui
