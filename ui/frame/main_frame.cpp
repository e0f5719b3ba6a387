// Main window layout and command forwarding.
#include "ui/frame/main_frame.h"

#include <wx/accel.h>
#include <wx/msgdlg.h>

#include "core/store/repositories.h"
#include "ui/app/background_job.h"
#include "ui/app/serve_controller.h"
#include "ui/app/workbench.h"
#include "ui/commands/builtin_commands.h"
#include "ui/commands/editor_commands.h"
#include "ui/commands/menu_builder.h"
#include "ui/commands/view_commands.h"
#include "ui/map/map_view.h"
#include "ui/views/allocation_view.h"
#include "ui/views/document_area.h"
#include "ui/views/log_pane.h"
#include "ui/views/navigator.h"
#include "ui/views/plugins_view.h"
#include "ui/views/problems_pane.h"
#include "ui/views/project_editor.h"
#include "ui/views/report_preview.h"
#include "ui/views/script_editor.h"

namespace kk::ui {

MainFrame::MainFrame(Workbench& workbench)
    : wxFrame(nullptr, wxID_ANY, workbench.tr("app.name"), wxDefaultPosition, wxSize(1500, 920)),
      m_workbench(workbench) {
    m_aui.SetManagedWindow(this);
    m_navigator = new Navigator(this, m_workbench);
    m_problems = new ProblemsPane(this, m_workbench);
    m_countJob =
        std::make_unique<BackgroundJob>(m_workbench.mainQueue(), BackgroundJob::Priority::Low);
    readLists();  // started early: the list is read while the rest of the window is built
    m_documents = new DocumentArea(this, m_workbench);
    m_log = new LogPane(this, m_workbench);
    m_toolbar = CreateToolBar(wxTB_HORIZONTAL | wxTB_FLAT);
    CreateStatusBar(3);
    const int widths[] = {-3, -2, -3};
    SetStatusWidths(3, widths);

    // Document types; each factory returns a page owned by the notebook.
    m_documents->registerType("project", [](wxWindow* parent, Workbench& wb, std::int64_t id) {
        return new ProjectEditor(parent, wb, id);
    });
    m_documents->registerType("allocation", [](wxWindow* parent, Workbench& wb, std::int64_t id) {
        return new AllocationView(parent, wb, id);
    });
    m_documents->registerType("map", [](wxWindow* parent, Workbench& wb, std::int64_t id) {
        return new MapView(parent, wb, id);
    });
    m_documents->registerType("plugins", [](wxWindow* parent, Workbench& wb, std::int64_t id) {
        return new PluginsView(parent, wb, id);
    });
    m_documents->registerType("report", [](wxWindow* parent, Workbench& wb, std::int64_t id) {
        return new ReportPreview(parent, wb, id);
    });
    m_serve = std::make_unique<ServeController>(m_workbench);
    auto open = [this](const std::string& entity, std::int64_t id) {
        m_documents->openObject(entity, id);
    };
    m_navigator->onOpen = open;
    m_problems->onOpen = open;

    registerBuiltinCommands(m_workbench, *this);
    registerViewCommands(m_workbench, *this);
    registerEditorCommands(m_workbench, *this);
    applyMenuSpec(m_workbench.menuSpec(), m_workbench.commands());
    for (const auto& problem : checkMenuSpec(m_workbench.menuSpec(), m_workbench.commands()))
        m_log->addMessage(Severity::Info, wxString::FromUTF8(problem));
    layoutPanes();
    rebuildMenus();
    // wxAUI sizes a new dock from the panes' minimum sizes, not their best sizes: open the
    // navigator wide enough for its columns, then let the user shrink it again.
    m_aui.GetPane("navigator").MinSize(560, 200);
    m_aui.Update();
    m_aui.GetPane("navigator").MinSize(320, 200);
    m_aui.Update();

    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent& event) {
            if (Command* c = m_workbench.commands().findByWxId(event.GetId()))
                m_workbench.commands().execute(c->id);
        },
        CommandRegistry::firstWxId(), CommandRegistry::lastWxId());
    Bind(
        wxEVT_UPDATE_UI,
        [this](wxUpdateUIEvent& event) {
            if (Command* c = m_workbench.commands().findByWxId(event.GetId()))
                event.Enable(m_workbench.commands().isEnabled(c->id));
        },
        CommandRegistry::firstWxId(), CommandRegistry::lastWxId());
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent& event) {
            const wxString path = m_workbench.recentFiles().GetHistoryFile(
                static_cast<size_t>(event.GetId() - wxID_FILE1));
            if (path.empty() || !confirmDiscardChanges())
                return;
            if (auto s = m_workbench.openWorkspace(path.ToStdString(wxConvUTF8)); !s) {
                m_workbench.reportError(s.error());
                m_workbench.recentFiles().RemoveFileFromHistory(
                    static_cast<size_t>(event.GetId() - wxID_FILE1));
            }
        },
        wxID_FILE1, wxID_FILE9);
    Bind(wxEVT_CLOSE_WINDOW, [this](wxCloseEvent& event) {
        if (event.CanVeto() && !confirmDiscardChanges()) {
            event.Veto();
            return;
        }
        Destroy();
    });
    m_documents->Bind(wxEVT_AUINOTEBOOK_PAGE_CHANGED, [this](wxAuiNotebookEvent& event) {
        refreshCommands();
        event.Skip();
    });

    m_swapped = m_workbench.workspaceSwapped.connect([this] { onWorkspaceSwapped(); });
    m_language = m_workbench.languageChanged.connect([this] { retranslate(); });
    m_messages = m_workbench.message.connect([this](Severity severity, const wxString& text) {
        m_log->addMessage(severity, text);
        setStatusMessage(text);
    });
    for (const auto& [severity, text] : m_workbench.takeUnheardMessages()) {
        m_log->addMessage(severity, text);
        if (severity == Severity::Error)
            setStatusMessage(text);  // e.g. the workspace named on the command line would not open
    }
    showWorkspace();
}

