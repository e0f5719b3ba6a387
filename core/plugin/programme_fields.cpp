// Programme form values: typed text -> stored text, stored text -> shown text, stored checks.
#include "core/plugin/programme_fields.h"

#include <algorithm>
#include <charconv>

#include "core/base/money.h"
#include "core/base/rate.h"
#include "core/store/workspace.h"

namespace kk::plugin {
namespace {

bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && isSpace(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && isSpace(s.back()))
        s.remove_suffix(1);
    return s;
}

/// Lower case, hyphens as spaces, runs of spaces as one: how names are compared.
std::string nameKey(std::string_view name) {
    std::string out;
    for (char c : trim(name)) {
        if (c == '-' || isSpace(c)) {
            if (!out.empty() && out.back() != ' ')
                out += ' ';
            continue;
        }
        out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    if (!out.empty() && out.back() == ' ')
        out.pop_back();
    return out;
}

bool allDigits(std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<std::int64_t> wholeNumber(std::string_view s) {
    std::int64_t v = 0;
    const char* end = s.data() + s.size();
    if (s.empty() || (s.front() == '+'))
        return std::nullopt;
    const auto [ptr, ec] = std::from_chars(s.data(), end, v);
    if (ec != std::errc() || ptr != end)
        return std::nullopt;
    return v;
}

std::string joined(const std::vector<std::string>& items, std::string_view separator) {
    std::string out;
    for (const auto& i : items)
        out += (out.empty() ? "" : std::string(separator)) + i;
    return out;
}

std::string whereOf(const FieldDef& field) {
    return "field '" + field.label + "' (" + field.code + ")";
}

FieldValueProblem problemOf(const FieldDef& field, FieldProblem problem, std::string part,
                            std::string what, std::string hint) {
    Error e = makeError("programme_field." + std::string(fieldProblemCode(problem)),
                        std::move(what), whereOf(field), std::move(hint));
    return {problem, std::move(part), std::move(e)};
}

FieldValue refused(const FieldDef& field, FieldProblem problem, std::string part, std::string what,
                   std::string hint) {
    return {{}, problemOf(field, problem, std::move(part), std::move(what), std::move(hint))};
}

std::string quoted(std::string_view s) {
    return "'" + std::string(s) + "'";
}

/// What a MunicipalityList item names: a code typed first ("44021", "44021 Gent"), a code in
/// brackets at the end ("Gent (44021)"), else a name.
std::optional<std::string> municipalityOf(std::string_view item,
                                          const MunicipalityDirectory& municipalities,
                                          const Date& on) {
    if (item.size() >= 5 && allDigits(item.substr(0, 5)) &&
        (item.size() == 5 || item[5] < '0' || item[5] > '9')) {
        const std::string code(item.substr(0, 5));
        return municipalities.knows(code) ? std::optional(code) : std::nullopt;
    }
    if (item.size() >= 7 && item.back() == ')') {
        const auto open = item.rfind('(');
        const auto inner = open == std::string_view::npos
                               ? std::string_view()
                               : item.substr(open + 1, item.size() - open - 2);
        if (inner.size() == 5 && allDigits(inner)) {
            const std::string code(inner);
            return municipalities.knows(code) ? std::optional(code) : std::nullopt;
        }
    }
    return municipalities.codeOfName(item, on);
}

std::vector<std::string_view> splitList(std::string_view text, std::string_view separators) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= text.size(); ++i)
        if (i == text.size() || separators.find(text[i]) != std::string_view::npos) {
            const auto item = trim(text.substr(start, i - start));
            if (!item.empty())
                out.push_back(item);
            start = i + 1;
        }
    return out;
}

std::string municipalityHint(const MunicipalityDirectory& municipalities) {
    return municipalities.empty()
               ? "the workspace holds no municipalities: load the reference data first "
                 "('koppelkans-cli init' does for a new workspace)"
               : "type NIS codes (44021) or names (Gent), separated by commas";
}

std::optional<bool> flagOf(std::string_view text) {
    const std::string t = nameKey(text);
    for (const char* yes : {"1", "ja", "j", "yes", "y", "true", "waar", "x"})
        if (t == yes)
            return true;
    for (const char* no : {"0", "nee", "n", "no", "false", "onwaar"})
        if (t == no)
            return false;
    return std::nullopt;
}

}  // namespace

MunicipalityDirectory::MunicipalityDirectory(std::vector<Entry> entries)
    : m_entries(std::move(entries)) {}

