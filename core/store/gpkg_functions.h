// SQL functions the GeoPackage R-tree triggers call (ST_MinX, ST_IsEmpty, ...), registered on
// the workspace's own connection so that the store can write geometry rows without GDAL.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

struct sqlite3;

namespace kk {

struct BlobEnvelope {
    double minX, maxX, minY, maxY;
};

/// The envelope of a GeoPackage geometry blob (from its header, or computed from its WKB when
/// the header has none). nullopt for empty geometries and blobs that are not GeoPackage
/// geometry.
std::optional<BlobEnvelope> gpkgBlobEnvelope(std::span<const std::uint8_t> blob);
/// True when the blob's empty flag is set or it has no coordinates.
bool gpkgBlobIsEmpty(std::span<const std::uint8_t> blob);

void registerGpkgFunctions(sqlite3* db);

}  // namespace kk
