// Preflight checks (see preflight.h).
#include "plugins/bbc/src/preflight.h"

#include <map>
#include <set>

#include "core/store/workspace.h"
#include "plugins/bbc/src/schemas.h"

namespace kk::bbc {

std::size_t characterCount(std::string_view text) {
    std::size_t n = 0;
    for (unsigned char c : text)
        if ((c & 0xC0) != 0x80)
            ++n;
    return n;
}

std::string_view severityText(Severity s) {
    return s == Severity::Error ? "fout" : s == Severity::Warning ? "waarschuwing" : "info";
}

namespace {

std::string regWhere(const Plan& plan, const Registration& r) {
    return plan.governmentName + " " + plan.period + ", registration " + std::to_string(r.seq) +
           " (" + r.source + ", boekjaar " + std::to_string(r.year) + ", " +
           std::string(kindName(r.kind)) + ")";
}

std::string itemWhere(const Plan& plan, const PolicyItem& it) {
    return plan.governmentName + " " + plan.period + ", " + std::string(levelLabel(it.level)) +
           " " + it.code;
}

std::string euros(Money m) {
    return m.format();
}

/// Whether account `code` lies in the written range `pattern` ("7405/9", "150", "") by prefix.
bool accountMatches(const std::string& account, const std::string& pattern) {
    if (pattern.empty())
        return true;
    const auto slash = pattern.find('/');
    if (slash == std::string::npos)
        return account.compare(0, pattern.size(), pattern) == 0;
    const std::string first = pattern.substr(0, slash);
    const std::string tail = pattern.substr(slash + 1);
    const std::string last = first.substr(0, first.size() - tail.size()) + tail;
    if (account.size() < first.size())
        return false;
    const std::string head = account.substr(0, first.size());
    return head >= first && head <= last;
}

}  // namespace

std::vector<PreflightFinding> preflight(Workspace& ws, const Plan& plan, const CodeLists& lists) {
    std::vector<PreflightFinding> out;
    auto add = [&](std::string rule, Severity s, std::string where, std::string message,
                   std::string hint) {
        out.push_back({std::move(rule), s, std::move(where), std::move(message), std::move(hint)});
    };
    const auto regs = loadRegistrations(ws, {plan});
    // Codes: account, direction, beleidsveld, ESC.
    for (const auto& r : regs) {
        const AccountFit fit = lists.accounts.find(r.account, r.direction);
        if (fit.kind == AccountFit::Kind::Unknown)
            add("unknown_account", Severity::Error, regWhere(plan, r),
                "algemene rekening '" + r.account + "' is not a budgettaire rekening of " +
                    lists.version,
                "use an account of data/bbc/accounts_bbc2020.csv or a local extension of one");
        else if (fit.kind == AccountFit::Kind::WrongSide)
            add("account_side", Severity::Error, regWhere(plan, r),
                "account '" + r.account + "' (" + fit.row->code + " " + fit.row->description +
                    ") is a " + (fit.row->side == "O" ? "ontvangst" : "uitgave") + " account of " +
                    fit.row->sectionLabel + " but the registration is " +
                    (r.direction == 'U' ? "an uitgave (U)" : "an ontvangst (O)"),
                "correct the direction or the account");
        if (!lists.knownPolicyField(r.policyField))
            add("unknown_policy_field", Severity::Error, regWhere(plan, r),
                "beleidsveld '" + r.policyField + "' is not in the genormaliseerd stelsel (" +
                    lists.version + ")",
                "use a four-digit beleidsveld of data/bbc/policy_fields_bbc2020.csv; the list may "
                "be incomplete (bbc-spec §6.2), add the code there when it is official");
        if (!r.sectorCode.empty() && !lists.sectorCodes.count(r.sectorCode))
            add("unknown_sector_code", Severity::Warning, regWhere(plan, r),
                "economische sectorcode '" + r.sectorCode + "' is not in the ESC list",
                "the full ESC list is not public: check the code and add it to "
                "data/bbc/sector_codes.csv");
        if (r.year < plan.firstYear || r.year > plan.lastYear)
            add("outside_period", Severity::Error, regWhere(plan, r),
                "boekjaar " + std::to_string(r.year) + " is outside the plan period " + plan.period,
                "correct the boekjaar or import it into the right plan");
    }
    // Policy texts and external codes.
    const PolicyTree tree = loadTree(ws, plan);
    auto texts = [&](const PolicyItem& it) {
        if (characterCount(it.title) > kShortTextLimit)
            add("text_short", Severity::Error, itemWhere(plan, it),
                "the korte omschrijving has " + std::to_string(characterCount(it.title)) +
                    " characters; the DR shows at most " + std::to_string(kShortTextLimit),
                "shorten it; put the rest in the lange omschrijving");
        for (const auto& [field, text] :
             {std::pair{"lange omschrijving", &it.longText}, std::pair{"commentaar", &it.comment},
              std::pair{"evaluatie", &it.evaluation}})
            if (characterCount(*text) > kLongTextLimit)
                add("text_long", Severity::Error, itemWhere(plan, it),
                    std::string("the ") + field + " has " + std::to_string(characterCount(*text)) +
                        " characters; the DR cuts it at " + std::to_string(kLongTextLimit),
                    "shorten the text");
        for (const auto& code : it.misplacedCodes)
            add("code_not_on_action", Severity::Error, itemWhere(plan, it),
                "external reporting code '" + code + "' is on a " +
                    std::string(levelLabel(it.level)) + "; codes belong on acties (bbc-spec §4.2)",
                "move the code to the acties of this " + std::string(levelLabel(it.level)));
    };
    for (const auto& g : tree.goals)
        texts(g);
    for (const auto& p : tree.plans)
        texts(p);
    for (const auto& a : tree.actions)
        texts(a);

    struct Expected {
        std::string account, policyField, sector;
        bool listed = false;
    };
    std::map<std::string, Expected> expected;
    auto ex = ws.db().prepare(
        "SELECT c.code, i.expected_account, i.expected_policy_field, i.expected_sector_code, "
        "i.code_id IS NOT NULL FROM kk_external_code c LEFT JOIN bbc_external_code_info i ON "
        "i.code_id = c.id");
    while (ex.step())
        expected[ex.getText(0)] = {ex.isNull(1) ? "" : ex.getText(1),
                                   ex.isNull(2) ? "" : ex.getText(2),
                                   ex.isNull(3) ? "" : ex.getText(3), ex.getInt(4) != 0};
    const bool hasRealisation = std::any_of(regs.begin(), regs.end(), [](const Registration& r) {
        return r.kind == RegKind::Realisation;
    });
    for (const auto& a : tree.actions) {
        for (const auto& code : a.externalCodes) {
            const Expected& e = expected[code];
            if (!e.listed)
                add("unlisted_external_code", Severity::Info, itemWhere(plan, a),
                    "external reporting code '" + code + "' is not in the versioned list",
                    "fine when the subsidising administration issued it (codes are free since "
                    "2016); otherwise correct the spelling");
            if (!e.account.empty() || !e.policyField.empty() || !e.sector.empty()) {
                const bool found =
                    std::any_of(regs.begin(), regs.end(), [&](const Registration& r) {
                        return r.actionId == a.id && r.direction == 'O' &&
                               accountMatches(r.account, e.account) &&
                               (e.policyField.empty() ||
                                r.policyField.compare(0, 4, e.policyField) == 0) &&
                               (e.sector.empty() || r.sectorCode == e.sector);
                    });
                if (!found)
                    add("expected_booking", Severity::Warning, itemWhere(plan, a),
                        "code '" + code + "' expects the subsidy on account " + e.account +
                            ", beleidsveld " + e.policyField + ", ESC " + e.sector +
                            ", but the actie has no such ontvangst",
                        "book the subsidy on that pattern (bbc-spec §4.3) or check the coding");
            }
            if (hasRealisation && characterCount(a.evaluation) == 0)
                add("evaluation_missing", Severity::Warning, itemWhere(plan, a),
                    "the actie carries code '" + code +
                        "' but has no evaluatie text for the "
                        "jaarrekening",
                    "write the evaluatie (at most 4000 characters)");
        }
    }
    // Financieel evenwicht over the budget registrations of the whole plan.
    std::vector<Registration> budget;
    for (const auto& r : regs)
        if (r.kind == RegKind::Budget)
            budget.push_back(r);
    const auto placed = place(budget, lists.accounts);
    const M2 m2 = computeM2(placed, plan.firstYear, plan.lastYear);
    std::set<int> yearsWithData;
    for (const auto& r : budget)
        yearsWithData.insert(r.year);
    for (const auto& y : m2.years) {
        if (!yearsWithData.count(y.year))
            continue;
        if (y.IX.isNegative())
            add("bbr_negative", Severity::Error,
                plan.governmentName + " " + plan.period + ", M2 line IX, " + std::to_string(y.year),
                "beschikbaar budgettair resultaat " + euros(y.IX) +
                    " is below zero (toestandsevenwicht, BVR art. 16)",
                "the plan needs more ontvangsten or fewer uitgaven up to " +
                    std::to_string(y.year));
    }
    const M2Year& last = m2.years.back();
    const bool computable = yearsWithData.count(plan.lastYear) > 0 &&
                            std::any_of(budget.begin(), budget.end(), [&](const Registration& r) {
                                return r.year == plan.lastYear;
                            });
    if (!computable)
        add("afm_not_computable", Severity::Info,
            plan.governmentName + " " + plan.period + ", M2 AFM, " + std::to_string(plan.lastYear),
            "the autofinancieringsmarge of the last plan year cannot be computed: no budget "
            "registrations for " +
                std::to_string(plan.lastYear),
            "import the whole meerjarenplan to check the structureel evenwicht");
    else if (last.afm.isNegative())
        add("afm_negative", Severity::Error,
            plan.governmentName + " " + plan.period + ", M2 AFM line III, " +
                std::to_string(plan.lastYear),
            "autofinancieringsmarge " + euros(last.afm) +
                " is below zero in the last plan year (structureel evenwicht, BVR art. 16)",
            "raise the exploitatiesaldo or lower the netto periodieke aflossingen");
    return out;
}

}  // namespace kk::bbc
