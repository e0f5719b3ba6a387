---@meta
-- lua-language-server annotations for the Koppelkans scripting API (kk.api_version 1.0.0).
-- Not loaded at run time: `script list/test` skip scripts/types/.

---An entity proxy. Valid only during the call that received it; using it later raises
---"proxy used after its callback returned". Money fields are integer euro cents.
---@class kk.Proxy
---@field id integer
---@field entity string  # "project", "award", ...
---@field code string?
---@field name string?

---@class kk.Project: kk.Proxy
---@field status string
---@field coalition_id integer?
---@field area_id integer?
---@field applicant_id integer?
---@field themes string[]
---@field start_date string?
---@field end_date string?
---@field description string
local Project = {}
---@return kk.CostItem[]
function Project:cost_items() end
---@return kk.Expense[]
function Project:expenses() end
---@return kk.Award[]
function Project:awards() end
---@return kk.Proxy[]
function Project:programmes() end
---@return kk.Proxy[]
function Project:measurements() end
---@return kk.Coalition?
function Project:coalition() end
---@return kk.Proxy?
function Project:area() end
---@return kk.Proxy?
function Project:applicant() end

---@class kk.CostItem: kk.Proxy
---@field project_id integer
---@field category string
---@field year integer
---@field partner_id integer?
---@field amount integer  # cents
---@field eligible boolean
---@field tags string[]

---@class kk.Expense: kk.Proxy
---@field project_id integer
---@field cost_item_id integer?
---@field date string
---@field amount integer  # cents, excluding VAT
---@field vat integer     # cents

---@class kk.Award: kk.Proxy
---@field project_id integer
---@field fund_id integer
---@field amount integer  # cents
---@field rate string?    # "num/den"
---@field status string   # candidate, granted, refused, withdrawn
---@field fund_type string  # subsidy, own_contribution, partner_contribution, private, in_kind
---@field fund_code string
local Award = {}
---@return kk.Proxy
function Award:fund() end

---@class kk.Coalition: kk.Proxy
---@field area_id integer?
---@field continuity_plan string  # "" when none
---@field continuity_actor_id integer?
local Coalition = {}
---@return kk.Proxy[]
function Coalition:members() end
---@return kk.Project[]
function Coalition:projects() end

---@class kk.TestHelper
local TestHelper = {}
---@param actual any
---@param expected any
---@param msg string?
function TestHelper.eq(actual, expected, msg) end
---@param actual number
---@param expected number
---@param tolerance number?
---@param msg string?
function TestHelper.near(actual, expected, tolerance, msg) end
---@param value any
---@param msg string?
function TestHelper.ok(value, msg) end
---@param fn function
---@param pattern string?
function TestHelper.err(fn, pattern) end
---@param reason string
function TestHelper.skip(reason) end

---@class kk.IndicatorDef
---@field code string
---@field name string
---@field unit string?
---@field type "output"|"result"|"process"|nil
---@field aggregation "sum"|"mean"|"last"|"cumulative"|nil
---@field direction "increase"|"decrease"|nil
---@field subjects ("project"|"coalition"|"area"|"programme")[]?
---@field compute fun(subject: kk.Proxy): number?

---@class kk.CheckDef
---@field code string
---@field message string
---@field severity "error"|"warning"|"info"|nil
---@field applies_to string?  # an entity kind, default "project"
---@field run fun(entity: kk.Proxy): (boolean|string|string[]|nil)

---@class kk.ScoreDef
---@field code string
---@field call string?  # use this call's criteria (kk_call_criterion)
---@field criteria {code: string, weight: number|string, max: number?}[]?
---@field score fun(project: kk.Project, criteria: table): table<string, number>

---@class kk.AllocationDef
---@field name string
---@field description string?
---@field allocate fun(problem: table): table

---@class kk
kk = {}
kk.api_version = "1.0.0"
---@type string[]
kk.kinds = {}
---@param def kk.IndicatorDef
function kk.indicator(def) end
---@param def kk.CheckDef
function kk.check(def) end
---@param def kk.ScoreDef
function kk.score(def) end
---@param def kk.AllocationDef
function kk.allocation_strategy(def) end
---@param name string
---@param fn fun(t: kk.TestHelper)
function kk.test(name, fn) end
---@param kind string
---@param id integer
---@return kk.Proxy?
function kk.get(kind, id) end
---@param kind string
---@return kk.Proxy[]
function kk.list(kind) end
---@param kind string
---@return integer[]
function kk.ids(kind) end
---@param kind string
---@param code string
---@return kk.Proxy?
function kk.find(kind, code) end
---@param id integer
---@return kk.Project?
function kk.project(id) end
---@return kk.Project[]
function kk.projects() end
---@param cents integer
---@return string
function kk.format_money(cents) end
---@param text string  # "num/den"
---@return number value, integer num, integer den
function kk.rate(text) end
kk.stage = {}
---@param m {indicator: string|integer, subject: kk.Proxy?, subject_kind: string?, subject_id: integer?, year: integer, value: number|string, source: string?}
---@return integer staged
function kk.stage.measurement(m) end
