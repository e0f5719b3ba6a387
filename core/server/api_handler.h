// The request handler behind the sockets: authentication (thread-safe, no workspace access)
// and routing to the REST, report and OGC API Features handlers (on the model thread only).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/server/gpkg_geojson.h"
#include "core/server/http_message.h"
#include "core/server/tokens.h"

namespace kk {
class Workspace;
}

namespace kk::server {

/// A report as a plain table, the shape every output format is produced from.
struct ReportTable {
    enum class Kind { Text, Integer, Money };
    struct Column {
        std::string name;
        Kind kind = Kind::Text;
    };
    std::string id;  ///< e.g. "project-funding"
    std::string title;
    std::vector<Column> columns;
    /// Cells as text: Integer and Money cells hold the integer (cents for Money) in decimal.
    std::vector<std::vector<std::string>> rows;
};

/// Renders a report in a format the server does not write itself (e.g. "xlsx"). The
/// integrator plugs core/report's writers here; returns the bytes of the file.
using ReportRenderer =
    std::function<Result<std::string>(const ReportTable& table, std::string_view format)>;

/// What the handler may do and how it presents geometry.
struct HandlerOptions {
    bool readOnly = false;       ///< refuse every write (403), whatever the token
    bool publicOgcRead = false;  ///< OGC API Features GETs without a token (opt-in)
    /// EPSG:31370 -> CRS84. When set, features default to CRS84 (OGC API Features Part 1);
    /// when empty they are served in EPSG:31370 with a Content-Crs header.
    CoordinateTransform toCrs84;
    ReportRenderer reportRenderer;  ///< formats beyond json/csv; empty: 406 for them
    /// Used for absolute links when a request carries no usable Host header.
    std::string baseUrl = "http://127.0.0.1";
};

class ApiHandler {
  public:
    ApiHandler(Workspace& ws, TokenSet tokens, HandlerOptions options);

    /// First stage, safe on any thread (touches no workspace): checks the target for tricks,
    /// the method and the bearer token. Returns a refusal, or nullopt and sets `principal`.
    std::optional<Response> admit(const Request& request, Principal& principal) const;
    /// Second stage, on the model thread: routes and answers. Never throws.
    Response handle(const Request& request, const Principal& principal);
    /// Both stages on the calling thread (tests, fuzzing).
    Response handleDirect(const Request& request);

    const HandlerOptions& options() const { return m_options; }
    void setBaseUrl(std::string url) { m_options.baseUrl = std::move(url); }

  private:
    Response route(const Request& request, const Principal& principal);

    Workspace& m_ws;
    TokenSet m_tokens;
    HandlerOptions m_options;
};

}  // namespace kk::server
