// Schema arithmetic (see schemas.h). Line mappings marked [D] in bbc-spec §2.3/§2.5 are
// applied through the T2 rubric codes of the account list, so a corrected list corrects them.
#include "plugins/bbc/src/schemas.h"

namespace kk::bbc {
namespace {

int sectionIndex(Section s) {
    return s == Section::Exploitatie ? 0 : s == Section::Investeringen ? 1 : 2;
}

bool startsWith(const std::string& s, std::string_view prefix) {
    return s.compare(0, prefix.size(), prefix) == 0;
}

void addFlow(Flows& f, const Placed& p) {
    const int i = sectionIndex(p.row->section);
    (p.reg->direction == 'U' ? f.u[i] : f.o[i]) += p.reg->amount;
}

}  // namespace

Flows& Flows::operator+=(const Flows& other) {
    for (int i = 0; i < 3; ++i) {
        u[i] += other.u[i];
        o[i] += other.o[i];
    }
    return *this;
}

std::vector<Placed> place(const std::vector<Registration>& regs, const AccountCatalog& accounts) {
    std::vector<Placed> out;
    out.reserve(regs.size());
    for (const auto& r : regs) {
        const AccountFit fit = accounts.find(r.account, r.direction);
        out.push_back({&r, fit.kind == AccountFit::Kind::Ok ? fit.row : nullptr, fit.kind});
    }
    return out;
}

M2 computeM2(const std::vector<Placed>& placed, int firstYear, int lastYear) {
    M2 m2;
    std::map<int, M2Year> years;
    for (int y = firstYear; y <= lastYear; ++y)
        years[y].year = y;
    for (const auto& p : placed) {
        if (!p.row) {
            ++m2.unplaced;
            continue;
        }
        auto it = years.find(p.reg->year);
        if (it == years.end()) {
            ++m2.unplaced;  // outside the plan period
            continue;
        }
        M2Year& y = it->second;
        if (p.row->section == Section::BudgettairResultaat) {
            // 093 (O) feeds line VI, 090 (U) line VIII (bbc-spec §2.3) [D].
            if (p.reg->direction == 'O') {
                y.VI += p.reg->amount;
                y.viRegistered = true;
            } else {
                y.VIII += p.reg->amount;
            }
            continue;
        }
        addFlow(y.flows, p);
        if (p.row->section == Section::Financiering) {
            if (p.reg->direction == 'U' && p.row->rubric == "I.A.1")
                y.afmRepayments += p.reg->amount;
            if (p.reg->direction == 'O' && p.row->rubric == "II.C.1.a")
                y.afmRecoveries += p.reg->amount;
        }
    }
    std::optional<Money> previousVII;
    for (auto& [year, y] : years) {
        y.I = y.flows.saldo(0);
        y.II = y.flows.saldo(1);
        y.III = y.I + y.II;
        y.IV = y.flows.saldo(2);
        y.V = y.III + y.IV;
        // VI of a later year is VII of the year before unless 093 is registered for it.
        if (!y.viRegistered && previousVII)
            y.VI = *previousVII;
        y.VII = y.V + y.VI;
        y.IX = y.VII - y.VIII;
        y.afmNet = y.afmRepayments - y.afmRecoveries;
        y.afm = y.I - y.afmNet;
        previousVII = y.VII;
        m2.years.push_back(y);
    }
    return m2;
}

Flows M1::total(int year) const {
    Flows f;
    auto add = [&](const M1Row& r) {
        if (auto it = r.byYear.find(year); it != r.byYear.end())
            f += it->second;
    };
    for (const auto& g : priorityGoals)
        add(g);
    add(nonPriority);
    add(withoutGoal);
    return f;
}

M1 computeM1(const std::vector<Placed>& placed, const std::map<std::int64_t, PolicyTree>& trees) {
    M1 m1;
    std::map<std::pair<std::int64_t, std::string>, std::size_t> goalRow;
    // Every prioritaire BD gets its row even without amounts: M1 lists them all.
    for (const auto& [planId, tree] : trees)
        for (const auto& g : tree.goals)
            if (tree.goalIsPriority(g.id)) {
                goalRow[{planId, g.code}] = m1.priorityGoals.size();
                m1.priorityGoals.push_back({g.code, g.title, {}});
            }
    for (const auto& p : placed) {
        if (!p.row || p.row->section == Section::BudgettairResultaat)
            continue;
        M1Row* row = &m1.withoutGoal;
        if (p.reg->actionId) {
            auto t = trees.find(p.reg->planId);
            const PolicyItem* goal =
                t == trees.end() ? nullptr : t->second.goalOfAction(*p.reg->actionId);
            if (goal) {
                auto g = goalRow.find({p.reg->planId, goal->code});
                row = g != goalRow.end() ? &m1.priorityGoals[g->second] : &m1.nonPriority;
            }
        }
        addFlow(row->byYear[p.reg->year], p);
    }
    return m1;
}

std::map<std::string, std::map<int, M3Lines>> computeM3(const std::vector<Placed>& placed) {
    std::map<std::string, std::map<int, M3Lines>> out;
    for (const auto& p : placed) {
        if (!p.row || p.row->section == Section::BudgettairResultaat)
            continue;
        M3Lines& l = out[p.reg->entity][p.reg->year];
        addFlow(l.flows, p);
        if (p.row->section != Section::Financiering)
            continue;
        const bool u = p.reg->direction == 'U';
        if (startsWith(p.row->rubric, u ? "I.A" : "II.A"))
            (u ? l.loansU : l.loansO) += p.reg->amount;
        else if (startsWith(p.row->rubric, u ? "I.C" : "II.C"))
            (u ? l.grantedU : l.grantedO) += p.reg->amount;
    }
    return out;
}

std::map<T2Key, std::map<int, Money>> computeT2(const std::vector<Placed>& placed) {
    std::map<T2Key, std::map<int, Money>> out;
    for (const auto& p : placed) {
        if (!p.row || p.row->section == Section::BudgettairResultaat)
            continue;
        // The gemeente-OCMW rows have no rubric in the list; they count as "other" of their
        // side so T2 still sums to M2 [D].
        std::string rubric = p.row->rubric;
        if (rubric.empty())
            rubric = p.reg->direction == 'U' ? "I.A.5" : "II.A.5";
        out[{p.row->section, p.reg->direction, rubric}][p.reg->year] += p.reg->amount;
    }
    return out;
}

}  // namespace kk::bbc
