// Report document: the core and plugin reports, background build and export, preview of the
// report model.
#include "ui/views/report_preview.h"

#include <exception>

#include <wx/grid.h>
#include <wx/image.h>
#include <wx/mstream.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/statbmp.h>

#include "core/allocate/strategy.h"
#include "core/plugin/plugin_manager.h"
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
/// Options side by side in a plugin report's form (bbc's six take three rows).
constexpr int kOptionsPerRow = 2;
/// Light red behind an option field that must be filled in before the report can be built.
wxColour missingBackground() {
    return {255, 225, 220};
}

const report::WorkspaceReportInfo& coreReport(const std::string& name) {
    for (const auto& info : report::workspaceReports())
        if (info.name == name)
            return info;
    return report::workspaceReports().front();
}

std::string trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos)
        return {};
    return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

/// Runs a plugin's report builder. A plugin that throws instead of returning an error must not
/// take the workbench down: the exception becomes the error shown in the view.
Result<report::Report> runPluginReport(const decltype(plugin::ReportDef::build)& build,
                                       Workspace& ws, const plugin::Options& options,
                                       Progress& progress, const std::string& where) {
    try {
        return build(ws, options, progress);
    } catch (const KkError& e) {
        return e.error();
    } catch (const std::exception& e) {
        return makeError("report.plugin_failed", std::string("the report failed: ") + e.what(),
                         where, "report this to the plugin's maintainers with the options used");
    }
}

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
    for (const auto& info : report::workspaceReports())
        m_entries.push_back({info.name, {}, {}});
    for (const auto& c : m_workbench.plugins().registry().reports)
        m_entries.push_back({{}, c.pluginId, c.item.id});
    buildLayout();
    retranslate();
}

wxString ReportPreview::describeReport(const report::WorkspaceReportInfo& info) const {
    // A report added to core later still shows its own (English) description.
    const std::string key = "report.desc." + info.name;
    return m_workbench.catalog().has(key) ? m_workbench.tr(key)
                                          : wxString::FromUTF8(info.description);
}

wxString ReportPreview::describePluginReport(const Entry& entry) const {
    const plugin::PluginRecord* record = m_workbench.plugins().find(entry.pluginId);
    const wxString plugin =
        wxString::FromUTF8(record ? record->name + " " + record->version : entry.pluginId);
    const plugin::ReportDef* def = m_workbench.plugins().findReport(entry.pluginId, entry.reportId);
    return m_workbench.tr("report.plugin_source",
                          {wxString::FromUTF8(def ? def->description : ""), plugin});
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
    m_optionsPanel = new wxPanel(this, wxID_ANY);
    m_optionsPanel->Hide();
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

    // Which report (with a plugin report's options below it), then the actions and progress.
    auto* choices = new wxBoxSizer(wxHORIZONTAL);
    for (wxWindow* w :
         std::initializer_list<wxWindow*>{m_reportLabel, m_reportChoice, m_projectLabel,
                                          m_projectChoice, m_strategyLabel, m_strategyChoice})
        choices->Add(w, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 6);
    auto* actions = new wxBoxSizer(wxHORIZONTAL);
    for (wxWindow* w : std::initializer_list<wxWindow*>{m_buildButton, m_cancelButton, m_xlsxButton,
                                                        m_pdfButton, m_csvButton, m_gauge})
        actions->Add(w, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 6);
    auto* bar = new wxBoxSizer(wxVERTICAL);
    bar->Add(choices, 0, wxEXPAND | wxBOTTOM, 4);
    bar->Add(m_optionsPanel, 0, wxEXPAND | wxBOTTOM, 4);
    bar->Add(actions, 0, wxEXPAND);
    bar->Add(m_status, 0, wxEXPAND | wxTOP, 6);
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
    m_reportChoice->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { showChoice(); });
    Bind(wxEVT_SIZE, [this](wxSizeEvent& event) {
        wrapStatus();  // before the default handler lays the panel out again
        event.Skip();
    });
}

void ReportPreview::retranslate() {
    m_reportLabel->SetLabel(m_workbench.tr("report.which"));
    m_projectLabel->SetLabel(m_workbench.tr("report.project"));
    m_strategyLabel->SetLabel(m_workbench.tr("alloc.strategy"));
    m_buildButton->SetLabel(m_workbench.tr("report.build"));
    m_cancelButton->SetLabel(m_workbench.tr("alloc.cancel"));
    fillReportChoice();
    const int strategy = std::max(0, m_strategyChoice->GetSelection());
    m_strategyChoice->Clear();
    for (const std::string& s : alloc::builtinStrategyNames())
        m_strategyChoice->Append(m_workbench.tr("strategy." + s));
    m_strategyChoice->SetSelection(strategy);
    fillProjects();
    showChoice();
    wrapStatus();  // a status shown before the switch follows the language
    Layout();
}

