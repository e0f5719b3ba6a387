-- Water+Land+Schap: may a coalition move on along the path
-- partnership -> area_programme -> realisation -> completed?
-- The plugin calls can_advance{ phases = {...}, phase = "partnership", to = "area_programme",
--   milestones = { { code, name, phase, done = true|false } }, composition_ok = bool, composition_message = "..." }
-- The phases come from data/settings.csv, the milestones from data/path.csv.
local M = {}

local function index_of(list, v)
    for i, x in ipairs(list) do if x == v then return i end end
    return nil
end

--- Returns { ok, reasons = { "..." } }.
function M.can_advance(arg)
    local phases = arg.phases or {}
    local reasons = {}
    local from, to = index_of(phases, arg.phase), index_of(phases, arg.to)
    if not to then
        reasons[#reasons + 1] = ("'%s' is not a phase of the path (%s)"):format(tostring(arg.to), table.concat(phases, " -> "))
    elseif not from or to ~= from + 1 then
        reasons[#reasons + 1] = ("the path goes one step at a time: from '%s' the next phase is '%s'"):format(
            tostring(arg.phase), tostring(phases[(from or 0) + 1] or "none"))
    end
    for _, m in ipairs(arg.milestones or {}) do
        if m.phase == arg.phase and not m.done then
            reasons[#reasons + 1] = ("milestone %s '%s' of phase '%s' is not done"):format(m.code, m.name, m.phase)
        end
    end
    -- Every phase rests on the partnership: without the prescribed partners nobody moves on.
    if not arg.composition_ok then
        reasons[#reasons + 1] = arg.composition_message or "the coalition lacks prescribed partners"
    end
    return { ok = #reasons == 0, reasons = reasons }
end

local PHASES = { "partnership", "area_programme", "realisation", "completed" }

M.tests = {
    next_phase_with_milestones_done = function(t)
        local r = M.can_advance { phases = PHASES, phase = "partnership", to = "area_programme", composition_ok = true,
            milestones = { { code = "M1", name = "agreement", phase = "partnership", done = true },
                           { code = "M3", name = "programme", phase = "area_programme", done = false } } }
        t.ok(r.ok, table.concat(r.reasons, "; "))
    end,
    open_milestone_blocks = function(t)
        local r = M.can_advance { phases = PHASES, phase = "partnership", to = "area_programme", composition_ok = true,
            milestones = { { code = "M1", name = "agreement", phase = "partnership", done = false } } }
        t.eq(r.ok, false)
        t.ok(r.reasons[1]:find("M1", 1, true))
    end,
    no_skipping_and_composition_required = function(t)
        local r = M.can_advance { phases = PHASES, phase = "partnership", to = "realisation",
            composition_ok = false, composition_message = "lacks farmer", milestones = {} }
        t.eq(#r.reasons, 2)
        t.ok(r.reasons[1]:find("next phase is 'area_programme'", 1, true), r.reasons[1])
        t.eq(r.reasons[2], "lacks farmer")
    end,
}

return M
