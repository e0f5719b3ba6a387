// `report`: the core report set (core/report/workspace_reports.h) written as XLSX, PDF, CSV
// or HTML, with progress on stderr and Ctrl+C to cancel (no half-written file is left).
#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <csignal>
#include <ostream>

#include "core/cli/cli.h"
#include "core/cli/open.h"
#include "core/report/csv_writer.h"
#include "core/report/workspace_reports.h"
#include "core/report/writer.h"

namespace kk::cli {
namespace {

// Set by the SIGINT/SIGTERM handler; a lock-free atomic is safe to store from a handler.
std::atomic<bool> g_interrupted{false};
static_assert(std::atomic<bool>::is_always_lock_free);

extern "C" void onInterrupt(int) {
    g_interrupted.store(true);
}

/// Installs the handler for the duration of one report and restores the previous one.
class InterruptGuard {
  public:
    InterruptGuard() {
        g_interrupted.store(false);
        struct sigaction sa {};
        sa.sa_handler = onInterrupt;
        sigemptyset(&sa.sa_mask);
        sigaction(SIGINT, &sa, &m_oldInt);
        sigaction(SIGTERM, &sa, &m_oldTerm);
    }
    ~InterruptGuard() {
        sigaction(SIGINT, &m_oldInt, nullptr);
        sigaction(SIGTERM, &m_oldTerm, nullptr);
    }
    InterruptGuard(const InterruptGuard&) = delete;
    InterruptGuard& operator=(const InterruptGuard&) = delete;

  private:
    struct sigaction m_oldInt {};
    struct sigaction m_oldTerm {};
};

/// Progress lines on stderr: one when the phase changes, otherwise at most two a second.
class StderrProgress final : public Progress {
  public:
    StderrProgress(std::ostream& err, bool quiet) : m_err(err), m_quiet(quiet) {}
    void step(std::int64_t done, std::int64_t total, std::string_view label) override {
        if (m_quiet)
            return;
        const auto now = std::chrono::steady_clock::now();
        if (label == m_label && now - m_last < std::chrono::milliseconds(500))
            return;
        m_label = std::string(label);
        m_last = now;
        m_err << "report: " << label;
        if (total > 0)
            m_err << " " << (done * 100 / total) << "% (" << done << "/" << total << ")";
        m_err << "\n" << std::flush;
    }
    bool cancelled() const override { return g_interrupted.load(); }

  private:
    std::ostream& m_err;
    bool m_quiet;
    std::string m_label;
    std::chrono::steady_clock::time_point m_last{};
};

constexpr const char* kSynopsis =
    "report NAME WORKSPACE --out FILE [--format xlsx|pdf|csv|html] [--area CODE] "
    "[--coalition CODE] [--project CODE] [--strategy NAME] [--from DATE] [--to DATE] "
    "[--excel] [--quiet]\n       koppelkans-cli report --list";

int listReports(Context& ctx) {
    if (ctx.json) {
        auto list = nlohmann::json::array();
        for (const auto& r : report::workspaceReports())
            list.push_back({{"name", r.name},
                            {"title", r.title},
                            {"description", r.description},
                            {"options", r.options}});
        ctx.out << nlohmann::json{{"ok", true}, {"reports", list}}.dump(2) << "\n";
        return 0;
    }
    for (const auto& r : report::workspaceReports()) {
        ctx.out << r.name << " — " << r.title << "\n    " << r.description << "\n";
        if (!r.options.empty()) {
            ctx.out << "    options:";
            for (const auto& o : r.options)
                ctx.out << " " << o;
            ctx.out << "\n";
        }
    }
    return 0;
}

Result<std::optional<Date>> dateOption(const Args& a, const std::string& name) {
    if (!a.has(name))
        return std::optional<Date>{};
    auto d = Date::parse(a.get(name));
    if (!d)
        return makeError("report.bad_date", "'" + a.get(name) + "' is not a date", "--" + name,
                         "write the date as 2026-12-31");
    return std::optional<Date>(d.value());
}

}  // namespace

int cmdReport(const std::vector<std::string>& raw, Context& ctx) {
    const Args a = parseArgs(
        raw, {"out", "format", "area", "coalition", "project", "strategy", "from", "to", "as-of"});
    if (a.has("list"))
        return listReports(ctx);
    if (a.positional.size() != 2 || a.get("out").empty())
        return usage(ctx, kSynopsis);
    const std::string& name = a.positional[0];
    const std::string out = a.get("out");

    std::optional<report::ReportFormat> format;
    if (a.has("format")) {
        const std::string f = a.get("format");
        format = f == "xlsx"   ? report::ReportFormat::Xlsx
                 : f == "pdf"  ? report::ReportFormat::Pdf
                 : f == "csv"  ? report::ReportFormat::Csv
                 : f == "html" ? report::ReportFormat::Html
                               : std::optional<report::ReportFormat>{};
        if (!format)
            return fail(ctx,
                        makeError("report.format", "unknown format '" + f + "'", "--format",
                                  "use xlsx, pdf, csv or html"),
                        2);
    } else {
        format = report::formatForPath(out);
        if (!format)
            return fail(
                ctx,
                makeError("report.format",
                          "cannot tell the format from the file name '" + out + "'", "--out",
                          "end the name in .xlsx, .pdf, .csv or .html, or "
                          "give --format"),
                2);
    }

    report::WorkspaceReportOptions options;
    options.area = a.get("area");
    options.coalition = a.get("coalition");
    options.project = a.get("project");
    options.strategy = a.get("strategy", "waterfall");
    for (const auto& [field, opt] :
         {std::pair{&options.from, "from"}, {&options.to, "to"}, {&options.asOf, "as-of"}}) {
        auto d = dateOption(a, opt);
        if (!d)
            return fail(ctx, d.error(), 2);
        *field = d.value();
    }

    int code = 0;
    auto ws = openOrFail(ctx, a.positional[1], code, true);
    if (!ws)
        return code;
    InterruptGuard guard;
    StderrProgress progress(ctx.err, a.has("quiet") || ctx.json);
    auto built = report::buildWorkspaceReport(*ws, name, options, progress);
    if (!built)
        return fail(ctx, built.error(), built.error().code == "report.unknown" ? 2 : 1);

    std::unique_ptr<report::ReportWriter> writer;
    std::vector<std::string> files{out};
    if (*format == report::ReportFormat::Csv) {
        auto csv = std::make_unique<report::CsvWriter>(
            a.has("excel") ? report::CsvOptions::excelDutch() : report::CsvOptions{});
        files = csv->fileNames(built.value(), out);
        writer = std::move(csv);
    } else {
        writer = report::makeWriter(*format);
    }
    if (auto s = writer->write(built.value(), out, progress); !s)
        return fail(ctx, s.error());
    if (ctx.json) {
        ctx.out << nlohmann::json{{"ok", true}, {"report", name}, {"files", files}}.dump(2) << "\n";
    } else {
        for (const auto& f : files)
            ctx.out << "wrote " << f << "\n";
    }
    return 0;
}

}  // namespace kk::cli
