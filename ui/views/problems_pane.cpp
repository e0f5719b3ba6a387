// Problems pane: a report list of findings.
#include "ui/views/problems_pane.h"

#include <wx/sizer.h>

#include "ui/app/workbench.h"
#include "ui/views/workspace_checks.h"

namespace kk::ui {

ProblemsPane::ProblemsPane(wxWindow* parent, Workbench& workbench)
    : wxPanel(parent), m_workbench(workbench) {
    m_list = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                            wxLC_REPORT | wxLC_SINGLE_SEL);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(m_list, 1, wxEXPAND);
    SetSizer(sizer);
    m_list->Bind(wxEVT_LIST_ITEM_ACTIVATED,
                 [this](wxListEvent& event) { activate(event.GetIndex()); });
    retranslate();
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
    refresh();
}

void ProblemsPane::refresh() {
    m_findings.clear();
    if (Workspace* ws = m_workbench.workspace())
        m_findings = checkWorkspace(*ws);
    m_list->DeleteAllItems();
    long row = 0;
    for (const auto& f : m_findings) {
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
