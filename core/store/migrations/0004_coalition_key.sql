-- A coalition's partner cost-sharing key (DOMAIN.md "Partner cost-sharing key"): the criteria
-- with their weights, the members' criterion inputs, and per member a floor share, a cap share
-- and a maximum contribution. Rates are exact text as elsewhere ('1/2', '0.25'); money is
-- integer cents. The fixed share stays in kk_coalition_member.share; territory shares are
-- computed per project from geometry (a stored territory_share input is used only where the
-- geometry gives none). Inputs and limits belong to a membership: deleting the member deletes
-- them (writers that need undo remove them through the ChangeSet first).
CREATE TABLE kk_coalition_key_criterion (
    id INTEGER PRIMARY KEY,
    coalition_id INTEGER NOT NULL REFERENCES kk_coalition(id) ON DELETE CASCADE,
    criterion TEXT NOT NULL,
    weight TEXT NOT NULL,
    UNIQUE (coalition_id, criterion)
);

CREATE TABLE kk_coalition_key_input (
    id INTEGER PRIMARY KEY,
    coalition_id INTEGER NOT NULL,
    actor_id INTEGER NOT NULL,
    criterion TEXT NOT NULL,
    value TEXT NOT NULL,
    UNIQUE (coalition_id, actor_id, criterion),
    FOREIGN KEY (coalition_id, actor_id)
        REFERENCES kk_coalition_member(coalition_id, actor_id) ON DELETE CASCADE
);

CREATE TABLE kk_coalition_key_limit (
    id INTEGER PRIMARY KEY,
    coalition_id INTEGER NOT NULL,
    actor_id INTEGER NOT NULL,
    floor_share TEXT,
    cap_share TEXT,
    max_contribution INTEGER CHECK (max_contribution IS NULL OR max_contribution >= 0),
    UNIQUE (coalition_id, actor_id),
    FOREIGN KEY (coalition_id, actor_id)
        REFERENCES kk_coalition_member(coalition_id, actor_id) ON DELETE CASCADE
);
