// The numbers of the BBC schemas (bbc-spec §2): M1/J1 (doelstellingen), M2/J2 (financieel
// evenwicht with budgettair resultaat, beschikbaar budgettair resultaat and
// autofinancieringsmarge), M3/J3 (kredieten) and T2 (economische aard), computed exactly from
// registrations. Pure functions: no workspace access, so golden cases test them directly.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/base/money.h"
#include "plugins/bbc/src/code_lists.h"
#include "plugins/bbc/src/plan_store.h"

namespace kk::bbc {

/// Uitgaven and ontvangsten of the three sections (index: Exploitatie, Investeringen,
/// Financiering).
struct Flows {
    std::array<Money, 3> u{};
    std::array<Money, 3> o{};
    Money saldo(int section) const { return o[section] - u[section]; }
    Flows& operator+=(const Flows& other);
};

/// A registration placed in the schemas: its list row, or why it could not be placed.
struct Placed {
    const Registration* reg = nullptr;
    const AccountRow* row = nullptr;  ///< nullptr: unknown account or wrong side
    AccountFit::Kind fit = AccountFit::Kind::Unknown;
};
std::vector<Placed> place(const std::vector<Registration>& regs, const AccountCatalog& accounts);

/// M2 / J2 for one year (bbc-spec §2.3). Line names follow the schema.
struct M2Year {
    int year = 0;
    Flows flows;
    Money I, II, III, IV, V, VI, VII, VIII, IX;
    bool viRegistered = false;  ///< VI from account 093; else VII of the previous year
    Money afmRepayments;        ///< AFM II.a: Financiering U I.A.1
    Money afmRecoveries;        ///< AFM II.b: Financiering O II.C.1.a
    Money afmNet;               ///< AFM II = a - b
    Money afm;                  ///< AFM III = I - II
};
struct M2 {
    std::vector<M2Year> years;
    std::int64_t unplaced = 0;  ///< registrations left out (unknown account, wrong side)
};
/// Uses every registration of `placed` (filter before: kind, subsidised part).
M2 computeM2(const std::vector<Placed>& placed, int firstYear, int lastYear);

/// One row of M1/J1: a prioritaire BD, the total of the niet-prioritaire BDs, or the
/// verrichtingen zonder beleidsdoelstelling.
struct M1Row {
    std::string code;
    std::string label;
    std::map<int, Flows> byYear;
};
struct M1 {
    std::vector<M1Row> priorityGoals;
    M1Row nonPriority{"", "Totaal niet-prioritaire beleidsdoelstellingen", {}};
    M1Row withoutGoal{"", "Totaal verrichtingen zonder beleidsdoelstellingen", {}};
    /// Sum over all rows for a year (cross-check with M2, bbc-spec §2.2).
    Flows total(int year) const;
};
/// `trees` maps a plan id to its policy tree (registrations of several plans in a roll-up).
M1 computeM1(const std::vector<Placed>& placed, const std::map<std::int64_t, PolicyTree>& trees);

/// M3 / J3 lines of one entity and year (bbc-spec §2.5).
struct M3Lines {
    Flows flows;
    Money loansU, loansO;      ///< Financiering I.A / II.A: leningen en leasings
    Money grantedU, grantedO;  ///< I.C / II.C: toegestane leningen en betalingsuitstel
    Money otherFinU() const { return flows.u[2] - loansU - grantedU; }
    Money otherFinO() const { return flows.o[2] - loansO - grantedO; }
};
/// entity -> year -> lines.
std::map<std::string, std::map<int, M3Lines>> computeM3(const std::vector<Placed>& placed);

/// T2: (section, side, rubric) -> year -> amount, leaf rubrics only; parents are summed by the
/// report from the codes' prefixes.
struct T2Key {
    Section section;
    char side;
    std::string rubric;
    auto operator<=>(const T2Key&) const = default;
};
std::map<T2Key, std::map<int, Money>> computeT2(const std::vector<Placed>& placed);

}  // namespace kk::bbc
