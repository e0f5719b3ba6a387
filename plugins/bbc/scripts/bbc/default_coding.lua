-- Default BBC coding for subsidised projects (bbc-spec §4.2, §4.3): which algemene rekening and
-- economische sectorcode a received subsidy gets, and which account a cost category gets.
-- Edit the tables below to follow your own booking practice; the bbc plugin calls
-- fund_coding(fund) and cost_coding(item) through the global `bbc_default_coding`.
local M = {}

local function contains_any(text, needles)
    text = string.lower(text or "")
    for _, n in ipairs(needles) do
        if string.find(text, n, 1, true) then return true end
    end
    return false
end

local FLEMISH = { "vlaams", "vlaanderen", "agentschap", "departement", "vlm", "abb" }
local FEDERAL = { "federa", "fod ", "pod ", "belgische staat" }

-- Receipts, first match wins. A werkingssubsidie is booked on 7405/9 Specifieke
-- werkingssubsidies (II.A.3.b), an investeringssubsidie on 150 (Investeringen II.D); the ESC is
-- the grantor's sector: 300 Vlaamse overheid, 100 Federale overheid (bbc-spec §1.8).
M.fund_rules = {
    { rule = "Vlaamse werkingssubsidie", grantor = FLEMISH, investment = false, account = "7405", sector_code = "300" },
    { rule = "Vlaamse investeringssubsidie", grantor = FLEMISH, investment = true, account = "150", sector_code = "300" },
    { rule = "Federale werkingssubsidie", grantor = FEDERAL, investment = false, account = "7405", sector_code = "100" },
    { rule = "Federale investeringssubsidie", grantor = FEDERAL, investment = true, account = "150", sector_code = "100" },
    { rule = "Andere werkingssubsidie", investment = false, account = "7405", sector_code = "" },
    { rule = "Andere investeringssubsidie", investment = true, account = "150", sector_code = "" },
}

-- Cost categories of the workbench to a budgettaire rekening (uitgaven).
M.category_accounts = {
    staff = "6202",              -- bezoldigingen niet vast benoemd personeel (I.A.2.c)
    office = "613",              -- andere diensten en leveringen (I.A.1)
    external_expertise = "613",
    communication = "613",
    maintenance = "6103",        -- onderhoud en herstel van onroerende goederen
    works = "228",               -- andere onroerende infrastructuur (I.B.1.b)
    roads = "224",
    land = "220",
    building = "221",
    equipment = "230",           -- installaties, machines en uitrusting (I.B.1.c)
}

--- fund: { code, name, grantor, type, investment } -> { account, sector_code, rule } or nil
function M.fund_coding(fund)
    if fund.type ~= "subsidy" then return nil end
    for _, r in ipairs(M.fund_rules) do
        if r.investment == (fund.investment == true)
            and (r.grantor == nil or contains_any(fund.grantor, r.grantor) or contains_any(fund.name, r.grantor)) then
            return { account = r.account, sector_code = r.sector_code, rule = r.rule }
        end
    end
    return nil
end

--- item: { category } -> { account } or nil when the category has no default
function M.cost_coding(item)
    local account = M.category_accounts[item.category or ""]
    if account == nil then return nil end
    return { account = account }
end

--- Whether an account is an investment account (class 2): decides which fund rule applies.
function M.is_investment(account)
    return string.sub(account or "", 1, 1) == "2"
end

bbc_default_coding = M

kk.test("Flemish operating subsidy: 7405 with ESC 300", function(t)
    local c = M.fund_coding { grantor = "Vlaamse overheid", name = "LEKP", type = "subsidy", investment = false }
    t.eq(c, { account = "7405", sector_code = "300", rule = "Vlaamse werkingssubsidie" })
end)
kk.test("Flemish investment subsidy: 150 with ESC 300", function(t)
    local c = M.fund_coding { grantor = "Agentschap Binnenlands Bestuur", type = "subsidy", investment = true }
    t.eq(c.account, "150")
    t.eq(c.sector_code, "300")
end)
kk.test("federal operating subsidy: ESC 100", function(t)
    t.eq(M.fund_coding { grantor = "FOD Binnenlandse Zaken", type = "subsidy" }.sector_code, "100")
end)
kk.test("own contribution is not a receipt", function(t)
    t.eq(M.fund_coding { grantor = "Gemeente", type = "own_contribution" }, nil)
end)
kk.test("other grantor: no sector code", function(t)
    t.eq(M.fund_coding { grantor = "Koning Boudewijnstichting", type = "subsidy" }.sector_code, "")
end)
kk.test("cost categories", function(t)
    t.eq(M.cost_coding { category = "staff" }.account, "6202")
    t.eq(M.cost_coding { category = "works" }.account, "228")
    t.eq(M.cost_coding { category = "unknown" }, nil)
    t.ok(M.is_investment("228"))
    t.ok(not M.is_investment("6202"))
end)

return M
