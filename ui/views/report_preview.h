// The report document: choose a report of the core set (core/report workspace_reports.h), build
// it on a background thread with progress and cancel, preview the same report model the
// writers use (tables in grids, charts and maps drawn by core/report's painters), and export
// it to XLSX, PDF or CSV, again in the background.
#pragma once

#include <memory>
#include <string>

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/gauge.h>
#include <wx/scrolwin.h>
#include <wx/stattext.h>

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

    /// Chooses a report by name ("allocation") and, optionally, its project code.
    bool selectReport(const std::string& name);
    bool selectProject(const std::string& code);
    /// Builds the chosen report in the background.
    void build();
    /// Asks for a file (Prompts::savePath) and writes the shown report: "xlsx", "pdf", "csv".
    void exportAs(const std::string& format);
    void cancel();
    bool running() const { return m_job.running(); }
    const report::Report* report() const { return m_report.get(); }
    /// The path of the last export that finished, empty before.
    const std::string& lastExport() const { return m_lastExport; }

  private:
    void buildLayout();
    void fillProjects();
    void showReport();
    void setRunning(bool running, const wxString& status);
    void showError(const wxString& text);
    std::string reportName() const;
    wxString describeReport(const report::WorkspaceReportInfo& info) const;

    std::shared_ptr<const report::Report> m_report;
    std::string m_lastExport;
    std::vector<std::string> m_projectCodes;
    BackgroundJob m_job;
    int m_runNumber = 0;

    // Child windows, owned by this panel (wx parent ownership).
    wxStaticText* m_reportLabel = nullptr;
    wxChoice* m_reportChoice = nullptr;
    wxStaticText* m_projectLabel = nullptr;
    wxChoice* m_projectChoice = nullptr;
    wxStaticText* m_strategyLabel = nullptr;
    wxChoice* m_strategyChoice = nullptr;
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
