// GeoPackage binary header parsing and a WKB walker for envelopes.
#include "core/store/gpkg_functions.h"

#include <sqlite3.h>

#include <cstring>
#include <limits>

namespace kk {
namespace {

class WkbReader {
  public:
    explicit WkbReader(std::span<const std::uint8_t> data) : m_data(data) {}

    bool readGeometry(BlobEnvelope& env, bool& any) {
        std::uint8_t order = 0;
        if (!readByte(order))
            return false;
        m_little = order == 1;
        std::uint32_t type = 0;
        if (!readU32(type))
            return false;
        // ISO WKB: thousands encode Z/M (1000 Z, 2000 M, 3000 ZM).
        const std::uint32_t base = type % 1000;
        const std::uint32_t dims = type / 1000;
        const int ncoord = dims == 0 ? 2 : (dims == 3 ? 4 : 3);
        switch (base) {
            case 1:
                return readPoints(1, ncoord, env, any);
            case 2:
                return readCountedPoints(ncoord, env, any);
            case 3: {
                std::uint32_t rings = 0;
                if (!readU32(rings))
                    return false;
                for (std::uint32_t r = 0; r < rings; ++r)
                    if (!readCountedPoints(ncoord, env, any))
                        return false;
                return true;
            }
            case 4:
            case 5:
            case 6:
            case 7: {
                std::uint32_t n = 0;
                if (!readU32(n))
                    return false;
                for (std::uint32_t i = 0; i < n; ++i) {
                    const bool savedOrder = m_little;
                    if (!readGeometry(env, any))
                        return false;
                    m_little = savedOrder;
                }
                return true;
            }
            default:
                return false;
        }
    }

  private:
    bool readByte(std::uint8_t& b) {
        if (m_pos + 1 > m_data.size())
            return false;
        b = m_data[m_pos++];
        return true;
    }
    bool readU32(std::uint32_t& v) {
        if (m_pos + 4 > m_data.size())
            return false;
        std::uint8_t b[4];
        std::memcpy(b, m_data.data() + m_pos, 4);
        m_pos += 4;
        v = m_little ? (b[0] | b[1] << 8 | b[2] << 16 | static_cast<std::uint32_t>(b[3]) << 24)
                     : (b[3] | b[2] << 8 | b[1] << 16 | static_cast<std::uint32_t>(b[0]) << 24);
        return true;
    }
    bool readDouble(double& d) {
        if (m_pos + 8 > m_data.size())
            return false;
        std::uint8_t b[8];
        std::memcpy(b, m_data.data() + m_pos, 8);
        m_pos += 8;
        if (!m_little)
            for (int i = 0; i < 4; ++i)
                std::swap(b[i], b[7 - i]);
        std::memcpy(&d, b, 8);
        return true;
    }
    bool readPoints(std::uint32_t n, int ncoord, BlobEnvelope& env, bool& any) {
        for (std::uint32_t i = 0; i < n; ++i) {
            double x = 0;
            double y = 0;
            double skip = 0;
            if (!readDouble(x) || !readDouble(y))
                return false;
            for (int k = 2; k < ncoord; ++k)
                if (!readDouble(skip))
                    return false;
            if (x != x || y != y)
                continue;  // NaN: empty point
            env.minX = any ? std::min(env.minX, x) : x;
            env.maxX = any ? std::max(env.maxX, x) : x;
            env.minY = any ? std::min(env.minY, y) : y;
            env.maxY = any ? std::max(env.maxY, y) : y;
            any = true;
        }
        return true;
    }
    bool readCountedPoints(int ncoord, BlobEnvelope& env, bool& any) {
        std::uint32_t n = 0;
        if (!readU32(n))
            return false;
        if (static_cast<std::size_t>(n) * 8 * static_cast<std::size_t>(ncoord) >
            m_data.size() - m_pos)
            return false;
        return readPoints(n, ncoord, env, any);
    }

