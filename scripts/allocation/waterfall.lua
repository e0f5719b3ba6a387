-- The waterfall strategy in Lua, with the same rules as the built-in C++ one
-- (core/allocate/waterfall.cpp): funds by priority, then input order; each fund takes, item by
-- item in input order, the most its rate and every limit allow. The identity test
-- (tests/allocate/lua_identity_test.cpp) checks it against C++ cell for cell.
local ledger = require("allocation.ledger")

local M = {}

function M.allocate(problem)
    local L = ledger.new(problem)
    for _, f in ipairs(L:priority_order()) do ledger.fill(L, f) end
    return L:answer("waterfall")
end

kk.allocation_strategy {
    name = "waterfall",
    description = "funds in priority order, each up to its rate and every limit (as the C++ waterfall)",
    allocate = M.allocate,
}

M.tests = {
    priority_then_input_order = function(t)
        local problem = {
            cost_items = { { id = "c1", amount = 10001, year = 2025, partner_id = "a" } },
            partners = { { id = "a" } },
            funds = {
                { id = "own", priority = 9, rate_limits = { 10001 } },
                { id = "sub", priority = 1, external = true, rate_limits = { 5000 }, limit = 100000 },
            },
            limits = { external = 10001 },
        }
        t.eq(M.allocate(problem), {
            { cost_item = "c1", fund = "own", amount = 5001, reason = "waterfall" },
            { cost_item = "c1", fund = "sub", amount = 5000, reason = "waterfall" },
        })
    end,
    budget_binds = function(t)
        local problem = {
            cost_items = { { id = "c1", amount = 1000, year = 2025, partner_id = "a" },
                           { id = "c2", amount = 1000, year = 2026, partner_id = "a" } },
            partners = { { id = "a" } },
            funds = { { id = "sub", priority = 1, external = true, rate_limits = { 1000, 1000 },
                        limit = 1500 } },
            limits = { external = 2000 },
        }
        local cells = M.allocate(problem)
        t.eq(#cells, 2)
        t.eq(cells[2].amount, 500)
    end,
}

return M
