// Internal interface between the dispatcher and the route handlers of core/server.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/server/api_handler.h"
#include "core/store/workspace.h"

namespace kk::server {

/// Everything a route handler needs for one request.
struct Context {
    Workspace& ws;
    const Request& request;
    const Target& target;
    const Principal& principal;
    const HandlerOptions& options;
    std::string baseUrl;  ///< "http://host:port", no trailing slash
};

/// One entity exposed under /api/v1/<path>.
struct EntityDef {
    std::string_view path;   ///< "cost-items"
    std::string_view table;  ///< "kk_cost_item"
    std::string_view key;    ///< "id", "fid" or "rowid"
    std::string_view title;
    bool writable = false;  ///< POST and PATCH accepted
};
std::span<const EntityDef> entityDefs();
const EntityDef* findEntity(std::string_view path);

/// Paging parameters shared by REST and OGC lists.
struct Paging {
    std::int64_t limit = 0;
    std::int64_t offset = 0;
};
/// Reads ?limit and ?offset; 400 on non-numbers or out-of-range values; limits above `max`
/// are clamped to `max`.
Paging readPaging(const Target& t, std::int64_t defaultLimit, std::int64_t max);
/// The current URL with limit/offset replaced (for next/prev links).
std::string pageUrl(const Context& c, std::int64_t limit, std::int64_t offset);

/// Money columns get "<col>_cents" and "<col>_formatted"; JSON text columns are embedded.
nlohmann::json rowToJson(const sql::Statement& st, std::string_view skipColumn = {});
void putMoney(nlohmann::json& obj, const std::string& name, std::int64_t cents);

/// One entity by id as the REST API shows it (projects with funding); nullopt when absent.
std::optional<nlohmann::json> readEntity(Workspace& ws, const EntityDef& e, std::int64_t id);

Response handleRestRead(Context& c);
Response handleRestWrite(Context& c);
Response handleReports(Context& c);
Response handleOgc(Context& c);
/// Funding totals of one project (awards by fund, cost and expense totals).
nlohmann::json projectFunding(Workspace& ws, std::int64_t projectId);

/// The OpenAPI 3.0 description of this server (also checked in as docs/openapi.json).
const nlohmann::json& openApiDocument();

}  // namespace kk::server
