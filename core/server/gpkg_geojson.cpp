// A bounds-checked reader of GeoPackage blobs: the GP header, then WKB (ISO Z/M type codes
// 1000/2000/3000 and the EWKB high-bit flags) into GeoJSON arrays.
#include "core/server/gpkg_geojson.h"

#include <cmath>
#include <cstring>
#include <limits>

namespace kk::server {
namespace {

using nlohmann::json;

constexpr int kMaxDepth = 8;  // collections nested deeper than this are refused

class WkbToJson {
  public:
    WkbToJson(std::span<const std::uint8_t> data, const CoordinateTransform& transform)
        : m_data(data), m_transform(transform) {}

    bool geometry(json& out, int depth) {
        if (depth > kMaxDepth)
            return false;
        std::uint8_t order = 0;
        if (!readByte(order) || order > 1)
            return false;
        m_little = order == 1;
        std::uint32_t type = 0;
        if (!readU32(type))
            return false;
        bool hasZ = (type & 0x80000000u) != 0;
        bool hasM = (type & 0x40000000u) != 0;
        type &= 0x0fffffffu;
        const std::uint32_t dims = type / 1000;
        if (dims > 3)
            return false;
        hasZ = hasZ || dims == 1 || dims == 3;
        hasM = hasM || dims == 2 || dims == 3;
        const int ncoord = 2 + (hasZ ? 1 : 0) + (hasM ? 1 : 0);
        switch (type % 1000) {
            case 1: {
                json pos;
                if (!position(pos, ncoord, hasZ))
                    return false;
                // An all-NaN point is the WKB spelling of POINT EMPTY.
                if (pos.is_null()) {
                    out = nullptr;
                    return true;
                }
                out = {{"type", "Point"}, {"coordinates", std::move(pos)}};
                return true;
            }
            case 2: {
                json line;
                if (!positions(line, ncoord, hasZ))
                    return false;
                out = {{"type", "LineString"}, {"coordinates", std::move(line)}};
                return true;
            }
            case 3: {
                json rings;
                if (!polygon(rings, ncoord, hasZ))
                    return false;
                out = {{"type", "Polygon"}, {"coordinates", std::move(rings)}};
                return true;
            }
            case 4:
            case 5:
            case 6:
                return multi(out, type % 1000, depth);
            case 7: {
                std::uint32_t n = 0;
                if (!readCount(n, 5))
                    return false;
                json parts = json::array();
                for (std::uint32_t i = 0; i < n; ++i) {
                    json g;
                    if (!geometry(g, depth + 1))
                        return false;
                    if (!g.is_null())
                        parts.push_back(std::move(g));
                }
                out = {{"type", "GeometryCollection"}, {"geometries", std::move(parts)}};
                return true;
            }
            default:
                return false;
        }
    }

    const std::optional<Envelope>& envelope() const { return m_env; }

  private:
    bool multi(json& out, std::uint32_t base, int depth) {
        static constexpr const char* kNames[] = {
            "", "", "", "", "MultiPoint", "MultiLineString", "MultiPolygon"};
        std::uint32_t n = 0;
        if (!readCount(n, 5))
            return false;
        json parts = json::array();
        for (std::uint32_t i = 0; i < n; ++i) {
            json g;
            if (!geometry(g, depth + 1))
                return false;
            if (g.is_null())
                continue;
            // Each part must be of the matching single type (a MultiPolygon holds polygons).
            static constexpr const char* kPart[] = {"",      "",           "",       "",
                                                    "Point", "LineString", "Polygon"};
            if (g["type"] != kPart[base])
                return false;
            parts.push_back(std::move(g["coordinates"]));
        }
        out = {{"type", kNames[base]}, {"coordinates", std::move(parts)}};
        return true;
    }

    bool polygon(json& rings, int ncoord, bool hasZ) {
        std::uint32_t n = 0;
        if (!readCount(n, 4))
            return false;
        rings = json::array();
        for (std::uint32_t r = 0; r < n; ++r) {
            json ring;
            if (!positions(ring, ncoord, hasZ))
                return false;
            rings.push_back(std::move(ring));
        }
        return true;
    }

