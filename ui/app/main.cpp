// koppelkans: the desktop workbench. Usage: koppelkans [workspace.gpkg]
#include <memory>

#include <wx/app.h>
#include <wx/cmdline.h>
#include <wx/config.h>
#include <wx/msgdlg.h>

#include "ui/app/workbench.h"
#include "ui/frame/main_frame.h"

namespace {

class KoppelkansApp : public wxApp {
  public:
    bool OnInit() override {
        SetAppName("koppelkans");
        SetAppDisplayName("Koppelkans");
        if (!wxApp::OnInit())
            return false;
        m_workbench = std::make_unique<kk::ui::Workbench>();
        if (auto s = m_workbench->init(); !s) {
            wxMessageBox(kk::ui::describe(s.error()), "Koppelkans", wxOK | wxICON_ERROR);
            return false;
        }
        // The workspace first, then the window: the frame starts reading the project list on
        // a worker thread while it builds itself (tests/bench/ui times this order). An error
        // is kept until the window shows it in the log and the status bar.
        if (!m_path.empty())
            if (auto s = m_workbench->openWorkspace(m_path.ToStdString(wxConvUTF8)); !s)
                m_workbench->reportError(s.error());
        auto* frame = new kk::ui::MainFrame(*m_workbench);  // a top-level window deletes itself
        frame->Show();
        return true;
    }

    void OnInitCmdLine(wxCmdLineParser& parser) override {
        wxApp::OnInitCmdLine(parser);
        parser.AddParam("workspace.gpkg", wxCMD_LINE_VAL_STRING, wxCMD_LINE_PARAM_OPTIONAL);
    }

    bool OnCmdLineParsed(wxCmdLineParser& parser) override {
        if (parser.GetParamCount() > 0)
            m_path = parser.GetParam(0);
        return wxApp::OnCmdLineParsed(parser);
    }

  private:
    // Destroyed with the app, after wx has deleted the frame that refers to it.
    std::unique_ptr<kk::ui::Workbench> m_workbench;
    wxString m_path;
};

}  // namespace

wxIMPLEMENT_APP(KoppelkansApp);
