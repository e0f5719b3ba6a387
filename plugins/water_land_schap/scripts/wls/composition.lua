-- Water+Land+Schap: does an area coalition have the prescribed composition?
-- The plugin calls evaluate{ coalition = "WLS-01", members = {...}, requirements = {...} }:
--   members      = the coalition's current members: { actor = "code", name = "...", kind = "farmer", role = "member" }
--   requirements = the rows of data/composition.csv valid today:
--                  { code = "water_manager", label = "water manager (waterbeheerder)", kinds = { "water_manager" }, min = 1 }
-- Change WHO is required in data/composition.csv; change HOW it is judged here.
local M = {}

local function count_kinds(members)
    local by_kind = {}
    for _, m in ipairs(members) do
        local k = m.kind or "other"
        by_kind[k] = by_kind[k] or {}
        table.insert(by_kind[k], m.name or m.actor or "?")
    end
    return by_kind
end

--- Returns { ok, missing = { { code, label, need, have } }, satisfied = { { code, label, by } }, message }.
function M.evaluate(arg)
    local members = arg.members or {}
    local requirements = arg.requirements or {}
    local by_kind = count_kinds(members)
    local missing, satisfied = {}, {}
    for _, req in ipairs(requirements) do
        local by = {}
        for _, kind in ipairs(req.kinds or {}) do
            for _, name in ipairs(by_kind[kind] or {}) do by[#by + 1] = name end
        end
        local need = req.min or 1
        if #by >= need then
            satisfied[#satisfied + 1] = { code = req.code, label = req.label, by = by }
        else
            missing[#missing + 1] = { code = req.code, label = req.label, need = need, have = #by }
        end
    end
    local who = arg.coalition and ("coalition " .. arg.coalition) or "the coalition"
    local message
    if #missing == 0 then
        message = who .. " has the prescribed composition (" .. #satisfied .. " of " .. #requirements .. " partner types present)"
    else
        local parts = {}
        for _, m in ipairs(missing) do
            parts[#parts + 1] = ("%s (%d of %d)"):format(m.label, m.have, m.need)
        end
        message = who .. " lacks the prescribed partner(s): " .. table.concat(parts, ", ") ..
            "; add them as members with the matching actor kind"
    end
    return { ok = #missing == 0, missing = missing, satisfied = satisfied, message = message }
end

local REQS = {
    { code = "local_government", label = "local government", kinds = { "government" }, min = 1 },
    { code = "water_manager", label = "water manager", kinds = { "water_manager" }, min = 1 },
    { code = "farmer", label = "farmer", kinds = { "farmer" }, min = 1 },
    { code = "farmers_organisation", label = "farmers' organisation", kinds = { "farmers_organisation" }, min = 1 },
    { code = "landowner", label = "landowner", kinds = { "landowner" }, min = 1 },
    { code = "nature", label = "nature or landscape association", kinds = { "nature_association" }, min = 1 },
}

M.tests = {
    complete_coalition_passes = function(t)
        local r = M.evaluate { coalition = "C1", requirements = REQS, members = {
            { name = "Gemeente Olen", kind = "government" }, { name = "Polder", kind = "water_manager" },
            { name = "Boer Jan", kind = "farmer" }, { name = "Boerenbond", kind = "farmers_organisation" },
            { name = "Eigenaar", kind = "landowner" }, { name = "Natuurpunt", kind = "nature_association" } } }
        t.ok(r.ok, r.message)
        t.eq(#r.missing, 0)
        t.eq(#r.satisfied, 6)
    end,
    missing_partners_are_named = function(t)
        local r = M.evaluate { coalition = "C1", requirements = REQS, members = {
            { name = "Gemeente Olen", kind = "government" }, { name = "Boer Jan", kind = "farmer" } } }
        t.eq(r.ok, false)
        t.eq(#r.missing, 4)
        t.eq(r.missing[1].code, "water_manager")
        t.ok(r.message:find("water manager (0 of 1)", 1, true), r.message)
        t.ok(r.message:find("landowner (0 of 1)", 1, true), r.message)
    end,
    minimum_counts_are_respected = function(t)
        local reqs = { { code = "farmer", label = "farmer", kinds = { "farmer" }, min = 2 } }
        local r = M.evaluate { requirements = reqs, members = { { name = "A", kind = "farmer" } } }
        t.eq(r.ok, false)
        t.eq(r.missing[1].have, 1)
        r = M.evaluate { requirements = reqs, members = { { name = "A", kind = "farmer" }, { name = "B", kind = "farmer" } } }
        t.ok(r.ok)
        t.eq(r.satisfied[1].by, { "A", "B" })
    end,
    one_requirement_may_accept_several_kinds = function(t)
        local reqs = { { code = "nature", label = "nature or landscape", kinds = { "nature_association", "association" }, min = 1 } }
        local r = M.evaluate { requirements = reqs, members = { { name = "Regionaal Landschap", kind = "association" } } }
        t.ok(r.ok)
    end,
}

return M
