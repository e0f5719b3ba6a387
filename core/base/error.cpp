// Formatting of user-facing errors.
#include "core/base/error.h"

namespace kk {

std::string Error::message() const {
    std::string out;
    if (!where.empty())
        out += where + ": ";
    out += what;
    if (!hint.empty())
        out += " (" + hint + ")";
    return out;
}

Error makeError(std::string code, std::string what, std::string where, std::string hint) {
    return Error{std::move(code), std::move(what), std::move(where), std::move(hint)};
}

KkError::KkError(Error error) : std::runtime_error(error.message()), m_error(std::move(error)) {}

}  // namespace kk