MainFrame::~MainFrame() {
    m_serve.reset();  // before the panes go: pending server tasks may still reach the model
    if (m_recentMenu)
        m_workbench.recentFiles().RemoveMenu(m_recentMenu);
    m_aui.UnInit();
}

void MainFrame::layoutPanes() {
    m_aui.AddPane(m_navigator, wxAuiPaneInfo()
                                   .Name("navigator")
                                   .Left()
                                   .BestSize(640, 600)
                                   .MinSize(320, 200)
                                   .CloseButton(true)
                                   .MaximizeButton(false));
    m_aui.AddPane(m_documents, wxAuiPaneInfo().Name("documents").CenterPane().PaneBorder(false));
    m_aui.AddPane(
        m_problems,
        wxAuiPaneInfo().Name("problems").Bottom().Position(0).BestSize(700, 190).MinSize(200, 100));
    m_aui.AddPane(
        m_log,
        wxAuiPaneInfo().Name("log").Bottom().Position(1).BestSize(600, 190).MinSize(200, 100));
    retranslate();
}

void MainFrame::retranslate() {
    m_aui.GetPane("navigator").Caption(m_workbench.tr("pane.navigator"));
    m_aui.GetPane("problems").Caption(m_workbench.tr("pane.problems"));
    m_aui.GetPane("log").Caption(m_workbench.tr("pane.log"));
    if (GetMenuBar()) {
        rebuildMenus();
        m_navigator->retranslate();
        m_problems->retranslate();
        m_log->retranslate();
        m_documents->retranslate();
    }
    m_aui.Update();
    updateTitleAndStatus();
}

void MainFrame::rebuildMenus() {
    wxMenuBar* old = GetMenuBar();
    if (m_recentMenu)
        m_workbench.recentFiles().RemoveMenu(m_recentMenu);
    wxMenuBar* bar = buildMenuBar(m_workbench.menuSpec(), m_workbench.commands(),
                                  m_workbench.catalog(), &m_recentMenu);
    SetMenuBar(bar);
    delete old;  // detached from the frame by SetMenuBar, so no wx parent deletes it any more
    if (m_recentMenu) {
        m_workbench.recentFiles().UseMenu(m_recentMenu);
        m_workbench.recentFiles().AddFilesToMenu(m_recentMenu);
    }
    const auto accelerators = extraAccelerators(m_workbench.menuSpec(), m_workbench.commands());
    SetAcceleratorTable(
        wxAcceleratorTable(static_cast<int>(accelerators.size()), accelerators.data()));
    fillToolBar(*m_toolbar, m_workbench.menuSpec(), m_workbench.commands(), m_workbench.catalog());
    refreshCommands();
}

void MainFrame::refreshCommands() {
    if (wxMenuBar* bar = GetMenuBar())
        refreshMenuBar(*bar, m_workbench.commands(), m_workbench.catalog());
    refreshToolBar(*m_toolbar, m_workbench.commands(), m_workbench.catalog());
}

