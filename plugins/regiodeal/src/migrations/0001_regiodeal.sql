-- Regiodeals: a contract between governments and partners with area-level goals, multi-year
-- commitments per partner, goal and year (public, private, in kind), payments, spending by the
-- deal and the yearly accounting (SiSa-style: spending in year T, cumulative, final flag).
-- Amounts are integer euro cents.
CREATE TABLE regiodeal_deal (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    area_id INTEGER REFERENCES areas(fid),
    first_year INTEGER NOT NULL,
    last_year INTEGER NOT NULL,
    min_regional_share TEXT,          -- NULL: the default of data/rules.csv
    national_counts_as_regional INTEGER, -- NULL: the default of data/rules.csv
    signed_on TEXT,
    description TEXT NOT NULL DEFAULT '',
    CHECK (last_year >= first_year)
);

CREATE TABLE regiodeal_goal (
    id INTEGER PRIMARY KEY,
    deal_id INTEGER NOT NULL REFERENCES regiodeal_deal(id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    UNIQUE (deal_id, code)
);

CREATE TABLE regiodeal_partner (
    id INTEGER PRIMARY KEY,
    deal_id INTEGER NOT NULL REFERENCES regiodeal_deal(id) ON DELETE CASCADE,
    actor_id INTEGER NOT NULL REFERENCES kk_actor(id),
    level TEXT NOT NULL CHECK (level IN ('national', 'regional_public', 'regional_private')),
    role TEXT NOT NULL DEFAULT 'partner',
    UNIQUE (deal_id, actor_id)
);

CREATE TABLE regiodeal_commitment (
    id INTEGER PRIMARY KEY,
    deal_id INTEGER NOT NULL REFERENCES regiodeal_deal(id) ON DELETE CASCADE,
    partner_id INTEGER NOT NULL REFERENCES regiodeal_partner(id) ON DELETE CASCADE,
    goal_id INTEGER NOT NULL REFERENCES regiodeal_goal(id) ON DELETE CASCADE,
    year INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('public', 'private', 'in_kind')),
    origin TEXT NOT NULL DEFAULT 'own' CHECK (origin IN ('own', 'national')),
    amount INTEGER NOT NULL CHECK (amount >= 0),
    UNIQUE (partner_id, goal_id, year, kind, origin)
);

CREATE TABLE regiodeal_payment (
    id INTEGER PRIMARY KEY,
    deal_id INTEGER NOT NULL REFERENCES regiodeal_deal(id) ON DELETE CASCADE,
    partner_id INTEGER NOT NULL REFERENCES regiodeal_partner(id) ON DELETE CASCADE,
    goal_id INTEGER NOT NULL REFERENCES regiodeal_goal(id) ON DELETE CASCADE,
    year INTEGER NOT NULL,
    amount INTEGER NOT NULL CHECK (amount >= 0),
    paid_on TEXT
);

CREATE TABLE regiodeal_spending (
    id INTEGER PRIMARY KEY,
    deal_id INTEGER NOT NULL REFERENCES regiodeal_deal(id) ON DELETE CASCADE,
    goal_id INTEGER NOT NULL REFERENCES regiodeal_goal(id) ON DELETE CASCADE,
    year INTEGER NOT NULL,
    amount INTEGER NOT NULL,
    note TEXT NOT NULL DEFAULT ''
);

CREATE TABLE regiodeal_accounting (
    id INTEGER PRIMARY KEY,
    deal_id INTEGER NOT NULL REFERENCES regiodeal_deal(id) ON DELETE CASCADE,
    year INTEGER NOT NULL,
    final INTEGER NOT NULL DEFAULT 0,
    UNIQUE (deal_id, year)
);
