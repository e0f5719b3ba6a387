// The Lua half of the `kk` API, run first in every package: rule definitions, `require`
// limited to the host's resolver, and the test helper. `registry` stays private to the host.
#include "core/rules/prelude.h"

namespace kk::rules {

const char* preludeSource() {
    return R"lua(
local registry, load_module = ...
local kk = kk
local type, error, pairs, ipairs, tostring, select = type, error, pairs, ipairs, tostring, select
local sort, concat = table.sort, table.concat

kk.api_version = "1.0.0"

registry.rules = {}
registry.by_key = {}
registry.tests = {}

local function need(def, fn, name, typ)
    local v = def[name]
    if type(v) ~= typ then
        error(("%s: field '%s' must be a %s, got %s"):format(fn, name, typ, type(v)), 3)
    end
    return v
end

local function oneof(def, fn, name, allowed, default)
    local v = def[name]
    if v == nil then return default end
    for _, a in ipairs(allowed) do
        if v == a then return v end
    end
    error(("%s: field '%s' is %s; allowed: %s"):format(fn, name, tostring(v), concat(allowed, ", ")), 3)
end

local function register(kind, code, def)
    local key = kind .. ":" .. code
    if registry.by_key[key] then
        error(("%s '%s' is defined twice in this package"):format(kind, code), 3)
    end
    registry.by_key[key] = def
    registry.rules[#registry.rules + 1] = { kind = kind, code = code }
end

local function table_arg(fn, def)
    if type(def) ~= "table" then
        error(fn .. " expects a table, e.g. " .. fn .. "{ code = \"...\", ... }", 3)
    end
end

local SUBJECTS = { "project", "coalition", "area", "programme" }

function kk.indicator(def)
    table_arg("kk.indicator", def)
    local code = need(def, "kk.indicator", "code", "string")
    need(def, "kk.indicator", "name", "string")
    need(def, "kk.indicator", "compute", "function")
    if def.unit ~= nil then need(def, "kk.indicator", "unit", "string") else def.unit = "" end
    def.type = oneof(def, "kk.indicator", "type", { "output", "result", "process" }, "output")
    def.aggregation = oneof(def, "kk.indicator", "aggregation", { "sum", "mean", "last", "cumulative" }, "sum")
    def.direction = oneof(def, "kk.indicator", "direction", { "increase", "decrease" }, "increase")
    local subjects = def.subjects or { "project" }
    if type(subjects) ~= "table" or #subjects == 0 then
        error("kk.indicator: field 'subjects' must be a list such as { \"project\" }", 2)
    end
    for _, s in ipairs(subjects) do
        local ok = false
        for _, a in ipairs(SUBJECTS) do ok = ok or s == a end
        if not ok then
            error(("kk.indicator: subject '%s' is not one of %s"):format(tostring(s), concat(SUBJECTS, ", ")), 2)
        end
    end
    def.subjects = subjects
    register("indicator", code, def)
end

function kk.check(def)
    table_arg("kk.check", def)
    local code = need(def, "kk.check", "code", "string")
    need(def, "kk.check", "message", "string")
    need(def, "kk.check", "run", "function")
    def.severity = oneof(def, "kk.check", "severity", { "error", "warning", "info" }, "warning")
    def.applies_to = def.applies_to or "project"
    local known = false
    for _, k in ipairs(kk.kinds) do known = known or k == def.applies_to end
    if not known then
        error(("kk.check: applies_to '%s' is not an entity kind (%s)"):format(tostring(def.applies_to), concat(kk.kinds, ", ")), 2)
    end
    register("check", code, def)
end

function kk.score(def)
    table_arg("kk.score", def)
    local code = need(def, "kk.score", "code", "string")
    need(def, "kk.score", "score", "function")
    if def.criteria == nil and def.call == nil then
        error("kk.score: give 'criteria' ({ {code=, weight=, max=} ... }) or the 'call' whose criteria to use", 2)
    end
    if def.criteria ~= nil then
        need(def, "kk.score", "criteria", "table")
        for i, c in ipairs(def.criteria) do
            if type(c) ~= "table" or type(c.code) ~= "string" then
                error(("kk.score: criterion %d needs a string 'code'"):format(i), 2)
            end
            if type(c.weight) ~= "number" and type(c.weight) ~= "string" then
                error(("kk.score: criterion '%s' needs a weight (number or \"n/d\")"):format(c.code), 2)
            end
            c.max = c.max or 10
            if type(c.max) ~= "number" or c.max <= 0 then
                error(("kk.score: criterion '%s' needs a positive 'max'"):format(c.code), 2)
            end
        end
    end
    register("score", code, def)
end

function kk.allocation_strategy(def)
    table_arg("kk.allocation_strategy", def)
    local name = need(def, "kk.allocation_strategy", "name", "string")
    need(def, "kk.allocation_strategy", "allocate", "function")
    def.description = def.description or ""
    register("allocation_strategy", name, def)
end

function kk.test(name, fn)
    if type(name) ~= "string" or type(fn) ~= "function" then
        error("kk.test expects a name and a function: kk.test(\"sums\", function(t) ... end)", 2)
    end
    registry.tests[#registry.tests + 1] = { name = name, fn = fn }
end

-- require: modules come only from the host's resolver (bundled scripts/, the plugin's pack,
-- trusted workspace scripts), compiled as text in this same sandbox.
local loaded, loading = {}, {}
function require(name)
    if type(name) ~= "string" then error("require expects a module name such as \"kk.money\"", 2) end
    local v = loaded[name]
    if v ~= nil then return v end
    if loading[name] then error("circular require of '" .. name .. "'", 2) end
    local chunk, problem = load_module(name)
    if not chunk then error(problem, 2) end
    loading[name] = true
    local ok, result = pcall(chunk, name)
    loading[name] = nil
    if not ok then error(result, 0) end
    if result == nil then result = true end
    loaded[name] = result
    return result
end

function registry.run_main(main)
    local ret = main()
    if type(ret) == "table" and type(ret.tests) == "table" then
        local names = {}
        for n, f in pairs(ret.tests) do
            if type(n) == "string" and type(f) == "function" then names[#names + 1] = n end
        end
        sort(names)
        for _, n in ipairs(names) do
            registry.tests[#registry.tests + 1] = { name = n, fn = ret.tests[n] }
        end
    end
end

-- The test helper handed to every test case.
local function show(v)
    if type(v) == "string" then return ("%q"):format(v) end
    return tostring(v)
end

local function deep_eq(a, b)
    if a == b then return true end
    if type(a) ~= "table" or type(b) ~= "table" then return false end
    for k, v in pairs(a) do
        if not deep_eq(v, b[k]) then return false end
    end
    for k in pairs(b) do
        if a[k] == nil then return false end
    end
    return true
end

local t = {}
function t.eq(actual, expected, msg)
    if not deep_eq(actual, expected) then
        error((msg and (msg .. ": ") or "") .. "expected " .. show(expected) .. ", got " .. show(actual), 2)
    end
end
function t.near(actual, expected, tolerance, msg)
    tolerance = tolerance or 1e-9
    if type(actual) ~= "number" or math.abs(actual - expected) > tolerance then
        error((msg and (msg .. ": ") or "") .. "expected " .. show(expected) .. " +/- " .. tolerance .. ", got " .. show(actual), 2)
    end
end
function t.ok(value, msg)
    if not value then error(msg or "expected a true value", 2) end
end
function t.err(fn, pattern)
    local ok, e = pcall(fn)
    if ok then error("expected an error" .. (pattern and (" matching '" .. pattern .. "'") or ""), 2) end
    if pattern and not tostring(e):find(pattern, 1, true) then
        error("expected an error matching '" .. pattern .. "', got: " .. tostring(e), 2)
    end
end
function t.skip(reason)
    error("kk-test-skip: " .. tostring(reason), 0)
end

function registry.run_test(i)
    registry.tests[i].fn(t)
end
)lua";
}

}  // namespace kk::rules
