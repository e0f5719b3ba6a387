-- Which workspace fund carries which Vlaamse Rand instrument and year (report, allocation hook).
CREATE TABLE vlaamse_rand_fund (
    fund_id INTEGER PRIMARY KEY REFERENCES kk_fund(id) ON DELETE CASCADE,
    instrument TEXT NOT NULL,
    year INTEGER NOT NULL,
    may_fund_fully INTEGER NOT NULL DEFAULT 0,
    source TEXT NOT NULL
);

-- What an application declared beyond the shared workflow columns: the justification of its
-- supra-local reach and the area-based cooperation (gebiedsgericht samenwerken) it is part of.
CREATE TABLE vlaamse_rand_application_detail (
    application_id INTEGER PRIMARY KEY REFERENCES vlaamse_rand_application(id) ON DELETE CASCADE,
    supra_local TEXT NOT NULL DEFAULT '',
    gebiedsgericht TEXT NOT NULL DEFAULT ''
);
