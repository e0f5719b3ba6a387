// Shared helpers of the core/geo tests: a temporary folder, text files and a small map.
#pragma once

#include <gtest/gtest.h>

#include <unistd.h>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>

#include "core/geo/grid_map.h"

namespace kk::geo::testing {

/// A fresh folder under the system temp dir, removed with everything in it at the end.
class TempDir {
  public:
    TempDir() {
        static std::atomic<int> counter{0};
        m_path =
            std::filesystem::temp_directory_path() / ("kk-geo-test-" + std::to_string(::getpid()) +
                                                      "-" + std::to_string(counter.fetch_add(1)));
        std::filesystem::remove_all(m_path);
        std::filesystem::create_directories(m_path);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
    std::string file(const std::string& name) const { return (m_path / name).string(); }
    const std::filesystem::path& path() const { return m_path; }

  private:
    std::filesystem::path m_path;
};

inline void writeText(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
}

/// A 3 × 4 jittered map without Brussels: 12 municipalities with row/col attributes.
inline GridMap smallJitteredMap(std::uint64_t seed = 11) {
    GridMapOptions o;
    o.rows = 3;
    o.cols = 4;
    o.cellSize = 2000.0;
    o.origin = {150000.0, 170000.0};
    o.brusselsRows = 0;
    o.brusselsCols = 0;
    o.seed = seed;
    return generateGridMap(o).value();
}

/// A regular (unjittered) grid of 1 km cells from (100000, 150000), with or without Brussels.
inline GridMap regularGrid(int rows, int cols, int brusselsRows = 0, int brusselsCols = 0) {
    GridMapOptions o;
    o.rows = rows;
    o.cols = cols;
    o.cellSize = 1000.0;
    o.origin = {100000.0, 150000.0};
    o.cornerJitter = 0.0;
    o.edgeJitter = 0.0;
    o.brusselsRows = brusselsRows;
    o.brusselsCols = brusselsCols;
    return generateGridMap(o).value();
}

}  // namespace kk::geo::testing
