// Shared test fixture for core/server: a temporary workspace with areas (real GeoPackage
// geometry blobs), a programme, funds, projects, awards, costs, expenses and measurements.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/server/api_handler.h"
#include "core/server/tokens.h"
#include "core/store/workspace.h"

namespace kk::server::test {

/// A GeoPackage blob (no envelope, little endian, EPSG:31370) holding a one-ring
/// MULTIPOLYGON: the axis-aligned square [x0, x0+size] x [y0, y0+size].
inline std::vector<std::uint8_t> squareBlob(double x0, double y0, double size) {
    std::vector<std::uint8_t> b = {'G', 'P', 0, 0x01};
    auto u32 = [&](std::uint32_t v) {
        for (int i = 0; i < 4; ++i)
            b.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
    };
    auto f64 = [&](double d) {
        std::uint64_t bits;
        std::memcpy(&bits, &d, 8);
        for (int i = 0; i < 8; ++i)
            b.push_back(static_cast<std::uint8_t>(bits >> (8 * i)));
    };
    u32(31370);
    b.push_back(1);
    u32(6);  // MultiPolygon
    u32(1);
    b.push_back(1);
    u32(3);  // Polygon
    u32(1);
    u32(5);
    const double xs[] = {x0, x0 + size, x0 + size, x0, x0};
    const double ys[] = {y0, y0, y0 + size, y0 + size, y0};
    for (int i = 0; i < 5; ++i) {
        f64(xs[i]);
        f64(ys[i]);
    }
    return b;
}

/// A stand-in for the PROJ transform: Lambert 72 metres to rough degrees around Brussels.
inline void testToCrs84(double& x, double& y) {
    x = 4.0 + (x - 150000.0) / 70000.0;
    y = 50.0 + (y - 150000.0) / 111000.0;
}

class ServerFixture : public ::testing::Test {
  protected:
    void SetUp() override {
        m_dir = std::filesystem::temp_directory_path() /
                ("kk_server_" + std::to_string(::getpid()) + "_" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(m_dir);
        std::filesystem::create_directories(m_dir);
        m_path = (m_dir / "ws.gpkg").string();
        auto ws = Workspace::create(m_path);
        ASSERT_TRUE(ws.ok()) << ws.error().message();
        m_ws = std::move(ws.value());
        m_ws->setUser("fixture");
        populate();
        m_rw = TokenRecord{std::string(64, 'a'), "alice", Access::ReadWrite, "2025-01-01"};
        m_ro = TokenRecord{std::string(64, 'b'), "bob", Access::Read, "2025-01-01"};
    }
    void TearDown() override {
        m_ws.reset();
        std::filesystem::remove_all(m_dir);
    }

    void populate() {
        ChangeSet cs(*m_ws, "fixture");
        // Ten squares of 1 km along x: area i covers [150000+2000i, +1000] x [170000, 171000].
        for (int i = 0; i < 10; ++i)
            m_areaIds.push_back(
                cs.insert("areas", Row()
                                       .set("geom", squareBlob(150000 + 2000.0 * i, 170000, 1000))
                                       .set("kind", std::string("perimeter"))
                                       .set("code", "A" + std::to_string(i))
                                       .set("name", "Area " + std::to_string(i))
                                       .set("valid_from", std::string("2020-01-01"))));
        const auto prog =
            cs.insert("kk_programme", Row()
                                          .set("code", std::string("SV2026"))
                                          .set("name", std::string("Stadsvernieuwing"))
                                          .set("plugin_id", std::string("stadsvernieuwing"))
                                          .set("valid_from", std::string("2026-01-01")));
        m_fundId = cs.insert("kk_fund", Row()
                                            .set("programme_id", prog)
                                            .set("code", std::string("F-SV"))
                                            .set("name", std::string("Stadsvernieuwingsfonds"))
                                            .set("type", std::string("subsidy"))
                                            .set("max_rate", std::string("4/5"))
                                            .set("rate_kind", std::string("up_to"))
                                            .set("budget", std::int64_t{100000000})
                                            .set("valid_from", std::string("2026-01-01")));
        // 25 projects: P00..P24; the even ones are awarded and in SV2026, area = i % 10.
        for (int i = 0; i < 25; ++i) {
            char code[8];
            std::snprintf(code, sizeof code, "P%02d", i);
            const auto id = cs.insert(
                "kk_project", Row()
                                  .set("code", std::string(code))
                                  .set("name", "Project " + std::to_string(i))
                                  .set("area_id", m_areaIds[i % 10])
                                  .set("status", std::string(i % 2 == 0 ? "awarded" : "idea")));
            m_projectIds.push_back(id);
            if (i % 2 == 0) {
                cs.insert("kk_project_programme",
                          Row().set("project_id", id).set("programme_id", prog));
            }
        }
        // Project P00: costs 1000.00 + 500.00, granted award 1200.00, expense 300.00.
        cs.insert("kk_cost_item", Row()
                                      .set("code", std::string("P00-C1"))
                                      .set("project_id", m_projectIds[0])
                                      .set("category", std::string("works"))
                                      .set("year", std::int64_t{2026})
                                      .set("amount", std::int64_t{100000}));
        cs.insert("kk_cost_item", Row()
                                      .set("code", std::string("P00-C2"))
                                      .set("project_id", m_projectIds[0])
                                      .set("category", std::string("staff"))
                                      .set("year", std::int64_t{2026})
                                      .set("amount", std::int64_t{50000}));
        cs.insert("kk_award", Row()
                                  .set("project_id", m_projectIds[0])
                                  .set("fund_id", m_fundId)
                                  .set("amount", std::int64_t{120000})
                                  .set("status", std::string("granted")));
        cs.insert("kk_expense", Row()
                                    .set("code", std::string("INV-1"))
                                    .set("project_id", m_projectIds[0])
                                    .set("date", std::string("2026-03-01"))
                                    .set("amount", std::int64_t{30000}));
        m_indicatorId = cs.insert("kk_indicator", Row()
                                                      .set("code", std::string("GREEN"))
                                                      .set("name", std::string("Green area"))
                                                      .set("unit", std::string("m2"))
                                                      .set("type", std::string("output"))
                                                      .set("direction", std::string("increase"))
                                                      .set("aggregation", std::string("sum")));
        for (int i = 0; i < 3; ++i)
            cs.insert("kk_measurement", Row()
                                            .set("indicator_id", m_indicatorId)
                                            .set("subject_kind", std::string("area"))
                                            .set("subject_id", m_areaIds[i])
                                            .set("year", std::int64_t{2025})
                                            .set("value", std::to_string(100 * (i + 1)) + ".5"));
        ASSERT_TRUE(cs.commit().ok());
    }

    std::int64_t count(const std::string& table) {
        return m_ws->db().scalarInt("SELECT COUNT(*) FROM " + table);
    }
    /// Row counts of every writable table plus the audit trail: equal before/after = unchanged.
    std::vector<std::int64_t> snapshot() {
        return {count("kk_project"),     count("kk_cost_item"), count("kk_expense"),
                count("kk_measurement"), count("kk_audit"),     count("kk_audit_change")};
    }
    TokenSet tokens() const { return TokenSet({m_rw, m_ro}); }

    std::filesystem::path m_dir;
    std::string m_path;
    std::unique_ptr<Workspace> m_ws;
    std::vector<std::int64_t> m_areaIds;
    std::vector<std::int64_t> m_projectIds;
    std::int64_t m_fundId = 0;
    std::int64_t m_indicatorId = 0;
    TokenRecord m_rw;
    TokenRecord m_ro;
};

}  // namespace kk::server::test
