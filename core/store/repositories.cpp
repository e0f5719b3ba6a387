// Generic repository over the column mappings, instantiated for every entity.
#include "core/store/repositories.h"

#include <algorithm>

#include "core/model/coalition_key.h"
#include "core/model/validation.h"
#include "core/store/mapping.h"
#include "core/store/project_fields.h"
#include "core/store/workspace.h"

namespace kk {
namespace {

template <class E>
std::int64_t& idOf(E& e) {
    return e.id.value;
}

template <class E>
std::string selectList() {
    const auto& m = mapping::mappingOf<E>();
    std::string s = m.key;
    for (const auto& f : m.fields)
        s += ",\"" + f.column + "\"";
    return s;
}

template <class E>
E readEntity(sql::Statement& st) {
    const auto& m = mapping::mappingOf<E>();
    E e{};
    idOf(e) = st.getInt(0);
    for (std::size_t i = 0; i < m.fields.size(); ++i)
        m.fields[i].set(e, st.get(static_cast<int>(i + 1)));
    return e;
}

template <class E>
bool isColumn(const std::string& c) {
    const auto& m = mapping::mappingOf<E>();
    return c == m.key || std::any_of(m.fields.begin(), m.fields.end(),
                                     [&](const auto& f) { return f.column == c; });
}

template <class E>
std::string whereClause(const Query& q) {
    std::string w;
    for (const auto& [col, v] : q.equals) {
        if (!isColumn<E>(col))
            throw KkError(makeError("query.unknown_column",
                                    "cannot filter " + std::string(mapping::mappingOf<E>().table) +
                                        " on '" + col + "'"));
        w += (w.empty() ? " WHERE \"" : " AND \"") + col + "\" = ?";
    }
    return w;
}

template <class E>
void validateForWrite(Workspace& ws, const E& e) {
    const auto& m = mapping::mappingOf<E>();
    std::vector<Finding> findings;
    if constexpr (requires { validate(e); })
        findings = validate(e);
    if constexpr (requires { validateInWorkspace(ws, e); }) {
        auto more = validateInWorkspace(ws, e);
        findings.insert(findings.end(), more.begin(), more.end());
    }
    std::string where = m.table.substr(m.table.rfind('_') == std::string::npos ? 0 : 3);
    if (e.id.valid())
        where += " " + std::to_string(e.id.value);
    if (auto s = firstError(findings, where); !s)
        throw KkError(s.error());
}

}  // namespace

template <class E>
std::string_view Repository<E>::table() {
    return mapping::mappingOf<E>().table;
}

template <class E>
std::vector<std::string> Repository<E>::columns() {
    std::vector<std::string> out;
    for (const auto& f : mapping::mappingOf<E>().fields)
        out.push_back(f.column);
    return out;
}

template <class E>
Row Repository<E>::toRow(const E& e) {
    Row r;
    for (const auto& f : mapping::mappingOf<E>().fields)
        r.set(f.column, f.get(e));
    return r;
}

template <class E>
E Repository<E>::fromRow(const Row& r) {
    E e{};
    for (const auto& f : mapping::mappingOf<E>().fields)
        if (const auto* v = r.find(f.column))
            f.set(e, *v);
    return e;
}

template <class E>
std::optional<E> Repository<E>::get(std::int64_t id) const {
    const auto& m = mapping::mappingOf<E>();
    auto st = m_ws.db().prepare("SELECT " + selectList<E>() + " FROM \"" + m.table + "\" WHERE " +
                                m.key + " = ?");
    st.bind(1, id);
    if (!st.step())
        return std::nullopt;
    return readEntity<E>(st);
}

template <class E>
std::optional<E> Repository<E>::findByCode(std::string_view code) const {
    const auto& m = mapping::mappingOf<E>();
    if (m.natural.empty())
        return std::nullopt;
    auto st = m_ws.db().prepare("SELECT " + selectList<E>() + " FROM \"" + m.table + "\" WHERE \"" +
                                m.natural + "\" = ? ORDER BY " + m.key + " LIMIT 1");
    st.bind(1, code);
    if (!st.step())
        return std::nullopt;
    return readEntity<E>(st);
}

template <class E>
std::vector<E> Repository<E>::list(const Query& q) const {
    const auto& m = mapping::mappingOf<E>();
    std::string order = q.orderBy.empty() ? m.key : q.orderBy;
    if (!isColumn<E>(order))
        throw KkError(makeError("query.unknown_column", "cannot sort on '" + order + "'"));
    auto st = m_ws.db().prepare("SELECT " + selectList<E>() + " FROM \"" + m.table + "\"" +
                                whereClause<E>(q) + " ORDER BY \"" + order + "\"" +
                                (q.descending ? " DESC" : "") + ", " + m.key + " LIMIT ? OFFSET ?");
    int i = 1;
    for (const auto& [col, v] : q.equals)
        st.bind(i++, v);
    st.bind(i++, q.limit);
    st.bind(i, q.offset);
    std::vector<E> out;
    while (st.step())
        out.push_back(readEntity<E>(st));
    return out;
}

template <class E>
std::int64_t Repository<E>::count(const Query& q) const {
    const auto& m = mapping::mappingOf<E>();
    auto st = m_ws.db().prepare("SELECT count(*) FROM \"" + m.table + "\"" + whereClause<E>(q));
    int i = 1;
    for (const auto& [col, v] : q.equals)
        st.bind(i++, v);
    st.step();
    return st.getInt(0);
}

template <class E>
std::int64_t Repository<E>::insert(ChangeSet& cs, const E& e) const {
    validateForWrite(m_ws, e);
    return cs.insert(table(), toRow(e));
}

template <class E>
void Repository<E>::update(ChangeSet& cs, const E& e) const {
    if (!e.id.valid())
        throw KkError(makeError("store.no_id", "cannot update an entity that was never stored"));
    validateForWrite(m_ws, e);
    if constexpr (std::is_same_v<E, Project>) {
        if (auto old = get(e.id.value); old)
            if (auto s = checkTransition(old->status, e.status); !s)
                throw KkError(makeError(s.error().code, s.error().what,
                                        "project " + e.code + ", status", s.error().hint));
    }
    cs.update(table(), e.id.value, toRow(e));
}

template <class E>
void Repository<E>::remove(ChangeSet& cs, std::int64_t id) const {
    cs.remove(table(), id);
}

bool isKnownMunicipality(Workspace& ws, std::string_view nisCode, const std::optional<Date>& on) {
    if (on) {
        auto st = ws.db().prepare(
            "SELECT 1 FROM kk_municipality WHERE nis_code = ? AND valid_from <= ? AND "
            "(valid_to IS NULL OR valid_to = '' OR valid_to >= ?)");
        st.bind(1, nisCode).bind(2, on->toString()).bind(3, on->toString());
        return st.step();
    }
    auto st = ws.db().prepare("SELECT 1 FROM kk_municipality WHERE nis_code = ?");
    st.bind(1, nisCode);
    return st.step();
}

namespace {
void checkNis(Workspace& ws, std::vector<Finding>& out, const char* entity, std::int64_t id,
              const std::optional<std::string>& nis) {
    if (nis && validateNisFormat(*nis).ok() && !isKnownMunicipality(ws, *nis))
        out.push_back({Severity::Error, entity, id, "nis_code",
                       "NIS code " + *nis + " is not a known Flemish municipality",
                       "use a code from data/reference/municipalities.csv"});
}
}  // namespace

std::vector<Finding> validateInWorkspace(Workspace& ws, const Actor& a) {
    std::vector<Finding> out;
    checkNis(ws, out, "actor", a.id.value, a.nisCode);
    return out;
}

std::vector<Finding> validateInWorkspace(Workspace& ws, const Government& g) {
    std::vector<Finding> out;
    checkNis(ws, out, "government", g.id.value, g.nisCode);
    return out;
}

void setProjectProgrammes(ChangeSet& cs, ProjectId project, const std::vector<ProgrammeId>& ids) {
    Workspace& ws = cs.workspace();
    auto st = ws.db().prepare(
        "SELECT rowid, programme_id FROM kk_project_programme WHERE project_id = ?");
    st.bind(1, project.value);
    std::vector<std::pair<std::int64_t, ProgrammeId>> old;
    while (st.step())
        old.emplace_back(st.getInt(0), ProgrammeId(st.getInt(1)));
    // Only the links that change: an unchanged link keeps its programme form, and a removed
    // one takes its form along inside this change set (the cascade would bypass the undo).
    for (const auto& [rowid, programme] : old)
        if (std::find(ids.begin(), ids.end(), programme) == ids.end()) {
            removeProgrammeForm(cs, project, programme);
            cs.remove("kk_project_programme", rowid);
        }
    std::vector<ProgrammeId> added;
    for (ProgrammeId p : ids) {
        const bool linked =
            std::any_of(old.begin(), old.end(), [&](const auto& o) { return o.second == p; });
        if (linked || std::find(added.begin(), added.end(), p) != added.end())
            continue;
        added.push_back(p);
        cs.insert("kk_project_programme",
                  Row().set("project_id", project.value).set("programme_id", p.value));
    }
}

std::vector<ProgrammeId> projectProgrammes(Workspace& ws, ProjectId project) {
    auto st = ws.db().prepare(
        "SELECT programme_id FROM kk_project_programme WHERE project_id = ? ORDER BY programme_id");
    st.bind(1, project.value);
    std::vector<ProgrammeId> out;
    while (st.step())
        out.emplace_back(st.getInt(0));
    return out;
}

std::int64_t addCallFund(ChangeSet& cs, CallId call, FundId fund) {
    return cs.insert("kk_call_fund", Row().set("call_id", call.value).set("fund_id", fund.value));
}

std::vector<FundId> callFunds(Workspace& ws, CallId call) {
    auto st =
        ws.db().prepare("SELECT fund_id FROM kk_call_fund WHERE call_id = ? ORDER BY fund_id");
    st.bind(1, call.value);
    std::vector<FundId> out;
    while (st.step())
        out.emplace_back(st.getInt(0));
    return out;
}

template class Repository<Government>;
template class Repository<Actor>;
template class Repository<Area>;
template class Repository<Coalition>;
template class Repository<CoalitionMember>;
template class Repository<CoalitionKeyCriterion>;
template class Repository<CoalitionKeyInput>;
template class Repository<CoalitionKeyLimit>;
template class Repository<Programme>;
template class Repository<Fund>;
template class Repository<Call>;
template class Repository<CallCriterion>;
template class Repository<Project>;
template class Repository<CostItem>;
template class Repository<Expense>;
template class Repository<Award>;
template class Repository<PaymentTranche>;
template class Repository<Claim>;
template class Repository<Recovery>;
template class Repository<Indicator>;
template class Repository<Target>;
template class Repository<Measurement>;
template class Repository<PolicyGoal>;
template class Repository<ActionPlan>;
template class Repository<Action>;
template class Repository<ExternalReportingCode>;
template class Repository<Script>;

}  // namespace kk