void ReportPreview::fillReportChoice() {
    const int selected = std::max(0, m_reportChoice->GetSelection());
    m_reportChoice->Clear();
    for (const Entry& entry : m_entries) {
        if (entry.isPlugin()) {
            // Plugins register one title in their own language; the plugin id says whose it
            // is (stadsvernieuwing and vlaamse_rand both have a "programme" report).
            const plugin::ReportDef* def =
                m_workbench.plugins().findReport(entry.pluginId, entry.reportId);
            m_reportChoice->Append(
                wxString::FromUTF8((def ? def->title : entry.reportId) + " — " + entry.pluginId));
            continue;
        }
        const std::string key = "report.name." + entry.coreName;
        m_reportChoice->Append(m_workbench.catalog().has(key)
                                   ? m_workbench.tr(key)
                                   : wxString::FromUTF8(coreReport(entry.coreName).title));
    }
    m_reportChoice->SetSelection(selected);
}

const ReportPreview::Entry& ReportPreview::chosen() const {
    const int selected = std::max(0, m_reportChoice->GetSelection());
    return m_entries[std::min(static_cast<std::size_t>(selected), m_entries.size() - 1)];
}

const plugin::ReportDef* ReportPreview::chosenPluginReport() const {
    const Entry& entry = chosen();
    return entry.isPlugin() ? m_workbench.plugins().findReport(entry.pluginId, entry.reportId)
                            : nullptr;
}

void ReportPreview::showChoice() {
    const Entry& entry = chosen();
    m_description->SetLabel(entry.isPlugin() ? describePluginReport(entry)
                                             : describeReport(coreReport(entry.coreName)));
    // The project and strategy feed core's WorkspaceReportOptions only; a plugin report
    // takes its own named options instead.
    for (wxWindow* w : std::initializer_list<wxWindow*>{m_projectLabel, m_projectChoice,
                                                        m_strategyLabel, m_strategyChoice})
        w->Show(!entry.isPlugin());
    buildOptionsForm();
    Layout();
}

void ReportPreview::rememberOptions() {
    if (m_formFor.empty())
        return;
    plugin::Options& values = m_optionValues[m_formFor];
    for (const auto& [name, field] : m_optionFields)
        values[name] = field->GetValue().ToStdString(wxConvUTF8);
}

void ReportPreview::buildOptionsForm() {
    rememberOptions();
    m_optionFields.clear();
    m_optionsPanel->DestroyChildren();
    m_optionsPanel->SetSizer(nullptr);
    const plugin::ReportDef* def = chosenPluginReport();
    m_formFor = def ? chosen().key() : std::string();
    if (!def || def->options.empty()) {
        m_optionsPanel->Hide();
        return;
    }
    const plugin::Options& remembered = m_optionValues[m_formFor];
    auto* grid = new wxFlexGridSizer(2 * kOptionsPerRow, 4, 6);
    bool anyRequired = false;
    for (std::size_t i = 0; i < def->options.size(); ++i) {
        const plugin::OptionDef& option = def->options[i];
        anyRequired = anyRequired || option.required;
        const wxString description = wxString::FromUTF8(option.description);
        const wxString tip = option.required
                                 ? m_workbench.tr("report.option_required_tip", {description})
                                 : description;
        auto* label =
            new wxStaticText(m_optionsPanel, wxID_ANY,
                             wxString::FromUTF8(option.name) + (option.required ? " *" : ""));
        if (option.required)
            label->SetFont(label->GetFont().Bold());
        label->SetToolTip(tip);
        const auto value = remembered.find(option.name);
        auto* field = new wxTextCtrl(
            m_optionsPanel, wxID_ANY,
            value == remembered.end() ? wxString() : wxString::FromUTF8(value->second),
            wxDefaultPosition, wxSize(FromDIP(320), -1), wxTE_PROCESS_ENTER);
        field->SetHint(description);
        field->SetToolTip(tip);
        field->SetName(wxString::FromUTF8(option.name));
        field->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { build(); });
        field->Bind(wxEVT_TEXT, [field](wxCommandEvent& event) {
            // Typing clears the mark a refused build left on the field.
            if (field->GetBackgroundColour() == missingBackground()) {
                field->SetBackgroundColour(wxNullColour);
                field->Refresh();
            }
            event.Skip();
        });
        // The second and later options of a row keep a gap from the field before them.
        const int gap = i % kOptionsPerRow == 0 ? 0 : FromDIP(16);
        grid->Add(label, 0, wxALIGN_CENTER_VERTICAL | wxLEFT, gap);
        grid->Add(field, 0, wxALIGN_CENTER_VERTICAL);
        m_optionFields.emplace_back(option.name, field);
    }
    auto* column = new wxBoxSizer(wxVERTICAL);
    column->Add(grid, 0);
    auto* legend = new wxStaticText(
        m_optionsPanel, wxID_ANY,
        m_workbench.tr(anyRequired ? "report.options_legend_required" : "report.options_legend"));
    legend->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
    column->Add(legend, 0, wxTOP, 4);
    m_optionsPanel->SetSizer(column);
    m_optionsPanel->Show();
}

