// Builds the navigator's snapshots from the repositories (no SQL in ui/).
#include "ui/views/entity_lists.h"

#include <map>

#include "core/store/repositories.h"
#include "core/store/summaries.h"
#include "core/store/workspace.h"
#include "ui/i18n/catalog.h"

namespace kk::ui {
namespace {

std::string u8(const wxString& s) {
    return s.ToStdString(wxConvUTF8);
}
const std::string& u8(const std::string& s) {
    return s;
}

std::string count(std::int64_t n) {
    return std::to_string(n);
}

EntityList projects(Workspace& ws, const Catalog& catalog) {
    EntityList list;
    // Widths fit the navigator's docked width (wxAUI caps a dock at a third of the frame).
    list.columns = {{"list.code", false, 60},
                    {"list.name", false, 135},
                    {"list.status", false, 80},
                    {"list.programmes", false, 75},
                    {"list.cost_total", true, 110}};
    // One summary query instead of loading every cost item: this list must stay fast with
    // the xl workspace (20,000 projects, 200,000 cost items).
    auto summaries = projectSummaries(ws);
    if (!summaries)
        throw KkError(summaries.error());
    list.rows.reserve(summaries.value().size());
    std::map<std::string, std::string> statusLabels;  // translated once per status, not per row
    for (auto& p : summaries.value()) {
        auto label = statusLabels.find(p.status);
        if (label == statusLabels.end())
            label = statusLabels.emplace(p.status, u8(catalog.tr("status." + p.status))).first;
        list.rows.push_back({"project",
                             p.id,
                             {std::move(p.code), std::move(p.name), label->second,
                              std::move(p.programmes), p.cost.format()},
                             {0, 0, 0, 0, p.cost.cents()}});
    }
    return list;
}

EntityList areas(Workspace& ws, const Catalog& catalog) {
    EntityList list;
    list.columns = {{"list.code", false, 80},
                    {"list.name", false, 200},
                    {"list.kind", false, 120},
                    {"list.projects", true, 80}};
    std::map<std::int64_t, std::int64_t> projectCount;
    for (const auto& p : Repository<Project>(ws).list())
        if (p.areaId)
            ++projectCount[p.areaId->value];
    for (const auto& a : Repository<Area>(ws).list({.orderBy = "code"}))
        list.rows.push_back(
            {"area",
             a.id.value,
             {u8(a.code), u8(a.name), u8(catalog.tr("area." + std::string(toCode(a.kind)))),
              count(projectCount[a.id.value])},
             {0, 0, 0, projectCount[a.id.value]}});
    return list;
}

EntityList coalitions(Workspace& ws, const Catalog& catalog) {
    EntityList list;
    list.columns = {{"list.code", false, 80},
                    {"list.name", false, 200},
                    {"list.members", true, 80},
                    {"list.continuity", false, 160}};
    std::map<std::int64_t, std::int64_t> members;
    for (const auto& m : Repository<CoalitionMember>(ws).list())
        ++members[m.coalitionId.value];
    for (const auto& c : Repository<Coalition>(ws).list({.orderBy = "code"}))
        list.rows.push_back(
            {"coalition",
             c.id.value,
             {u8(c.code), u8(c.name), count(members[c.id.value]),
              c.continuityPlan.empty() ? u8(catalog.tr("list.not_planned")) : c.continuityPlan},
             {0, 0, members[c.id.value], 0}});
    return list;
}

EntityList programmesAndCalls(Workspace& ws, const Catalog& catalog) {
    EntityList list;
    list.columns = {{"list.type", false, 90},
                    {"list.code", false, 100},
                    {"list.name", false, 200},
                    {"list.period", false, 170},
                    {"list.budget", true, 120}};
    std::map<std::int64_t, std::string> codes;
    for (const auto& p : Repository<Programme>(ws).list({.orderBy = "code"})) {
        codes[p.id.value] = p.code;
        list.rows.push_back({"programme",
                             p.id.value,
                             {u8(catalog.tr("entity.programme")), u8(p.code), u8(p.name),
                              u8(p.valid.toString()), ""},
                             {0, 0, 0, 0, 0}});
    }
    for (const auto& c : Repository<Call>(ws).list({.orderBy = "code"}))
        list.rows.push_back(
            {"call",
             c.id.value,
             {u8(catalog.tr("entity.call")), u8(c.code),
              u8(codes[c.programmeId.value] + " · " + c.name),
              u8(c.opens.toString() + " – " + c.closes.toString()), u8(c.budget.format())},
             {1, 0, 0, 0, c.budget.cents()}});
    return list;
}

EntityList funds(Workspace& ws, const Catalog& catalog) {
    EntityList list;
    list.columns = {{"list.code", false, 90},
                    {"list.name", false, 200},
                    {"list.grantor", false, 120},
                    {"list.max_rate", false, 80},
                    {"list.budget", true, 120}};
    for (const auto& f : Repository<Fund>(ws).list({.orderBy = "code"}))
        list.rows.push_back({"fund",
                             f.id.value,
                             {u8(f.code), u8(f.name), u8(f.grantor), u8(f.maxRate.formatPercent()),
                              u8(f.budget.format())},
                             {0, 0, 0, 0, f.budget.cents()}});
    return list;
}

}  // namespace

std::vector<std::pair<ListKind, std::string>> listKinds() {
    return {{ListKind::Projects, "nav.projects"},
            {ListKind::Areas, "nav.areas"},
            {ListKind::Coalitions, "nav.coalitions"},
            {ListKind::ProgrammesCalls, "nav.programmes_calls"},
            {ListKind::Funds, "nav.funds"}};
}

EntityList buildEntityList(ListKind kind, Workspace& ws, const Catalog& catalog) {
    EntityList list;
    switch (kind) {
        case ListKind::Projects:
            list = projects(ws, catalog);
            break;
        case ListKind::Areas:
            list = areas(ws, catalog);
            break;
        case ListKind::Coalitions:
            list = coalitions(ws, catalog);
            break;
        case ListKind::ProgrammesCalls:
            list = programmesAndCalls(ws, catalog);
            break;
        case ListKind::Funds:
            list = funds(ws, catalog);
            break;
    }
    list.kind = kind;
    return list;
}

}  // namespace kk::ui
