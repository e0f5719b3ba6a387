-- The smallest useful script: an indicator counting a project's cost items, with a test.
kk.indicator {
    code = "cost_item_count",
    name = "Number of cost items",
    unit = "items",
    compute = function(project)
        return #project:cost_items()
    end,
}

return {
    tests = {
        counts_fixture_items = function(t)
            local p1 = kk.find("project", "FX-P1")
            if not p1 then t.skip("needs the FX- fixture workspace") end
            t.eq(#p1:cost_items(), 3)
        end,
        api_version_is_semver = function(t)
            t.ok(kk.api_version:match("^%d+%.%d+%.%d+$"), "kk.api_version is x.y.z")
        end,
    },
}
