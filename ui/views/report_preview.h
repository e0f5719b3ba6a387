// The report document: choose a report of the core set (core/report workspace_reports.h) or
// one a loaded plugin registered (plugin::ReportDef, with its options typed into a form), build
// it on a background thread with progress and cancel, preview the same report model the
// writers use (tables in grids, charts and maps drawn by core/report's painters), and export
// it to XLSX, PDF or CSV, again in the background.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/gauge.h>
#include <wx/panel.h>
#include <wx/scrolwin.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "core/plugin/plugin_host.h"
#include "core/report/report.h"
#include "core/report/workspace_reports.h"
#include "ui/app/background_job.h"
#include "ui/views/document_area.h"

namespace kk::ui {

class ReportPreview : public DocumentView {
  public:
    ReportPreview(wxWindow* parent, Workbench& workbench, std::int64_t unused);

    std::string key() const override { return "report"; }
    wxString title() const override;
    bool onWorkspaceChanged(const ChangeNotice& notice) override;
    void retranslate() override;
    bool handleCommand(std::string_view commandId) override;
    bool canHandleCommand(std::string_view commandId) const override;

    /// Chooses a core report by name ("allocation") and, optionally, its project code.
    bool selectReport(const std::string& name);
    bool selectProject(const std::string& code);
    /// Chooses the report `reportId` of the plugin `pluginId` ("regiodeal", "deal"); false
    /// when no loaded plugin registered it.
    bool selectPluginReport(const std::string& pluginId, const std::string& reportId);
    /// The text field of a plugin report's option in the shown form; nullptr when the chosen
    /// report has no such option (or is a core report).
    wxTextCtrl* optionField(const std::string& name) const;
    /// Whether the project and strategy choices (core reports) or the options form (plugin
    /// reports) are shown.
    bool coreChoicesShown() const;
    bool optionsFormShown() const;
    /// The line under the buttons: progress, the last result or what was wrong.
    wxString statusText() const { return m_statusShown; }
    /// Builds the chosen report in the background. A plugin report with a required option
    /// left empty is refused with a message saying which option to fill in.
    void build();
    /// Asks for a file (Prompts::savePath) and writes the shown report: "xlsx", "pdf", "csv".
    void exportAs(const std::string& format);
    void cancel();
    bool running() const { return m_job.running(); }
    const report::Report* report() const { return m_report.get(); }
    /// The path of the last export that finished, empty before.
    const std::string& lastExport() const { return m_lastExport; }

  private:
    /// One entry of the report choice: a core report, or a report a plugin registered.
    struct Entry {
        std::string coreName;  ///< set for a core report ("portfolio")
        std::string pluginId;  ///< set for a plugin report ("bbc")
        std::string reportId;  ///< the plugin's report id ("bbc.m1")
        bool isPlugin() const { return !pluginId.empty(); }
        /// "bbc/bbc.m1": the key its typed options are remembered under.
        std::string key() const { return pluginId + "/" + reportId; }
    };

    void buildLayout();
    void fillProjects();
    void fillReportChoice();
    /// Follows the report choice: description, which choices are shown, the options form.
    void showChoice();
    void buildOptionsForm();
    /// Keeps what was typed in the options form for the report it belongs to.
    void rememberOptions();
    void buildCore(const std::string& name);
    void buildPlugin(const Entry& entry);
    /// The continuation of a build: shows the report or the error, unless a newer run started.
    std::function<void()> finishBuild(int number, std::string name,
                                      std::shared_ptr<Result<report::Report>> built);
    /// A status line's text, made again when the language changes.
    using StatusText = std::function<wxString()>;
    StatusText label(std::string key, std::vector<wxString> args = {}) const;
    void showStatus(StatusText text, bool error);
    /// Sets the status line from m_statusText, wrapped to the document's width.
    void wrapStatus();
    void showBuildProgress(std::int64_t done, std::int64_t total, const std::string& label);
    void showReport();
    void setRunning(bool running, StatusText status);
    /// Shows the text in red on the status line and reports it to the log.
    void showError(StatusText text);
    void showError(const wxString& text);
    const Entry& chosen() const;
    const plugin::ReportDef* chosenPluginReport() const;
    std::string reportName() const;
    wxString describeReport(const report::WorkspaceReportInfo& info) const;
    wxString describePluginReport(const Entry& entry) const;

    std::shared_ptr<const report::Report> m_report;
    std::string m_reportName;  ///< reportName() of the shown report: the export's file name
    std::string m_lastExport;
    std::vector<std::string> m_projectCodes;
    std::vector<Entry> m_entries;  ///< the core reports, then every plugin's
    /// Option values typed per plugin report (Entry::key()), kept while the document is open.
    std::map<std::string, plugin::Options> m_optionValues;
    std::string m_formFor;  ///< Entry::key() of the report the options form shows
    std::vector<std::pair<std::string, wxTextCtrl*>> m_optionFields;
    StatusText m_statusText;  ///< what the status line says; empty: nothing
    wxString m_statusShown;   ///< its text as shown, before wrapping
    BackgroundJob m_job;
    int m_runNumber = 0;

    // Child windows, owned by this panel (wx parent ownership).
    wxStaticText* m_reportLabel = nullptr;
    wxChoice* m_reportChoice = nullptr;
    wxStaticText* m_projectLabel = nullptr;
    wxChoice* m_projectChoice = nullptr;
    wxStaticText* m_strategyLabel = nullptr;
    wxChoice* m_strategyChoice = nullptr;
    wxPanel* m_optionsPanel = nullptr;  ///< the plugin report's option fields, rebuilt per report
    wxButton* m_buildButton = nullptr;
    wxButton* m_cancelButton = nullptr;
    wxButton* m_xlsxButton = nullptr;
    wxButton* m_pdfButton = nullptr;
    wxButton* m_csvButton = nullptr;
    wxGauge* m_gauge = nullptr;
    wxStaticText* m_status = nullptr;
    wxStaticText* m_description = nullptr;
    wxScrolledWindow* m_page = nullptr;
};

}  // namespace kk::ui
