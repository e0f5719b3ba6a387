// Options of a plugin command ("--coalition WLS-01 --date 2025-03-01"), with typed getters
// whose errors name the command, the option and what to type instead.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/base/date.h"
#include "core/base/error.h"
#include "core/base/money.h"
#include "core/base/rate.h"

namespace kk::plugin {

class CommandArgs {
  public:
    /// Parses "--name value", "--name=value" and bare flags listed in `flags`. Refuses options
    /// not in `known` and stray words, naming them and the command.
    static Result<CommandArgs> parse(const std::string& command,
                                     const std::vector<std::string>& args,
                                     const std::vector<std::string>& known,
                                     const std::vector<std::string>& flags = {});

    bool has(const std::string& name) const { return m_values.count(name) > 0; }
    /// The text of a required option; throws KkError "--name is missing" otherwise.
    const std::string& text(const std::string& name) const;
    std::string textOr(const std::string& name, std::string fallback) const;
    Money money(const std::string& name) const;
    Date date(const std::string& name) const;
    std::optional<Date> optionalDate(const std::string& name) const;
    Rate rate(const std::string& name) const;
    int integer(const std::string& name) const;
    bool flag(const std::string& name) const { return has(name); }
    /// ';' or ',' separated, trimmed, empty parts dropped.
    std::vector<std::string> list(const std::string& name) const;

  private:
    Error bad(const std::string& name, const std::string& what, const std::string& hint) const;
    std::string m_command;
    std::map<std::string, std::string> m_values;
};

}  // namespace kk::plugin
