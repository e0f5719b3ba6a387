-- Leverage (hefboom): private euros per subsidy euro of a project (stadsvernieuwing benchmark
-- 1:17, seed-003 L2712). Counts granted awards: funds of type "private" over type "subsidy".
local money = require("kk.money")

local M = {}

function M.leverage(project)
    local private, subsidy = 0, 0
    for _, a in ipairs(project:awards()) do
        if a.status == "granted" then
            if a.fund_type == "private" then
                private = private + a.amount
            elseif a.fund_type == "subsidy" then
                subsidy = subsidy + a.amount
            end
        end
    end
    return money.ratio(private, subsidy)
end

kk.indicator {
    code = "leverage",
    name = "Leverage: private € per subsidy €",
    unit = "EUR/EUR",
    type = "result",
    aggregation = "mean",
    subjects = { "project" },
    compute = M.leverage,
}

kk.test("fixture values", function(t)
    local p1 = kk.find("project", "FX-P1")
    if not p1 then t.skip("needs the FX- fixture workspace") end
    t.eq(M.leverage(p1), 2.5)
    t.eq(M.leverage(kk.find("project", "FX-P2")), 0.0)
    t.eq(M.leverage(kk.find("project", "FX-P3")), nil, "no subsidy: not applicable")
end)

return M
