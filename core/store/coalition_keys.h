// Reading and writing a coalition's stored cost-sharing key (core/model/coalition_key.h): the
// whole key is validated and written through one ChangeSet, so it is one undo step.
#pragma once

#include <cstdint>
#include <map>

#include "core/model/coalition_key.h"
#include "core/store/changeset.h"

namespace kk {

class Workspace;

/// The stored key of one coalition: criteria, inputs and limits in id order.
CoalitionKey loadCoalitionKey(Workspace& ws, CoalitionId coalition);
/// The stored keys of every coalition that has key rows, by coalition id (for mapping many
/// projects without a query per project).
std::map<std::int64_t, CoalitionKey> loadCoalitionKeys(Workspace& ws);

/// Removes a member's inputs and limit through `cs`. Call it before removing the member or
/// giving its row another actor: the database would delete them by cascade, out of the undo.
void removeMemberKeyRows(ChangeSet& cs, CoalitionId coalition, ActorId actor);

/// Makes the stored key of `coalition` equal to `key` through `cs`, touching only the rows
/// that differ (removals first, then updates, then inserts). Limits without any bound are not
/// stored. Throws KkError (code "coalition_key.invalid"; where = coalition code, row and field)
/// when validateKey finds an error or an input or limit names an actor that is not a member.
void saveCoalitionKey(ChangeSet& cs, CoalitionId coalition, const CoalitionKey& key);

}  // namespace kk
