// Errors that tell a person what went wrong, where, and what to do about it.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>
#include <variant>

namespace kk {

/// A user-facing error. Every field is plain language; `where` names the place precisely
/// (file, row, column, field, script line) and `hint` says what the user can do.
struct Error {
    std::string code;   ///< stable machine-readable code, e.g. "import.bad_date"
    std::string what;   ///< what was wrong
    std::string where;  ///< where it was wrong (may be empty)
    std::string hint;   ///< what to do (may be empty)

    /// "where: what (hint)" in one line, for logs and the CLI.
    std::string message() const;
};

Error makeError(std::string code, std::string what, std::string where = {}, std::string hint = {});

/// Thrown where an error cannot be returned (constructors, operators, deep call chains).
class KkError : public std::runtime_error {
  public:
    explicit KkError(Error error);
    const Error& error() const noexcept { return m_error; }

  private:
    Error m_error;
};

/// A value or an Error. Deliberately small: ok(), value(), error(), valueOr().
template <class T>
class [[nodiscard]] Result {
  public:
    Result(T value) : m_v(std::in_place_index<0>, std::move(value)) {}      // NOLINT implicit
    Result(Error error) : m_v(std::in_place_index<1>, std::move(error)) {}  // NOLINT implicit

    bool ok() const noexcept { return m_v.index() == 0; }
    explicit operator bool() const noexcept { return ok(); }

    /// The value; throws KkError carrying the error when there is none.
    T& value() & {
        if (!ok())
            throw KkError(std::get<1>(m_v));
        return std::get<0>(m_v);
    }
    const T& value() const& {
        if (!ok())
            throw KkError(std::get<1>(m_v));
        return std::get<0>(m_v);
    }
    T&& value() && {
        if (!ok())
            throw KkError(std::get<1>(m_v));
        return std::get<0>(std::move(m_v));
    }
    const Error& error() const { return std::get<1>(m_v); }
    T valueOr(T fallback) const { return ok() ? std::get<0>(m_v) : std::move(fallback); }
    const T& operator*() const& { return value(); }
    const T* operator->() const { return &value(); }

  private:
    std::variant<T, Error> m_v;
};

/// Result of an operation that yields nothing but may fail.
template <>
class [[nodiscard]] Result<void> {
  public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)), m_ok(false) {}  // NOLINT implicit
    bool ok() const noexcept { return m_ok; }
    explicit operator bool() const noexcept { return m_ok; }
    const Error& error() const { return m_error; }
    void value() const {
        if (!m_ok)
            throw KkError(m_error);
    }

  private:
    Error m_error;
    bool m_ok = true;
};

using Status = Result<void>;

}  // namespace kk
