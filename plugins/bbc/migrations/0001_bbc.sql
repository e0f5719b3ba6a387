-- BBC plugin tables (namespace "bbc"): versioned code lists, plans per government and period,
-- the extra policy texts the core tree does not hold, and the budgettaire registrations of
-- bbc-spec §1.5. Money is INTEGER cents; direction (U/O) is stored, never inferred (§1.5).
CREATE TABLE bbc_code_list (
    list TEXT NOT NULL,
    version TEXT NOT NULL,
    file TEXT NOT NULL,
    row_count INTEGER NOT NULL,
    loaded_at TEXT NOT NULL,
    PRIMARY KEY (list, version)
);
CREATE TABLE bbc_account (
    id INTEGER PRIMARY KEY,
    version TEXT NOT NULL,
    row_no INTEGER NOT NULL,
    section TEXT NOT NULL,
    side TEXT NOT NULL,
    t2_rubric TEXT NOT NULL DEFAULT '',
    t2_label TEXT NOT NULL DEFAULT '',
    account_code TEXT NOT NULL,
    range_first TEXT NOT NULL,
    range_last TEXT NOT NULL,
    description TEXT NOT NULL,
    source TEXT NOT NULL,
    UNIQUE (version, section, side, account_code)
);
CREATE TABLE bbc_policy_field (
    id INTEGER PRIMARY KEY,
    version TEXT NOT NULL,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    domain_code TEXT NOT NULL DEFAULT '',
    domain_label TEXT NOT NULL DEFAULT '',
    subdomain_code TEXT NOT NULL DEFAULT '',
    subdomain_label TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL,
    UNIQUE (version, code)
);
CREATE TABLE bbc_sector_code (
    id INTEGER PRIMARY KEY,
    version TEXT NOT NULL,
    code TEXT NOT NULL,
    label TEXT NOT NULL DEFAULT '',
    confidence TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL,
    UNIQUE (version, code)
);
-- What bbc-spec §4.4 adds to the core kk_external_code row.
CREATE TABLE bbc_external_code_info (
    code_id INTEGER PRIMARY KEY REFERENCES kk_external_code(id),
    version TEXT NOT NULL,
    subsidy TEXT NOT NULL DEFAULT '',
    expected_account TEXT NOT NULL DEFAULT '',
    expected_policy_field TEXT NOT NULL DEFAULT '',
    expected_sector_code TEXT NOT NULL DEFAULT '',
    financial_link INTEGER NOT NULL DEFAULT 0,
    confidence TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL
);
CREATE TABLE bbc_plan (
    id INTEGER PRIMARY KEY,
    government_id INTEGER NOT NULL REFERENCES kk_government(id),
    plan_period TEXT NOT NULL,
    regime TEXT NOT NULL DEFAULT 'BBC2020',
    first_year INTEGER NOT NULL,
    last_year INTEGER NOT NULL,
    UNIQUE (government_id, plan_period)
);
CREATE TABLE bbc_policy_domain (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES bbc_plan(id),
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    UNIQUE (plan_id, code)
);
-- Long texts, comment, evaluation (JR) and the priority of actieplannen; level is goal, plan
-- or action and item_id points into kk_policy_goal, kk_action_plan or kk_action.
CREATE TABLE bbc_policy_text (
    level TEXT NOT NULL CHECK (level IN ('goal', 'plan', 'action')),
    item_id INTEGER NOT NULL,
    long_text TEXT NOT NULL DEFAULT '',
    comment TEXT NOT NULL DEFAULT '',
    evaluation TEXT NOT NULL DEFAULT '',
    priority INTEGER NOT NULL DEFAULT 0,
    domain_code TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (level, item_id)
);
-- External codes an import found on a beleidsdoelstelling or actieplan: kept so preflight can
-- point at them (codes belong on acties, bbc-spec §4.2).
CREATE TABLE bbc_misplaced_code (
    id INTEGER PRIMARY KEY,
    level TEXT NOT NULL,
    item_id INTEGER NOT NULL,
    code TEXT NOT NULL,
    source TEXT NOT NULL
);
CREATE TABLE bbc_registration (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES bbc_plan(id),
    seq INTEGER NOT NULL,
    entry_date TEXT NOT NULL,
    fiscal_year INTEGER NOT NULL,
    entity TEXT NOT NULL,
    account TEXT NOT NULL,
    direction TEXT NOT NULL CHECK (direction IN ('U', 'O')),
    amount INTEGER NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    policy_field TEXT NOT NULL,
    sector_code TEXT NOT NULL DEFAULT '',
    action_id INTEGER REFERENCES kk_action(id),
    investment_project TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL CHECK (kind IN ('budget', 'realisation')),
    origin TEXT NOT NULL,
    source TEXT NOT NULL
);
CREATE INDEX bbc_registration_plan ON bbc_registration(plan_id, fiscal_year);
CREATE INDEX bbc_registration_action ON bbc_registration(action_id);
-- BBC coding of an expense when it differs from its cost item's.
CREATE TABLE bbc_expense_coding (
    expense_id INTEGER PRIMARY KEY REFERENCES kk_expense(id),
    account TEXT NOT NULL DEFAULT '',
    policy_field TEXT NOT NULL DEFAULT '',
    sector_code TEXT NOT NULL DEFAULT '',
    action_id INTEGER REFERENCES kk_action(id),
    investment_project TEXT NOT NULL DEFAULT ''
);
