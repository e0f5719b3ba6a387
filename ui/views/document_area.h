// The document tabs (a wxAuiNotebook) and the DocumentView interface every document type
// implements. Document types are registered by name with a factory, so later views (allocation,
// map, Lua editor, report preview) plug in without touching the frame.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>

#include <wx/aui/auibook.h>
#include <wx/panel.h>

#include "core/base/error.h"
#include "core/base/signal.h"
#include "core/store/changeset.h"

namespace kk::ui {

class Workbench;

/// One open document: a panel inside a notebook tab.
class DocumentView : public wxPanel {
  public:
    DocumentView(wxWindow* parent, Workbench& workbench);

    /// "project:12"; unique per open object ("project:new:1" before the first save).
    virtual std::string key() const = 0;
    /// The tab text (without the modified marker).
    virtual wxString title() const = 0;
    virtual bool isModified() const { return false; }
    virtual bool canSave() const { return false; }
    /// Writes the document through one ChangeSet. The error says what, where and what to do.
    virtual Status save() { return {}; }
    /// The workspace changed (commit, undo, redo). Return false when the document's object no
    /// longer exists: the tab is then closed.
    virtual bool onWorkspaceChanged(const ChangeNotice& notice) { return true; }
    virtual void retranslate() {}
    /// Document-specific commands ("costs.add_row", "edit.paste"); true when handled.
    virtual bool handleCommand(std::string_view commandId) { return false; }
    virtual bool canHandleCommand(std::string_view commandId) const { return false; }

    /// Emitted when the title or modified state changes (the tab text follows).
    Signal<> stateChanged;

  protected:
    Workbench& m_workbench;
};

/// Creates a document of one type for an object id (0: a new object). Returns a window owned
/// by `parent` (wx parent ownership).
using DocumentFactory =
    std::function<DocumentView*(wxWindow* parent, Workbench& workbench, std::int64_t id)>;

class DocumentArea : public wxAuiNotebook {
  public:
    DocumentArea(wxWindow* parent, Workbench& workbench);

    void registerType(const std::string& type, DocumentFactory factory);
    bool hasType(std::string_view type) const;

    /// Shows the document for (type, id), creating it when not open yet. nullptr when the
    /// type is unknown.
    DocumentView* open(const std::string& type, std::int64_t id);
    /// Adds a document made by its caller (e.g. a script editor for a library script, which
    /// has no numeric id). `doc` must be a child of this notebook, which then owns it.
    DocumentView* add(DocumentView* doc);
    /// Opens the document that shows a stored object of the model ("project", "cost_item"...).
    /// Returns false, with a message to the user, when no document type shows that object.
    bool openObject(const std::string& entity, std::int64_t id);

    DocumentView* current() const;
    DocumentView* documentAt(std::size_t index) const;
    DocumentView* findByKey(const std::string& key) const;

    /// Closes the current document, asking first when it has unsaved changes. False: kept.
    bool closeCurrent();
    /// Closes every document without asking (workspace closed).
    void closeAll();
    bool hasModified() const;

    void workspaceChanged(const ChangeNotice& notice);
    void retranslate();

  private:
    void refreshTab(DocumentView* doc);
    bool confirmClose(DocumentView* doc);

    Workbench& m_workbench;
    std::map<std::string, DocumentFactory, std::less<>> m_factories;
    std::map<DocumentView*, Signal<>::Connection> m_connections;
};

}  // namespace kk::ui
