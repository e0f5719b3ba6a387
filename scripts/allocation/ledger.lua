-- Shared bookkeeping for the bundled Lua allocation strategies (waterfall.lua, pro_rata.lua):
-- the limits on one cell, exact integer arithmetic and largest-remainder apportionment. Written
-- to give the very same cents as the C++ engine (core/allocate/ledger.h,
-- core/base/apportion.cpp), so that a Lua strategy can be checked cell for cell against it.
--
-- The host passes the problem as the engine prepared it (docs/allocation.md, "Lua
-- strategies"): flat-rate items already expanded, and per fund `rate_limits[i]` = what its rate
-- allows on item i (0 when the item is not eligible for the fund), `limit` = min(budget, cap
-- per project), and `limits` with the group ceilings, the most external money and the de
-- minimis headroom per partner, all in integer cents. Absent means "no limit".
local M = {}

local maxint = math.maxinteger
local TWO62 = 1 << 62

-- a * b as an unsigned 128-bit pair (hi, lo), for 0 <= a, b < 2^63. Lua integers wrap, and
-- >> is a logical shift, so the 64-bit halves come out exact.
local function mul128(a, b)
    local a0, a1 = a & 0xffffffff, a >> 32
    local b0, b1 = b & 0xffffffff, b >> 32
    local p00, p01, p10, p11 = a0 * b0, a0 * b1, a1 * b0, a1 * b1
    local mid = (p00 >> 32) + (p01 & 0xffffffff) + (p10 & 0xffffffff)
    local lo = (p00 & 0xffffffff) | (mid << 32)
    local hi = p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32)
    return hi, lo
end

--- floor(a * b / d) and (a * b) % d for 0 <= a, b and 0 < d, when the quotient is below 2^63
--- (true whenever b <= d, as in apportionment). Exact even when a * b overflows 64 bits.
function M.muldivmod(a, b, d)
    if a == 0 or b == 0 then return 0, 0 end
    if a <= maxint // b then
        local p = a * b
        return p // d, p % d
    end
    local hi, lo = mul128(a, b)
    local q, r = 0, hi -- hi < d because the quotient fits 63 bits
    for bit = 63, 0, -1 do
        r = (r << 1) | ((lo >> bit) & 1)
        q = q << 1
        if not math.ult(r, d) then
            r = r - d
            q = q | 1
        end
    end
    return q, r
end

--- Largest-remainder split of `total` (cents, >= 0) over non-negative integer weights, as
--- kk::apportion: floors first, the cents left go to the largest remainders; ties go to the
--- larger weight, then to the earlier position. Raises an error where the C++ one does.
function M.apportion(total, weights)
    local n = #weights
    if n == 0 then error("apportion: nothing to split the amount over") end
    local sum = 0
    for i = 1, n do
        local w = weights[i]
        if w < 0 then error("apportion: weight " .. i .. " is negative") end
        if w > TWO62 then error("apportion: weights are too fine-grained to split exactly") end
        sum = sum + w
        if sum > TWO62 then error("apportion: weights are too fine-grained to split exactly") end
    end
    if sum == 0 then error("apportion: all weights are zero") end
    local parts, rems = {}, {}
    local assigned = 0
    for i = 1, n do
        local q, r = M.muldivmod(total, weights[i], sum)
        parts[i], rems[i] = q, r
        assigned = assigned + q
    end
    local left = total - assigned
    if left > 0 then
        local order = {}
        for i = 1, n do order[i] = i end
        table.sort(order, function(a, b)
            if rems[a] ~= rems[b] then return rems[a] > rems[b] end
            if weights[a] ~= weights[b] then return weights[a] > weights[b] end
            return a < b
        end)
        for k = 1, n do
            if left <= 0 then break end
            local i = order[k]
            if weights[i] ~= 0 then
                parts[i] = parts[i] + 1
                left = left - 1
            end
        end
    end
    return parts
end

local function gcd(a, b)
    while b ~= 0 do a, b = b, a % b end
    return a
end

--- The same with exact rates {num, den} as weights: brought to a common denominator first.
function M.apportion_rates(total, nums, dens)
    local lcm = 1
    for i = 1, #dens do
        local d = dens[i]
        local x = lcm // gcd(lcm, d)
        if x > TWO62 // d then error("apportion: weights have too many different denominators") end
        lcm = x * d
    end
    local weights = {}
    for i = 1, #nums do
        local f = lcm // dens[i]
        if nums[i] > 0 and f > maxint // nums[i] then
            error("apportion: weights are too fine-grained to split exactly")
        end
        weights[i] = nums[i] * f
    end
    return M.apportion(total, weights)
