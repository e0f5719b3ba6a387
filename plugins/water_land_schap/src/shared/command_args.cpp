// Option parsing for plugin commands (see command_args.h).
#include "plugins/water_land_schap/src/shared/command_args.h"

#include <algorithm>
#include <charconv>

namespace kk::plugin {
namespace {

bool contains(const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

std::string joinOptions(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v)
        out += (out.empty() ? "--" : ", --") + s;
    return out;
}

}  // namespace

Result<CommandArgs> CommandArgs::parse(const std::string& command,
                                       const std::vector<std::string>& args,
                                       const std::vector<std::string>& known,
                                       const std::vector<std::string>& flags) {
    CommandArgs out;
    out.m_command = command;
    std::vector<std::string> all = known;
    all.insert(all.end(), flags.begin(), flags.end());
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a.rfind("--", 0) != 0)
            return makeError(
                "plugin.usage", "unexpected word '" + a + "'", "command " + command,
                "options are written --name value; known options: " + joinOptions(all));
        std::string name = a.substr(2);
        std::optional<std::string> value;
        if (const auto eq = name.find('='); eq != std::string::npos) {
            value = name.substr(eq + 1);
            name = name.substr(0, eq);
        }
        if (name == "json")  // the CLI's own output switch may be passed through
            continue;
        if (contains(flags, name)) {
            out.m_values[name] = "yes";
            continue;
        }
        if (!contains(known, name))
            return makeError("plugin.usage", "unknown option --" + name, "command " + command,
                             "known options: " + joinOptions(all));
        if (!value) {
            if (i + 1 >= args.size())
                return makeError("plugin.usage", "--" + name + " needs a value",
                                 "command " + command, "write --" + name + " VALUE");
            value = args[++i];
        }
        out.m_values[name] = *value;
    }
    return out;
}

Error CommandArgs::bad(const std::string& name, const std::string& what,
                       const std::string& hint) const {
    return makeError("plugin.usage", what, "command " + m_command + ", option --" + name, hint);
}

const std::string& CommandArgs::text(const std::string& name) const {
    const auto it = m_values.find(name);
    if (it == m_values.end() || it->second.empty())
        throw KkError(bad(name, "--" + name + " is missing", "add --" + name + " VALUE"));
    return it->second;
}

std::string CommandArgs::textOr(const std::string& name, std::string fallback) const {
    const auto it = m_values.find(name);
    return it == m_values.end() ? fallback : it->second;
}

Money CommandArgs::money(const std::string& name) const {
    auto m = Money::parse(text(name));
    if (!m)
        throw KkError(bad(name, "'" + text(name) + "' is not an amount in euros: " + m.error().what,
                          "write e.g. 1250000 or 1250000.50"));
    return m.value();
}

Date CommandArgs::date(const std::string& name) const {
    auto d = Date::parse(text(name));
    if (!d)
        throw KkError(bad(name, "'" + text(name) + "' is not a date", "write YYYY-MM-DD"));
    return d.value();
}

std::optional<Date> CommandArgs::optionalDate(const std::string& name) const {
    if (!has(name))
        return std::nullopt;
    return date(name);
}

Rate CommandArgs::rate(const std::string& name) const {
    auto r = Rate::parse(text(name));
    if (!r)
        throw KkError(
            bad(name, "'" + text(name) + "' is not a rate", "write e.g. 50%, 0.5 or 1/2"));
    return r.value();
}

int CommandArgs::integer(const std::string& name) const {
    const std::string& t = text(name);
    int v = 0;
    const auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (ec != std::errc() || p != t.data() + t.size())
        throw KkError(bad(name, "'" + t + "' is not a whole number", "write e.g. 2026"));
    return v;
}

std::vector<std::string> CommandArgs::list(const std::string& name) const {
    std::vector<std::string> out;
    std::string cur;
    auto flush = [&] {
        const auto b = cur.find_first_not_of(' ');
        const auto e = cur.find_last_not_of(' ');
        if (b != std::string::npos)
            out.push_back(cur.substr(b, e - b + 1));
        cur.clear();
    };
    for (char c : textOr(name, ""))
        if (c == ';' || c == ',')
            flush();
        else
            cur += c;
    flush();
    return out;
}

}  // namespace kk::plugin
