// A virtual list model over an EntityList snapshot: the control asks only for the visible rows.
// Filtering and sorting reorder an index vector; the snapshot itself is never copied.
#pragma once

#include <string>
#include <vector>

#include <wx/dataview.h>

#include "ui/views/entity_lists.h"

namespace kk::ui {

class EntityListModel : public wxDataViewVirtualListModel {
  public:
    EntityListModel();

    /// Shows a new snapshot, keeping the filter and the sort column when they still apply.
    void setList(EntityList list);
    const EntityList& list() const { return m_list; }

    /// Keeps rows where any cell contains every word of `text` (case-insensitive).
    void setFilter(const wxString& text);
    /// Sorts by a column; sorting by the same column again flips the direction.
    void sortBy(int column);
    int sortColumn() const { return m_sortColumn; }
    bool sortAscending() const { return m_ascending; }

    /// The snapshot row shown at a view position, or nullptr.
    const ListRow* rowAt(const wxDataViewItem& item) const;
    const ListRow* rowAtPosition(unsigned position) const;
    unsigned shownCount() const { return static_cast<unsigned>(m_view.size()); }

    unsigned GetColumnCount() const override;
    wxString GetColumnType(unsigned column) const override;
    void GetValueByRow(wxVariant& value, unsigned row, unsigned column) const override;
    bool SetValueByRow(const wxVariant&, unsigned, unsigned) override { return false; }
    unsigned GetCount() const override { return shownCount(); }

  private:
    void rebuildView();
    void prepareKeys();

    EntityList m_list;
    std::vector<std::size_t> m_view;
    std::vector<std::wstring> m_haystacks;  ///< per row: lower-cased cells for the filter
    std::vector<std::wstring> m_sortKeys;   ///< per row: lower-cased sort column
    int m_keyColumn = -1;                   ///< the column m_sortKeys holds
    std::vector<wxString> m_words;
    int m_sortColumn = -1;
    bool m_ascending = true;
};

}  // namespace kk::ui
