-- Example checks: cost items need a partner; subsidies stay within the fund's maximum rate;
-- coalitions have a lead partner.
local M = {}

kk.check {
    code = "cost_item_partner",
    message = "cost item has no partner: say who bears the cost",
    severity = "warning",
    applies_to = "cost_item",
    run = function(item) return item.partner_id ~= nil end,
}

function M.over_rate(project)
    local eligible = 0
    for _, c in ipairs(project:cost_items()) do
        if c.eligible then eligible = eligible + c.amount end
    end
    local problems = {}
    for _, a in ipairs(project:awards()) do
        local f = a:fund()
        local _, num, den = kk.rate(f.max_rate)
        if a.status == "granted" and a.amount * den > eligible * num then
            problems[#problems + 1] = ("award of %s from %s is above %s of the eligible cost %s")
                :format(kk.format_money(a.amount), f.code, f.max_rate, kk.format_money(eligible))
        end
    end
    return problems
end

kk.check {
    code = "award_within_max_rate",
    message = "an award exceeds its fund's maximum rate",
    severity = "error",
    applies_to = "project",
    run = M.over_rate,
}

kk.check {
    code = "coalition_has_lead",
    message = "coalition has no lead partner (trekker)",
    severity = "warning",
    applies_to = "coalition",
    run = function(c)
        for _, m in ipairs(c:members()) do
            if m.role == "lead" then return true end
        end
        return false
    end,
}

kk.test("fixture values", function(t)
    local p1 = kk.find("project", "FX-P1")
    if not p1 then t.skip("needs the FX- fixture workspace") end
    -- P1: eligible 300,000.00; FX-SUB max 1/2 -> 100,000.00 is fine; FX-PRIV 1/1 fine.
    t.eq(#M.over_rate(p1), 0)
    -- P2: eligible 80,000.00, FX-SUB 40,000.00 = exactly 1/2: fine.
    t.eq(#M.over_rate(kk.find("project", "FX-P2")), 0)
end)

return M
