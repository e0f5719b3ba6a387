// Request-target parsing (with the path-trick refusals), percent coding and error bodies.
#include "core/server/http_message.h"

namespace kk::server {
namespace {

int hexValue(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool isControl(unsigned char c) {
    return c < 0x20 || c == 0x7f;
}

[[noreturn]] void badTarget(std::string what) {
    fail(400, "request.bad_target", std::move(what), "request target",
         "send a plain path such as /api/v1/projects");
}

[[noreturn]] void noSuchPath(std::string what) {
    fail(404, "request.not_found", std::move(what), "request target",
         "see /api/v1/openapi.json for the paths this server answers");
}

}  // namespace

std::string_view Request::header(std::string_view lowerName) const {
    for (const auto& [name, value] : headers)
        if (name == lowerName)
            return value;
    return {};
}

std::optional<std::string> Target::param(std::string_view name) const {
    for (const auto& [k, v] : query)
        if (k == name)
            return v;
    return std::nullopt;
}

void fail(int status, std::string code, std::string message, std::string where, std::string hint) {
    throw HttpError(
        status, makeError(std::move(code), std::move(message), std::move(where), std::move(hint)));
}

std::optional<std::string> percentDecode(std::string_view text, bool plusIsSpace) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '%') {
            if (i + 2 >= text.size())
                return std::nullopt;
            const int hi = hexValue(text[i + 1]);
            const int lo = hexValue(text[i + 2]);
            if (hi < 0 || lo < 0)
                return std::nullopt;
            out += static_cast<char>(hi * 16 + lo);
            i += 2;
        } else if (c == '+' && plusIsSpace) {
            out += ' ';
        } else {
            out += c;
        }
    }
    return out;
}

std::string percentEncode(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '.' || c == '_' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

Target parseTarget(std::string_view target) {
    if (target.empty() || target.front() != '/')
        badTarget("the request target must be a path starting with '/'");
    for (unsigned char c : target)
        if (isControl(c) || c == ' ')
            badTarget("the request target holds a control character");
    const std::size_t q = target.find('?');
    std::string_view path = target.substr(0, q);
    const std::string_view query = q == std::string_view::npos ? "" : target.substr(q + 1);
    if (path.find('\\') != std::string_view::npos)
        badTarget("backslashes are not allowed in paths");

    Target out;
    // One trailing slash is tolerated ("/collections/"); anything emptier is a trick.
    if (path.size() > 1 && path.back() == '/')
        path.remove_suffix(1);
    std::size_t pos = 1;
    while (path.size() > 1 && pos <= path.size()) {
        const std::size_t slash = path.find('/', pos);
        const std::string_view raw = path.substr(
            pos, slash == std::string_view::npos ? std::string_view::npos : slash - pos);
        if (raw.empty())
            noSuchPath("empty path segment ('//')");
        auto decoded = percentDecode(raw, false);
        if (!decoded)
            badTarget("bad percent escape in the path");
        for (unsigned char c : *decoded)
            if (isControl(c) || c == '\\')
                badTarget("the path decodes to a control character");
        if (decoded->find('/') != std::string::npos)
            noSuchPath("encoded '/' in a path segment");
        if (*decoded == "." || *decoded == "..")
            noSuchPath("'.' and '..' segments are refused");
        out.segments.push_back(std::move(*decoded));
        if (slash == std::string_view::npos)
            break;
        pos = slash + 1;
    }

    std::size_t start = 0;
    while (start < query.size()) {
        std::size_t amp = query.find('&', start);
        if (amp == std::string_view::npos)
            amp = query.size();
        const std::string_view pair = query.substr(start, amp - start);
        start = amp + 1;
        if (pair.empty())
            continue;
        const std::size_t eq = pair.find('=');
        auto key = percentDecode(pair.substr(0, eq), true);
        auto value = percentDecode(eq == std::string_view::npos ? "" : pair.substr(eq + 1), true);
        if (!key || !value)
            badTarget("bad percent escape in the query string");
        for (unsigned char c : *key + *value)
            if (c == 0)
                badTarget("the query string decodes to a NUL character");
        out.query.emplace_back(std::move(*key), std::move(*value));
    }
    return out;
}

Response jsonResponse(int status, const nlohmann::json& body, std::string contentType) {
    Response r;
    r.status = status;
    r.contentType = std::move(contentType);
    // Invalid UTF-8 in stored text must not abort a response: replace it.
    r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return r;
}

Response errorResponse(int status, std::string code, std::string message, std::string where,
                       std::string hint) {
    nlohmann::json e = {{"code", std::move(code)},
                        {"message", std::move(message)},
                        {"where", std::move(where)},
                        {"hint", std::move(hint)}};
    return jsonResponse(status, nlohmann::json{{"error", std::move(e)}});
}

Response errorResponse(int status, const Error& error) {
    return errorResponse(status, error.code, error.what, error.where, error.hint);
}

std::string_view reasonPhrase(int status) {
    switch (status) {
        case 200:
            return "OK";
        case 201:
            return "Created";
        case 204:
            return "No Content";
        case 304:
            return "Not Modified";
        case 400:
            return "Bad Request";
        case 401:
            return "Unauthorized";
        case 403:
            return "Forbidden";
        case 404:
            return "Not Found";
        case 405:
            return "Method Not Allowed";
        case 406:
            return "Not Acceptable";
        case 408:
            return "Request Timeout";
        case 409:
            return "Conflict";
        case 411:
            return "Length Required";
        case 413:
            return "Payload Too Large";
        case 415:
            return "Unsupported Media Type";
        case 422:
            return "Unprocessable Entity";
        case 431:
            return "Request Header Fields Too Large";
        case 500:
            return "Internal Server Error";
        case 501:
            return "Not Implemented";
        case 503:
            return "Service Unavailable";
        default:
            return "Unknown";
    }
}

}  // namespace kk::server
