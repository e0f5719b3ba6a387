-- Funds per area: granted award money of every project in the area, in integer cents.
local money = require("kk.money")

local M = {}

function M.compute(area)
    local total = 0
    for _, p in ipairs(area:projects()) do
        total = total + money.sum(p:awards(), "amount", function(a) return a.status == "granted" end)
    end
    return total
end

kk.indicator {
    code = "funds_per_area",
    name = "Granted funds per area",
    unit = "EUR cent",
    type = "output",
    aggregation = "sum",
    subjects = { "area" },
    compute = M.compute,
}

kk.test("fixture values", function(t)
    local gent = kk.find("area", "FX-GENT")
    if not gent then t.skip("needs the FX- fixture workspace") end
    t.eq(M.compute(gent), 39000000)
    t.eq(M.compute(kk.find("area", "FX-WET")), 0)
end)

return M
