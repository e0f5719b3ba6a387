-- Which workspace fund carries which stadsvernieuwing instrument and year (for the report).
CREATE TABLE stadsvernieuwing_fund (
    fund_id INTEGER PRIMARY KEY REFERENCES kk_fund(id) ON DELETE CASCADE,
    instrument TEXT NOT NULL,
    year INTEGER NOT NULL,
    scenario TEXT NOT NULL,
    source TEXT NOT NULL
);