end

--- The problem in flat arrays (1-based item and fund positions) and an empty ledger: what
--- every cell, fund, partner, year, group, the external money and de minimis use so far.
function M.new(problem)
    local L = { items = problem.cost_items, funds = problem.funds }
    local n, m = #L.items, #L.funds
    L.n, L.m = n, m
    local limits = problem.limits or {}
    local partnerIndex, partnerIds = {}, {}
    for k, p in ipairs(problem.partners or {}) do
        partnerIndex[p.id] = k
        partnerIds[k] = p.id
    end
    local years, yearIndex = {}, {}
    local items, amount, partner, year = L.items, {}, {}, {}
    L.amount, L.partner, L.year = amount, partner, year
    for i = 1, n do
        local item = items[i]
        local y = item.year
        amount[i] = item.amount
        partner[i] = partnerIndex[item.partner_id]
        year[i] = y
        if not yearIndex[y] then
            yearIndex[y] = true
            years[#years + 1] = y
        end
    end
    table.sort(years)
    for k, y in ipairs(years) do yearIndex[y] = k end
    for i = 1, n do year[i] = yearIndex[year[i]] end
    L.np, L.ny = #partnerIds, #years

    local fundIndex = {}
    for f, fund in ipairs(L.funds) do fundIndex[fund.id] = f end
    L.groups = {}
    L.fundGroups = {}
    for f = 1, m do L.fundGroups[f] = {} end
    for g, group in ipairs(limits.groups or {}) do
        L.groups[g] = group.limit
        for _, id in ipairs(group.funds) do
            local list = L.fundGroups[fundIndex[id]]
            list[#list + 1] = g
        end
    end
    L.externalLimit = limits.external
    L.headroom = {}
    for k, id in ipairs(partnerIds) do
        L.headroom[k] = limits.de_minimis_headroom and limits.de_minimis_headroom[id]
    end

    L.cells, L.rate = {}, {}
    L.fundUsed, L.partnerUsed, L.yearUsed = {}, {}, {}
    for f, fund in ipairs(L.funds) do
        local cells = {}
        for i = 1, n do cells[i] = 0 end
        L.cells[f] = cells
        L.rate[f] = fund.rate_limits
        L.fundUsed[f] = 0
        local pu, yu = {}, {}
        for k = 1, L.np do pu[k] = 0 end
        for k = 1, L.ny do yu[k] = 0 end
        L.partnerUsed[f], L.yearUsed[f] = pu, yu
    end
    L.itemUsed = {}
    for i = 1, n do L.itemUsed[i] = 0 end
    L.groupUsed = {}
    for g = 1, #L.groups do L.groupUsed[g] = 0 end
    L.externalUsed = 0
    L.deMinimisUsed = {}
    for k = 1, L.np do L.deMinimisUsed[k] = 0 end
    return setmetatable(L, { __index = M })
end

--- The most that may still be added to cell (i, f): the smallest room of every limit on it.
function M.room(L, i, f)
    local fund = L.funds[f]
    local best = L.rate[f][i] - L.cells[f][i]
    local v = L.amount[i] - L.itemUsed[i]
    if v < best then best = v end
    if fund.limit then
        v = fund.limit - L.fundUsed[f]
        if v < best then best = v end
    end
    if fund.cap_per_partner then
        v = fund.cap_per_partner - L.partnerUsed[f][L.partner[i]]
        if v < best then best = v end
    end
    if fund.cap_per_year then
        v = fund.cap_per_year - L.yearUsed[f][L.year[i]]
        if v < best then best = v end
    end
    for _, g in ipairs(L.fundGroups[f]) do
        v = L.groups[g] - L.groupUsed[g]
        if v < best then best = v end
    end
    if fund.external and L.externalLimit then
        v = L.externalLimit - L.externalUsed
        if v < best then best = v end
    end
    if fund.state_aid then
        local h = L.headroom[L.partner[i]]
        if h then
            v = h - L.deMinimisUsed[L.partner[i]]
            if v < best then best = v end
        end
    end
    if best < 0 then best = 0 end
    return best
end

--- Books cents on cell (i, f) and on every limit it counts towards.
function M.add(L, i, f, cents)
    local fund = L.funds[f]
    L.cells[f][i] = L.cells[f][i] + cents
    L.itemUsed[i] = L.itemUsed[i] + cents
    L.fundUsed[f] = L.fundUsed[f] + cents
    local pu, yu = L.partnerUsed[f], L.yearUsed[f]
    pu[L.partner[i]] = pu[L.partner[i]] + cents
    yu[L.year[i]] = yu[L.year[i]] + cents
    for _, g in ipairs(L.fundGroups[f]) do L.groupUsed[g] = L.groupUsed[g] + cents end
    if fund.external then L.externalUsed = L.externalUsed + cents end
    if fund.state_aid then
        local k = L.partner[i]
        L.deMinimisUsed[k] = L.deMinimisUsed[k] + cents
    end
end

--- Every item in input order takes on fund f the most room(L, i, f) allows: the waterfall's
--- stage for one fund. The same limits and bookings as room and add, with the fund's tables
--- and limits read once instead of per cell (the hot loop of waterfall.lua).
function M.fill(L, f)
    local fund = L.funds[f]
    local rate, cells = L.rate[f], L.cells[f]
    local amount, itemUsed, partner, year = L.amount, L.itemUsed, L.partner, L.year
    local pu, yu = L.partnerUsed[f], L.yearUsed[f]
    local limit, capPartner, capYear = fund.limit, fund.cap_per_partner, fund.cap_per_year
    local groups, groupUsed, fundGroups = L.groups, L.groupUsed, L.fundGroups[f]
    local ng = #fundGroups
    local external = fund.external
    local externalLimit = external and L.externalLimit
    local stateAid = fund.state_aid
    local headroom, deMinimisUsed = L.headroom, L.deMinimisUsed
    local fundUsed, externalUsed = L.fundUsed[f], L.externalUsed
    for i = 1, L.n do
        local best = rate[i] - cells[i]
        local v = amount[i] - itemUsed[i]
        if v < best then best = v end
        if best > 0 and limit then
            v = limit - fundUsed
            if v < best then best = v end
        end
        local k = partner[i]
        if best > 0 and capPartner then
            v = capPartner - pu[k]
            if v < best then best = v end
        end
        local y = year[i]
        if best > 0 and capYear then
            v = capYear - yu[y]
            if v < best then best = v end
        end
        if best > 0 then
            for j = 1, ng do
                local g = fundGroups[j]
                v = groups[g] - groupUsed[g]
                if v < best then best = v end
            end
        end
        if best > 0 and externalLimit then
            v = externalLimit - externalUsed
            if v < best then best = v end
        end
        if best > 0 and stateAid then
            local h = headroom[k]
            if h then
                v = h - deMinimisUsed[k]
                if v < best then best = v end
            end
        end
        if best > 0 then
            cells[i] = cells[i] + best
            itemUsed[i] = itemUsed[i] + best
            fundUsed = fundUsed + best
            pu[k] = pu[k] + best
            yu[y] = yu[y] + best
            for j = 1, ng do
                local g = fundGroups[j]
                groupUsed[g] = groupUsed[g] + best
            end
            if external then externalUsed = externalUsed + best end
            if stateAid then deMinimisUsed[k] = deMinimisUsed[k] + best end
        end
    end
    L.fundUsed[f], L.externalUsed = fundUsed, externalUsed
end

--- Fund positions by (priority, input order): the waterfall order.
function M.priority_order(L)
    local order = {}
    for f = 1, L.m do order[f] = f end
    table.sort(order, function(a, b)
        local pa, pb = L.funds[a].priority or 0, L.funds[b].priority or 0
        if pa ~= pb then return pa < pb end
        return a < b
    end)
    return order
end

--- The non-zero cells in the answer shape the host expects.
function M.answer(L, reason)
    local out, count = {}, 0
    local items, funds, cellsOf, m = L.items, L.funds, L.cells, L.m
    for i = 1, L.n do
        local id = items[i].id
        for f = 1, m do
            local v = cellsOf[f][i]
            if v > 0 then
                count = count + 1
                out[count] = { cost_item = id, fund = funds[f].id, amount = v, reason = reason }
            end
        end
    end
    return out
end

M.tests = {
    muldivmod_beyond_64_bits = function(t)
        -- (2^62 + 1) * 3 / 4: the product overflows 64 bits, the quotient does not.
        local q, r = M.muldivmod((1 << 62) + 1, 3, 4)
        t.eq(q, 3458764513820540928)
        t.eq(r, 3)
    end,
    apportion_ties = function(t)
        t.eq(M.apportion(10, { 1, 1, 1 }), { 4, 3, 3 })
        t.eq(M.apportion(5, { 1, 2 }), { 2, 3 })
        t.eq(M.apportion_rates(100, { 1, 1 }, { 3, 6 }), { 67, 33 })
    end,
}

return M