    bool positions(json& out, int ncoord, bool hasZ) {
        std::uint32_t n = 0;
        if (!readCount(n, static_cast<std::size_t>(ncoord) * 8))
            return false;
        out = json::array();
        for (std::uint32_t i = 0; i < n; ++i) {
            json pos;
            if (!position(pos, ncoord, hasZ))
                return false;
            if (pos.is_null())
                return false;
            out.push_back(std::move(pos));
        }
        return true;
    }

    bool position(json& out, int ncoord, bool hasZ) {
        double v[4] = {0, 0, 0, 0};
        for (int i = 0; i < ncoord; ++i)
            if (!readDouble(v[i]))
                return false;
        if (std::isnan(v[0]) && std::isnan(v[1])) {
            out = nullptr;
            return true;
        }
        if (!std::isfinite(v[0]) || !std::isfinite(v[1]))
            return false;
        if (m_transform)
            m_transform(v[0], v[1]);
        if (!std::isfinite(v[0]) || !std::isfinite(v[1]))
            return false;
        if (!m_env)
            m_env = Envelope{v[0], v[1], v[0], v[1]};
        m_env->minX = std::min(m_env->minX, v[0]);
        m_env->minY = std::min(m_env->minY, v[1]);
        m_env->maxX = std::max(m_env->maxX, v[0]);
        m_env->maxY = std::max(m_env->maxY, v[1]);
        out = json::array({v[0], v[1]});
        if (hasZ && std::isfinite(v[2]))
            out.push_back(v[2]);
        return true;
    }

    /// A count of items each at least `minBytes` long: refused when the rest of the blob
    /// cannot hold that many, so a forged count never drives a huge allocation.
    bool readCount(std::uint32_t& n, std::size_t minBytes) {
        if (!readU32(n))
            return false;
        return static_cast<std::uint64_t>(n) * minBytes <= m_data.size() - m_pos;
    }
    bool readByte(std::uint8_t& b) {
        if (m_pos >= m_data.size())
            return false;
        b = m_data[m_pos++];
        return true;
    }
    bool readU32(std::uint32_t& v) {
        if (m_data.size() - m_pos < 4)
            return false;
        std::uint8_t b[4];
        std::memcpy(b, m_data.data() + m_pos, 4);
        m_pos += 4;
        v = m_little ? (b[0] | b[1] << 8 | b[2] << 16 | static_cast<std::uint32_t>(b[3]) << 24)
                     : (b[3] | b[2] << 8 | b[1] << 16 | static_cast<std::uint32_t>(b[0]) << 24);
        return true;
    }
    bool readDouble(double& d) {
        if (m_data.size() - m_pos < 8)
            return false;
        std::uint8_t b[8];
        std::memcpy(b, m_data.data() + m_pos, 8);
        m_pos += 8;
        std::uint64_t bits = 0;
        for (int i = 0; i < 8; ++i)
            bits |= static_cast<std::uint64_t>(m_little ? b[i] : b[7 - i]) << (8 * i);
        std::memcpy(&d, &bits, 8);
        return true;
    }

    std::span<const std::uint8_t> m_data;
    const CoordinateTransform& m_transform;
    std::size_t m_pos = 0;
    bool m_little = true;
    std::optional<Envelope> m_env;
};

}  // namespace

std::optional<ConvertedGeometry> gpkgToGeoJson(std::span<const std::uint8_t> blob,
                                               const CoordinateTransform& transform) {
    // GeoPackage header: "GP", version, flags, srs_id (int32), envelope (0/4/6/6/8 doubles).
    if (blob.size() < 8 || blob[0] != 'G' || blob[1] != 'P')
        return std::nullopt;
    const std::uint8_t flags = blob[3];
    const int envelopeKind = (flags >> 1) & 7;
    static constexpr int kEnvelopeDoubles[] = {0, 4, 6, 6, 8};
    if (envelopeKind > 4)
        return std::nullopt;
    const std::size_t headerSize = 8 + 8 * static_cast<std::size_t>(kEnvelopeDoubles[envelopeKind]);
    if (blob.size() < headerSize)
        return std::nullopt;
    ConvertedGeometry out;
    if (flags & 0x10) {  // empty geometry flag
        out.geometry = nullptr;
        return out;
    }
    WkbToJson reader(blob.subspan(headerSize), transform);
    if (!reader.geometry(out.geometry, 0))
        return std::nullopt;
    out.envelope = reader.envelope();
    return out;
}

}  // namespace kk::server