void MainFrame::togglePane(const std::string& name) {
    wxAuiPaneInfo& pane = m_aui.GetPane(name);
    if (!pane.IsOk())
        return;
    pane.Show(!pane.IsShown());
    m_aui.Update();
}

void MainFrame::showPane(const std::string& name) {
    wxAuiPaneInfo& pane = m_aui.GetPane(name);
    if (!pane.IsOk())
        return;
    if (!pane.IsShown()) {
        pane.Show();
        m_aui.Update();
    }
    pane.window->SetFocus();
}

void MainFrame::setStatusMessage(const wxString& text) {
    SetStatusText(text, 0);
}

bool MainFrame::confirmDiscardChanges() {
    if (!m_documents->hasModified())
        return true;
    return wxMessageBox(m_workbench.tr("app.discard_changes"), m_workbench.tr("app.name"),
                        wxYES_NO | wxNO_DEFAULT | wxICON_WARNING, this) == wxYES;
}

void MainFrame::onWorkspaceSwapped() {
    readLists();
    showWorkspace();
}

void MainFrame::readLists() {
    // The project list of a large workspace is read on a worker thread while the window is
    // built and painted; its rows arrive through the event loop. The workspace check, the
    // other long read, waits for it: on two cores, running both at once (with the X server)
    // delayed the filled navigator by tens of milliseconds. So do the status bar's counts.
    // Without a workspace the callback runs at once: the constructor makes the problems pane
    // and the count job before it calls this.
    m_navigator->reloadInBackground([this] {
        m_problems->refresh();
        countInBackground();
    });
}

void MainFrame::showWorkspace() {
    m_counts.reset();  // the new workspace's are counted once its list is read
    m_documents->closeAll();
    m_changed = {};
    if (Workspace* ws = m_workbench.workspace())
        m_changed = ws->changed.connect([this](const ChangeNotice& n) { onWorkspaceChanged(n); });
    m_log->refresh();
    refreshCommands();
    updateTitleAndStatus();
}

void MainFrame::onWorkspaceChanged(const ChangeNotice& notice) {
    m_documents->workspaceChanged(notice);
    m_navigator->reload();
    m_problems->refresh();
    m_log->refresh();
    refreshCommands();
    countInBackground();
    updateTitleAndStatus();
    const char* key = notice.kind == ChangeNotice::Kind::Undo   ? "status.undone"
                      : notice.kind == ChangeNotice::Kind::Redo ? "status.redone"
                                                                : "status.saved";
    setStatusMessage(m_workbench.tr(key, {wxString::FromUTF8(notice.label)}));
}

void MainFrame::updateTitleAndStatus() {
    Workspace* ws = m_workbench.workspace();
    if (!ws) {
        SetTitle(m_workbench.tr("app.name"));
        SetStatusText(m_workbench.tr("status.no_workspace"), 1);
        SetStatusText("", 2);
        return;
    }
    const wxString path = wxString::FromUTF8(ws->path());
    SetTitle(m_workbench.tr("app.name") + wxString::FromUTF8(" — ") + wxFileNameFromPath(path));
    showCounts();
    SetStatusText(path, 2);
}

void MainFrame::countInBackground() {
    Workspace* ws = m_workbench.workspace();
    if (!ws) {
        m_countJob->cancel();
        return;
    }
    m_countJob->start(
        [this, path = ws->path()](Progress&) -> std::function<void()> {
            auto reader = Workspace::open(path, true);
            if (!reader)
                return [] {};  // the status bar keeps "counting…"; the navigator reports it
            const std::array<std::int64_t, 3> counts{
                Repository<Project>(*reader.value()).count(),
                Repository<CostItem>(*reader.value()).count(),
                Repository<Programme>(*reader.value()).count()};
            return [this, counts] {
                m_counts = counts;
                showCounts();
            };
        },
        {});
}

void MainFrame::showCounts() {
    if (!m_workbench.workspace())
        return;
    if (!m_counts) {
        SetStatusText(m_workbench.tr("status.counting"), 1);
        return;
    }
    auto text = [](std::int64_t n) { return wxString::Format("%lld", static_cast<long long>(n)); };
    SetStatusText(m_workbench.tr("status.counts", {text((*m_counts)[0]), text((*m_counts)[1]),
                                                   text((*m_counts)[2])}),
                  1);
}

}  // namespace kk::ui
