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
    m_haystacks.clear();  // made again on the first filter, not for every new snapshot
    m_keyColumn = -1;
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

void EntityListModel::prepareKeys() {
    // Lower-cased once per snapshot, when the first filter needs it (and the sort column when
    // it is sorted), so that filtering and sorting 20,000 rows compare plain strings instead of
    // lower-casing cells on every comparison, and a new snapshot costs nothing up front.
    m_haystacks.clear();
    m_haystacks.reserve(m_list.rows.size());
    for (const auto& row : m_list.rows) {
        std::string text;
        for (const std::string& cell : row.cells) {
            text += cell;
            text += '\x1f';  // a word never spans two cells
        }
        m_haystacks.push_back(wxString::FromUTF8(text).Lower().ToStdWstring());
    }
}

void EntityListModel::rebuildView() {
    m_view.clear();
    if (m_words.empty()) {
        m_view.resize(m_list.rows.size());
        for (std::size_t i = 0; i < m_view.size(); ++i)
            m_view[i] = i;
    } else {
        if (m_haystacks.size() != m_list.rows.size())
            prepareKeys();
        std::vector<std::wstring> words;
        for (const wxString& w : m_words)
            words.push_back(w.ToStdWstring());
        for (std::size_t i = 0; i < m_list.rows.size(); ++i) {
            const std::wstring& hay = m_haystacks[i];
            if (std::all_of(words.begin(), words.end(), [&](const std::wstring& w) {
                    return hay.find(w) != std::wstring::npos;
                }))
                m_view.push_back(i);
        }
    }
    if (m_sortColumn >= 0) {
        const auto col = static_cast<std::size_t>(m_sortColumn);
        const bool numeric = m_list.columns[col].numeric;
        if (!numeric && m_keyColumn != m_sortColumn) {
            m_sortKeys.clear();
            m_sortKeys.reserve(m_list.rows.size());
            for (const auto& row : m_list.rows)
                m_sortKeys.push_back(wxString::FromUTF8(row.cells[col]).Lower().ToStdWstring());
            m_keyColumn = m_sortColumn;
        }
        std::stable_sort(m_view.begin(), m_view.end(), [&](std::size_t a, std::size_t b) {
            int cmp = 0;
            if (numeric) {
                const auto na = m_list.rows[a].numbers[col];
                const auto nb = m_list.rows[b].numbers[col];
                cmp = na < nb ? -1 : (na > nb);
            } else {
                cmp = m_sortKeys[a].compare(m_sortKeys[b]);
            }
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
    value = (r && column < r->cells.size()) ? wxString::FromUTF8(r->cells[column]) : wxString();
}

}  // namespace kk::ui
