-- Koppelkans application tables (prefix kk_): reference data, the domain entities of DOMAIN.md,
-- the audit trail and undo history. Money is INTEGER cents; rates are exact "num/den" TEXT;
-- dates are ISO TEXT; lists are ';'-separated TEXT.
CREATE TABLE IF NOT EXISTS kk_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE kk_municipality (
    nis_code TEXT NOT NULL,
    name TEXT NOT NULL,
    province TEXT NOT NULL,
    arrondissement TEXT NOT NULL,
    valid_from TEXT NOT NULL,
    valid_to TEXT,
    source TEXT NOT NULL,
    confidence TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (nis_code, valid_from)
);
CREATE TABLE kk_municipality_class (
    nis_code TEXT NOT NULL,
    class TEXT NOT NULL,
    valid_from TEXT NOT NULL,
    valid_to TEXT,
    source TEXT NOT NULL,
    confidence TEXT NOT NULL
);
CREATE INDEX kk_municipality_class_nis ON kk_municipality_class(nis_code);
CREATE TABLE kk_municipality_merger (
    old_nis_code TEXT NOT NULL,
    new_nis_code TEXT NOT NULL,
    effective_date TEXT NOT NULL,
    source TEXT NOT NULL,
    confidence TEXT NOT NULL
);

CREATE TABLE kk_government (
    id INTEGER PRIMARY KEY,
    kbo TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    nis_code TEXT
);

CREATE TABLE kk_actor (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    kbo TEXT,
    nis_code TEXT,
    government_id INTEGER REFERENCES kk_government(id),
    contact TEXT NOT NULL DEFAULT '',
    capacity_notes TEXT NOT NULL DEFAULT ''
);

CREATE TABLE kk_coalition (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    area_id INTEGER REFERENCES areas(fid),
    purpose TEXT NOT NULL DEFAULT '',
    agreement_from TEXT,
    agreement_to TEXT,
    governance_form TEXT NOT NULL DEFAULT '',
    continuity_plan TEXT NOT NULL DEFAULT '',
    continuity_actor_id INTEGER REFERENCES kk_actor(id)
);

CREATE TABLE kk_coalition_member (
    id INTEGER PRIMARY KEY,
    coalition_id INTEGER NOT NULL REFERENCES kk_coalition(id) ON DELETE CASCADE,
    actor_id INTEGER NOT NULL REFERENCES kk_actor(id),
    role TEXT NOT NULL,
    share TEXT,
    mandate_function TEXT NOT NULL DEFAULT '',
    joined TEXT,
    left_on TEXT,
    UNIQUE (coalition_id, actor_id)
);

CREATE TABLE kk_programme (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    plugin_id TEXT NOT NULL,
    valid_from TEXT NOT NULL,
    valid_to TEXT
);

CREATE TABLE kk_fund (
    id INTEGER PRIMARY KEY,
    programme_id INTEGER REFERENCES kk_programme(id),
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    grantor TEXT NOT NULL DEFAULT '',
    type TEXT NOT NULL,
    max_rate TEXT NOT NULL,
    rate_kind TEXT NOT NULL,
    cap_per_project INTEGER,
    cap_per_partner INTEGER,
    cap_per_year INTEGER,
    budget INTEGER NOT NULL,
    cumulation_group TEXT NOT NULL DEFAULT '',
    priority INTEGER NOT NULL DEFAULT 100,
    eligible_categories TEXT NOT NULL DEFAULT '',
    valid_from TEXT NOT NULL,
    valid_to TEXT
);

