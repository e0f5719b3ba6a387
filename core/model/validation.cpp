// Implementation of the domain validation rules.
#include "core/model/validation.h"

#include <array>
#include <utility>

namespace kk {
namespace {

Finding err(std::string entity, std::int64_t id, std::string field, std::string message,
            std::string hint = {}) {
    return Finding{Severity::Error,  std::move(entity),  id,
                   std::move(field), std::move(message), std::move(hint)};
}

Finding warn(std::string entity, std::int64_t id, std::string field, std::string message,
             std::string hint = {}) {
    return Finding{Severity::Warning, std::move(entity),  id,
                   std::move(field),  std::move(message), std::move(hint)};
}

void requireText(std::vector<Finding>& out, const char* entity, std::int64_t id, const char* field,
                 const std::string& value) {
    if (value.find_first_not_of(" \t") == std::string::npos)
        out.push_back(err(entity, id, field, std::string(field) + " is empty", "fill it in"));
}

void requireNonNegative(std::vector<Finding>& out, const char* entity, std::int64_t id,
                        const char* field, Money m) {
    if (m.isNegative())
        out.push_back(err(entity, id, field,
                          std::string(field) + " is negative (" + m.format() + ")",
                          "amounts must be zero or more; record a refund as a recovery"));
}

void checkYear(std::vector<Finding>& out, const char* entity, std::int64_t id, int year) {
    if (year < 1990 || year > 2100)
        out.push_back(err(entity, id, "year", "year " + std::to_string(year) + " is out of range",
                          "use a year between 1990 and 2100"));
}

void checkOptionalPeriod(std::vector<Finding>& out, const char* entity, std::int64_t id,
                         const std::optional<Date>& from, const std::optional<Date>& to,
                         const char* field) {
    if (from && to && *to < *from)
        out.push_back(
            err(entity, id, field,
                "ends (" + to->toString() + ") before it starts (" + from->toString() + ")",
                "correct the end date"));
}

}  // namespace

std::string_view toCode(Severity s) {
    switch (s) {
        case Severity::Info:
            return "info";
        case Severity::Warning:
            return "warning";
        case Severity::Error:
            return "error";
    }
    return "error";
}

std::string normaliseKbo(std::string_view text) {
    std::string digits;
    for (char c : text)
        if (c >= '0' && c <= '9')
            digits += c;
    return digits;
}

Status validateKbo(std::string_view text) {
    for (char c : text)
        if (!(c >= '0' && c <= '9') && c != '.' && c != ' ')
            return makeError("kbo.format", "KBO number '" + std::string(text) + "' has a letter",
                             {}, "write it as 0123.456.749 or 0123456749");
    const std::string d = normaliseKbo(text);
    if (d.size() != 10)
        return makeError("kbo.length",
                         "KBO number '" + std::string(text) + "' has " + std::to_string(d.size()) +
                             " digits instead of 10",
                         {}, "a KBO number has ten digits, e.g. 0207.451.227");
    if (d[0] != '0' && d[0] != '1')
        return makeError("kbo.format",
                         "KBO number '" + std::string(text) + "' must start with 0 or 1");
    const long long body = std::stoll(d.substr(0, 8));
    const int check = std::stoi(d.substr(8, 2));
    const int expected = 97 - static_cast<int>(body % 97);
    if (check != expected)
        return makeError("kbo.check_digits",
                         "KBO number '" + std::string(text) + "' has check digits " +
                             d.substr(8, 2) + " but " + (expected < 10 ? "0" : "") +
                             std::to_string(expected) + " was expected",
                         {}, "check the number in the KBO public search");
    return {};
}

Status validateNisFormat(std::string_view text) {
    if (text.size() != 5)
        return makeError("nis.format", "NIS code '" + std::string(text) + "' is not five digits");
    for (char c : text)
        if (c < '0' || c > '9')
            return makeError("nis.format",
                             "NIS code '" + std::string(text) + "' contains a non-digit");
    const char p = text[0];
    const bool flemish = p == '1' || p == '3' || p == '4' || p == '7' ||
                         (p == '2' && (text[1] == '3' || text[1] == '4'));
    if (!flemish)
        return makeError("nis.not_flemish",
                         "NIS code '" + std::string(text) + "' is not a Flemish municipality", {},
                         "Flemish codes start with 1, 23, 24, 3, 4 or 7");
    return {};
}

bool isAllowedTransition(ProjectStatus from, ProjectStatus to) {
    using S = ProjectStatus;
    static constexpr std::array<std::pair<S, S>, 15> kAllowed{{
        {S::Idea, S::Application},
        {S::Idea, S::Cancelled},
        {S::Application, S::Submitted},
        {S::Application, S::Idea},
        {S::Application, S::Cancelled},
        {S::Submitted, S::Awarded},
        {S::Submitted, S::Rejected},
        {S::Submitted, S::Application},  // returned for completion
        {S::Rejected, S::Application},   // resubmitted in a later call
        {S::Awarded, S::Execution},
        {S::Awarded, S::Cancelled},
        {S::Execution, S::Closed},
        {S::Execution, S::Cancelled},
        {S::Closed, S::Execution},  // reopened after a recovery or correction
        {S::Cancelled, S::Idea},
    }};
    if (from == to)
        return true;
    for (const auto& [a, b] : kAllowed)
        if (a == from && b == to)
            return true;
    return false;
}

Status checkTransition(ProjectStatus from, ProjectStatus to) {
    if (isAllowedTransition(from, to))
        return {};
    std::string allowed;
    for (const auto& n : enumNames<ProjectStatus>()) {
        if (n.value != from && isAllowedTransition(from, n.value)) {
            if (!allowed.empty())
                allowed += ", ";
            allowed += n.code;
        }
    }
    return makeError("project.status_transition",
                     "a project cannot go from '" + std::string(toCode(from)) + "' to '" +
                         std::string(toCode(to)) + "'",
                     {}, "from '" + std::string(toCode(from)) + "' it can go to: " + allowed);
}

std::vector<Finding> validate(const Government& g) {
    std::vector<Finding> out;
    requireText(out, "government", g.id.value, "name", g.name);
    if (auto s = validateKbo(g.kbo); !s)
        out.push_back(err("government", g.id.value, "kbo", s.error().what, s.error().hint));
    if (g.kind == GovernmentKind::Gemeente && !g.nisCode)
        out.push_back(warn("government", g.id.value, "nis_code", "a gemeente without NIS code",
                           "add the municipality's NIS code"));
    if (g.nisCode)
        if (auto s = validateNisFormat(*g.nisCode); !s)
            out.push_back(
                err("government", g.id.value, "nis_code", s.error().what, s.error().hint));
    return out;
}

std::vector<Finding> validate(const Actor& a) {
    std::vector<Finding> out;
    requireText(out, "actor", a.id.value, "name", a.name);
    if (a.kbo)
        if (auto s = validateKbo(*a.kbo); !s)
            out.push_back(err("actor", a.id.value, "kbo", s.error().what, s.error().hint));
    if (a.nisCode)
        if (auto s = validateNisFormat(*a.nisCode); !s)
            out.push_back(err("actor", a.id.value, "nis_code", s.error().what, s.error().hint));
    return out;
}

std::vector<Finding> validate(const Coalition& c) {
    std::vector<Finding> out;
    requireText(out, "coalition", c.id.value, "name", c.name);
    checkOptionalPeriod(out, "coalition", c.id.value, c.agreementFrom, c.agreementTo,
                        "agreement_to");
    return out;
}

std::vector<Finding> validate(const CoalitionMember& m) {
    std::vector<Finding> out;
    if (m.share && (m.share->isNegative() || *m.share > Rate::one()))
        out.push_back(err("coalition_member", m.id.value, "share",
                          "share " + m.share->formatPercent() + " is outside 0–100 %"));
    checkOptionalPeriod(out, "coalition_member", m.id.value, m.joined, m.left, "left");
    return out;
}

std::vector<Finding> validate(const Fund& f) {
    std::vector<Finding> out;
    requireText(out, "fund", f.id.value, "code", f.code);
    requireText(out, "fund", f.id.value, "name", f.name);
    if (f.maxRate.isNegative() || f.maxRate > Rate::one())
        out.push_back(err("fund", f.id.value, "max_rate",
                          "maximum rate " + f.maxRate.formatPercent() + " is outside 0–100 %",
                          "a fund can pay at most 100 % of eligible cost"));
    requireNonNegative(out, "fund", f.id.value, "budget", f.budget);
    for (const auto* cap : {&f.capPerProject, &f.capPerPartner, &f.capPerYear})
        if (*cap)
            requireNonNegative(out, "fund", f.id.value, "cap", **cap);
    if (auto s = f.valid.validate(); !s)
        out.push_back(err("fund", f.id.value, "valid_to", s.error().what, s.error().hint));
    return out;
}

std::vector<Finding> validate(const Call& c) {
    std::vector<Finding> out;
    requireText(out, "call", c.id.value, "code", c.code);
    requireNonNegative(out, "call", c.id.value, "budget", c.budget);
    if (c.closes < c.opens)
        out.push_back(err("call", c.id.value, "closes", "the call closes before it opens"));
    return out;
}

std::vector<Finding> validate(const Project& p) {
    std::vector<Finding> out;
    requireText(out, "project", p.id.value, "code", p.code);
    requireText(out, "project", p.id.value, "name", p.name);
    checkOptionalPeriod(out, "project", p.id.value, p.start, p.end, "end");
    return out;
}

std::vector<Finding> validate(const CostItem& c) {
    std::vector<Finding> out;
    requireText(out, "cost_item", c.id.value, "category", c.category);
    requireNonNegative(out, "cost_item", c.id.value, "amount", c.amount);
    checkYear(out, "cost_item", c.id.value, c.year);
    return out;
}

std::vector<Finding> validate(const Expense& e) {
    std::vector<Finding> out;
    requireNonNegative(out, "expense", e.id.value, "amount", e.amount);
    requireNonNegative(out, "expense", e.id.value, "vat", e.vat);
    return out;
}

std::vector<Finding> validate(const Award& a) {
    std::vector<Finding> out;
    requireNonNegative(out, "award", a.id.value, "amount", a.amount);
    if (a.rate && (a.rate->isNegative() || *a.rate > Rate::one()))
        out.push_back(err("award", a.id.value, "rate",
                          "rate " + a.rate->formatPercent() + " is outside 0–100 %"));
    return out;
}

Status firstError(const std::vector<Finding>& findings, std::string_view where) {
    for (const Finding& f : findings)
        if (f.severity == Severity::Error) {
            std::string w(where);
            if (!f.field.empty())
                w += w.empty() ? f.field : ", " + f.field;
            return makeError(f.entity + ".invalid", f.message, w, f.hint);
        }
    return {};
}

}  // namespace kk
