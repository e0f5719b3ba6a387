-- Co-financing: the share of a project's planned cost not paid by subsidies, and (by_partner)
-- each partner's share of the planned cost items.
local money = require("kk.money")

local M = {}

function M.by_partner(project)
    local total, per = 0, {}
    for _, c in ipairs(project:cost_items()) do
        total = total + c.amount
        local key = c.partner_id or "none"
        per[key] = (per[key] or 0) + c.amount
    end
    local shares = {}
    for partner, cents in pairs(per) do shares[partner] = money.ratio(cents, total) end
    return shares
end

function M.share(project)
    local cost = money.sum(project:cost_items())
    local subsidy = money.sum(project:awards(), "amount", function(a)
        return a.status == "granted" and a.fund_type == "subsidy"
    end)
    if cost == 0 then return nil end
    return (cost - math.min(subsidy, cost)) / cost
end

kk.indicator {
    code = "cofinancing_share",
    name = "Co-financing share (planned cost not covered by subsidies)",
    unit = "share",
    type = "output",
    aggregation = "mean",
    compute = M.share,
}

kk.test("fixture values", function(t)
    local p1 = kk.find("project", "FX-P1")
    if not p1 then t.skip("needs the FX- fixture workspace") end
    -- cost 300,000.00, subsidy 100,000.00
    t.near(M.share(p1), 2 / 3, 1e-12)
    local a1 = kk.find("actor", "FX-A1").id
    local a2 = kk.find("actor", "FX-A2").id
    local shares = M.by_partner(p1)
    t.near(shares[a1], 250000 / 300000, 1e-12)
    t.near(shares[a2], 50000 / 300000, 1e-12)
    t.eq(M.share(kk.find("project", "FX-P3")), nil, "no cost items")
end)

return M
