-- Regiodeal co-financing rule (after the Dutch Regio Deals): the region co-finances at least a
-- share of the deal (default 50 %, data/rules.csv; a deal may set its own), and money that comes
-- from the national level does not count as regional co-financing, even when a regional partner
-- passes it on.
-- The plugin calls evaluate{ deal = "RD-01", rule = {...}, contributions = {...} }:
--   rule = { min_share = "1/2", national_counts_as_regional = false, in_kind_counts = true,
--            national_min = cents, national_max = cents }
--   contributions = { { partner = "code", name = "...", level = "national"|"regional_public"|"regional_private",
--                       kind = "public"|"private"|"in_kind", origin = "own"|"national", amount = cents } }
-- Amounts are integer cents; the comparison is exact integer arithmetic.
local M = {}

local function fmt(cents)
    if kk and kk.format_money then return kk.format_money(cents) end
    return ("EUR %d.%02d"):format(cents // 100, cents % 100)
end

local function parse_share(text)
    local n, d = tostring(text or "1/2"):match("^%s*(%d+)%s*/%s*(%d+)%s*$")
    if not n then error("min_share must be a fraction such as \"1/2\", got " .. tostring(text), 0) end
    n, d = math.tointeger(tonumber(n)), math.tointeger(tonumber(d))
    if d == 0 or n > d then error("min_share must lie between 0 and 1, got " .. text, 0) end
    return n, d
end

-- "41,17 %": share part/whole in hundredths of a percent, rounded down (never flatters).
local function percent(part, whole)
    if whole == 0 then return "0,00 %" end
    local h = part * 10000 // whole
    return ("%d,%02d %%"):format(h // 100, h % 100)
end

--- Returns { ok, national, regional_counted, regional_claimed, excluded = { {partner, name, amount, reason} },
---           total, share = "num/den", required_regional, shortfall, findings = { {severity, code, message, amount} } }
function M.evaluate(arg)
    local rule = arg.rule or {}
    local num, den = parse_share(rule.min_share)
    local national, counted, claimed, passed_on = 0, 0, 0, 0
    local excluded, findings = {}, {}
    local deal = arg.deal and ("deal " .. arg.deal) or "the deal"
    for _, c in ipairs(arg.contributions or {}) do
        local amount = math.tointeger(c.amount) or error("amount of " .. tostring(c.partner) .. " is not whole cents", 0)
        if c.level == "national" then
            national = national + amount
        else
            claimed = claimed + amount
            if c.origin == "national" and not rule.national_counts_as_regional then
                national = national + amount
                passed_on = passed_on + amount
                excluded[#excluded + 1] = { partner = c.partner, name = c.name, amount = amount, reason = "national money" }
            elseif c.kind == "in_kind" and rule.in_kind_counts == false then
                excluded[#excluded + 1] = { partner = c.partner, name = c.name, amount = amount, reason = "in kind" }
            else
                counted = counted + amount
            end
        end
    end
    local total = national + counted
    -- counted / (counted + national) >= num/den  <=>  counted*den >= num*(counted + national)
    local ok_share = counted * den >= num * total
    -- The least regional amount that satisfies the rule for this national amount.
    local required = 0
    if den > num then required = -((-(num * national)) // (den - num)) end
    local shortfall = math.max(0, required - counted)

    -- Per partner, national money a regional partner passes on (summed over its commitments).
    local by_partner, order = {}, {}
    for _, e in ipairs(excluded) do
        if e.reason == "national money" then
            if not by_partner[e.partner] then
                by_partner[e.partner] = { name = e.name, amount = 0 }
                order[#order + 1] = e.partner
            end
            by_partner[e.partner].amount = by_partner[e.partner].amount + e.amount
        end
    end
    for _, p in ipairs(order) do
        local x = by_partner[p]
        findings[#findings + 1] = { severity = "warning", code = "national_money_in_regional", amount = x.amount,
            message = ("%s: %s of %s (%s) is national money and does not count as regional co-financing"):format(
                deal, fmt(x.amount), x.name or p, p) }
    end
    if not ok_share then
        local msg = ("%s: regional co-financing %s is %s of %s; the rule asks at least %s (%d/%d): %s short"):format(
            deal, fmt(counted), percent(counted, total), fmt(total), percent(num, den), num, den, fmt(shortfall))
        if passed_on > 0 then
            msg = msg .. (" (counting the %s national money as regional it would be %s)"):format(
                fmt(passed_on), percent(counted + passed_on, total))
        end
        findings[#findings + 1] = { severity = "error", code = "regional_share_below_rule", amount = shortfall, message = msg }
    end
    if rule.national_min and national < rule.national_min then
        findings[#findings + 1] = { severity = "warning", code = "national_below_min", amount = national,
            message = ("%s: the national contribution %s is below the %s per deal"):format(deal, fmt(national), fmt(rule.national_min)) }
    end
    if rule.national_max and national > rule.national_max then
        findings[#findings + 1] = { severity = "warning", code = "national_above_max", amount = national,
            message = ("%s: the national contribution %s is above the %s per deal"):format(deal, fmt(national), fmt(rule.national_max)) }
    end
    return { ok = ok_share, national = national, regional_counted = counted, regional_claimed = claimed,
             excluded = excluded, total = total, share = ("%d/%d"):format(counted, total),
             share_percent = percent(counted, total), required_regional = required, shortfall = shortfall,
             findings = findings }
end

local M_EUR = 100000000 -- one million euro in cents
local RULE = { min_share = "1/2", national_counts_as_regional = false, in_kind_counts = true,
               national_min = 5 * M_EUR, national_max = 40 * M_EUR }

local function errors(r)
    local n = 0
    for _, f in ipairs(r.findings) do if f.severity == "error" then n = n + 1 end end
    return n
end

M.tests = {
    equal_cofinancing_passes = function(t)
        local r = M.evaluate { rule = RULE, contributions = {
            { partner = "VO", level = "national", kind = "public", amount = 10 * M_EUR },
            { partner = "PROV", level = "regional_public", kind = "public", amount = 6 * M_EUR },
            { partner = "BEDRIJF", level = "regional_private", kind = "in_kind", amount = 4 * M_EUR } } }
        t.ok(r.ok)
        t.eq(r.regional_counted, 10 * M_EUR)
        t.eq(r.share, "1000000000/2000000000")
        t.eq(errors(r), 0)
    end,
    national_money_passed_on_does_not_count = function(t)
        local r = M.evaluate { deal = "RD", rule = RULE, contributions = {
            { partner = "VO", level = "national", kind = "public", amount = 10 * M_EUR },
            { partner = "GEM", name = "Gemeente", level = "regional_public", kind = "public", origin = "national", amount = 3 * M_EUR },
            { partner = "GEM", name = "Gemeente", level = "regional_public", kind = "public", amount = 7 * M_EUR } } }
        t.eq(r.ok, false)
        t.eq(r.national, 13 * M_EUR)
        t.eq(r.regional_counted, 7 * M_EUR)
        t.eq(r.regional_claimed, 10 * M_EUR)
        t.eq(r.required_regional, 13 * M_EUR)
        t.eq(r.shortfall, 6 * M_EUR)
        t.eq(r.findings[1].code, "national_money_in_regional")
        t.eq(r.findings[1].amount, 3 * M_EUR)
        t.eq(r.findings[2].code, "regional_share_below_rule")
        t.ok(r.findings[2].message:find("35,00 %", 1, true), r.findings[2].message)
    end,
    deal_may_count_national_money_when_configured = function(t)
        local rule = { min_share = "1/2", national_counts_as_regional = true }
        local r = M.evaluate { rule = rule, contributions = {
            { partner = "VO", level = "national", amount = 10 * M_EUR },
            { partner = "GEM", level = "regional_public", origin = "national", amount = 10 * M_EUR } } }
        t.ok(r.ok)
    end,
    lower_share_per_deal_and_rounding_up = function(t)
        local r = M.evaluate { rule = { min_share = "1/3" }, contributions = {
            { partner = "VO", level = "national", amount = 1001 },
            { partner = "P", level = "regional_public", amount = 500 } } }
        t.eq(r.required_regional, 501) -- 1001/2 rounded up
        t.eq(r.ok, false)
        t.eq(r.shortfall, 1)
    end,
    national_range_is_checked = function(t)
        local r = M.evaluate { rule = RULE, contributions = {
            { partner = "VO", level = "national", amount = 45 * M_EUR },
            { partner = "P", level = "regional_public", amount = 45 * M_EUR } } }
        t.ok(r.ok)
        t.eq(r.findings[1].code, "national_above_max")
        t.err(function() M.evaluate { rule = { min_share = "3/2" } } end, "between 0 and 1")
    end,
}

return M
