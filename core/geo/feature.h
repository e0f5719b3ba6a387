// A feature at the border of core/geo: an area or perimeter with its key, name and attributes.
#pragma once

#include <map>
#include <string>

#include "core/geo/geometry.h"

namespace kk::geo {

/// One imported or exported area. `key` identifies it (NIS code, project key); `attributes`
/// holds every field of the source as text, the key and name fields included.
struct Feature {
    std::string key;
    std::string name;
    std::map<std::string, std::string> attributes;
    Geometry geometry;
};

}  // namespace kk::geo
