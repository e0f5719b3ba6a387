// Row images as JSON text for the audit trail (before/after of every change).
#pragma once

#include <string>
#include <vector>

#include "core/store/changeset.h"

namespace kk::rowjson {

/// {"col": value, ...}; blobs as {"$blob": "<hex>"}.
std::string encode(const Row& row);
Row decode(const std::string& json);
/// A JSON array of row objects, for ranges of inserted rows.
std::string encodeMany(const std::vector<Row>& rows);
std::vector<Row> decodeMany(const std::string& json);

}  // namespace kk::rowjson
