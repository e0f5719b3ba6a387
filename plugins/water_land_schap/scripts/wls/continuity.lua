-- Water+Land+Schap: continuity after the funding ends (seed-004 L561-565: decide at the outset
-- who takes over and record it formally).
-- The plugin calls evaluate{ warning_days = 365, coalitions = {...} } with, per coalition:
--   { code, name, funding_end = "2026-06-30" or nil, days_left = 120 or nil,
--     continuity_actor = "code" or nil, continuity_plan = "text", follow_up = { "names of follow_up members" } }
-- warning_days comes from data/settings.csv (continuity_warning_days).
local M = {}

local function successor(c)
    if c.continuity_actor and c.continuity_actor ~= "" then return c.continuity_actor end
    if c.follow_up and #c.follow_up > 0 then return c.follow_up[1] end
    return nil
end

--- Returns a list of findings: { coalition, severity = "warning"|"info", days_left, message }.
function M.evaluate(arg)
    local warn = arg.warning_days or 365
    local out = {}
    for _, c in ipairs(arg.coalitions or {}) do
        local who = successor(c)
        local label = ("coalition %s (%s)"):format(c.code, c.name or "")
        if not c.funding_end then
            if not who then
                out[#out + 1] = { coalition = c.code, severity = "info",
                    message = label .. " has no funding end date and no successor recorded; record both" }
            end
        elseif not who then
            local d = c.days_left
            if d < 0 then
                out[#out + 1] = { coalition = c.code, severity = "warning", days_left = d,
                    message = ("%s: funding ended on %s (%d days ago) and nobody takes over; record a successor (continuity actor or a follow_up member)"):format(label, c.funding_end, -d) }
            elseif d <= warn then
                out[#out + 1] = { coalition = c.code, severity = "warning", days_left = d,
                    message = ("%s: funding ends on %s (in %d days) and nobody takes over; record a successor (continuity actor or a follow_up member)"):format(label, c.funding_end, d) }
            end
        end
    end
    return out
end

M.tests = {
    ends_within_a_year_without_successor_warns = function(t)
        local r = M.evaluate { warning_days = 365, coalitions = {
            { code = "A", name = "Kleine Nete", funding_end = "2026-03-31", days_left = 200 } } }
        t.eq(#r, 1)
        t.eq(r[1].severity, "warning")
        t.eq(r[1].days_left, 200)
        t.ok(r[1].message:find("in 200 days", 1, true), r[1].message)
    end,
    successor_silences_the_warning = function(t)
        local r = M.evaluate { warning_days = 365, coalitions = {
            { code = "A", funding_end = "2026-03-31", days_left = 200, continuity_actor = "PROV" },
            { code = "B", funding_end = "2026-03-31", days_left = 10, follow_up = { "Polder" } } } }
        t.eq(#r, 0)
    end,
    far_end_is_fine_and_past_end_warns = function(t)
        local r = M.evaluate { warning_days = 365, coalitions = {
            { code = "A", funding_end = "2030-01-01", days_left = 1500 },
            { code = "B", funding_end = "2024-01-01", days_left = -30 } } }
        t.eq(#r, 1)
        t.eq(r[1].coalition, "B")
        t.ok(r[1].message:find("30 days ago", 1, true))
    end,
    boundary_is_inclusive = function(t)
        local r = M.evaluate { warning_days = 365, coalitions = {
            { code = "A", funding_end = "x", days_left = 365 }, { code = "B", funding_end = "x", days_left = 366 } } }
        t.eq(#r, 1)
        t.eq(r[1].coalition, "A")
    end,
}

return M
