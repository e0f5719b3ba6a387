// Admission (target checks, method, bearer token, read-only rules) and top-level routing.
#include "core/server/api_handler.h"

#include <cctype>

#include "core/server/routes.h"
#include "core/store/workspace.h"

namespace kk::server {
namespace {

bool isWrite(std::string_view method) {
    return method == "POST" || method == "PATCH" || method == "PUT" || method == "DELETE";
}

bool isOgcPath(const Target& t) {
    return t.segments.empty() || t.segments[0] == "conformance" || t.segments[0] == "collections";
}

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) !=
            std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    return true;
}

Response unauthorized(std::string code, std::string message) {
    Response r = errorResponse(401, std::move(code), std::move(message), "Authorization header",
                               "send 'Authorization: Bearer <token>'; the token is printed by "
                               "'koppelkans-cli serve' and stored in the Koppelkans config dir");
    r.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"koppelkans\"");
    return r;
}

/// A Host header we are willing to reflect into links: host names, IPv4/IPv6 and a port.
bool plausibleHost(std::string_view host) {
    if (host.empty() || host.size() > 255)
        return false;
    for (unsigned char c : host)
        if (!(std::isalnum(c) || c == '.' || c == '-' || c == ':' || c == '[' || c == ']'))
            return false;
    return true;
}

}  // namespace

ApiHandler::ApiHandler(Workspace& ws, TokenSet tokens, HandlerOptions options)
    : m_ws(ws), m_tokens(std::move(tokens)), m_options(std::move(options)) {}

std::optional<Response> ApiHandler::admit(const Request& request, Principal& principal) const {
    Target target;
    try {
        target = parseTarget(request.target);
    } catch (const HttpError& e) {
        return errorResponse(e.status(), e.error());
    }
    const std::string_view m = request.method;
    if (m != "GET" && m != "HEAD" && m != "POST" && m != "PATCH") {
        Response r =
            errorResponse(405, "request.method", "method " + request.method + " is not supported",
                          request.target, "use GET to read, POST to create, PATCH to update");
        r.headers.emplace_back("Allow", "GET, HEAD, POST, PATCH");
        return r;
    }
    const bool anonymousOk = m_options.publicOgcRead && !isWrite(m) && isOgcPath(target);
    const std::string_view auth = request.header("authorization");
    if (auth.empty()) {
        if (anonymousOk) {
            principal = Principal{"anonymous", Access::Read};
            return std::nullopt;
        }
        return unauthorized("auth.missing_token", "this server requires a bearer token");
    }
    const std::size_t space = auth.find(' ');
    if (space == std::string_view::npos || !iequals(auth.substr(0, space), "bearer"))
        return unauthorized("auth.scheme", "only the Bearer authorization scheme is accepted");
    std::string_view token = auth.substr(space + 1);
    while (!token.empty() && token.front() == ' ')
        token.remove_prefix(1);
    while (!token.empty() && token.back() == ' ')
        token.remove_suffix(1);
    auto who = m_tokens.check(token);
    if (!who)
        return unauthorized("auth.bad_token", "the bearer token is not valid");
    if (isWrite(m)) {
        if (m_options.readOnly)
            return errorResponse(403, "server.read_only", "the server runs in read-only mode",
                                 request.target, "restart 'serve' without --read-only to write");
        if (who->access != Access::ReadWrite)
            return errorResponse(403, "auth.read_only_token", "this token may only read",
                                 request.target, "use the workspace's read-write token");
    }
    principal = *who;
    return std::nullopt;
}

Response ApiHandler::handle(const Request& request, const Principal& principal) {
    try {
        Response r = route(request, principal);
        return r;
    } catch (const HttpError& e) {
        return errorResponse(e.status(), e.error());
    } catch (const KkError& e) {
        return errorResponse(500, e.error().code, e.error().what, e.error().where,
                             e.error().hint.empty() ? "report this with the request that caused it"
                                                    : e.error().hint);
    } catch (const nlohmann::json::exception& e) {
        return errorResponse(400, "request.json", e.what(), "request body",
                             "send a valid JSON document");
    } catch (const std::exception& e) {
        return errorResponse(500, "server.internal", e.what(), request.target,
                             "report this with the request that caused it");
    }
}

Response ApiHandler::handleDirect(const Request& request) {
    Principal principal;
    if (auto refusal = admit(request, principal))
        return *refusal;
    return handle(request, principal);
}

Response ApiHandler::route(const Request& request, const Principal& principal) {
    const Target target = parseTarget(request.target);
    std::string host(request.header("host"));
    Context c{m_ws,      request,   target,
              principal, m_options, plausibleHost(host) ? "http://" + host : m_options.baseUrl};
    const auto& s = target.segments;
    const bool read = request.method == "GET" || request.method == "HEAD";
    if (isOgcPath(target)) {
        if (!read)
            fail(405, "request.method", "OGC API Features endpoints are read-only", request.target,
                 "use GET");
        return handleOgc(c);
    }
    if (s.size() >= 2 && s[0] == "api" && s[1] == "v1") {
        if (s.size() == 3 && s[2] == "openapi.json" && read)
            return jsonResponse(200, openApiDocument(),
                                "application/vnd.oai.openapi+json;version=3.0");
        if (s.size() >= 3 && s[2] == "reports") {
            if (!read)
                fail(405, "request.method", "reports are read-only", request.target, "use GET");
            return handleReports(c);
        }
        if (read)
            return handleRestRead(c);
        return handleRestWrite(c);
    }
    fail(404, "request.not_found", "no such path", request.target,
         "the API lives under /api/v1/ and OGC API Features under /collections");
}

}  // namespace kk::server
