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
    kMemberShare,
    kMemberKeyShare,
    kMemberMandate,
    kMemberJoined,
    kMemberLeft,
    kMemberColumnCount
};

struct ParsedMember {
    CoalitionMember member;
    std::vector<CellProblem> problems;
};

RecordRow memberRow(const CoalitionMember& m, const std::string& actorCode,
                    const std::string& actorName);
/// Parses rows[index] as a member of `coalition`; an actor named by another row is a problem.
ParsedMember parseMemberRow(const std::vector<RecordRow>& rows, std::size_t index,
                            CoalitionId coalition, const ActorNameLookup& actors);

/// The key the stored members make: the fixed_share criterion (kk_coalition_member.share) over
/// the members who have not left, as the allocation maps it (core/allocate
/// workspace_problem.h). `shares[i]` is the resulting share of row i, empty for rows outside
/// the key; `status` is "none" (no member has a share), "ok", or "error" with `error` set.
struct KeyPreview {
    std::string status = "none";
    std::vector<std::optional<Rate>> shares;
    std::vector<std::string> adjustments;
    std::vector<bool> invalid;  ///< rows with a problem: left out of the key until corrected
    Rate entered;               ///< the sum of the typed shares of the members in the key
    std::optional<Error> error;
};
KeyPreview previewKey(const std::vector<RecordRow>& rows, CoalitionId coalition,
                      const ActorNameLookup& actors);

}  // namespace kk::ui
