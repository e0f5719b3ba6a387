// GeoPackageBinary encoding and decoding, written from the specification's header layout.
#include "core/geo/gpkg_blob.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <string>

namespace kk::geo {
namespace {

constexpr std::uint8_t kEmptyFlag = 0x10;
constexpr std::uint8_t kExtendedFlag = 0x20;
constexpr std::size_t kHeaderSize = 8;

template <class T>
void putLittle(std::vector<std::uint8_t>& out, T value) {
    static_assert(std::endian::native == std::endian::little ||
                  std::endian::native == std::endian::big);
    std::uint8_t bytes[sizeof(T)];
    std::memcpy(bytes, &value, sizeof(T));
    if constexpr (std::endian::native == std::endian::big)
        std::reverse(bytes, bytes + sizeof(T));
    out.insert(out.end(), bytes, bytes + sizeof(T));
}

template <class T>
T getValue(const std::uint8_t* p, bool littleEndian) {
    std::uint8_t bytes[sizeof(T)];
    std::memcpy(bytes, p, sizeof(T));
    const bool nativeLittle = std::endian::native == std::endian::little;
    if (littleEndian != nativeLittle)
        std::reverse(bytes, bytes + sizeof(T));
    T value;
    std::memcpy(&value, bytes, sizeof(T));
    return value;
}

Error blobError(const std::string& what, std::size_t offset) {
    return makeError("geo.bad_gpkg_blob", "GeoPackage geometry blob: " + what,
                     "byte " + std::to_string(offset),
                     "the geometry was not written as a standard GeoPackage blob; re-import it");
}

}  // namespace

std::vector<std::uint8_t> toGpkgBlob(const Geometry& geometry, std::int32_t srsId) {
    std::vector<std::uint8_t> out;
    const bool empty = geometry.isEmpty();
    const std::vector<std::uint8_t> wkb = geometry.toWkb();
    out.reserve(kHeaderSize + (empty ? 0 : 32) + wkb.size());
    out.push_back('G');
    out.push_back('P');
    out.push_back(0);  // version 1.0
    // bit 0: little-endian header; bits 1-3: envelope kind 1 (minx, maxx, miny, maxy).
    std::uint8_t flags = 0x01;
    if (empty)
        flags |= kEmptyFlag;
    else
        flags |= (1u << 1);
    out.push_back(flags);
    putLittle<std::int32_t>(out, srsId);
    if (!empty) {
        const Envelope e = geometry.envelope();
        putLittle<double>(out, e.minX);
        putLittle<double>(out, e.maxX);
        putLittle<double>(out, e.minY);
        putLittle<double>(out, e.maxY);
    }
    out.insert(out.end(), wkb.begin(), wkb.end());
    return out;
}

Result<GpkgGeometry> fromGpkgBlob(std::span<const std::uint8_t> blob) {
    if (blob.size() < kHeaderSize)
        return blobError("only " + std::to_string(blob.size()) + " bytes, shorter than a header",
                         0);
    if (blob[0] != 'G' || blob[1] != 'P')
        return blobError("does not start with the magic 'GP'", 0);
    if (blob[2] != 0)
        return blobError("unsupported version " + std::to_string(blob[2]), 2);
    const std::uint8_t flags = blob[3];
    if ((flags & kExtendedFlag) != 0)
        return blobError("ExtendedGeoPackageBinary is not supported", 3);
    const bool little = (flags & 0x01) != 0;
    const int envelopeKind = (flags >> 1) & 0x07;
    static constexpr std::size_t kEnvelopeBytes[] = {0, 32, 48, 48, 64};
    if (envelopeKind > 4)
        return blobError("invalid envelope indicator " + std::to_string(envelopeKind), 3);
    const std::size_t wkbStart = kHeaderSize + kEnvelopeBytes[envelopeKind];
    if (blob.size() < wkbStart)
        return blobError("truncated envelope", blob.size());
    GpkgGeometry out;
    out.srsId = getValue<std::int32_t>(blob.data() + 4, little);
    if ((flags & kEmptyFlag) != 0 && blob.size() == wkbStart)
        return out;
    auto geometry = Geometry::fromWkb(blob.subspan(wkbStart));
    if (!geometry)
        return blobError("the WKB after the header is invalid", wkbStart);
    out.geometry = std::move(geometry).value();
    return out;
}

}  // namespace kk::geo
