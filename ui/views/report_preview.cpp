// Report document: background build and export, preview of the report model.
#include "ui/views/report_preview.h"

#include <wx/grid.h>
#include <wx/image.h>
#include <wx/mstream.h>
#include <wx/sizer.h>
#include <wx/statbmp.h>

#include "core/allocate/strategy.h"
#include "core/report/format.h"
#include "core/report/painter.h"
#include "core/report/workspace_reports.h"
#include "core/report/writer.h"
#include "core/store/repositories.h"
#include "ui/app/workbench.h"

namespace kk::ui {
namespace {

/// Rows of a table shown in the preview; the export always has all of them.
constexpr std::size_t kPreviewRows = 300;

wxBitmap blockBitmap(const report::Block& block, int width, int height) {
    // Drawn at 600 × 300 units and scaled up, so the painters' 8-unit text stays legible.
    const double scale = width / 600.0;
    const std::string png = report::renderPng(block, 600, 600.0 * height / width, scale);
    wxMemoryInputStream in(png.data(), png.size());
    wxImage image(in, wxBITMAP_TYPE_PNG);
    return image.IsOk() ? wxBitmap(image) : wxBitmap();
}

}  // namespace

ReportPreview::ReportPreview(wxWindow* parent, Workbench& workbench, std::int64_t)
    : DocumentView(parent, workbench), m_job(workbench.mainQueue()) {
    if (!wxImage::FindHandler(wxBITMAP_TYPE_PNG))
        wxImage::AddHandler(new wxPNGHandler);  // wx owns registered handlers
    buildLayout();
    retranslate();
}

wxString ReportPreview::describeReport(const report::WorkspaceReportInfo& info) const {
    // A report added to core later still shows its own (English) description.
    const std::string key = "report.desc." + info.name;
    return m_workbench.catalog().has(key) ? m_workbench.tr(key)
                                          : wxString::FromUTF8(info.description);
}

wxString ReportPreview::title() const {
    return m_workbench.tr("report.tab");
}

void ReportPreview::buildLayout() {
    m_reportLabel = new wxStaticText(this, wxID_ANY, "");
    m_reportChoice = new wxChoice(this, wxID_ANY);
    m_projectLabel = new wxStaticText(this, wxID_ANY, "");
    m_projectChoice = new wxChoice(this, wxID_ANY);
    m_strategyLabel = new wxStaticText(this, wxID_ANY, "");
    m_strategyChoice = new wxChoice(this, wxID_ANY);
    m_buildButton = new wxButton(this, wxID_ANY, "");
    m_cancelButton = new wxButton(this, wxID_ANY, "");
    m_xlsxButton = new wxButton(this, wxID_ANY, "XLSX");
    m_pdfButton = new wxButton(this, wxID_ANY, "PDF");
    m_csvButton = new wxButton(this, wxID_ANY, "CSV");
    m_gauge = new wxGauge(this, wxID_ANY, 100, wxDefaultPosition, wxSize(140, -1));
    m_status = new wxStaticText(this, wxID_ANY, "");
    m_description = new wxStaticText(this, wxID_ANY, "");
    m_page = new wxScrolledWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                  wxVSCROLL | wxHSCROLL | wxBORDER_THEME);
    m_page->SetBackgroundColour(*wxWHITE);
    m_page->SetScrollRate(10, 20);
    m_page->SetSizer(new wxBoxSizer(wxVERTICAL));
    m_cancelButton->Disable();

    // Two rows: which report, then the actions and the progress.
    auto* choices = new wxBoxSizer(wxHORIZONTAL);
    for (wxWindow* w :
         std::initializer_list<wxWindow*>{m_reportLabel, m_reportChoice, m_projectLabel,
                                          m_projectChoice, m_strategyLabel, m_strategyChoice})
        choices->Add(w, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 6);
    auto* actions = new wxBoxSizer(wxHORIZONTAL);
    for (wxWindow* w : std::initializer_list<wxWindow*>{m_buildButton, m_cancelButton, m_xlsxButton,
                                                        m_pdfButton, m_csvButton, m_gauge})
        actions->Add(w, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 6);
    actions->Add(m_status, 1, wxALIGN_CENTER_VERTICAL);
    auto* bar = new wxBoxSizer(wxVERTICAL);
    bar->Add(choices, 0, wxEXPAND | wxBOTTOM, 4);
    bar->Add(actions, 0, wxEXPAND);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(bar, 0, wxEXPAND | wxALL, 8);
    sizer->Add(m_description, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 8);
    sizer->Add(m_page, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 8);
    SetSizer(sizer);

