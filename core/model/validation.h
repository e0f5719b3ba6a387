// Validation rules of the domain: identifiers (KBO, NIS), amounts, periods, roles and the
// project status workflow. Pure functions; the store and importers call them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/base/error.h"
#include "core/model/entities.h"

namespace kk {

enum class Severity { Info, Warning, Error };
std::string_view toCode(Severity s);

/// One located validation finding, as shown in the problems pane and by `check`.
struct Finding {
    Severity severity = Severity::Error;
    std::string entity;  ///< table-level name, e.g. "project"
    std::int64_t id = 0;
    std::string field;
    std::string message;
    std::string hint;
};

/// Keeps only the digits of a KBO number as written ("0207.451.227" -> "0207451227").
std::string normaliseKbo(std::string_view text);
/// A KBO (enterprise) number: 10 digits, starting with 0 or 1, whose last two digits equal
/// 97 - (first eight digits mod 97).
Status validateKbo(std::string_view text);
/// Well-formed Flemish NIS municipality code: five digits with a Flemish province prefix
/// (1 Antwerpen, 23/24 Vlaams-Brabant, 3 West-Vlaanderen, 4 Oost-Vlaanderen, 7 Limburg).
/// Whether the code exists on a date is a question for the reference data.
Status validateNisFormat(std::string_view text);

/// Whether a project may move from one status to another (see docs/domain-model.md).
bool isAllowedTransition(ProjectStatus from, ProjectStatus to);
Status checkTransition(ProjectStatus from, ProjectStatus to);

/// Field-level checks of a single entity (no cross-entity lookups).
std::vector<Finding> validate(const Government& g);
std::vector<Finding> validate(const Actor& a);
std::vector<Finding> validate(const Coalition& c);
std::vector<Finding> validate(const CoalitionMember& m);
std::vector<Finding> validate(const Fund& f);
std::vector<Finding> validate(const Call& c);
std::vector<Finding> validate(const Project& p);
std::vector<Finding> validate(const CostItem& c);
std::vector<Finding> validate(const Expense& e);
std::vector<Finding> validate(const Award& a);

/// Turns the first error-severity finding into an Error (for all-or-nothing writers).
Status firstError(const std::vector<Finding>& findings, std::string_view where);

}  // namespace kk
