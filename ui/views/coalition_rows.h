// The coalition editor's form and member rows as text, their conversion to Coalition and
// CoalitionMember with per-field and per-cell problems, and the cost-sharing key the members'
// fixed shares make, applied by core/allocate. No wx here.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/allocate/cost_sharing.h"
#include "core/model/coalition_key.h"
#include "core/model/entities.h"
#include "ui/views/record_rows.h"

namespace kk::ui {

FormText coalitionForm(const Coalition& c, const std::string& continuityActorCode);

/// Finds an actor by its code: (id, name); nullopt when unknown.
using ActorNameLookup =
    std::function<std::optional<std::pair<ActorId, std::string>>(std::string_view code)>;

struct ParsedCoalition {
    Coalition coalition;
    std::vector<FieldProblem> problems;
};
ParsedCoalition parseCoalitionForm(const FormText& form, const Coalition& base,
                                   const ActorNameLookup& actors);

enum MemberColumn {
    kMemberActor,
    kMemberActorName,
    kMemberRole,
    kMemberKeyShare,  ///< read-only: the resulting share, first so that it is always in view
    kMemberShare,
    kMemberPopulation,  ///< key inputs and limits (kk_coalition_key_input / _limit)
    kMemberBenefit,
    kMemberFiscal,
    kMemberFloor,
    kMemberCap,
    kMemberMaxContribution,
    kMemberMandate,
    kMemberJoined,
    kMemberLeft,
    kMemberColumnCount
};

struct ParsedMember {
    CoalitionMember member;
    std::vector<CoalitionKeyInput> inputs;  ///< from the population, benefit and fiscal cells
    CoalitionKeyLimit limit;                ///< from the floor, cap and maximum cells
    std::vector<CellProblem> problems;
};

/// The member's row; its key cells from `key` (the coalition's stored key).
RecordRow memberRow(const CoalitionMember& m, const std::string& actorCode,
                    const std::string& actorName, const CoalitionKey& key = {});
/// Parses rows[index] as a member of `coalition`; an actor named by another row is a problem.
ParsedMember parseMemberRow(const std::vector<RecordRow>& rows, std::size_t index,
                            CoalitionId coalition, const ActorNameLookup& actors);

/// The stored key of the grids: the criteria rows and weights, the members' fixed shares, key
/// inputs and limits. Rows with problems are left out.
CoalitionKey keyFromRows(const std::vector<RecordRow>& criteria,
                         const std::vector<RecordRow>& members, CoalitionId coalition,
                         const ActorNameLookup& actors);

/// The key as the allocation maps it (core/allocate workspace_problem.h), applied by
/// alloc::applyCostSharingKey over the members who have not left: the criteria rows with their
/// weights, or with no criteria rows every criterion with data, equally weighted (fixed shares
/// alone: the old behaviour); floors, caps and maximum contributions from the member rows.
/// `shares[i]` is the resulting share of row i, empty for rows outside the key; `status` is
/// "none" (no data), "ok", "weights" (the criteria rows' weights do not add up to 100 %),
/// "territory" (the key uses territory, which each project's perimeter decides) or "error"
/// with `error` set. Maximum contributions are applied to an own
/// contribution of kPreviewResidual.
inline const Money kPreviewResidual = Money::fromEuros(100'000);
struct KeyPreview {
    std::string status = "none";
    bool stored = false;  ///< the criteria rows give the weights
    /// The criteria applied (code, weight): "weights" status when stored weights are not 100 %.
    std::vector<std::pair<std::string, Rate>> weights;
    bool maxContributions = false;
    std::vector<std::optional<Rate>> shares;
    std::vector<std::string> adjustments;
    /// Per row the bound that set its share: "floor", "cap", "max" (maximum contribution) or "".
    std::vector<std::string> bounds;
    std::vector<bool> invalid;  ///< rows with a problem: left out of the key until corrected
    Rate entered;               ///< the sum of the typed shares of the members in the key
    std::optional<Error> error;
};
KeyPreview previewKey(const std::vector<RecordRow>& rows, CoalitionId coalition,
                      const ActorNameLookup& actors, const std::vector<RecordRow>& criteria = {});

}  // namespace kk::ui
