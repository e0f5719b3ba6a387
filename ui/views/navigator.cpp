// Navigator pane: list choice, search, sortable virtual list.
#include "ui/views/navigator.h"

#include <memory>
#include <optional>

#include <wx/sizer.h>

#include "core/store/workspace.h"
#include "ui/app/workbench.h"

namespace kk::ui {

Navigator::Navigator(wxWindow* parent, Workbench& workbench)
    : wxPanel(parent),
      m_workbench(workbench),
      m_model(new EntityListModel),
      m_job(workbench.mainQueue()) {
    m_kindChoice = new wxChoice(this, wxID_ANY);
    m_search =
        new wxSearchCtrl(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, wxTE_PROCESS_ENTER);
    m_search->ShowCancelButton(true);
    m_view = new wxDataViewCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                wxDV_ROW_LINES | wxDV_SINGLE | wxDV_HORIZ_RULES);
    m_view->AssociateModel(m_model.get());
    m_count = new wxStaticText(this, wxID_ANY, "");

    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(m_kindChoice, 0, wxEXPAND | wxALL, 4);
    sizer->Add(m_search, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 4);
    sizer->Add(m_view, 1, wxEXPAND);
    sizer->Add(m_count, 0, wxEXPAND | wxALL, 4);
    SetSizer(sizer);

    m_kindChoice->Bind(wxEVT_CHOICE, [this](wxCommandEvent& event) {
        showKind(listKinds()[static_cast<std::size_t>(event.GetSelection())].first);
    });
    m_search->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { setFilter(m_search->GetValue()); });
    m_search->Bind(wxEVT_SEARCHCTRL_CANCEL_BTN, [this](wxCommandEvent&) {
        m_search->Clear();
        setFilter("");
    });
    // Enter in the search box moves to the first hit, so the keyboard alone can open it.
    m_search->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) {
        if (m_model->shownCount() > 0) {
            m_view->SetFocus();
            m_view->Select(m_model->GetItem(0));
            m_view->EnsureVisible(m_model->GetItem(0));
        }
    });
    // Sorting is ours, not the native control's: a virtual model sorts its own index.
    m_view->Bind(wxEVT_DATAVIEW_COLUMN_HEADER_CLICK, [this](wxDataViewEvent& event) {
        const int column = event.GetColumn();
        if (column >= 0) {
            m_model->sortBy(static_cast<int>(
                m_view->GetColumn(static_cast<unsigned>(column))->GetModelColumn()));
            rebuildColumns();
        }
    });
    // The selection is shared: the map (and any other view) follows it, and the other way.
    m_view->Bind(wxEVT_DATAVIEW_SELECTION_CHANGED, [this](wxDataViewEvent& event) {
        if (const ListRow* row = m_model->rowAt(event.GetItem()); row && !m_selecting)
            m_workbench.objectSelected.emit(this, row->entity, row->id);
    });
    m_selection = m_workbench.objectSelected.connect(
        [this](const void* source, const std::string& entity, std::int64_t id) {
            if (source != this)
                selectObject(entity, id);
        });
    m_view->Bind(wxEVT_DATAVIEW_ITEM_ACTIVATED, [this](wxDataViewEvent& event) {
        if (const ListRow* row = m_model->rowAt(event.GetItem()); row && onOpen)
            onOpen(row->entity, row->id);
    });
    applyLabels();  // the list itself is filled by reload() when the frame shows a workspace
}

Navigator::~Navigator() {
    m_view->AssociateModel(nullptr);
}

void Navigator::retranslate() {
    applyLabels();
    reload();
}

void Navigator::applyLabels() {
    const int selection = m_kindChoice->GetSelection();
    m_kindChoice->Clear();
    for (const auto& [kind, key] : listKinds())
        m_kindChoice->Append(m_workbench.tr(key));
    m_kindChoice->SetSelection(selection == wxNOT_FOUND ? 0 : selection);
    m_search->SetDescriptiveText(m_workbench.tr("nav.search_hint"));
}

void Navigator::showKind(ListKind kind) {
    m_kind = kind;
    const auto kinds = listKinds();
    for (std::size_t i = 0; i < kinds.size(); ++i)
        if (kinds[i].first == kind)
            m_kindChoice->SetSelection(static_cast<int>(i));
    reload();
}

