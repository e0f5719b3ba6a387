// The navigator pane: a choice of list (projects, areas, coalitions, programmes & calls, funds),
// a search box, and a wxDataViewCtrl over a virtual model. Activating a row opens its document.
#pragma once

#include <functional>

#include <wx/choice.h>
#include <wx/dataview.h>
#include <wx/panel.h>
#include <wx/srchctrl.h>
#include <wx/stattext.h>

#include "core/base/signal.h"
#include "ui/app/background_job.h"
#include "ui/views/entity_lists.h"
#include "ui/views/list_model.h"

namespace kk::ui {

class Workbench;

class Navigator : public wxPanel {
  public:
    Navigator(wxWindow* parent, Workbench& workbench);
    ~Navigator() override;

    /// Rebuilds the list from the workspace (empty when none is open).
    void reload();
    /// Rebuilds the list on a worker thread over its own read-only connection, so a freshly
    /// opened large workspace shows its window while the list is read; "loading" until then.
    /// A reload() in the meantime wins. `then` runs on the main thread once the read is over,
    /// whether its rows were shown, superseded or failed.
    void reloadInBackground(std::function<void()> then = {});
    bool loading() const { return m_loading; }
    void showKind(ListKind kind);
    ListKind kind() const { return m_kind; }
    void retranslate();
    /// Puts the keyboard focus in the search box.
    void focusSearch();
    void setFilter(const wxString& text);

    /// Shows and selects an object ("project", "area"...), switching lists when needed.
    /// Returns false when no list row shows it.
    bool selectObject(const std::string& entity, std::int64_t id);
    /// The selected row, or nullptr.
    const ListRow* selectedRow() const;
    EntityListModel& model() { return *m_model; }
    wxDataViewCtrl& view() { return *m_view; }

    /// Called with (entity, id) when the user activates a row (double-click or Enter).
    std::function<void(const std::string&, std::int64_t)> onOpen;

  private:
    void applyLabels();
    void show(EntityList list);
    void rebuildColumns();
    void updateCount();

    Workbench& m_workbench;
    ListKind m_kind = ListKind::Projects;
    wxObjectDataPtr<EntityListModel> m_model;  // reference counted, shared with the control
    // Children, owned by this panel (wx parent ownership).
    wxChoice* m_kindChoice = nullptr;
    wxSearchCtrl* m_search = nullptr;
    wxDataViewCtrl* m_view = nullptr;
    wxStaticText* m_count = nullptr;
    Signal<const void*, const std::string&, std::int64_t>::Connection m_selection;
    bool m_selecting = false;   ///< selecting on request: do not echo the selection back
    BackgroundJob m_job;        ///< the background reload
    unsigned m_generation = 0;  ///< counts reloads: a background result for an older one is dropped
    bool m_loading = false;
};

}  // namespace kk::ui