    std::span<const std::uint8_t> m_data;
    std::size_t m_pos = 0;
    bool m_little = true;
};

struct Header {
    bool empty = false;
    int envelopeKind = 0;
    std::size_t size = 0;
    bool little = true;
};

std::optional<Header> parseHeader(std::span<const std::uint8_t> blob) {
    if (blob.size() < 8 || blob[0] != 'G' || blob[1] != 'P')
        return std::nullopt;
    const std::uint8_t flags = blob[3];
    Header h;
    h.little = (flags & 1) != 0;
    h.envelopeKind = (flags >> 1) & 7;
    h.empty = (flags >> 4) & 1;
    static constexpr int kEnvelopeDoubles[] = {0, 4, 6, 6, 8};
    if (h.envelopeKind > 4)
        return std::nullopt;
    h.size = 8 + 8 * static_cast<std::size_t>(kEnvelopeDoubles[h.envelopeKind]);
    if (blob.size() < h.size)
        return std::nullopt;
    return h;
}

double headerDouble(std::span<const std::uint8_t> blob, std::size_t offset, bool little) {
    std::uint8_t b[8];
    std::memcpy(b, blob.data() + offset, 8);
    if (!little)
        for (int i = 0; i < 4; ++i)
            std::swap(b[i], b[7 - i]);
    double d = 0;
    std::memcpy(&d, b, 8);
    return d;
}

std::span<const std::uint8_t> argBlob(sqlite3_value* v) {
    if (sqlite3_value_type(v) != SQLITE_BLOB)
        return {};
    const auto* p = static_cast<const std::uint8_t*>(sqlite3_value_blob(v));
    return {p, static_cast<std::size_t>(sqlite3_value_bytes(v))};
}

template <int Which>
void stBound(sqlite3_context* ctx, int, sqlite3_value** argv) {
    const auto env = gpkgBlobEnvelope(argBlob(argv[0]));
    if (!env) {
        sqlite3_result_null(ctx);
        return;
    }
    const double values[] = {env->minX, env->maxX, env->minY, env->maxY};
    sqlite3_result_double(ctx, values[Which]);
}

void stIsEmpty(sqlite3_context* ctx, int, sqlite3_value** argv) {
    const auto blob = argBlob(argv[0]);
    if (blob.empty()) {
        sqlite3_result_null(ctx);
        return;
    }
    sqlite3_result_int(ctx, gpkgBlobIsEmpty(blob) ? 1 : 0);
}

}  // namespace

std::optional<BlobEnvelope> gpkgBlobEnvelope(std::span<const std::uint8_t> blob) {
    const auto h = parseHeader(blob);
    if (!h || h->empty)
        return std::nullopt;
    if (h->envelopeKind != 0) {
        // Envelope order in the header: minx, maxx, miny, maxy.
        return BlobEnvelope{headerDouble(blob, 8, h->little), headerDouble(blob, 16, h->little),
                            headerDouble(blob, 24, h->little), headerDouble(blob, 32, h->little)};
    }
    BlobEnvelope env{0, 0, 0, 0};
    bool any = false;
    WkbReader reader(blob.subspan(h->size));
    if (!reader.readGeometry(env, any) || !any)
        return std::nullopt;
    return env;
}

bool gpkgBlobIsEmpty(std::span<const std::uint8_t> blob) {
    const auto h = parseHeader(blob);
    if (!h)
        return true;
    if (h->empty)
        return true;
    return !gpkgBlobEnvelope(blob).has_value();
}

void registerGpkgFunctions(sqlite3* db) {
    const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
    sqlite3_create_function(db, "ST_MinX", 1, flags, nullptr, stBound<0>, nullptr, nullptr);
    sqlite3_create_function(db, "ST_MaxX", 1, flags, nullptr, stBound<1>, nullptr, nullptr);
    sqlite3_create_function(db, "ST_MinY", 1, flags, nullptr, stBound<2>, nullptr, nullptr);
    sqlite3_create_function(db, "ST_MaxY", 1, flags, nullptr, stBound<3>, nullptr, nullptr);
    sqlite3_create_function(db, "ST_IsEmpty", 1, flags, nullptr, stIsEmpty, nullptr, nullptr);
}

}  // namespace kk
