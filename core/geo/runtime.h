// GeoRuntime: the explicit owner of GDAL's global state (driver registration, error routing).
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace kk::geo {

/// Create one GeoRuntime early in main() (or per test) and pass it to every file-level
/// function of core/geo. Its constructor registers the GDAL drivers (once per process, no
/// static initialisers) and routes GDAL's error and warning output to `sink` instead of
/// stderr; its destructor restores the previous error routing. Geometry operations do not need
/// it. Instances nest (last created, first destroyed).
class GeoRuntime {
  public:
    /// level is "warning" or "error"; messages raised inside core/geo operations are also
    /// captured into their kk::Error, so the sink is for logs only.
    using LogSink = std::function<void(std::string_view level, std::string_view message)>;

    explicit GeoRuntime(LogSink sink = {});
    ~GeoRuntime();
    GeoRuntime(const GeoRuntime&) = delete;
    GeoRuntime& operator=(const GeoRuntime&) = delete;

    /// "3.6.2"
    std::string gdalVersion() const;
    /// True when GDAL has a driver by that short name ("GPKG", "GeoJSON", "ESRI Shapefile").
    bool hasDriver(std::string_view shortName) const;

    /// Forwards one message to the sink (used by the GDAL error handler).
    void log(std::string_view level, std::string_view message) const;

  private:
    LogSink m_sink;
    void* m_previousHandler = nullptr;
    void* m_previousUserData = nullptr;
};

}  // namespace kk::geo
