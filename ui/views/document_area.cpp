// Document tabs: opening by type and id, modified markers, closing with a question.
#include "ui/views/document_area.h"

#include <wx/msgdlg.h>

#include "core/store/repositories.h"
#include "ui/app/workbench.h"

namespace kk::ui {

DocumentView::DocumentView(wxWindow* parent, Workbench& workbench)
    : wxPanel(parent), m_workbench(workbench) {}

DocumentArea::DocumentArea(wxWindow* parent, Workbench& workbench)
    : wxAuiNotebook(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                    wxAUI_NB_DEFAULT_STYLE | wxAUI_NB_CLOSE_ON_ALL_TABS),
      m_workbench(workbench) {
    Bind(wxEVT_AUINOTEBOOK_PAGE_CLOSE, [this](wxAuiNotebookEvent& event) {
        auto* doc = documentAt(static_cast<std::size_t>(event.GetSelection()));
        if (doc && !confirmClose(doc)) {
            event.Veto();
            return;
        }
        m_connections.erase(doc);
    });
}

void DocumentArea::registerType(const std::string& type, DocumentFactory factory) {
    m_factories[type] = std::move(factory);
}

bool DocumentArea::hasType(std::string_view type) const {
    return m_factories.find(type) != m_factories.end();
}

DocumentView* DocumentArea::documentAt(std::size_t index) const {
    if (index >= GetPageCount())
        return nullptr;
    return dynamic_cast<DocumentView*>(GetPage(index));
}

DocumentView* DocumentArea::current() const {
    const int selection = GetSelection();
    return selection == wxNOT_FOUND ? nullptr : documentAt(static_cast<std::size_t>(selection));
}

DocumentView* DocumentArea::findByKey(const std::string& key) const {
    for (std::size_t i = 0; i < GetPageCount(); ++i)
        if (auto* doc = documentAt(i); doc && doc->key() == key)
            return doc;
    return nullptr;
}

DocumentView* DocumentArea::open(const std::string& type, std::int64_t id) {
    auto factory = m_factories.find(type);
    if (factory == m_factories.end())
        return nullptr;
    // Documents without an object (map, report) are single: their key is the type.
    if (auto* existing = findByKey(id > 0 ? type + ":" + std::to_string(id) : type)) {
        SetSelection(static_cast<std::size_t>(GetPageIndex(existing)));
        return existing;
    }
    return add(factory->second(this, m_workbench, id));  // the notebook owns the page
}

DocumentView* DocumentArea::add(DocumentView* doc) {
    if (!doc)
        return nullptr;
    AddPage(doc, doc->title(), true);
    m_connections[doc] = doc->stateChanged.connect([this, doc] { refreshTab(doc); });
    refreshTab(doc);
    return doc;
}

bool DocumentArea::openObject(const std::string& entity, std::int64_t id) {
    Workspace* ws = m_workbench.workspace();
    if (!ws)
        return false;
    if (entity == "project")
        return open("project", id) != nullptr;
    if (entity == "cost_item") {
        if (auto item = Repository<CostItem>(*ws).get(id))
            return open("project", item->projectId.value) != nullptr;
    }
    // Parts of a fund or coalition open their owner's editor.
    if (entity == "award" && hasType("fund")) {
        if (auto award = Repository<Award>(*ws).get(id))
            return open("fund", award->fundId.value) != nullptr;
    }
    if (entity == "coalition_member" && hasType("coalition")) {
        if (auto member = Repository<CoalitionMember>(*ws).get(id))
            return open("coalition", member->coalitionId.value) != nullptr;
    }
    if (hasType(entity))
        return open(entity, id) != nullptr;
    m_workbench.report(Severity::Info,
                       m_workbench.tr("doc.no_editor", {m_workbench.tr("entity." + entity)}));
    return false;
}

void DocumentArea::refreshTab(DocumentView* doc) {
    const int index = GetPageIndex(doc);
    if (index == wxNOT_FOUND)
        return;
    SetPageText(static_cast<std::size_t>(index),
                doc->isModified() ? doc->title() + " *" : doc->title());
}

bool DocumentArea::confirmClose(DocumentView* doc) {
    if (!doc->isModified())
        return true;
    wxMessageDialog ask(this, m_workbench.tr("doc.ask_save", {doc->title()}),
                        m_workbench.tr("app.name"), wxYES_NO | wxCANCEL | wxICON_QUESTION);
    ask.SetYesNoCancelLabels(m_workbench.tr("doc.save"), m_workbench.tr("doc.discard"),
                             m_workbench.tr("doc.cancel"));
    switch (ask.ShowModal()) {
        case wxID_YES:
            if (auto s = doc->save(); !s) {
                m_workbench.reportError(s.error());
                return false;
            }
            return true;
        case wxID_NO:
            return true;
        default:
            return false;
    }
}

bool DocumentArea::closeCurrent() {
    DocumentView* doc = current();
    if (!doc || !confirmClose(doc))
        return false;
    m_connections.erase(doc);
    DeletePage(static_cast<std::size_t>(GetPageIndex(doc)));
    return true;
}

void DocumentArea::closeAll() {
    m_connections.clear();
    DeleteAllPages();
}

bool DocumentArea::hasModified() const {
    for (std::size_t i = 0; i < GetPageCount(); ++i)
        if (auto* doc = documentAt(i); doc && doc->isModified())
            return true;
    return false;
}

void DocumentArea::workspaceChanged(const ChangeNotice& notice) {
    for (std::size_t i = GetPageCount(); i-- > 0;) {
        DocumentView* doc = documentAt(i);
        if (doc && !doc->onWorkspaceChanged(notice)) {
            m_workbench.report(Severity::Info, m_workbench.tr("doc.closed_gone", {doc->title()}));
            m_connections.erase(doc);
            DeletePage(i);
        }
    }
}

void DocumentArea::retranslate() {
    for (std::size_t i = 0; i < GetPageCount(); ++i)
        if (auto* doc = documentAt(i)) {
            doc->retranslate();
            refreshTab(doc);
        }
}

}  // namespace kk::ui