MunicipalityDirectory MunicipalityDirectory::load(Workspace& ws) {
    std::vector<Entry> entries;
    auto st = ws.db().prepare("SELECT nis_code, name, valid_from, valid_to FROM kk_municipality");
    while (st.step()) {
        Entry e{st.getText(0), st.getText(1), Date::parse(st.getText(2)).valueOr(Date()), {}};
        if (auto to = Date::parse(st.getText(3)); to)
            e.validTo = to.value();
        entries.push_back(std::move(e));
    }
    return MunicipalityDirectory(std::move(entries));
}

bool MunicipalityDirectory::knows(std::string_view nisCode) const {
    return std::any_of(m_entries.begin(), m_entries.end(),
                       [&](const Entry& e) { return e.nisCode == nisCode; });
}

std::optional<std::string> MunicipalityDirectory::codeOfName(std::string_view name,
                                                             const Date& on) const {
    const std::string key = nameKey(name);
    const Entry* best = nullptr;
    for (const Entry& e : m_entries) {
        if (nameKey(e.name) != key)
            continue;
        const bool valid = e.validFrom <= on && (!e.validTo || on <= *e.validTo);
        const bool bestValid =
            best && best->validFrom <= on && (!best->validTo || on <= *best->validTo);
        if (!best || (valid && !bestValid) || (valid == bestValid && e.validFrom > best->validFrom))
            best = &e;
    }
    return best ? std::optional(best->nisCode) : std::nullopt;
}

std::string MunicipalityDirectory::nameOf(std::string_view nisCode) const {
    const Entry* best = nullptr;
    for (const Entry& e : m_entries)
        if (e.nisCode == nisCode && (!best || e.validFrom > best->validFrom))
            best = &e;
    return best ? best->name : std::string();
}

std::string_view fieldProblemCode(FieldProblem problem) {
    switch (problem) {
        case FieldProblem::NotMoney:
            return "not_money";
        case FieldProblem::NotRate:
            return "not_rate";
        case FieldProblem::Negative:
            return "negative";
        case FieldProblem::NotInteger:
            return "not_integer";
        case FieldProblem::NotDate:
            return "not_date";
        case FieldProblem::NotChoice:
            return "not_choice";
        case FieldProblem::NotFlag:
            return "not_flag";
        case FieldProblem::UnknownMunicipality:
            return "unknown_municipality";
        case FieldProblem::NotStored:
            return "not_stored";
    }
    return "?";
}

FieldValue parseFieldValue(const FieldDef& field, std::string_view typed,
                           const MunicipalityDirectory& municipalities, const Date& on) {
    const std::string_view t = trim(typed);
    if (t.empty())
        return {};
    const std::string text(t);
    switch (field.type) {
        case FieldType::Text:
            return {text, {}};
        case FieldType::Money: {
            auto m = Money::parse(t);
            if (!m)
                return refused(field, FieldProblem::NotMoney, text,
                               quoted(t) + " is not an amount of money",
                               "type euros, e.g. 75000 or 75.000,00 (at most two decimals)");
            if (m.value().isNegative())
                return refused(field, FieldProblem::Negative, text, quoted(t) + " is below zero",
                               "type an amount of zero or more");
            return {std::to_string(m.value().cents()), {}};
        }
        case FieldType::Rate: {
            auto r = Rate::parse(t);
            if (!r)
                return refused(field, FieldProblem::NotRate, text, quoted(t) + " is not a rate",
                               "type a percentage (12,5 %), a decimal (0,125) or a fraction (1/8)");
            if (r.value().isNegative())
                return refused(field, FieldProblem::Negative, text, quoted(t) + " is below zero",
                               "type a rate of zero or more");
            return {r.value().toString(), {}};
        }
        case FieldType::Integer: {
            auto n = wholeNumber(t);
            if (!n)
                return refused(field, FieldProblem::NotInteger, text,
                               quoted(t) + " is not a whole number", "type digits only, e.g. 12");
            return {std::to_string(*n), {}};
        }
        case FieldType::Date: {
            auto d = Date::parse(t);
            if (!d)
                return refused(field, FieldProblem::NotDate, text, quoted(t) + " is not a date",
                               "type a date as 2026-03-01 or 1/3/2026");
            return {d.value().toString(), {}};
        }
        case FieldType::Choice: {
            for (const auto& c : field.choices)
                if (nameKey(c) == nameKey(t))
                    return {c, {}};
            return refused(field, FieldProblem::NotChoice, text,
                           quoted(t) + " is not one of the choices",
                           "choose one of: " + joined(field.choices, ", "));
        }
        case FieldType::Flag: {
            auto f = flagOf(t);
            if (!f)
                return refused(field, FieldProblem::NotFlag, text, quoted(t) + " is not yes or no",
                               "type ja or nee (also yes/no, 1/0)");
            return {*f ? "1" : "0", {}};
        }
        case FieldType::MunicipalityList: {
            std::vector<std::string> codes;
            for (std::string_view item : splitList(t, ",;\n")) {
                auto code = municipalityOf(item, municipalities, on);
                if (!code)
                    return refused(field, FieldProblem::UnknownMunicipality, std::string(item),
                                   quoted(item) + " is not a municipality known to the workspace",
                                   municipalityHint(municipalities));
                if (std::find(codes.begin(), codes.end(), *code) == codes.end())
                    codes.push_back(*code);
            }
            return {joined(codes, ";"), {}};
        }
    }
    return {text, {}};
}

