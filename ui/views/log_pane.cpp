// Log pane: session messages and the audit trail.
#include "ui/views/log_pane.h"

#include <algorithm>

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
    addColumns();  // the frame fills the list when it shows the workspace
}

void LogPane::retranslate() {
    addColumns();
    show();
}

void LogPane::addColumns() {
    m_list->ClearAll();
    const std::pair<const char*, int> columns[] = {
        {"log.time", 165}, {"log.who", 80}, {"log.what", 360}, {"log.state", 130}};
    int i = 0;
    for (const auto& [key, width] : columns)
        m_list->InsertColumn(i++, m_workbench.tr(key), wxLIST_FORMAT_LEFT, width);
}

void LogPane::addMessage(Severity severity, const wxString& text) {
    m_messages.insert(m_messages.begin(), {wxDateTime::Now(), severity, text});
    if (m_messages.size() > kMaxMessages)
        m_messages.pop_back();
    show();  // the audit trail did not change: no need to read it again
}

void LogPane::refresh() {
    m_audit.clear();
    if (Workspace* ws = m_workbench.workspace()) {
        for (const auto& entry : ws->log(100)) {
            wxDateTime at;
            wxString iso = wxString::FromUTF8(entry.at);
            iso.Replace("Z", "");
            if (at.ParseISOCombined(iso.BeforeFirst('.')))
                at.MakeFromUTC();
            m_audit.push_back(
                {at, wxString::FromUTF8(entry.user), wxString::FromUTF8(entry.label), entry.state});
        }
    }
    show();
}

void LogPane::show() {
    // Session messages and audit entries in one list, newest first, in local time.
    struct Line {
        wxDateTime time;
        wxString who, what, state;
        wxColour colour;
    };
    std::vector<Line> lines;
    for (const auto& m : m_messages)
        lines.push_back({m.time, "", m.text,
                         m_workbench.tr("severity." + std::string(toCode(m.severity))),
                         m.severity == Severity::Error ? wxColour(170, 0, 0) : wxColour()});
    for (const auto& e : m_audit)
        lines.push_back(
            {e.time, e.who, e.what, m_workbench.tr("audit." + e.state), wxColour(60, 60, 60)});
    std::stable_sort(lines.begin(), lines.end(), [](const Line& a, const Line& b) {
        return a.time.IsValid() && b.time.IsValid() && a.time.IsLaterThan(b.time);
    });
    m_list->Freeze();
    m_list->DeleteAllItems();
    long row = 0;
    for (const auto& line : lines) {
        m_list->InsertItem(row, line.time.IsValid() ? line.time.Format("%Y-%m-%d %H:%M:%S") : "");
        m_list->SetItem(row, 1, line.who);
        m_list->SetItem(row, 2, line.what);
        m_list->SetItem(row, 3, line.state);
        if (line.colour.IsOk())
            m_list->SetItemTextColour(row, line.colour);
        ++row;
    }
    m_list->Thaw();
}

}  // namespace kk::ui
