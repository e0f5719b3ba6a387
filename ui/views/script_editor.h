// The Lua script editor document: a wxStyledTextCtrl with Lua highlighting for a script of the
// library (bundled and plugin scripts read-only, workspace scripts editable and saved through a
// ChangeSet), Run (load the package, list its rules, compute indicators) and Test (its test
// cases) through core/rules, errors that mark and jump to their line, and the trust prompt for
// workspace scripts (trust keyed by the SHA-256 of the exact text, kept outside the workspace).
#pragma once

#include <memory>
#include <string>

#include <wx/button.h>
#include <wx/stattext.h>
#include <wx/stc/stc.h>
#include <wx/textctrl.h>

#include "core/model/entities.h"
#include "ui/views/document_area.h"

namespace kk::rules {
class TrustStore;
}

namespace kk::ui {

class ScriptEditor : public DocumentView {
  public:
    /// A library script by name ("indicators/leverage.lua", "workspace:my_rule"); an empty name
    /// starts a new workspace script.
    ScriptEditor(wxWindow* parent, Workbench& workbench, const std::string& name);
    ~ScriptEditor() override;

    std::string key() const override;
    wxString title() const override;
    bool isModified() const override;
    bool canSave() const override { return m_origin == "workspace"; }
    Status save() override;
    bool onWorkspaceChanged(const ChangeNotice& notice) override;
    void retranslate() override;
    bool handleCommand(std::string_view commandId) override;
    bool canHandleCommand(std::string_view commandId) const override;

    /// Loads the package from the editor's text and reports its rules (and indicator values).
    bool run();
    /// Runs the script's test cases; true when all pass.
    bool runTests();
    wxStyledTextCtrl& editor() { return *m_editor; }
    wxTextCtrl& output() { return *m_output; }
    /// The 1-based line of the last error, 0 when none.
    int errorLine() const { return m_errorLine; }

  private:
    void buildLayout();
    void setupLexer();
    /// Asks for trust when a workspace script's text is not trusted yet; false: refused.
    bool ensureTrusted(const std::string& text);
    void markError(const std::string& message);
    void clearMarks();
    void setStatus(const wxString& text, bool error);

    std::string m_name;    ///< library name
    std::string m_origin;  ///< bundled, plugin:<id>, workspace
    std::string m_savedText;
    std::optional<ScriptId> m_scriptId;  ///< stored workspace script
    int m_errorLine = 0;
    std::unique_ptr<rules::TrustStore> m_trust;

    // Child windows, owned by this panel (wx parent ownership).
    wxStaticText* m_heading = nullptr;
    wxButton* m_runButton = nullptr;
    wxButton* m_testButton = nullptr;
    wxStaticText* m_status = nullptr;
    wxStyledTextCtrl* m_editor = nullptr;
    wxTextCtrl* m_output = nullptr;
};

}  // namespace kk::ui
