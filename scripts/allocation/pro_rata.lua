-- The pro-rata strategy in Lua, with the same rules as the built-in C++ one
-- (core/allocate/pro_rata.cpp). Rounds until a round books nothing:
-- 1. Offer: every item with an unfunded rest R asks each fund with room; if the wishes fit in
--    R each fund gets its wish, else R is split in proportion to the funds' rates
--    (largest remainder), each part capped at the fund's room.
-- 2. Limits: every set limit (fund, cap per partner, cap per year, cumulation group, external
--    money, de minimis per partner), in that order, that the offers would overrun scales its
--    cells' offers down in proportion (largest remainder).
-- 3. Book the offers; what a scaled fund could not pay is offered again next round.
local ledger = require("allocation.ledger")

local M = {}
local MAX_ROUNDS = 10000

-- Scales the offers of `cells` (flat cell positions) down to `room` when they add up to more.
local function limit_set(offer, cells, room)
    local sum = 0
    for k = 1, #cells do sum = sum + offer[cells[k]] end
    if sum <= room then return end
    local weights = {}
    for k = 1, #cells do weights[k] = offer[cells[k]] end
    local parts = ledger.apportion(room > 0 and room or 0, weights)
    for k = 1, #cells do offer[cells[k]] = parts[k] end
end

-- The sets of cells every limit covers, item-major as in the C++ SetIndex.
local function set_index(L)
    local S = { fund = {}, partner = {}, year = {}, group = {}, external = {}, de_minimis = {} }
    for f = 1, L.m do
        S.fund[f], S.partner[f], S.year[f] = {}, {}, {}
        for k = 1, L.np do S.partner[f][k] = {} end
        for k = 1, L.ny do S.year[f][k] = {} end
    end
    for g = 1, #L.groups do S.group[g] = {} end
    for k = 1, L.np do S.de_minimis[k] = {} end
    local function push(list, c) list[#list + 1] = c end
    for i = 1, L.n do
        for f = 1, L.m do
            if L.rate[f][i] ~= 0 then
                local c = (i - 1) * L.m + f
                local fund = L.funds[f]
                push(S.fund[f], c)
                push(S.partner[f][L.partner[i]], c)
                push(S.year[f][L.year[i]], c)
                for _, g in ipairs(L.fundGroups[f]) do push(S.group[g], c) end
                if fund.external then push(S.external, c) end
                if fund.state_aid then push(S.de_minimis[L.partner[i]], c) end
            end
        end
    end
    return S
end

local function apply_sets(L, S, offer)
    for f = 1, L.m do
        local fund = L.funds[f]
        if fund.limit then limit_set(offer, S.fund[f], fund.limit - L.fundUsed[f]) end
        if fund.cap_per_partner then
            for k = 1, L.np do
                limit_set(offer, S.partner[f][k], fund.cap_per_partner - L.partnerUsed[f][k])
            end
        end
        if fund.cap_per_year then
            for k = 1, L.ny do
                limit_set(offer, S.year[f][k], fund.cap_per_year - L.yearUsed[f][k])
            end
        end
    end
    for g = 1, #L.groups do limit_set(offer, S.group[g], L.groups[g] - L.groupUsed[g]) end
    if L.externalLimit then limit_set(offer, S.external, L.externalLimit - L.externalUsed) end
    for k = 1, L.np do
        if L.headroom[k] then
            limit_set(offer, S.de_minimis[k], L.headroom[k] - L.deMinimisUsed[k])
        end
    end
end

function M.allocate(problem)
    local L = ledger.new(problem)
    local S = set_index(L)
    local n, m = L.n, L.m
    local room, add = ledger.room, ledger.add
    local offer = {}
    for _ = 1, MAX_ROUNDS do
        for c = 1, n * m do offer[c] = 0 end
        for i = 1, n do
            local rest = L.amount[i] - L.itemUsed[i]
            if rest > 0 then
                local cand, rooms, nums, dens = {}, {}, {}, {}
                local wished = 0
                for f = 1, m do
                    local r = room(L, i, f)
                    if r > 0 then
                        cand[#cand + 1] = f
                        rooms[#rooms + 1] = r
                        nums[#nums + 1] = L.funds[f].rate_num
                        dens[#dens + 1] = L.funds[f].rate_den
                        wished = wished + r
                    end
                end
                local base = (i - 1) * m
                if wished <= rest then
                    for k = 1, #cand do offer[base + cand[k]] = rooms[k] end
                elseif #cand > 0 then
                    local parts = ledger.apportion_rates(rest, nums, dens)
                    for k = 1, #cand do
                        offer[base + cand[k]] = math.min(rooms[k], parts[k])
                    end
                end
            end
        end
        apply_sets(L, S, offer)
        local booked = 0
        for i = 1, n do
            local base = (i - 1) * m
            for f = 1, m do
                local v = offer[base + f]
                if v > 0 then
                    add(L, i, f, v)
                    booked = booked + v
                end
            end
        end
        if booked == 0 then break end
    end
    return L:answer("pro_rata")
end

kk.allocation_strategy {
    name = "pro_rata",
    description = "each cost split in proportion to the funds' rates, limits scaled (as the C++ pro_rata)",
    allocate = M.allocate,
}

M.tests = {
    split_by_rates = function(t)
        -- Two funds of 3/4 and 1/2 on 1000: the wishes (750 + 500) exceed the cost, so the
        -- cost is split 3:2 -> 600 and 400.
        local problem = {
            cost_items = { { id = "c1", amount = 1000, year = 2025, partner_id = "a" } },
            partners = { { id = "a" } },
            funds = {
                { id = "f1", priority = 1, external = true, rate_num = 3, rate_den = 4,
                  rate_limits = { 750 }, limit = 100000 },
                { id = "f2", priority = 1, external = true, rate_num = 1, rate_den = 2,
                  rate_limits = { 500 }, limit = 100000 },
            },
            limits = { external = 1000 },
        }
        t.eq(M.allocate(problem), {
            { cost_item = "c1", fund = "f1", amount = 600, reason = "pro_rata" },
            { cost_item = "c1", fund = "f2", amount = 400, reason = "pro_rata" },
        })
    end,
}

return M
