// The area of each Vlaamse Rand instrument: a rule stored in the workspace and evaluated on
// its boundaries by core/geo (the default adjacency rule, or the user's own per-instrument
// rule), else the municipality classes of the reference data when there are no boundaries.
#pragma once

#include <string>
#include <vector>

#include "plugins/vlaamse_rand/src/rules.h"

namespace kk::plugins::vlaamse_rand {

struct AreaMembership {
    std::string area;                  ///< e.g. vlaamse_rand
    std::string name;                  ///< e.g. Vlaamse Rand
    std::vector<std::string> members;  ///< NIS codes, sorted
    std::string basis;                 ///< how membership was decided, for messages and the report
};

/// The members of the instrument's area on `date`.
Result<AreaMembership> instrumentArea(Workspace& ws, const Rules& rules,
                                      const std::string& instrument, const Date& date);

/// Refuses municipalities outside the instrument's area, naming them, the area and the basis.
Status checkInArea(Workspace& ws, const Rules& rules, const Instrument& instrument,
                   const std::vector<std::string>& nisCodes, const Date& date);

/// Stores the default rule of every instrument valid on `date` (data/areas.json) in the
/// workspace when it has the boundaries the rule needs and no rule for that area and
/// instrument yet. Each stored rule is its own ChangeSet (core/geo addAreaRule), so call it
/// outside another ChangeSet. Returns one note per instrument.
std::vector<std::string> storeDefaultAreaRules(Workspace& ws, const Rules& rules, const Date& date);

/// "23088 Vilvoorde" (or the code alone when the reference data does not know it).
std::string municipalityLabel(Workspace& ws, const std::string& nis);

}  // namespace kk::plugins::vlaamse_rand
