// wx widgets for menus.json. Menus and tools are owned by their wx parents (menu bar, frame).
#include "ui/commands/menu_builder.h"

#include <set>

#include <wx/artprov.h>

namespace kk::ui {
namespace {

wxString plainLabel(const Command& c, const Catalog& catalog) {
    wxString label = catalog.tr(c.labelKey);
    if (c.detail) {
        const wxString detail = c.detail();
        if (!detail.empty())
            label += ": " + detail;
    }
    return label;
}

void addItems(wxMenu& menu, const std::vector<MenuItemSpec>& items, const CommandRegistry& registry,
              const Catalog& catalog, wxMenu** recentFiles) {
    for (const auto& item : items) {
        switch (item.kind) {
            case MenuItemSpec::Kind::Separator:
                menu.AppendSeparator();
                break;
            case MenuItemSpec::Kind::Submenu: {
                auto* sub = new wxMenu;  // owned by `menu` once appended
                addItems(*sub, item.items, registry, catalog, recentFiles);
                if (item.special == "recent_files" && recentFiles)
                    *recentFiles = sub;
                menu.AppendSubMenu(sub, catalog.tr(item.label));
                break;
            }
            case MenuItemSpec::Kind::Command:
                if (const Command* c = registry.find(item.command))
                    menu.Append(c->wxId, menuText(*c, catalog));
                break;
        }
    }
}

void collectIds(const std::vector<MenuItemSpec>& items, std::set<std::string>& ids) {
    for (const auto& item : items) {
        if (item.kind == MenuItemSpec::Kind::Command)
            ids.insert(item.command);
        else if (item.kind == MenuItemSpec::Kind::Submenu)
            collectIds(item.items, ids);
    }
}

}  // namespace

wxString menuText(const Command& c, const Catalog& catalog) {
    wxString text = plainLabel(c, catalog);
    if (!c.shortcut.empty())
        text += "\t" + wxString::FromUTF8(c.shortcut);
    return text;
}

wxMenuBar* buildMenuBar(const MenuSpec& spec, const CommandRegistry& registry,
                        const Catalog& catalog, wxMenu** recentFiles) {
    if (recentFiles)
        *recentFiles = nullptr;
    auto* bar = new wxMenuBar;  // the frame owns it after SetMenuBar
    for (const auto& menuSpec : spec.menus) {
        auto* menu = new wxMenu;  // owned by the bar
        addItems(*menu, menuSpec.items, registry, catalog, recentFiles);
        bar->Append(menu, catalog.tr(menuSpec.label));
    }
    return bar;
}

void fillToolBar(wxToolBar& toolbar, const MenuSpec& spec, const CommandRegistry& registry,
                 const Catalog& catalog) {
    toolbar.ClearTools();
    for (const auto& tool : spec.toolbar) {
        if (tool.separator) {
            toolbar.AddSeparator();
            continue;
        }
        const Command* c = registry.find(tool.command);
        if (!c)
            continue;
        const wxBitmap bitmap = wxArtProvider::GetBitmap(
            tool.art.empty() ? wxString(wxART_EXECUTABLE_FILE) : wxString(tool.art), wxART_TOOLBAR,
            wxSize(24, 24));
        wxString help = plainLabel(*c, catalog);
        help.Replace("&", "");
        if (!c->shortcut.empty())
            help += " (" + wxString::FromUTF8(c->shortcut) + ")";
        toolbar.AddTool(c->wxId, help, bitmap, help);
    }
    toolbar.Realize();
}

std::vector<wxAcceleratorEntry> extraAccelerators(const MenuSpec& spec,
                                                  const CommandRegistry& registry) {
    std::set<std::string> inMenus;
    for (const auto& menu : spec.menus)
        collectIds(menu.items, inMenus);
    std::vector<wxAcceleratorEntry> out;
    for (const auto& c : registry.all()) {
        if (c->shortcut.empty() || inMenus.count(c->id))
            continue;
        wxAcceleratorEntry entry;
        if (entry.FromString(wxString::FromUTF8(c->shortcut))) {
            entry.Set(entry.GetFlags(), entry.GetKeyCode(), c->wxId);
            out.push_back(entry);
        }
    }
    return out;
}

void refreshMenuBar(wxMenuBar& bar, const CommandRegistry& registry, const Catalog& catalog) {
    for (const auto& c : registry.all()) {
        wxMenuItem* item = bar.FindItem(c->wxId);
        if (!item)
            continue;
        const wxString text = menuText(*c, catalog);
        if (item->GetItemLabel() != text)
            item->SetItemLabel(text);
        item->Enable(registry.isEnabled(c->id));
    }
}

void refreshToolBar(wxToolBar& toolbar, const CommandRegistry& registry, const Catalog& catalog) {
    for (const auto& c : registry.all()) {
        if (!toolbar.FindById(c->wxId))
            continue;
        toolbar.EnableTool(c->wxId, registry.isEnabled(c->id));
        wxString help = plainLabel(*c, catalog);
        help.Replace("&", "");
        toolbar.SetToolShortHelp(c->wxId, help);
    }
}

}  // namespace kk::ui
