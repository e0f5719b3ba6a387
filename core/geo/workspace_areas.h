// The bridge between core/geo and the workspace: areas imported into the GeoPackage feature
// table through a ChangeSet, listed, exported; generated geometry for the demo.
#pragma once

#include <string>
#include <vector>

#include "core/base/error.h"
#include "core/geo/import.h"
#include "core/model/entities.h"

namespace kk {
class Workspace;
}

namespace kk::geo {

class GeoRuntime;

struct AreaImportReport {
    std::size_t inserted = 0;
    std::size_t updated = 0;  ///< existing areas of the same kind and code got the new geometry
    std::vector<RepairNote> repairs;
    std::vector<std::string> warnings;
};

/// Imports every feature of a vector file as areas of `kind`. For municipalities the key must
/// be a NIS code known to the reference data (refused otherwise, with file/layer/feature).
/// One ChangeSet: all or nothing.
Result<AreaImportReport> importAreasIntoWorkspace(Workspace& ws, const GeoRuntime& runtime,
                                                  const std::string& path, AreaKind kind,
                                                  ImportOptions options);

/// The areas of the workspace (optionally one kind) as features in EPSG:31370, with kind,
/// code, name and validity as attributes.
Result<std::vector<Feature>> workspaceAreas(Workspace& ws, std::optional<AreaKind> kind = {});

/// Projects with their area's geometry and funding totals (cost, awarded, expenses) as
/// features, for GeoPackage/GeoJSON export and the map.
Result<std::vector<Feature>> workspaceProjects(Workspace& ws);

/// Measurements of indicators (optionally one code) on projects and areas, each with the
/// geometry of its subject (the project's area, or the area itself), for choropleth layers.
Result<std::vector<Feature>> workspaceIndicators(Workspace& ws, const std::string& code = {});

/// Gives every municipality area of the workspace a generated polygon (core/geo/grid_map.h)
/// and every project a generated perimeter inside its municipality. For the demo only.
Status assignGeneratedGeometry(Workspace& ws, std::uint64_t seed);

}  // namespace kk::geo
