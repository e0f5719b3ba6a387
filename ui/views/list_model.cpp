// Filtering and sorting for the navigator's virtual list.
#include "ui/views/list_model.h"

#include <algorithm>

#include <wx/tokenzr.h>

namespace kk::ui {

EntityListModel::EntityListModel() : wxDataViewVirtualListModel(0) {}

void EntityListModel::setList(EntityList list) {
    if (list.kind != m_list.kind)
        m_sortColumn = -1;
    m_list = std::move(list);
    rebuildView();
}

void EntityListModel::setFilter(const wxString& text) {
    m_words.clear();
    wxStringTokenizer words(text.Lower(), " \t");
    while (words.HasMoreTokens())
        m_words.push_back(words.GetNextToken());
    rebuildView();
}

void EntityListModel::sortBy(int column) {
    if (column < 0 || column >= static_cast<int>(m_list.columns.size()))
        return;
    m_ascending = column == m_sortColumn ? !m_ascending : true;
    m_sortColumn = column;
    rebuildView();
}

void EntityListModel::rebuildView() {
    m_view.clear();
    for (std::size_t i = 0; i < m_list.rows.size(); ++i) {
        const auto& row = m_list.rows[i];
        const bool keep = std::all_of(m_words.begin(), m_words.end(), [&](const wxString& w) {
            return std::any_of(row.cells.begin(), row.cells.end(),
                               [&](const wxString& cell) { return cell.Lower().Contains(w); });
        });
        if (keep)
            m_view.push_back(i);
    }
    if (m_sortColumn >= 0) {
        const auto col = static_cast<std::size_t>(m_sortColumn);
        const bool numeric = m_list.columns[col].numeric;
        std::stable_sort(m_view.begin(), m_view.end(), [&](std::size_t a, std::size_t b) {
            const auto& ra = m_list.rows[a];
            const auto& rb = m_list.rows[b];
            int cmp = 0;
            if (numeric)
                cmp = ra.numbers[col] < rb.numbers[col] ? -1 : (ra.numbers[col] > rb.numbers[col]);
            else
                cmp = ra.cells[col].CmpNoCase(rb.cells[col]);
            return m_ascending ? cmp < 0 : cmp > 0;
        });
    }
    Reset(static_cast<unsigned>(m_view.size()));
}

const ListRow* EntityListModel::rowAtPosition(unsigned position) const {
    if (position >= m_view.size())
        return nullptr;
    return &m_list.rows[m_view[position]];
}

const ListRow* EntityListModel::rowAt(const wxDataViewItem& item) const {
    if (!item.IsOk())
        return nullptr;
    return rowAtPosition(GetRow(item));
}

unsigned EntityListModel::GetColumnCount() const {
    return static_cast<unsigned>(m_list.columns.size());
}

wxString EntityListModel::GetColumnType(unsigned) const {
    return "string";
}

void EntityListModel::GetValueByRow(wxVariant& value, unsigned row, unsigned column) const {
    const ListRow* r = rowAtPosition(row);
    value = (r && column < r->cells.size()) ? r->cells[column] : wxString();
}

}  // namespace kk::ui