wxTextCtrl* ReportPreview::optionField(const std::string& name) const {
    for (const auto& [option, field] : m_optionFields)
        if (option == name)
            return field;
    return nullptr;
}

bool ReportPreview::coreChoicesShown() const {
    return m_projectChoice->IsShown() && m_strategyChoice->IsShown();
}

bool ReportPreview::optionsFormShown() const {
    return m_optionsPanel->IsShown();
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
    for (std::size_t i = 0; i < m_entries.size(); ++i)
        if (!m_entries[i].isPlugin() && m_entries[i].coreName == name) {
            m_reportChoice->SetSelection(static_cast<int>(i));
            showChoice();
            return true;
        }
    return false;
}

bool ReportPreview::selectPluginReport(const std::string& pluginId, const std::string& reportId) {
    for (std::size_t i = 0; i < m_entries.size(); ++i)
        if (m_entries[i].pluginId == pluginId && m_entries[i].reportId == reportId) {
            m_reportChoice->SetSelection(static_cast<int>(i));
            showChoice();
            return true;
        }
    return false;
}

bool ReportPreview::selectProject(const std::string& code) {
    fillProjects();
    return m_projectChoice->SetStringSelection(wxString::FromUTF8(code));
}

std::string ReportPreview::reportName() const {
    const Entry& entry = chosen();
    if (!entry.isPlugin())
        return entry.coreName;
    // "bbc.m1" already says whose it is; "deal" becomes "regiodeal-deal".
    return entry.reportId.starts_with(entry.pluginId + ".") ? entry.reportId
                                                            : entry.pluginId + "-" + entry.reportId;
}

void ReportPreview::build() {
    if (!m_workbench.workspace())
        return;
    const Entry& entry = chosen();
    if (entry.isPlugin())
        buildPlugin(entry);
    else
        buildCore(entry.coreName);
}

std::function<void()> ReportPreview::finishBuild(int number, std::string name,
                                                 std::shared_ptr<Result<report::Report>> built) {
    // Called on the worker: it only builds the continuation; `this` is used when that runs.
    return [this, number, name = std::move(name), built = std::move(built)] {
        if (number != m_runNumber)
            return;
        if (!*built) {
            setRunning(false, {});
            if (built->error().code != "cancelled")
                showError(describe(built->error()));
            return;
        }
        m_report = std::make_shared<const report::Report>(std::move(*built).value());
        m_reportName = name;
        setRunning(false, label("report.built"));
        showReport();
    };
}

void ReportPreview::showBuildProgress(std::int64_t done, std::int64_t total,
                                      const std::string& label) {
    if (total > 0)
        m_gauge->SetValue(static_cast<int>(std::min<std::int64_t>(100, done * 100 / total)));
    else
        m_gauge->Pulse();
    m_statusShown = wxString::FromUTF8(label);
    m_status->SetLabel(m_statusShown);
    if (!m_status->IsShown()) {
        m_status->Show();
        Layout();
    }
}

void ReportPreview::buildPlugin(const Entry& entry) {
    const plugin::ReportDef* def = chosenPluginReport();
    if (!def)
        return;
    rememberOptions();
    // Empty fields are left out, as on the command line where the option is simply not given.
    const plugin::Options& typed = m_optionValues[entry.key()];
    plugin::Options options;
    for (const plugin::OptionDef& option : def->options) {
        const auto it = typed.find(option.name);
        const std::string value = it == typed.end() ? std::string() : trimmed(it->second);
        if (!value.empty()) {
            options[option.name] = value;
            continue;
        }
        if (!option.required)
            continue;
        if (wxTextCtrl* field = optionField(option.name)) {
            field->SetBackgroundColour(missingBackground());
            field->Refresh();
            field->SetFocus();
        }
        showError(label("report.option_missing",
                        {wxString::FromUTF8(def->title), wxString::FromUTF8(option.name),
                         wxString::FromUTF8(option.description)}));
        return;
    }
    if (m_job.running())
        cancel();
    const std::string path = m_workbench.workspace()->path();
    const std::string name = reportName();
    const std::string where = "plugin " + entry.pluginId + ", report " + entry.reportId;
    const int number = ++m_runNumber;
    setRunning(true, label("report.building"));
    // As for core reports (buildCore), the worker reads through its own read-only connection.
    // The builder is copied into the worker; its code stays loaded as long as the workbench's
    // plugin manager, which outlives this view (and so the job that waits for its workers).
    m_job.start(
        [this, number, path, name, where, options,
         buildReport = def->build](Progress& progress) -> std::function<void()> {
            auto reader = Workspace::open(path, true);
            if (!reader)
                return finishBuild(number, name,
                                   std::make_shared<Result<report::Report>>(reader.error()));
            return finishBuild(number, name,
                               std::make_shared<Result<report::Report>>(runPluginReport(
                                   buildReport, *reader.value(), options, progress, where)));
        },
        [this](std::int64_t done, std::int64_t total, const std::string& label) {
            showBuildProgress(done, total, label);
        });
}

