// Plug-ins document: the plug-in list, their contributions and their commands.
#include "ui/views/plugins_view.h"

#include <algorithm>

#include <wx/cmdline.h>
#include <wx/sizer.h>

#include "core/plugin/plugin_manager.h"
#include "core/store/workspace.h"
#include "ui/app/workbench.h"

namespace kk::ui {
namespace {

wxString u(const std::string& s) {
    return wxString::FromUTF8(s);
}

}  // namespace

PluginsView::PluginsView(wxWindow* parent, Workbench& workbench, std::int64_t)
    : DocumentView(parent, workbench) {
    buildLayout();
    retranslate();
}

void PluginsView::buildLayout() {
    m_heading = new wxStaticText(this, wxID_ANY, "");
    m_heading->SetFont(m_heading->GetFont().Bold().Larger());
    m_plugins = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxSize(-1, 170),
                               wxLC_REPORT | wxLC_SINGLE_SEL);
    m_details = new wxStaticText(this, wxID_ANY, "");
    m_commandLabel = new wxStaticText(this, wxID_ANY, "");
    m_commands = new wxChoice(this, wxID_ANY);
    m_synopsis = new wxStaticText(this, wxID_ANY, "");
    m_argumentsLabel = new wxStaticText(this, wxID_ANY, "");
    m_arguments =
        new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, wxTE_PROCESS_ENTER);
    m_run = new wxButton(this, wxID_ANY, "");
    m_output = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize,
                              wxTE_MULTILINE | wxTE_READONLY | wxTE_DONTWRAP);
    m_output->SetFont(wxFontInfo(10).Family(wxFONTFAMILY_TELETYPE));

    auto* command = new wxBoxSizer(wxHORIZONTAL);
    command->Add(m_commandLabel, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 6);
    command->Add(m_commands, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 12);
    command->Add(m_argumentsLabel, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 6);
    command->Add(m_arguments, 1, wxALIGN_CENTER_VERTICAL | wxRIGHT, 6);
    command->Add(m_run, 0, wxALIGN_CENTER_VERTICAL);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(m_heading, 0, wxALL, 8);
    sizer->Add(m_plugins, 0, wxEXPAND | wxLEFT | wxRIGHT, 8);
    sizer->Add(m_details, 0, wxEXPAND | wxALL, 8);
    sizer->Add(command, 0, wxEXPAND | wxLEFT | wxRIGHT, 8);
    sizer->Add(m_synopsis, 0, wxEXPAND | wxALL, 8);
    sizer->Add(m_output, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 8);
    SetSizer(sizer);

    m_plugins->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent&) { showPlugin(); });
    m_commands->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { showCommand(); });
    m_run->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { runCommand(); });
    m_arguments->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { runCommand(); });
}

wxString PluginsView::title() const {
    return m_workbench.tr("plugins.tab");
}

void PluginsView::retranslate() {
    const std::string keep = selectedPlugin();
    m_heading->SetLabel(m_workbench.tr("plugins.heading"));
    m_commandLabel->SetLabel(m_workbench.tr("plugins.command"));
    m_argumentsLabel->SetLabel(m_workbench.tr("plugins.arguments"));
    m_run->SetLabel(m_workbench.tr("plugins.run"));
    m_plugins->ClearAll();
    const std::pair<const char*, int> columns[] = {{"plugins.col.id", 150},
                                                   {"plugins.col.version", 70},
                                                   {"plugins.col.state", 110},
                                                   {"plugins.col.name", 330},
                                                   {"plugins.col.reason", 420}};
    int i = 0;
    for (const auto& [key, width] : columns)
        m_plugins->InsertColumn(i++, m_workbench.tr(key), wxLIST_FORMAT_LEFT, width);
    fillPlugins();
    if (!keep.empty())
        selectPlugin(keep);
    showPlugin();
    Layout();
}

