-- A simple waterfall written in Lua: funds in priority order, each pays up to its maximum
-- rate of every eligible cost item, limited by its remaining budget. Amounts are integer
-- cents; rates are "num/den" text split into max_rate_num / max_rate_den by the host.
local M = {}

local function parse_rate(text)
    local num, den = text:match("^(%-?%d+)/(%d+)$")
    return tonumber(num), tonumber(den)
end

function M.allocate(problem)
    local funds = {}
    for _, f in ipairs(problem.funds) do funds[#funds + 1] = f end
    table.sort(funds, function(a, b)
        if (a.priority or 0) ~= (b.priority or 0) then return (a.priority or 0) < (b.priority or 0) end
        return a.id < b.id
    end)
    local left = {}
    for _, f in ipairs(funds) do left[f.id] = f.budget end
    local cells = {}
    for _, item in ipairs(problem.cost_items) do
        local open = item.eligible == false and 0 or item.amount
        for _, f in ipairs(funds) do
            if open <= 0 then break end
            local num, den = parse_rate(f.max_rate)
            local amount = math.min(open, (item.amount * num) // den)
            if left[f.id] then amount = math.min(amount, left[f.id]) end
            if amount > 0 then
                cells[#cells + 1] = { cost_item = item.id, fund = f.id, amount = amount, reason = "rate" }
                open = open - amount
                if left[f.id] then left[f.id] = left[f.id] - amount end
            end
        end
    end
    return cells
end

kk.allocation_strategy {
    name = "lua_waterfall",
    description = "funds in priority order up to their rate and budget",
    allocate = M.allocate,
}

M.tests = {
    two_funds = function(t)
        local cells = M.allocate {
            cost_items = { { id = "c1", amount = 10001, eligible = true } },
            funds = {
                { id = "sub", max_rate = "1/2", priority = 1, budget = 100000 },
                { id = "own", max_rate = "1/1", priority = 9 },
            },
        }
        t.eq(cells, {
            { cost_item = "c1", fund = "sub", amount = 5000, reason = "rate" },
            { cost_item = "c1", fund = "own", amount = 5001, reason = "rate" },
        })
    end,
    budget_binds = function(t)
        local cells = M.allocate {
            cost_items = { { id = "c1", amount = 1000 }, { id = "c2", amount = 1000 } },
            funds = { { id = "sub", max_rate = "1/1", priority = 1, budget = 1500 } },
        }
        t.eq(#cells, 2)
        t.eq(cells[2].amount, 500)
    end,
}

return M
