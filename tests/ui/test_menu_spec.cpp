// menus.json parsing and its consistency with the registered commands (no display needed).
#include <gtest/gtest.h>

#include "ui/commands/command_registry.h"
#include "ui/commands/menu_spec.h"
#include "ui/i18n/catalog.h"

namespace kk::ui {
namespace {

TEST(MenuSpec, ShippedFileParses) {
    auto spec = loadMenuSpec(std::string(KK_SOURCE_DIR) + "/data/ui/menus.json");
    ASSERT_TRUE(spec.ok()) << spec.error().message();
    EXPECT_GE(spec->menus.size(), 5u);
    EXPECT_EQ(spec->shortcuts.at("document.save"), "Ctrl+S");
    EXPECT_FALSE(spec->toolbar.empty());
}

TEST(MenuSpec, BadEntryNamesItsPath) {
    auto spec = parseMenuSpec(R"({"menubar": [{"submenu": "menu.file", "items": ["a", 5]}]})",
                              "menus.json");
    ASSERT_FALSE(spec.ok());
    EXPECT_NE(spec.error().where.find("menubar[0].items[1]"), std::string::npos);
    EXPECT_FALSE(spec.error().hint.empty());
}

TEST(MenuSpec, CheckFindsUnknownCommandsAndDuplicateShortcuts) {
    CommandRegistry registry;
    registry.add({"a.one", "cmd.a", [] {}});
    registry.add({"a.two", "cmd.b", [] {}});
    auto spec = parseMenuSpec(
        R"({"menubar": [{"submenu": "m", "items": ["a.one", "ghost"]}],
            "shortcuts": {"a.one": "Ctrl+K", "a.two": "Ctrl+K"}})",
        "test");
    ASSERT_TRUE(spec.ok());
    applyMenuSpec(*spec, registry);
    EXPECT_EQ(registry.find("a.two")->shortcut, "Ctrl+K");
    const auto problems = checkMenuSpec(*spec, registry);
    auto mentions = [&](const std::string& text) {
        return std::any_of(problems.begin(), problems.end(),
                           [&](const std::string& p) { return p.find(text) != std::string::npos; });
    };
    EXPECT_TRUE(mentions("ghost"));
    EXPECT_TRUE(mentions("Ctrl+K"));
    EXPECT_TRUE(mentions("'a.two' is in no menu"));
}

TEST(CommandRegistry, ExecuteHonoursEnabledAndReportsRuns) {
    CommandRegistry registry;
    int runs = 0;
    bool enabled = false;
    registry.add({"x.run", "cmd.x", [&] { ++runs; }, [&] { return enabled; }});
    std::vector<std::string> seen;
    auto connection = registry.executed.connect([&](const std::string& id) { seen.push_back(id); });
    EXPECT_FALSE(registry.execute("x.run"));
    enabled = true;
    EXPECT_TRUE(registry.execute("x.run"));
    EXPECT_FALSE(registry.execute("x.missing"));
    EXPECT_EQ(runs, 1);
    EXPECT_EQ(seen, std::vector<std::string>{"x.run"});
    const int id = registry.find("x.run")->wxId;
    registry.add({"x.run", "cmd.x2", [] {}});
    EXPECT_EQ(registry.find("x.run")->wxId, id);  // replacing keeps menus bound
}

TEST(Catalog, LoadsBothLanguagesAndFormats) {
    Catalog nl;
    Catalog en;
    ASSERT_TRUE(nl.load(std::string(KK_SOURCE_DIR) + "/data/i18n", "nl").ok());
    ASSERT_TRUE(en.load(std::string(KK_SOURCE_DIR) + "/data/i18n", "en").ok());
    EXPECT_EQ(nl.tr("menu.file"), "&Bestand");
    EXPECT_EQ(en.tr("menu.file"), "&File");
    EXPECT_EQ(en.tr("cost.problem_at", {"2", "Amount", "x"}), "Row 2, Amount: x");
    EXPECT_EQ(en.tr("no.such.key"), "no.such.key");
}

}  // namespace
}  // namespace kk::ui
