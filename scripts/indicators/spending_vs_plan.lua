-- Spending against plan: realised expenses over planned cost items, over all years and
-- (per_year) per year of the expense date / cost item year.
local money = require("kk.money")

local M = {}

function M.per_year(project)
    local plan, spent = {}, {}
    for _, c in ipairs(project:cost_items()) do
        plan[c.year] = (plan[c.year] or 0) + c.amount
    end
    for _, e in ipairs(project:expenses()) do
        local year = tonumber(e.date:sub(1, 4))
        spent[year] = (spent[year] or 0) + e.amount
    end
    local out = {}
    for year, cents in pairs(plan) do out[year] = money.ratio(spent[year] or 0, cents) end
    return out
end

function M.ratio(project)
    return money.ratio(money.sum(project:expenses()), money.sum(project:cost_items()))
end

kk.indicator {
    code = "spending_vs_plan",
    name = "Spending against plan",
    unit = "share",
    type = "process",
    aggregation = "last",
    compute = M.ratio,
}

kk.test("fixture values", function(t)
    local p1 = kk.find("project", "FX-P1")
    if not p1 then t.skip("needs the FX- fixture workspace") end
    t.near(M.ratio(p1), 90000 / 300000, 1e-12)
    local years = M.per_year(p1)
    t.near(years[2025], 90000 / 150000, 1e-12)
    t.eq(years[2026], 0.0)
end)

return M