    m_buildButton->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { build(); });
    m_cancelButton->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { cancel(); });
    m_xlsxButton->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { exportAs("xlsx"); });
    m_pdfButton->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { exportAs("pdf"); });
    m_csvButton->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { exportAs("csv"); });
    m_reportChoice->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) {
        const auto& info = report::workspaceReports()[static_cast<std::size_t>(
            std::max(0, m_reportChoice->GetSelection()))];
        m_description->SetLabel(describeReport(info));
    });
}

void ReportPreview::retranslate() {
    m_reportLabel->SetLabel(m_workbench.tr("report.which"));
    m_projectLabel->SetLabel(m_workbench.tr("report.project"));
    m_strategyLabel->SetLabel(m_workbench.tr("alloc.strategy"));
    m_buildButton->SetLabel(m_workbench.tr("report.build"));
    m_cancelButton->SetLabel(m_workbench.tr("alloc.cancel"));
    const int selected = std::max(0, m_reportChoice->GetSelection());
    m_reportChoice->Clear();
    for (const auto& info : report::workspaceReports())
        m_reportChoice->Append(m_workbench.catalog().has("report.name." + info.name)
                                   ? m_workbench.tr("report.name." + info.name)
                                   : wxString::FromUTF8(info.title));
    m_reportChoice->SetSelection(selected);
    m_description->SetLabel(
        describeReport(report::workspaceReports()[static_cast<std::size_t>(selected)]));
    const int strategy = std::max(0, m_strategyChoice->GetSelection());
    m_strategyChoice->Clear();
    for (const std::string& s : alloc::builtinStrategyNames())
        m_strategyChoice->Append(m_workbench.tr("strategy." + s));
    m_strategyChoice->SetSelection(strategy);
    fillProjects();
    Layout();
}

void ReportPreview::fillProjects() {
    const wxString keep = m_projectChoice->GetStringSelection();
    m_projectChoice->Clear();
    m_projectCodes.clear();
    m_projectChoice->Append(m_workbench.tr("report.all_projects"));
    m_projectCodes.emplace_back();
    if (Workspace* ws = m_workbench.workspace())
        for (const Project& p : Repository<Project>(*ws).list(Query{{}, "code"})) {
            m_projectChoice->Append(wxString::FromUTF8(p.code));
            m_projectCodes.push_back(p.code);
        }
    if (!keep.empty())
        m_projectChoice->SetStringSelection(keep);
    if (m_projectChoice->GetSelection() == wxNOT_FOUND)
        m_projectChoice->SetSelection(0);
}

bool ReportPreview::selectReport(const std::string& name) {
    const auto& all = report::workspaceReports();
    for (std::size_t i = 0; i < all.size(); ++i)
        if (all[i].name == name) {
            m_reportChoice->SetSelection(static_cast<int>(i));
            m_description->SetLabel(describeReport(all[i]));
            return true;
        }
    return false;
}

bool ReportPreview::selectProject(const std::string& code) {
    fillProjects();
    return m_projectChoice->SetStringSelection(wxString::FromUTF8(code));
}

std::string ReportPreview::reportName() const {
    return report::workspaceReports()[static_cast<std::size_t>(
                                          std::max(0, m_reportChoice->GetSelection()))]
        .name;
}

