// Plain HTTP request/response values and target parsing, independent of Beast so that the
// routing and handlers compile (and fuzz) without the networking templates.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/base/error.h"

namespace kk::server {

/// One parsed HTTP request. Header names are stored lower-case.
struct Request {
    std::string method;  ///< "GET", "POST", ...
    std::string target;  ///< the raw request-target ("/api/v1/projects?limit=5")
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;

    /// The first header of that (lower-case) name, or empty.
    std::string_view header(std::string_view lowerName) const;
};

/// One response. The server adds Content-Length, Server and Connection.
struct Response {
    int status = 200;
    std::string contentType = "application/json";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
};

/// The request-target split into decoded path segments and decoded query parameters.
struct Target {
    std::vector<std::string> segments;  ///< "/api/v1/projects" -> {"api","v1","projects"}
    std::vector<std::pair<std::string, std::string>> query;

    /// The value of a query parameter, nullopt when absent.
    std::optional<std::string> param(std::string_view name) const;
    bool has(std::string_view name) const { return param(name).has_value(); }
};

/// An error that becomes an HTTP error response with this status. Handlers throw it; the
/// dispatcher turns it (and any other KkError, as 500) into the JSON error body.
class HttpError : public KkError {
  public:
    HttpError(int status, Error error) : KkError(std::move(error)), m_status(status) {}
    int status() const noexcept { return m_status; }

  private:
    int m_status;
};

/// Throws HttpError(status, {code, message, where, hint}).
[[noreturn]] void fail(int status, std::string code, std::string message, std::string where = {},
                       std::string hint = {});

/// Splits and percent-decodes a request-target, refusing tricks: control characters and NUL,
/// backslashes, bad percent escapes (400); "." and ".." segments (raw or encoded), empty
/// segments ("//") (404); absolute-form targets (400). Throws HttpError.
Target parseTarget(std::string_view target);

/// Decodes %XX escapes (and '+' as space when `plusIsSpace`); nullopt on a bad escape.
std::optional<std::string> percentDecode(std::string_view text, bool plusIsSpace);
/// Encodes everything but unreserved characters (RFC 3986), for building links.
std::string percentEncode(std::string_view text);

/// A JSON body with the given status.
Response jsonResponse(int status, const nlohmann::json& body,
                      std::string contentType = "application/json");
/// The uniform error body: {"error": {"code","message","where","hint"}}.
Response errorResponse(int status, std::string code, std::string message, std::string where = {},
                       std::string hint = {});
Response errorResponse(int status, const Error& error);

/// Reason phrase for the statuses the server uses.
std::string_view reasonPhrase(int status);

}  // namespace kk::server