void ReportPreview::buildCore(const std::string& name) {
    if (m_job.running())
        cancel();
    report::WorkspaceReportOptions options;
    options.project =
        m_projectCodes[static_cast<std::size_t>(std::max(0, m_projectChoice->GetSelection()))];
    options.strategy = alloc::builtinStrategyNames()[static_cast<std::size_t>(
        std::max(0, m_strategyChoice->GetSelection()))];
    const std::string path = m_workbench.workspace()->path();
    const int number = ++m_runNumber;
    setRunning(true, label("report.building"));
    // The worker reads through its own read-only connection to the same file (SQLite WAL lets
    // it read while the main thread keeps the workspace): the model stays on the main thread.
    m_job.start(
        [this, number, name, path, options](Progress& progress) -> std::function<void()> {
            auto reader = Workspace::open(path, true);
            if (!reader)
                return finishBuild(number, name,
                                   std::make_shared<Result<report::Report>>(reader.error()));
            return finishBuild(
                number, name,
                std::make_shared<Result<report::Report>>(
                    report::buildWorkspaceReport(*reader.value(), name, options, progress)));
        },
        [this](std::int64_t done, std::int64_t total, const std::string& label) {
            showBuildProgress(done, total, label);
        });
}

void ReportPreview::exportAs(const std::string& format) {
    if (!m_report) {
        showError(label("report.build_first"));
        return;
    }
    if (m_job.running())
        return;
    const wxString wildcard = format == "xlsx"  ? "Excel (*.xlsx)|*.xlsx"
                              : format == "pdf" ? "PDF (*.pdf)|*.pdf"
                                                : "CSV (*.csv)|*.csv";
    const wxString path =
        m_workbench.prompts().savePath(this, m_workbench.tr("report.export_title"),
                                       wxString::FromUTF8(m_reportName + "." + format), wildcard);
    if (path.empty())
        return;
    std::string file = path.ToStdString(wxConvUTF8);
    if (!file.ends_with("." + format))
        file += "." + format;
    const int number = ++m_runNumber;
    setRunning(true, label("report.exporting", {wxString::FromUTF8(file)}));
    m_job.start(
        [this, number, file, shown = m_report](Progress& progress) -> std::function<void()> {
            const Status written = report::writeReport(*shown, file, progress);
            return [this, number, file, written] {
                if (number != m_runNumber)
                    return;
                setRunning(false, {});
                if (!written) {
                    if (written.error().code != "cancelled")
                        showError(describe(written.error()));
                    return;
                }
                m_lastExport = file;
                showStatus(label("report.exported", {wxString::FromUTF8(file)}), false);
                m_workbench.report(Severity::Info, m_statusShown);
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
    setRunning(false, label("alloc.cancelled"));
}

ReportPreview::StatusText ReportPreview::label(std::string key, std::vector<wxString> args) const {
    return
        [this, key = std::move(key), args = std::move(args)] { return m_workbench.tr(key, args); };
}

void ReportPreview::showStatus(StatusText text, bool error) {
    m_statusText = std::move(text);
    m_status->SetForegroundColour(error ? *wxRED : GetForegroundColour());
    wrapStatus();
    Layout();
}

void ReportPreview::wrapStatus() {
    m_statusShown = m_statusText ? m_statusText() : wxString();
    m_status->SetLabel(m_statusShown);
    m_status->Show(!m_statusShown.empty());  // no empty line between the buttons and the text
    // Long messages (a refusal, an error's hint, an export path) wrap instead of running off
    // the right edge; the width follows the document (see the size handler).
    const int width = GetClientSize().x - FromDIP(16);
    if (width > FromDIP(200))
        m_status->Wrap(width);
}

void ReportPreview::setRunning(bool running, StatusText status) {
    m_buildButton->Enable(!running);
    m_cancelButton->Enable(running);
    for (wxButton* b : {m_xlsxButton, m_pdfButton, m_csvButton})
        b->Enable(!running && m_report);
    if (running)
        m_gauge->Pulse();
    else
        m_gauge->SetValue(0);
    showStatus(std::move(status), false);
}

void ReportPreview::showError(StatusText text) {
    showStatus(std::move(text), true);
    m_workbench.report(Severity::Error, m_statusShown);
}

void ReportPreview::showError(const wxString& text) {
    showError([text] { return text; });
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