void ReportPreview::build() {
    Workspace* ws = m_workbench.workspace();
    if (!ws)
        return;
    if (m_job.running())
        cancel();
    report::WorkspaceReportOptions options;
    options.project =
        m_projectCodes[static_cast<std::size_t>(std::max(0, m_projectChoice->GetSelection()))];
    options.strategy = alloc::builtinStrategyNames()[static_cast<std::size_t>(
        std::max(0, m_strategyChoice->GetSelection()))];
    const std::string name = reportName();
    const std::string path = ws->path();
    const int number = ++m_runNumber;
    setRunning(true, m_workbench.tr("report.building"));
    // The worker reads through its own read-only connection to the same file (SQLite WAL lets
    // it read while the main thread keeps the workspace): the model stays on the main thread.
    m_job.start(
        [this, number, name, path, options](Progress& progress) -> std::function<void()> {
            auto reader = Workspace::open(path, true);
            if (!reader)
                return [this, e = reader.error()] {
                    setRunning(false, "");
                    showError(describe(e));
                };
            auto built = std::make_shared<Result<report::Report>>(
                report::buildWorkspaceReport(*reader.value(), name, options, progress));
            return [this, number, built] {
                if (number != m_runNumber)
                    return;
                if (!*built) {
                    setRunning(false, "");
                    if (built->error().code != "cancelled")
                        showError(describe(built->error()));
                    return;
                }
                m_report = std::make_shared<const report::Report>(std::move(*built).value());
                setRunning(false, m_workbench.tr("report.built"));
                showReport();
            };
        },
        [this](std::int64_t done, std::int64_t total, const std::string& label) {
            if (total > 0)
                m_gauge->SetValue(
                    static_cast<int>(std::min<std::int64_t>(100, done * 100 / total)));
            else
                m_gauge->Pulse();
            m_status->SetLabel(wxString::FromUTF8(label));
        });
}

void ReportPreview::exportAs(const std::string& format) {
    if (!m_report) {
        showError(m_workbench.tr("report.build_first"));
        return;
    }
    if (m_job.running())
        return;
    const wxString wildcard = format == "xlsx"  ? "Excel (*.xlsx)|*.xlsx"
                              : format == "pdf" ? "PDF (*.pdf)|*.pdf"
                                                : "CSV (*.csv)|*.csv";
    const wxString path =
        m_workbench.prompts().savePath(this, m_workbench.tr("report.export_title"),
                                       wxString::FromUTF8(reportName() + "." + format), wildcard);
    if (path.empty())
        return;
    std::string file = path.ToStdString(wxConvUTF8);
    if (!file.ends_with("." + format))
        file += "." + format;
    const int number = ++m_runNumber;
    setRunning(true, m_workbench.tr("report.exporting", {wxString::FromUTF8(file)}));
    m_job.start(
        [this, number, file, shown = m_report](Progress& progress) -> std::function<void()> {
            const Status written = report::writeReport(*shown, file, progress);
            return [this, number, file, written] {
                if (number != m_runNumber)
                    return;
                setRunning(false, "");
                if (!written) {
                    if (written.error().code != "cancelled")
                        showError(describe(written.error()));
                    return;
                }
                m_lastExport = file;
                const wxString done = m_workbench.tr("report.exported", {wxString::FromUTF8(file)});
                m_status->SetLabel(done);
                m_workbench.report(Severity::Info, done);
            };
        },
        [this](std::int64_t done, std::int64_t total, const std::string&) {
            if (total > 0)
                m_gauge->SetValue(
                    static_cast<int>(std::min<std::int64_t>(100, done * 100 / total)));
        });
}

void ReportPreview::cancel() {
    if (!m_job.running())
        return;
    ++m_runNumber;
    m_job.cancel();
    setRunning(false, m_workbench.tr("alloc.cancelled"));
}

void ReportPreview::setRunning(bool running, const wxString& status) {
    m_buildButton->Enable(!running);
    m_cancelButton->Enable(running);
    for (wxButton* b : {m_xlsxButton, m_pdfButton, m_csvButton})
        b->Enable(!running && m_report);
    if (running)
        m_gauge->Pulse();
    else
        m_gauge->SetValue(0);
    m_status->SetForegroundColour(GetForegroundColour());
    m_status->SetLabel(status);
}

void ReportPreview::showError(const wxString& text) {
    m_status->SetForegroundColour(*wxRED);
    m_status->SetLabel(text);
    m_workbench.report(Severity::Error, text);
}

