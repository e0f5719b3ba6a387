-- The project index of the cost items also holds the amount, so per-project cost totals (the
-- navigator's project list, summaries) are read from the index alone: about a tenth of the
-- pages of the table on the xl workspace. It replaces the plain project index, so an import
-- still maintains the same number of indexes.
DROP INDEX kk_cost_item_project;
CREATE INDEX kk_cost_item_project ON kk_cost_item(project_id, amount);