CREATE TABLE kk_call (
    id INTEGER PRIMARY KEY,
    programme_id INTEGER NOT NULL REFERENCES kk_programme(id),
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    opens TEXT NOT NULL,
    closes TEXT NOT NULL,
    budget INTEGER NOT NULL,
    status TEXT NOT NULL
);
CREATE TABLE kk_call_fund (
    call_id INTEGER NOT NULL REFERENCES kk_call(id) ON DELETE CASCADE,
    fund_id INTEGER NOT NULL REFERENCES kk_fund(id),
    PRIMARY KEY (call_id, fund_id)
);
CREATE TABLE kk_call_criterion (
    id INTEGER PRIMARY KEY,
    call_id INTEGER NOT NULL REFERENCES kk_call(id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    weight TEXT NOT NULL,
    max_score INTEGER NOT NULL,
    UNIQUE (call_id, code)
);

CREATE TABLE kk_project (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    coalition_id INTEGER REFERENCES kk_coalition(id),
    area_id INTEGER REFERENCES areas(fid),
    applicant_id INTEGER REFERENCES kk_actor(id),
    themes TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    start_date TEXT,
    end_date TEXT,
    description TEXT NOT NULL DEFAULT ''
);
CREATE INDEX kk_project_coalition ON kk_project(coalition_id);
CREATE INDEX kk_project_area ON kk_project(area_id);
CREATE TABLE kk_project_programme (
    project_id INTEGER NOT NULL REFERENCES kk_project(id) ON DELETE CASCADE,
    programme_id INTEGER NOT NULL REFERENCES kk_programme(id),
    PRIMARY KEY (project_id, programme_id)
);

CREATE TABLE kk_cost_item (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    project_id INTEGER NOT NULL REFERENCES kk_project(id),
    category TEXT NOT NULL,
    year INTEGER NOT NULL,
    partner_id INTEGER REFERENCES kk_actor(id),
    amount INTEGER NOT NULL CHECK (amount >= 0),
    eligible INTEGER NOT NULL DEFAULT 1,
    tags TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    bbc_account TEXT NOT NULL DEFAULT '',
    bbc_policy_field TEXT NOT NULL DEFAULT '',
    bbc_sector TEXT NOT NULL DEFAULT '',
    bbc_action_id INTEGER,
    bbc_investment_project TEXT NOT NULL DEFAULT ''
);
CREATE INDEX kk_cost_item_project ON kk_cost_item(project_id);

CREATE TABLE kk_expense (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    project_id INTEGER NOT NULL REFERENCES kk_project(id),
    cost_item_id INTEGER REFERENCES kk_cost_item(id),
    date TEXT NOT NULL,
    amount INTEGER NOT NULL CHECK (amount >= 0),
    vat INTEGER NOT NULL DEFAULT 0,
    document_ref TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT ''
);
CREATE INDEX kk_expense_project ON kk_expense(project_id);
CREATE INDEX kk_expense_cost_item ON kk_expense(cost_item_id);

CREATE TABLE kk_award (
    id INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES kk_project(id),
    fund_id INTEGER NOT NULL REFERENCES kk_fund(id),
    call_id INTEGER REFERENCES kk_call(id),
    decided_on TEXT,
    amount INTEGER NOT NULL CHECK (amount >= 0),
    rate TEXT,
    status TEXT NOT NULL,
    conditions TEXT NOT NULL DEFAULT '',
    bbc_account TEXT NOT NULL DEFAULT '',
    bbc_policy_field TEXT NOT NULL DEFAULT '',
    bbc_sector TEXT NOT NULL DEFAULT '',
    bbc_action_id INTEGER,
    bbc_investment_project TEXT NOT NULL DEFAULT '',
    UNIQUE (project_id, fund_id)
);
CREATE INDEX kk_award_fund ON kk_award(fund_id);

CREATE TABLE kk_payment_tranche (
    id INTEGER PRIMARY KEY,
    award_id INTEGER NOT NULL REFERENCES kk_award(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    due TEXT,
    amount INTEGER NOT NULL,
    paid_on TEXT
);
CREATE TABLE kk_claim (
    id INTEGER PRIMARY KEY,
    award_id INTEGER NOT NULL REFERENCES kk_award(id) ON DELETE CASCADE,
    period_from TEXT NOT NULL,
    period_to TEXT,
    amount INTEGER NOT NULL,
    submitted_on TEXT,
    status TEXT NOT NULL
);
CREATE TABLE kk_recovery (
    id INTEGER PRIMARY KEY,
    award_id INTEGER NOT NULL REFERENCES kk_award(id) ON DELETE CASCADE,
    amount INTEGER NOT NULL,
    reason TEXT NOT NULL,
    decided_on TEXT
);

CREATE TABLE kk_indicator (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    unit TEXT NOT NULL DEFAULT '',
    type TEXT NOT NULL,
    direction TEXT NOT NULL,
    aggregation TEXT NOT NULL,
    numerator TEXT NOT NULL DEFAULT '',
    denominator TEXT NOT NULL DEFAULT '',
    programme_id INTEGER REFERENCES kk_programme(id)
);
CREATE TABLE kk_target (
    id INTEGER PRIMARY KEY,
    indicator_id INTEGER NOT NULL REFERENCES kk_indicator(id) ON DELETE CASCADE,
    subject_kind TEXT NOT NULL,
    subject_id INTEGER NOT NULL,
    year INTEGER NOT NULL,
    baseline TEXT NOT NULL DEFAULT '',
    value TEXT NOT NULL,
    milestone INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE kk_measurement (
    id INTEGER PRIMARY KEY,
    indicator_id INTEGER NOT NULL REFERENCES kk_indicator(id) ON DELETE CASCADE,
    subject_kind TEXT NOT NULL,
    subject_id INTEGER NOT NULL,
    year INTEGER NOT NULL,
    value TEXT NOT NULL,
    source TEXT NOT NULL DEFAULT ''
);
CREATE INDEX kk_measurement_subject ON kk_measurement(subject_kind, subject_id);

CREATE TABLE kk_policy_goal (
    id INTEGER PRIMARY KEY,
    government_id INTEGER NOT NULL REFERENCES kk_government(id),
    plan_period TEXT NOT NULL,
    code TEXT NOT NULL,
    title TEXT NOT NULL,
    UNIQUE (government_id, plan_period, code)
);
CREATE TABLE kk_action_plan (
    id INTEGER PRIMARY KEY,
    goal_id INTEGER NOT NULL REFERENCES kk_policy_goal(id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    title TEXT NOT NULL
);
CREATE TABLE kk_action (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES kk_action_plan(id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    title TEXT NOT NULL,
    priority INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE kk_external_code (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    grantor TEXT NOT NULL DEFAULT '',
    valid_from TEXT NOT NULL,
    valid_to TEXT
);
CREATE TABLE kk_action_external_code (
    action_id INTEGER NOT NULL REFERENCES kk_action(id) ON DELETE CASCADE,
    code_id INTEGER NOT NULL REFERENCES kk_external_code(id),
    PRIMARY KEY (action_id, code_id)
);

CREATE TABLE kk_script (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    source TEXT NOT NULL,
    hash TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE kk_allocation_run (
    id INTEGER PRIMARY KEY,
    scope TEXT NOT NULL,
    strategy TEXT NOT NULL,
    input_json TEXT NOT NULL,
    result_json TEXT NOT NULL,
    user TEXT NOT NULL,
    at TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT ''
);

-- Audit trail: one entry per ChangeSet; one change row per touched row (or per inserted range).
CREATE TABLE kk_audit (
    id INTEGER PRIMARY KEY,
    user TEXT NOT NULL,
    at TEXT NOT NULL,
    label TEXT NOT NULL,
    state TEXT NOT NULL,
    target_id INTEGER
);
CREATE TABLE kk_audit_change (
    audit_id INTEGER NOT NULL REFERENCES kk_audit(id),
    seq INTEGER NOT NULL,
    tbl TEXT NOT NULL,
    op TEXT NOT NULL,
    row_id INTEGER NOT NULL,
    last_row_id INTEGER,
    before_json TEXT,
    after_json TEXT,
    PRIMARY KEY (audit_id, seq)
);
