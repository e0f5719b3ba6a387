-- Share of coalitions with a continuity plan (who takes over after funding ends,
-- seed-004 L561-565), for an area or a programme.
local M = {}

local function share(coalitions)
    local seen, with, n = {}, 0, 0
    for _, c in ipairs(coalitions) do
        if not seen[c.id] then
            seen[c.id] = true
            n = n + 1
            if c.continuity_plan ~= "" then with = with + 1 end
        end
    end
    if n == 0 then return nil end
    return with / n
end

function M.compute(subject)
    if subject.entity == "area" then return share(subject:coalitions()) end
    local coalitions = {}
    for _, p in ipairs(subject:projects()) do
        local c = p:coalition()
        if c then coalitions[#coalitions + 1] = c end
    end
    return share(coalitions)
end

kk.indicator {
    code = "continuity_plan_share",
    name = "Share of coalitions with a continuity plan",
    unit = "share",
    type = "process",
    aggregation = "last",
    subjects = { "area", "programme" },
    compute = M.compute,
}

kk.test("fixture values", function(t)
    local gent = kk.find("area", "FX-GENT")
    if not gent then t.skip("needs the FX- fixture workspace") end
    t.eq(M.compute(gent), 0.5)
    t.eq(M.compute(kk.find("programme", "FX-SV")), 0.5)
    t.eq(M.compute(kk.find("area", "FX-WET")), nil)
end)

return M