void PluginsView::fillPlugins() {
    m_plugins->DeleteAllItems();
    long row = 0;
    for (const auto& p : m_workbench.plugins().plugins()) {
        const bool loaded = p.state == plugin::PluginState::Loaded;
        m_plugins->InsertItem(row, u(p.id));
        m_plugins->SetItem(row, 1, u(p.version));
        m_plugins->SetItem(row, 2, m_workbench.tr(loaded ? "plugins.loaded" : "plugins.refused"));
        m_plugins->SetItem(row, 3, u(p.name));
        m_plugins->SetItem(row, 4, loaded ? wxString() : describe(p.reason));
        if (!loaded)
            m_plugins->SetItemTextColour(row, wxColour(170, 0, 0));
        ++row;
    }
    if (row > 0)
        m_plugins->SetItemState(0, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
}

std::string PluginsView::selectedPlugin() const {
    const long row = m_plugins->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    const auto& all = m_workbench.plugins().plugins();
    if (row < 0 || static_cast<std::size_t>(row) >= all.size())
        return {};
    return all[static_cast<std::size_t>(row)].id;
}

bool PluginsView::selectPlugin(const std::string& id) {
    const auto& all = m_workbench.plugins().plugins();
    for (std::size_t i = 0; i < all.size(); ++i)
        if (all[i].id == id) {
            m_plugins->SetItemState(static_cast<long>(i), wxLIST_STATE_SELECTED,
                                    wxLIST_STATE_SELECTED);
            showPlugin();
            return true;
        }
    return false;
}

void PluginsView::showPlugin() {
    const std::string id = selectedPlugin();
    const plugin::PluginRecord* record = m_workbench.plugins().find(id);
    m_commands->Clear();
    m_commandNames.clear();
    if (!record) {
        m_details->SetLabel(m_workbench.tr("plugins.none"));
        showCommand();
        return;
    }
    // What it contributes, counted from the registry (a refused plug-in registered nothing).
    const plugin::Registry& reg = m_workbench.plugins().registry();
    auto count = [&id](const auto& list) {
        return static_cast<long>(std::count_if(list.begin(), list.end(),
                                               [&id](const auto& c) { return c.pluginId == id; }));
    };
    wxString details = u(record->description);
    details += "\n" + m_workbench.tr("plugins.contributes",
                                     {wxString::Format("%ld", count(reg.programmeTypes)),
                                      wxString::Format("%ld", count(reg.reports)),
                                      wxString::Format("%ld", count(reg.validators)),
                                      wxString::Format("%ld", count(reg.commands)),
                                      wxString::Format("%ld", count(reg.allocationHooks))});
    details += "\n" + m_workbench.tr("plugins.folder", {u(record->folder)});
    m_details->SetLabel(details);
    m_details->Wrap(std::max(400, GetClientSize().GetWidth() - 24));
    for (const auto& c : reg.commands)
        if (c.pluginId == id) {
            m_commandNames.push_back(c.item.name);
            m_commands->Append(u(c.item.name));
        }
    if (!m_commandNames.empty())
        m_commands->SetSelection(0);
    showCommand();
    Layout();
}

bool PluginsView::selectCommand(const std::string& name) {
    for (std::size_t i = 0; i < m_commandNames.size(); ++i)
        if (m_commandNames[i] == name) {
            m_commands->SetSelection(static_cast<int>(i));
            showCommand();
            return true;
        }
    return false;
}

void PluginsView::showCommand() {
    const int i = m_commands->GetSelection();
    const bool any = i >= 0 && static_cast<std::size_t>(i) < m_commandNames.size();
    m_run->Enable(any && m_workbench.workspace() != nullptr);
    m_arguments->Enable(any);
    if (!any) {
        m_synopsis->SetLabel(m_workbench.tr("plugins.no_commands"));
        return;
    }
    const plugin::Command* c = m_workbench.plugins().findCommand(
        selectedPlugin(), m_commandNames[static_cast<std::size_t>(i)]);
    if (!c)
        return;
    m_synopsis->SetLabel(u(c->description) + "\n" +
                         m_workbench.tr("plugins.synopsis", {u(c->name + " " + c->synopsis)}));
    m_synopsis->Wrap(std::max(400, GetClientSize().GetWidth() - 24));
    Layout();
}

void PluginsView::setArguments(const wxString& text) {
    m_arguments->ChangeValue(text);
}

bool PluginsView::runCommand() {
    Workspace* ws = m_workbench.workspace();
    const int i = m_commands->GetSelection();
    if (!ws || i < 0 || static_cast<std::size_t>(i) >= m_commandNames.size())
        return false;
    const std::string id = selectedPlugin();
    const std::string name = m_commandNames[static_cast<std::size_t>(i)];
    const plugin::Command* command = m_workbench.plugins().findCommand(id, name);
    if (!command)
        return false;
    // The arguments as a shell would split them: quotes keep "two words" together.
    std::vector<std::string> args;
    for (const wxString& a :
         wxCmdLineParser::ConvertStringToArgs(m_arguments->GetValue(), wxCMD_LINE_SPLIT_UNIX))
        args.push_back(a.ToStdString(wxConvUTF8));
    Result<plugin::CommandOutput> out = makeError("plugin.failed", "the command did not run");
    try {
        out = command->run(args, *ws);
    } catch (const KkError& e) {
        out = e.error();
    } catch (const std::exception& e) {
        out = makeError("plugin.failed", e.what(), id + " " + name,
                        "report this to the plug-in's maintainer");
    }
    const wxString heading = "> " + u(id + " " + name + " ") + m_arguments->GetValue() + "\n";
    if (!out) {
        const wxString text = describe(out.error());
        m_output->ChangeValue(heading + m_workbench.tr("plugins.failed", {text}));
        m_workbench.report(Severity::Error, u(id + " " + name + ": ") + text);
        return false;
    }
    wxString text = u(out.value().text);
    if (text.empty())
        text = m_workbench.tr("plugins.done");
    m_output->ChangeValue(heading + text);
    m_workbench.report(Severity::Info, m_workbench.tr("plugins.ran", {u(id + " " + name),
                                                                      m_arguments->GetValue()}));
    return true;
}

bool PluginsView::handleCommand(std::string_view commandId) {
    if (commandId == "document.run")
        return runCommand(), true;
    return false;
}

bool PluginsView::canHandleCommand(std::string_view commandId) const {
    return commandId == "document.run" && m_workbench.workspace() &&
           m_commands->GetSelection() >= 0;
}

}  // namespace kk::ui
