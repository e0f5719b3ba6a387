// The values of a programme type's form fields (FieldDef in plugin_host.h): reading what people
// type into the stored canonical text, showing stored text back, and checking stored text. The
// project editor, `check` and plugins that read a project's form use the same rules.
//
// Stored (canonical) text per FieldType — '' is always "no value":
//   Text              the text, trimmed
//   Money             whole euro cents, no sign: "7500000" is € 75.000,00 (never negative)
//   Rate              an exact reduced fraction as Rate::toString writes it: "1/8", "3" (>= 0)
//   Integer           decimal digits with an optional '-': "12"
//   Date              ISO 8601: "2026-03-01"
//   Choice            one of the field's choices, exactly as the plugin spells it
//   Flag              "1" (yes) or "0" (no)
//   MunicipalityList  NIS codes of municipalities known to the workspace, ';'-separated, in the
//                     order typed, without repeats: "44021;12025"
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/date.h"
#include "core/base/error.h"
#include "core/plugin/plugin_host.h"

namespace kk {
class Workspace;
}

namespace kk::plugin {

/// The municipalities a MunicipalityList field may name: the workspace's kk_municipality rows
/// (every period, so forms of past years keep their codes).
class MunicipalityDirectory {
  public:
    struct Entry {
        std::string nisCode;
        std::string name;
        Date validFrom;
        std::optional<Date> validTo;
    };

    MunicipalityDirectory() = default;
    explicit MunicipalityDirectory(std::vector<Entry> entries);
    /// Reads kk_municipality of the workspace.
    static MunicipalityDirectory load(Workspace& ws);

    bool empty() const { return m_entries.empty(); }
    bool knows(std::string_view nisCode) const;
    /// The NIS code a name stands for (case-insensitive, spaces and hyphens alike: "sint
    /// niklaas" is Sint-Niklaas). A name several codes carried (a merger kept it for the new
    /// municipality) gives the code valid on `on`, else the most recent one.
    std::optional<std::string> codeOfName(std::string_view name, const Date& on) const;
    /// The name of a code (of its most recent row); empty when unknown.
    std::string nameOf(std::string_view nisCode) const;

  private:
    std::vector<Entry> m_entries;
};

/// Why a typed or stored value does not fit its field.
enum class FieldProblem {
    NotMoney,             ///< not an amount (or more than two decimals)
    NotRate,              ///< not a percentage, decimal or fraction
    Negative,             ///< a negative amount or rate
    NotInteger,           ///< not a whole number
    NotDate,              ///< not a date
    NotChoice,            ///< not one of the field's choices
    NotFlag,              ///< not yes/no
    UnknownMunicipality,  ///< a list item that names no municipality of the workspace
    NotStored,            ///< stored text that is not in the stored form of its type
};
/// A stable code for messages and translations: "not_money", "unknown_municipality", ...
std::string_view fieldProblemCode(FieldProblem problem);

/// A refused value: the kind of problem, the part of the text at fault (the whole value or
/// one list item) and an English error for the CLI and the API (code
/// "programme_field.<problem code>"; what was wrong, which field, what to type).
struct FieldValueProblem {
    FieldProblem problem;
    std::string part;
    Error error;
};

/// The stored text for what a person typed, or why it is refused.
struct FieldValue {
    std::string stored;
    std::optional<FieldValueProblem> problem;
    bool ok() const { return !problem.has_value(); }
};

/// Reads typed text as people write it: money "75000", "75.000,00", "€ 75 000"; rates
/// "12,5 %", "0,125", "1/8"; dates "2026-03-01" or "1/3/2026"; flags ja/nee, yes/no, 1/0,
/// x/empty; municipality lists as NIS codes or names ("Gent", "44021", "Gent (44021)")
/// separated by ',' ';' or new lines. Names resolve on `on` (see codeOfName). Blank text is
/// no value (stored ''), for required fields too: `checkProgrammeForms` reports those.
FieldValue parseFieldValue(const FieldDef& field, std::string_view typed,
                           const MunicipalityDirectory& municipalities,
                           const Date& on = Date::today());

/// Stored text as people read it, in a form parseFieldValue reads back to the same value:
/// "€ 75.000,00", "12,5 %" (or "1/3" where a percentage would round), "ja"/"nee" for flags,
/// "Gent (44021), Mechelen (12025)". Text that is not in the stored form is shown as it is.
std::string displayFieldValue(const FieldDef& field, std::string_view stored,
                              const MunicipalityDirectory& municipalities);

/// Whether stored text is in the stored form of its field (see the table above); nullopt
/// when it is. Imports write text as given, so `check` reads every stored value with this.
std::optional<FieldValueProblem> checkStoredFieldValue(const FieldDef& field,
                                                       std::string_view stored,
                                                       const MunicipalityDirectory& municipalities);

}  // namespace kk::plugin
