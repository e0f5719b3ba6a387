// Builds the regiodeal report (see deal_report.h).
#include "plugins/regiodeal/src/deal_report.h"

#include <map>
#include <tuple>

namespace kk::regiodeal {

Result<report::Report> buildDealReport(Service& service, const std::string& code) {
    using namespace report;
    try {
        const Deal d = service.requireDeal(code);
        auto cof = service.cofinancing(code);
        if (!cof)
            return cof.error();
        const auto& c = cof.value();
        const RuleSettings rule = service.ruleFor(d);
        Report r;
        r.title = "Regiodeal " + d.code;
        r.subtitle = d.name;
        r.addParameter("Term", std::to_string(d.firstYear) + "-" + std::to_string(d.lastYear));
        if (!d.areaCode.empty())
            r.addParameter("Area", d.areaCode);
        r.addParameter("Minimum regional share", rule.minRegionalShare.formatPercent());
        r.addParameter("National money counts as regional",
                       rule.nationalCountsAsRegional ? "yes" : "no");
        const std::string src = "workspace; rule scripts/regiodeal/cofinancing.lua";

        Section& s1 = r.addSection("Co-financing");
        TableBlock& sum = s1.addTable("Co-financing rule", src);
        sum.text("Item").money("Amount", TotalKind::None);
        sum.addRow({"National contribution (incl. national money passed on)",
                    Money::fromCents(c.value("national", std::int64_t{0}))});
        sum.addRow({"Regional co-financing claimed",
                    Money::fromCents(c.value("regional_claimed", std::int64_t{0}))});
        sum.addRow({"Regional co-financing that counts",
                    Money::fromCents(c.value("regional_counted", std::int64_t{0}))});
        sum.addRow({"Regional co-financing required",
                    Money::fromCents(c.value("required_regional", std::int64_t{0}))});
        sum.addRow({"Shortfall", Money::fromCents(c.value("shortfall", std::int64_t{0}))});
        TableBlock& verdict = s1.addTable("Verdict", src);
        verdict.text("Check").text("Result").rate("Regional share").rate("Required share");
        const std::int64_t total = c.value("total", std::int64_t{0});
        verdict.addRow({"regional share >= minimum", c.value("ok", false) ? "pass" : "FAIL",
                        total > 0 ? Rate::ofMoney(Money::fromCents(
                                                      c.value("regional_counted", std::int64_t{0})),
                                                  Money::fromCents(total))
                                  : Rate(),
                        rule.minRegionalShare});
        TextBlock& notes = s1.addText("Findings");
        for (const auto& f : c["findings"])
            notes.add(f.value("severity", "") + ": " + f.value("message", ""));
        if (c["findings"].empty())
            notes.add("no findings");
        for (const auto& s : rule.sources)
            notes.add("default " + s);

        Section& s2 = r.addSection("Monitoring");
        TableBlock& byPartner = s2.addTable("Committed vs paid by partner", src);
        byPartner.text("Partner")
            .text("Name")
            .text("Level")
            .text("Goal")
            .year("Year")
            .money("Committed")
            .money("Paid")
            .money("Outstanding")
            .rateOf("Paid share", 6, 5);
        std::map<std::pair<std::string, int>, std::pair<Money, Money>> byGoal;
        std::map<std::string, std::string> goalNames;
        for (const auto& m : service.monitor(code)) {
            byPartner.addRow(
                {m.partner, m.partnerName, m.level, m.goal, m.year, m.committed, m.paid,
                 m.outstanding(),
                 m.committed.isZero() ? Cell() : Cell(Rate::ofMoney(m.paid, m.committed))});
            auto& g = byGoal[{m.goal, m.year}];
            g.first += m.committed;
            g.second += m.paid;
        }
        byPartner.withTotals();
        TableBlock& goals = s2.addTable("Committed vs paid by goal", src);
        goals.text("Goal").year("Year").money("Committed").money("Paid").money("Outstanding");
        for (const auto& [key, v] : byGoal)
            goals.addRow({key.first, key.second, v.first, v.second, v.first - v.second});
        goals.withTotals();

        Section& s3 = r.addSection("Accounting");
        TableBlock& acc =
            s3.addTable("Accounting (SiSa layout)", "workspace; layout data/accounting.csv");
        std::map<std::string, std::string> label;
        for (const auto& [col, text] : service.accountingLabels())
            label[col] = text;
        auto lab = [&](const char* col) {
            return label.count(col) ? label[col] : std::string(col);
        };
        acc.text(lab("scheme"))
            .year(lab("year"))
            .money(lab("spending"))
            .money(lab("cumulative"), TotalKind::None)
            .text(lab("final"))
            .money(lab("private"))
            .money("National money paid");
        for (const auto& a : service.accounting(code))
            acc.addRow({d.code, a.year, a.spending, a.cumulative, a.final ? "Ja" : "Nee",
                        a.privateContribution, a.nationalPaid});
        acc.withTotals();
        return r;
    } catch (const KkError& e) {
        return e.error();
    }
}

}  // namespace kk::regiodeal