void Navigator::reload() {
    ++m_generation;
    m_loading = false;
    EntityList list;
    list.kind = m_kind;
    if (Workspace* ws = m_workbench.workspace())
        list = buildEntityList(m_kind, *ws, m_workbench.catalog());
    show(std::move(list));
}

void Navigator::reloadInBackground(std::function<void()> then) {
    Workspace* ws = m_workbench.workspace();
    if (!ws) {
        reload();
        if (then)
            then();
        return;
    }
    const unsigned generation = ++m_generation;
    m_loading = true;
    m_count->SetLabel(m_workbench.tr("nav.loading"));
    // The worker gets copies: the path, the list kind and the catalog (the user may switch
    // language meanwhile).
    m_job.start(
        [this, path = ws->path(), kind = m_kind, catalog = m_workbench.catalog(), generation,
         then](Progress&) -> std::function<void()> {
            auto list = std::make_shared<EntityList>();
            std::optional<Error> failed;
            if (auto reader = Workspace::open(path, true); !reader) {
                failed = reader.error();
            } else {
                try {
                    *list = buildEntityList(kind, *reader.value(), catalog);
                } catch (const KkError& e) {
                    failed = e.error();
                }
            }
            return [this, list, failed, generation, then] {
                if (generation == m_generation) {  // else a later reload() showed newer rows
                    m_loading = false;
                    if (failed) {
                        m_workbench.reportError(*failed);
                        reload();
                    } else {
                        show(std::move(*list));
                    }
                }
                if (then)
                    then();
            };
        },
        {});
}

void Navigator::show(EntityList list) {
    if (list.kind != m_model->list().kind || list.columns.size() != m_view->GetColumnCount())
        m_view->ClearColumns();  // another list: its own columns and widths
    m_model->setList(std::move(list));
    rebuildColumns();  // titles carry the language and the sort arrow
    updateCount();
}

void Navigator::rebuildColumns() {
    const auto& columns = m_model->list().columns;
    if (m_view->GetColumnCount() != columns.size()) {
        m_view->ClearColumns();
        for (std::size_t i = 0; i < columns.size(); ++i) {
            const auto align = columns[i].numeric ? wxALIGN_RIGHT : wxALIGN_NOT;
            m_view->AppendTextColumn("", static_cast<unsigned>(i), wxDATAVIEW_CELL_INERT,
                                     columns[i].width, align, wxDATAVIEW_COL_RESIZABLE);
        }
    }
    for (unsigned i = 0; i < m_view->GetColumnCount(); ++i) {
        wxDataViewColumn* column = m_view->GetColumn(i);
        const auto model = column->GetModelColumn();
        wxString title = m_workbench.tr(columns[model].labelKey);
        if (static_cast<int>(model) == m_model->sortColumn())
            title += m_model->sortAscending() ? wxString::FromUTF8(" ▲") : wxString::FromUTF8(" ▼");
        column->SetTitle(title);
    }
}

void Navigator::updateCount() {
    const auto total = m_model->list().rows.size();
    const auto shown = m_model->shownCount();
    m_count->SetLabel(shown == total
                          ? m_workbench.tr("nav.count", {wxString::Format("%zu", total)})
                          : m_workbench.tr("nav.count_filtered", {wxString::Format("%u", shown),
                                                                  wxString::Format("%zu", total)}));
}

void Navigator::focusSearch() {
    m_search->SetFocus();
    m_search->SelectAll();
}

void Navigator::setFilter(const wxString& text) {
    if (m_search->GetValue() != text)
        m_search->ChangeValue(text);
    m_model->setFilter(text);
    updateCount();
}

bool Navigator::selectObject(const std::string& entity, std::int64_t id) {
    const ListKind wanted = entity == "area"        ? ListKind::Areas
                            : entity == "coalition" ? ListKind::Coalitions
                            : entity == "fund"      ? ListKind::Funds
                            : entity == "project"   ? ListKind::Projects
                                                    : m_kind;
    if (wanted != m_kind)
        showKind(wanted);
    for (unsigned i = 0; i < m_model->shownCount(); ++i) {
        const ListRow* row = m_model->rowAtPosition(i);
        if (row && row->entity == entity && row->id == id) {
            m_selecting = true;
            m_view->Select(m_model->GetItem(i));
            m_view->EnsureVisible(m_model->GetItem(i));
            m_selecting = false;
            return true;
        }
    }
    return false;
}

const ListRow* Navigator::selectedRow() const {
    return m_model->rowAt(m_view->GetSelection());
}

}  // namespace kk::ui
