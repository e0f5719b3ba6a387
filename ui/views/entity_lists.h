// Snapshots of the navigator's lists (projects, areas, coalitions, programmes & calls, funds),
// read through the repositories. A snapshot is plain data: the virtual list model shows it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kk {
class Workspace;
}

namespace kk::ui {

class Catalog;

enum class ListKind { Projects, Areas, Coalitions, ProgrammesCalls, Funds };

/// Every kind, in the order the navigator offers them, with its catalog key.
std::vector<std::pair<ListKind, std::string>> listKinds();

struct ListColumn {
    std::string labelKey;
    bool numeric = false;  ///< sorted by ListRow::numbers, right-aligned
    int width = 120;
};

struct ListRow {
    std::string entity;  ///< "project", "call"... (what a double-click opens)
    std::int64_t id = 0;
    std::vector<std::string> cells;     ///< UTF-8; the model makes wxStrings only for shown rows
    std::vector<std::int64_t> numbers;  ///< sort keys of numeric columns (cents, counts)
};

struct EntityList {
    ListKind kind = ListKind::Projects;
    std::vector<ListColumn> columns;
    std::vector<ListRow> rows;
};

EntityList buildEntityList(ListKind kind, Workspace& ws, const Catalog& catalog);

}  // namespace kk::ui