std::string displayFieldValue(const FieldDef& field, std::string_view stored,
                              const MunicipalityDirectory& municipalities) {
    if (stored.empty() || checkStoredFieldValue(field, stored, municipalities))
        return std::string(stored);
    switch (field.type) {
        case FieldType::Money:
            return Money::fromCents(*wholeNumber(stored)).format();
        case FieldType::Rate: {
            const Rate r = Rate::parse(stored).value();
            // A percentage that rounds (1/3 -> 33,3333 %) would read back as another rate.
            const std::string percent = r.formatPercent();
            auto back = Rate::parse(percent);
            return back && back.value() == r ? percent : r.toString();
        }
        case FieldType::Flag:
            return stored == "1" ? "ja" : "nee";
        case FieldType::MunicipalityList: {
            std::vector<std::string> items;
            for (std::string_view code : splitList(stored, ";"))
                items.push_back(municipalities.nameOf(code) + " (" + std::string(code) + ")");
            return joined(items, ", ");
        }
        case FieldType::Text:
        case FieldType::Integer:
        case FieldType::Date:
        case FieldType::Choice:
            break;
    }
    return std::string(stored);
}

std::optional<FieldValueProblem> checkStoredFieldValue(
    const FieldDef& field, std::string_view stored, const MunicipalityDirectory& municipalities) {
    if (stored.empty())
        return std::nullopt;
    auto notStored = [&](const std::string& form) {
        return problemOf(field, FieldProblem::NotStored, std::string(stored),
                         "the stored value " + quoted(stored) + " is not " + form,
                         "enter the value again in the project editor, or import it as " + form);
    };
    switch (field.type) {
        case FieldType::Text:
            return std::nullopt;
        case FieldType::Money:
            if (!allDigits(stored) || !wholeNumber(stored))
                return notStored("an amount in whole cents (7500000 for € 75.000,00)");
            return std::nullopt;
        case FieldType::Rate: {
            auto r = Rate::parse(stored);
            if (!r || r.value().isNegative() || r.value().toString() != stored)
                return notStored("an exact rate of zero or more (1/8 for 12,5 %)");
            return std::nullopt;
        }
        case FieldType::Integer: {
            auto n = wholeNumber(stored);
            if (!n || std::to_string(*n) != stored)
                return notStored("a whole number (12)");
            return std::nullopt;
        }
        case FieldType::Date: {
            auto d = Date::parse(stored);
            if (!d || d.value().toString() != stored)
                return notStored("an ISO date (2026-03-01)");
            return std::nullopt;
        }
        case FieldType::Choice:
            if (std::find(field.choices.begin(), field.choices.end(), stored) ==
                field.choices.end())
                return problemOf(field, FieldProblem::NotChoice, std::string(stored),
                                 quoted(stored) + " is not one of the choices",
                                 "choose one of: " + joined(field.choices, ", "));
            return std::nullopt;
        case FieldType::Flag:
            if (stored != "1" && stored != "0")
                return notStored("1 or 0");
            return std::nullopt;
        case FieldType::MunicipalityList: {
            const auto codes = splitList(stored, ";");
            std::vector<std::string_view> seen;
            for (std::string_view code : codes) {
                if (code.size() != 5 || !allDigits(code) ||
                    std::find(seen.begin(), seen.end(), code) != seen.end())
                    return notStored("';'-separated NIS codes (44021;12025)");
                if (!municipalities.knows(code))
                    return problemOf(field, FieldProblem::UnknownMunicipality, std::string(code),
                                     quoted(code) + " is not a municipality known to the workspace",
                                     municipalityHint(municipalities));
                seen.push_back(code);
            }
            if (joined(std::vector<std::string>(codes.begin(), codes.end()), ";") != stored)
                return notStored("';'-separated NIS codes (44021;12025)");
            return std::nullopt;
        }
    }
    return std::nullopt;
}

}  // namespace kk::plugin
