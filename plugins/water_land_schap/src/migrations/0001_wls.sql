-- Water+Land+Schap: a coalition's place on the path partnership -> area programme ->
-- realisation, its milestones, themes, funding end and the practices it shares in the
-- learning network. Core coalitions, members and indicators stay in the core tables.
CREATE TABLE water_land_schap_coalition (
    coalition_id INTEGER PRIMARY KEY REFERENCES kk_coalition(id) ON DELETE CASCADE,
    phase TEXT NOT NULL DEFAULT 'partnership',
    themes TEXT NOT NULL DEFAULT '',
    water_system TEXT NOT NULL DEFAULT '',
    funding_end TEXT,
    registered_on TEXT NOT NULL
);

CREATE TABLE water_land_schap_milestone (
    id INTEGER PRIMARY KEY,
    coalition_id INTEGER NOT NULL REFERENCES kk_coalition(id) ON DELETE CASCADE,
    phase TEXT NOT NULL,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    due TEXT,
    done_on TEXT,
    note TEXT NOT NULL DEFAULT '',
    UNIQUE (coalition_id, code)
);

CREATE TABLE water_land_schap_phase_log (
    id INTEGER PRIMARY KEY,
    coalition_id INTEGER NOT NULL REFERENCES kk_coalition(id) ON DELETE CASCADE,
    from_phase TEXT NOT NULL,
    to_phase TEXT NOT NULL,
    on_date TEXT NOT NULL
);

CREATE TABLE water_land_schap_practice (
    id INTEGER PRIMARY KEY,
    coalition_id INTEGER NOT NULL REFERENCES kk_coalition(id) ON DELETE CASCADE,
    theme TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    shared_on TEXT
);
