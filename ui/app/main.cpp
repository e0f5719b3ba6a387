// koppelkans: the desktop workbench. Usage: koppelkans [--quit-when-loaded] [workspace.gpkg]
#include <memory>

#include <wx/app.h>
#include <wx/cmdline.h>
#include <wx/config.h>
#include <wx/msgdlg.h>
#include <wx/time.h>
#include <wx/timer.h>

#include "ui/app/workbench.h"
#include "ui/frame/main_frame.h"
#include "ui/views/navigator.h"
#include "ui/views/problems_pane.h"

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
        if (m_quitWhenLoaded)
            quitWhenLoaded(*frame);
        return true;
    }

    int OnRun() override {
        const int code = wxApp::OnRun();
        return code != 0 ? code : m_exitCode;
    }

    int OnExit() override {
        m_poll.reset();
        return wxApp::OnExit();
    }

    void OnInitCmdLine(wxCmdLineParser& parser) override {
        wxApp::OnInitCmdLine(parser);
        parser.AddSwitch("", "quit-when-loaded",
                         "close once the workspace's list and checks are shown (a smoke test)");
        parser.AddParam("workspace.gpkg", wxCMD_LINE_VAL_STRING, wxCMD_LINE_PARAM_OPTIONAL);
    }

    bool OnCmdLineParsed(wxCmdLineParser& parser) override {
        if (parser.GetParamCount() > 0)
            m_path = parser.GetParam(0);
        m_quitWhenLoaded = parser.Found("quit-when-loaded");
        return wxApp::OnCmdLineParsed(parser);
    }

  private:
    /// Closes the window once the navigator is filled and the problems are checked; exits
    /// with 1 when that takes longer than 60 s or the workspace did not open.
    void quitWhenLoaded(kk::ui::MainFrame& frame) {
        const auto started = wxGetLocalTimeMillis();
        m_poll = std::make_unique<wxTimer>();
        m_poll->Bind(wxEVT_TIMER, [this, &frame, started](wxTimerEvent&) {
            // No workspace (it did not open): nothing will load.
            const bool timedOut =
                !m_workbench->workspace() || wxGetLocalTimeMillis() - started > 60'000;
            const bool loaded = m_workbench->workspace() && !frame.navigator().loading() &&
                                !frame.problems().checking();
            if (!loaded && !timedOut)
                return;
            m_poll->Stop();
            m_exitCode = loaded ? 0 : 1;
            frame.Close(true);
        });
        m_poll->Start(100);
    }

    std::unique_ptr<wxTimer> m_poll;
    bool m_quitWhenLoaded = false;
    int m_exitCode = 0;
    // Destroyed with the app, after wx has deleted the frame that refers to it.
    std::unique_ptr<kk::ui::Workbench> m_workbench;
    wxString m_path;
};

}  // namespace

wxIMPLEMENT_APP(KoppelkansApp);