void ReportPreview::showReport() {
    m_page->Freeze();
    m_page->DestroyChildren();
    wxSizer* sizer = m_page->GetSizer();
    sizer->Clear();
    const report::Report& r = *m_report;
    auto* title = new wxStaticText(m_page, wxID_ANY, wxString::FromUTF8(r.title));
    title->SetFont(title->GetFont().Bold().Scaled(1.5f));
    sizer->Add(title, 0, wxALL, 10);
    if (!r.subtitle.empty())
        sizer->Add(new wxStaticText(m_page, wxID_ANY, wxString::FromUTF8(r.subtitle)), 0,
                   wxLEFT | wxBOTTOM, 10);
    for (const auto& [name, value] : r.parameters)
        sizer->Add(new wxStaticText(m_page, wxID_ANY, wxString::FromUTF8(name + ": " + value)), 0,
                   wxLEFT, 10);
    for (const report::Section& section : r.sections) {
        auto* heading = new wxStaticText(m_page, wxID_ANY, wxString::FromUTF8(section.title));
        heading->SetFont(heading->GetFont().Bold().Scaled(1.25f));
        sizer->Add(heading, 0, wxLEFT | wxTOP, 10);
        for (const report::Block& block : section.blocks) {
            const report::BlockInfo& info = report::infoOf(block);
            if (!info.title.empty()) {
                auto* t = new wxStaticText(m_page, wxID_ANY, wxString::FromUTF8(info.title));
                t->SetFont(t->GetFont().Bold());
                sizer->Add(t, 0, wxLEFT | wxTOP, 10);
            }
            if (const auto* table = std::get_if<report::TableBlock>(&block)) {
                const std::size_t rows = std::min(table->rows.size(), kPreviewRows);
                auto* grid = new wxGrid(m_page, wxID_ANY);
                grid->CreateGrid(static_cast<int>(rows), static_cast<int>(table->columns.size()));
                grid->EnableEditing(false);
                grid->SetRowLabelSize(0);
                for (std::size_t c = 0; c < table->columns.size(); ++c) {
                    const report::Column& col = table->columns[c];
                    grid->SetColLabelValue(static_cast<int>(c), wxString::FromUTF8(col.header));
                    const int align = col.effectiveAlign() == report::Align::Right ? wxALIGN_RIGHT
                                      : col.effectiveAlign() == report::Align::Center
                                          ? wxALIGN_CENTER
                                          : wxALIGN_LEFT;
                    for (std::size_t row = 0; row < rows; ++row) {
                        grid->SetCellValue(
                            static_cast<int>(row), static_cast<int>(c),
                            wxString::FromUTF8(report::formatDisplay(table->rows[row][c], col)));
                        grid->SetCellAlignment(static_cast<int>(row), static_cast<int>(c), align,
                                               wxALIGN_CENTER);
                    }
                }
                grid->AutoSizeColumns(false);
                // Tall tables scroll inside their own grid, so the page stays readable.
                const int shownRows = static_cast<int>(std::min<std::size_t>(rows, 14));
                grid->SetMinSize(wxSize(
                    -1, grid->GetColLabelSize() + (shownRows + 1) * grid->GetDefaultRowSize()));
                sizer->Add(grid, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, 10);
                if (table->rows.size() > rows)
                    sizer->Add(
                        new wxStaticText(
                            m_page, wxID_ANY,
                            m_workbench.tr("report.more_rows",
                                           {wxString::Format("%zu", table->rows.size() - rows)})),
                        0, wxLEFT, 10);
            } else if (const auto* text = std::get_if<report::TextBlock>(&block)) {
                for (const std::string& p : text->paragraphs) {
                    auto* t = new wxStaticText(m_page, wxID_ANY, wxString::FromUTF8(p));
                    t->Wrap(900);
                    sizer->Add(t, 0, wxLEFT | wxTOP, 10);
                }
            } else {
                // Charts and maps: the painters the PDF writer uses, into a bitmap.
                const wxBitmap bitmap = blockBitmap(block, 840, 420);
                if (bitmap.IsOk())
                    sizer->Add(new wxStaticBitmap(m_page, wxID_ANY, bitmap), 0, wxLEFT | wxTOP, 10);
            }
        }
    }
    sizer->AddSpacer(20);
    m_page->FitInside();
    m_page->Layout();
    m_page->Thaw();
}

bool ReportPreview::onWorkspaceChanged(const ChangeNotice&) {
    fillProjects();
    return true;
}

bool ReportPreview::canHandleCommand(std::string_view id) const {
    if (id == "document.run")
        return !m_job.running();
    if (id == "document.cancel")
        return m_job.running();
    if (id == "report.export_xlsx" || id == "report.export_pdf" || id == "report.export_csv")
        return !m_job.running() && m_report != nullptr;
    return false;
}

bool ReportPreview::handleCommand(std::string_view id) {
    if (id == "document.run")
        build();
    else if (id == "document.cancel")
        cancel();
    else if (id == "report.export_xlsx")
        exportAs("xlsx");
    else if (id == "report.export_pdf")
        exportAs("pdf");
    else if (id == "report.export_csv")
        exportAs("csv");
    else
        return false;
    return true;
}

}  // namespace kk::ui
