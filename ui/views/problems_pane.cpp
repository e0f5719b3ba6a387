// Problems pane: a report list of findings.
#include "ui/views/problems_pane.h"

#include <wx/sizer.h>

#include "core/plugin/plugin_manager.h"
#include "core/store/workspace.h"
#include "core/store/workspace_checks.h"
#include "ui/app/workbench.h"

namespace kk::ui {

namespace {
/// Rows the list shows at most.
constexpr long kShownFindings = 2000;
}  // namespace

ProblemsPane::ProblemsPane(wxWindow* parent, Workbench& workbench)
    : wxPanel(parent),
      m_workbench(workbench),
      m_job(workbench.mainQueue(), BackgroundJob::Priority::Low) {
    m_list = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                            wxLC_REPORT | wxLC_SINGLE_SEL);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(m_list, 1, wxEXPAND);
    SetSizer(sizer);
    m_list->Bind(wxEVT_LIST_ITEM_ACTIVATED,
                 [this](wxListEvent& event) { activate(event.GetIndex()); });
    retranslate();  // columns only: the frame runs the checks when it shows a workspace
}

void ProblemsPane::retranslate() {
    m_list->ClearAll();
    const std::pair<const char*, int> columns[] = {{"problems.severity", 110},
                                                   {"problems.object", 150},
                                                   {"problems.field", 100},
                                                   {"problems.message", 300},
                                                   {"problems.hint", 280}};
    int i = 0;
    for (const auto& [key, width] : columns)
        m_list->InsertColumn(i++, m_workbench.tr(key), wxLIST_FORMAT_LEFT, width);
    show();  // the findings are kept; only their labels change language
}

void ProblemsPane::refresh(std::function<void()> then) {
    Workspace* ws = m_workbench.workspace();
    if (!ws) {
        m_job.cancel();
        m_findings.clear();
        m_list->DeleteAllItems();
        if (then)
            then();
        return;
    }
    m_job.start(
        [this, path = ws->path(), plugins = &m_workbench.plugins(),
         then](Progress&) -> std::function<void()> {
            auto reader = Workspace::open(path, true);
            if (!reader)
                return [this, e = reader.error()] { m_workbench.reportError(e); };
            auto findings = std::make_shared<std::vector<Finding>>(checkWorkspace(*reader.value()));
            // The programme plugins' own checks, as `koppelkans-cli check` runs them. The
            // plugin manager lives as long as the workbench, which outlives this pane's job.
            try {
                auto more = plugins->validate(*reader.value());
                findings->insert(findings->end(), more.begin(), more.end());
            } catch (const KkError& e) {
                findings->push_back({Severity::Warning, "plugin", 0, "",
                                     "a plugin check could not run: " + e.error().message(),
                                     "Extra › Plug-ins shows the loaded plug-ins"});
            }
            return [this, findings, then] {
                m_findings = std::move(*findings);
                show();
                if (then)
                    then();
            };
        },
        {});
}

void ProblemsPane::show() {
    m_list->DeleteAllItems();
    long row = 0;
    for (const auto& f : m_findings) {
        // Thousands of rows only slow the list down; the count says how many there are.
        if (row == kShownFindings)
            break;
        m_list->InsertItem(row, m_workbench.tr("severity." + std::string(toCode(f.severity))));
        m_list->SetItem(row, 1,
                        m_workbench.tr("entity." + f.entity) +
                            wxString::Format(" %lld", static_cast<long long>(f.id)));
        m_list->SetItem(row, 2, wxString::FromUTF8(f.field));
        m_list->SetItem(row, 3, wxString::FromUTF8(f.message));
        m_list->SetItem(row, 4, wxString::FromUTF8(f.hint));
        if (f.severity == Severity::Error)
            m_list->SetItemTextColour(row, wxColour(170, 0, 0));
        ++row;
    }
}

void ProblemsPane::activate(long row) {
    if (row < 0 || row >= static_cast<long>(m_findings.size()) || !onOpen)
        return;
    const Finding& f = m_findings[static_cast<std::size_t>(row)];
    onOpen(f.entity, f.id);
}

}  // namespace kk::ui
