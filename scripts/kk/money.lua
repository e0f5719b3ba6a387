-- Money helpers for rules. Amounts are integer euro cents (never floats); shares are numbers.
local M = {}

--- Sum of `field` (default "amount") over a list of proxies or tables; integer cents.
function M.sum(list, field, filter)
    field = field or "amount"
    local total = 0
    for _, item in ipairs(list) do
        if filter == nil or filter(item) then total = total + (item[field] or 0) end
    end
    return total
end

--- part / whole, or nil when whole is zero (an indicator that does not apply).
function M.ratio(part, whole)
    if whole == 0 then return nil end
    return part / whole
end

--- Whole cents of `amount * num / den`, rounded down (as the allocation engine does).
function M.times_rate(amount, num, den)
    return (amount * num) // den
end

--- "€ 1.234,56"
function M.format(cents)
    return kk.format_money(cents)
end

M.tests = {
    sum_of_amounts = function(t)
        t.eq(M.sum({ { amount = 100 }, { amount = 250 } }), 350)
        t.eq(M.sum({}), 0)
        t.eq(M.sum({ { x = 5 }, { x = 7 } }, "x", function(i) return i.x > 5 end), 7)
        t.ok(math.type(M.sum({ { amount = 1 } })) == "integer", "cents stay integers")
    end,
    ratio_of_zero_is_nil = function(t)
        t.eq(M.ratio(5, 0), nil)
        t.eq(M.ratio(5, 2), 2.5)
    end,
    times_rate_rounds_down = function(t)
        t.eq(M.times_rate(10001, 1, 2), 5000)
        t.eq(M.times_rate(300, 2, 3), 200)
    end,
    format_is_dutch = function(t)
        t.eq(M.format(123456), "€ 1.234,56")
    end,
}

return M
