// Log pane: session messages and the audit trail.
#include "ui/views/log_pane.h"

#include <wx/datetime.h>
#include <wx/sizer.h>

#include "core/store/workspace.h"
#include "ui/app/workbench.h"

namespace kk::ui {
namespace {
constexpr std::size_t kMaxMessages = 200;
}

LogPane::LogPane(wxWindow* parent, Workbench& workbench) : wxPanel(parent), m_workbench(workbench) {
    m_list = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                            wxLC_REPORT | wxLC_SINGLE_SEL);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(m_list, 1, wxEXPAND);
    SetSizer(sizer);
    retranslate();
}

void LogPane::retranslate() {
    m_list->ClearAll();
    const std::pair<const char*, int> columns[] = {
        {"log.time", 150}, {"log.who", 90}, {"log.what", 330}, {"log.state", 110}};
    int i = 0;
    for (const auto& [key, width] : columns)
        m_list->InsertColumn(i++, m_workbench.tr(key), wxLIST_FORMAT_LEFT, width);
    refresh();
}

void LogPane::addMessage(Severity severity, const wxString& text) {
    m_messages.insert(m_messages.begin(),
                      {wxDateTime::Now().FormatISOCombined(' '), severity, text});
    if (m_messages.size() > kMaxMessages)
        m_messages.pop_back();
    refresh();
}

void LogPane::refresh() {
    m_list->Freeze();
    m_list->DeleteAllItems();
    long row = 0;
    for (const auto& m : m_messages) {
        m_list->InsertItem(row, m.time);
        m_list->SetItem(row, 1, "");
        m_list->SetItem(row, 2, m.text);
        m_list->SetItem(row, 3, m_workbench.tr("severity." + std::string(toCode(m.severity))));
        if (m.severity == Severity::Error)
            m_list->SetItemTextColour(row, wxColour(170, 0, 0));
        ++row;
    }
    if (Workspace* ws = m_workbench.workspace()) {
        for (const auto& entry : ws->log(100)) {
            wxString at = wxString::FromUTF8(entry.at);
            at.Replace("T", " ");
            m_list->InsertItem(row, at);
            m_list->SetItem(row, 1, wxString::FromUTF8(entry.user));
            m_list->SetItem(row, 2, wxString::FromUTF8(entry.label));
            m_list->SetItem(row, 3, m_workbench.tr("audit." + entry.state));
            m_list->SetItemTextColour(row, wxColour(60, 60, 60));
            ++row;
        }
    }
    m_list->Thaw();
}

}  // namespace kk::ui
