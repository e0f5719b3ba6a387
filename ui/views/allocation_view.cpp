// Allocation document: strategy runs in the background, matrix, explanations, comparison.
#include "ui/views/allocation_view.h"

#include <wx/sizer.h>

#include "core/allocate/candidate_awards.h"
#include "core/allocate/compare.h"
#include "core/allocate/lua_strategy.h"
#include "core/allocate/strategy.h"
#include "core/plugin/allocation_problems.h"
#include "core/rules/script_library.h"
#include "core/rules/trust.h"
#include "core/store/repositories.h"
#include "ui/app/workbench.h"

namespace kk::ui {
namespace {

wxString money(Money m) {
    return wxString::FromUTF8(m.format());
}

/// Runs one strategy; exceptions from the engine become the run's error.
Result<alloc::Allocation> runStrategy(const alloc::AllocationStrategy& s, const alloc::Problem& p) {
    try {
        return s.allocate(p);
    } catch (const KkError& e) {
        return e.error();
    }
}

}  // namespace

AllocationView::AllocationView(wxWindow* parent, Workbench& workbench, std::int64_t projectId)
    : DocumentView(parent, workbench), m_project(projectId), m_job(workbench.mainQueue()) {
    if (Workspace* ws = m_workbench.workspace())
        if (const auto p = Repository<Project>(*ws).get(projectId))
            m_projectCode = p->code;
    buildLayout();
    loadStrategies();
    retranslate();
}

AllocationView::~AllocationView() = default;

std::string AllocationView::key() const {
    return "allocation:" + std::to_string(m_project.value);
}

wxString AllocationView::title() const {
    return m_workbench.tr("alloc.tab", {wxString::FromUTF8(m_projectCode)});
}

void AllocationView::buildLayout() {
    m_heading = new wxStaticText(this, wxID_ANY, "");
    m_heading->SetFont(m_heading->GetFont().Bold().Scaled(1.2f));
    m_strategyLabel = new wxStaticText(this, wxID_ANY, "");
    m_strategy = new wxChoice(this, wxID_ANY);
    m_compareLabel = new wxStaticText(this, wxID_ANY, "");
    m_compare = new wxChoice(this, wxID_ANY);
    m_fundsBButton = new wxButton(this, wxID_ANY, "");
    m_runButton = new wxButton(this, wxID_ANY, "");
    m_cancelButton = new wxButton(this, wxID_ANY, "");
    m_attachButton = new wxButton(this, wxID_ANY, "");
    m_gauge = new wxGauge(this, wxID_ANY, 100, wxDefaultPosition, wxSize(140, -1));
    m_status = new wxStaticText(this, wxID_ANY, "");
    m_cancelButton->Disable();

    // Two rows: what to compute, then the actions and the progress of the run.
    auto* choices = new wxBoxSizer(wxHORIZONTAL);
    choices->Add(m_strategyLabel, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 4);
    choices->Add(m_strategy, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 12);
    choices->Add(m_compareLabel, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 4);
    choices->Add(m_compare, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 4);
    choices->Add(m_fundsBButton, 0, wxALIGN_CENTER_VERTICAL);
    auto* actions = new wxBoxSizer(wxHORIZONTAL);
    actions->Add(m_runButton, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 4);
    actions->Add(m_cancelButton, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 12);
    actions->Add(m_attachButton, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 12);
    actions->Add(m_gauge, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 6);
    actions->Add(m_status, 1, wxALIGN_CENTER_VERTICAL);
    auto* bar = new wxBoxSizer(wxVERTICAL);
    bar->Add(choices, 0, wxEXPAND | wxBOTTOM, 4);
    bar->Add(actions, 0, wxEXPAND);

    m_split = new wxSplitterWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                   wxSP_LIVE_UPDATE | wxSP_3DSASH);
    m_split->SetMinimumPaneSize(200);
    m_sideA = new wxPanel(m_split);
    m_sideB = new wxPanel(m_split);
    m_titleA = new wxStaticText(m_sideA, wxID_ANY, "");
    m_titleA->SetFont(m_titleA->GetFont().Bold());
    m_gridA = new wxGrid(m_sideA, wxID_ANY);
    m_gridA->CreateGrid(0, 0);
    m_gridA->EnableEditing(false);
    m_gridA->SetRowLabelSize(0);
    auto* sa = new wxBoxSizer(wxVERTICAL);
    sa->Add(m_titleA, 0, wxALL, 4);
    sa->Add(m_gridA, 1, wxEXPAND);
    m_sideA->SetSizer(sa);
    m_titleB = new wxStaticText(m_sideB, wxID_ANY, "");
    m_titleB->SetFont(m_titleB->GetFont().Bold());
    m_gridB = new wxGrid(m_sideB, wxID_ANY);
    m_gridB->CreateGrid(0, 0);
    m_gridB->EnableEditing(false);
    m_gridB->SetRowLabelSize(0);
    m_comparisonText = new wxTextCtrl(m_sideB, wxID_ANY, "", wxDefaultPosition, wxSize(-1, 140),
                                      wxTE_MULTILINE | wxTE_READONLY | wxTE_DONTWRAP);
    m_comparisonText->SetFont(wxFontInfo(9).Family(wxFONTFAMILY_TELETYPE));
    auto* sb = new wxBoxSizer(wxVERTICAL);
    sb->Add(m_titleB, 0, wxALL, 4);
    sb->Add(m_gridB, 1, wxEXPAND);
    sb->Add(m_comparisonText, 0, wxEXPAND | wxTOP, 4);
    m_sideB->SetSizer(sb);
    m_sideB->Hide();  // shown by the splitter when a comparison runs
    m_split->Initialize(m_sideA);

    m_explanationLabel = new wxStaticText(this, wxID_ANY, "");
    m_explanationLabel->SetFont(m_explanationLabel->GetFont().Bold());
    m_explanation = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(-1, 140),
                                   wxTE_MULTILINE | wxTE_READONLY);
    m_partnersLabel = new wxStaticText(this, wxID_ANY, "");
    m_partnersLabel->SetFont(m_partnersLabel->GetFont().Bold());
    m_partners = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxSize(-1, 140),
                                wxLC_REPORT | wxLC_SINGLE_SEL);
    auto* lower = new wxBoxSizer(wxHORIZONTAL);
    auto* left = new wxBoxSizer(wxVERTICAL);
    left->Add(m_explanationLabel, 0, wxBOTTOM, 2);
    left->Add(m_explanation, 1, wxEXPAND);
    auto* right = new wxBoxSizer(wxVERTICAL);
    right->Add(m_partnersLabel, 0, wxBOTTOM, 2);
    right->Add(m_partners, 1, wxEXPAND);
    lower->Add(left, 1, wxEXPAND | wxRIGHT, 8);
    lower->Add(right, 1, wxEXPAND);

    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(m_heading, 0, wxALL, 8);
    sizer->Add(bar, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 8);
    sizer->Add(m_split, 1, wxEXPAND | wxLEFT | wxRIGHT, 8);
    sizer->Add(lower, 0, wxEXPAND | wxALL, 8);
    SetSizer(sizer);

    m_runButton->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { run(); });
    m_cancelButton->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { cancel(); });
    m_attachButton->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { attachFunds(); });
    m_fundsBButton->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        Workspace* ws = m_workbench.workspace();
        if (!ws)
            return;
        wxArrayString names;
        std::vector<std::string> codes;
        for (const alloc::FundChoice& f : alloc::fundChoices(*ws, m_project))
            if (f.attached) {
                names.Add(wxString::FromUTF8(f.code + " — " + f.name));
                codes.push_back(f.code);
            }
        const auto chosen =
            m_workbench.prompts().chooseMany(this, m_workbench.tr("alloc.funds_b_title"), names);
        std::set<std::string> funds;
        for (const int i : chosen)
            funds.insert(codes[static_cast<std::size_t>(i)]);
        setComparisonFunds(std::move(funds));
    });
    m_gridA->Bind(wxEVT_GRID_SELECT_CELL, [this](wxGridEvent& event) {
        explainCell(event.GetRow(), event.GetCol());
        event.Skip();
    });
    m_partners->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent& event) {
        if (m_resultA && event.GetIndex() < static_cast<long>(m_resultA->partners.size()))
            m_explanation->ChangeValue(wxString::FromUTF8(alloc::partnerText(
                m_resultA->partners[static_cast<std::size_t>(event.GetIndex())])));
    });
}

void AllocationView::loadStrategies() {
    m_strategies = alloc::builtinStrategyNames();
    m_trust.reset();
    m_library.reset();
    auto trust = rules::TrustStore::load(rules::TrustStore::defaultPath());
    if (trust)
        m_trust = std::make_unique<rules::TrustStore>(std::move(trust).value());
    m_library = std::make_unique<rules::ScriptLibrary>(rules::ScriptLibrary::defaultBundledDir(),
                                                       m_workbench.workspace(), m_trust.get());
    // Offered: scripts that define a strategy (allocation/ also holds helper modules).
    for (const rules::ScriptEntry& e : m_library->list()) {
        if (e.kind != "allocation_strategy" || !e.trusted)
            continue;
        if (auto src = m_library->source(e.name);
            src && src.value().text.find("kk.allocation_strategy") != std::string::npos)
            m_strategies.push_back("lua:" + e.name);
    }
}

void AllocationView::retranslate() {
    m_heading->SetLabel(m_workbench.tr("alloc.heading", {wxString::FromUTF8(m_projectCode)}));
    m_strategyLabel->SetLabel(m_workbench.tr("alloc.strategy"));
    m_compareLabel->SetLabel(m_workbench.tr("alloc.compare_with"));
    m_fundsBButton->SetLabel(m_workbench.tr("alloc.funds_b"));
    m_runButton->SetLabel(m_workbench.tr("alloc.run"));
    m_cancelButton->SetLabel(m_workbench.tr("alloc.cancel"));
    m_attachButton->SetLabel(m_workbench.tr("alloc.attach"));
    m_explanationLabel->SetLabel(m_workbench.tr("alloc.explanation"));
    m_partnersLabel->SetLabel(m_workbench.tr("alloc.partners"));
    const int a = std::max(0, m_strategy->GetSelection());
    const int b = std::max(0, m_compare->GetSelection());
    m_strategy->Clear();
    m_compare->Clear();
    m_compare->Append(m_workbench.tr("alloc.no_comparison"));
    for (const std::string& s : m_strategies) {
        const wxString label =
            s.starts_with("lua:")
                ? m_workbench.tr("strategy.lua", {wxString::FromUTF8(s.substr(4))})
                : m_workbench.tr("strategy." + s);
        m_strategy->Append(label);
        m_compare->Append(label);
    }
    m_strategy->SetSelection(a);
    m_compare->SetSelection(b);
    m_partners->ClearAll();
    for (const char* key : {"alloc.col_partner", "alloc.col_share", "alloc.col_cost",
                            "alloc.col_external", "alloc.col_residual"})
        m_partners->AppendColumn(m_workbench.tr(key), wxLIST_FORMAT_LEFT, 130);
    if (m_resultA)
        showResults(m_resultA, m_resultB);
    else
        m_explanation->ChangeValue(m_workbench.tr("alloc.hint"));
    Layout();
}

bool AllocationView::selectStrategy(const std::string& name) {
    for (std::size_t i = 0; i < m_strategies.size(); ++i)
        if (m_strategies[i] == name) {
            m_strategy->SetSelection(static_cast<int>(i));
            return true;
        }
    return false;
}

bool AllocationView::selectComparison(const std::string& name) {
    if (name.empty()) {
        m_compare->SetSelection(0);
        return true;
    }
    for (std::size_t i = 0; i < m_strategies.size(); ++i)
        if (m_strategies[i] == name) {
            m_compare->SetSelection(static_cast<int>(i) + 1);
            return true;
        }
    return false;
}

void AllocationView::setComparisonFunds(std::set<std::string> funds) {
    m_fundsB = std::move(funds);
}

std::string AllocationView::comparisonName() const {
    const int b = m_compare->GetSelection();
    if (b > 0)
        return m_strategies[static_cast<std::size_t>(b - 1)];
    // A fund mix alone compares the same strategy on fewer funds.
    if (!m_fundsB.empty())
        return m_strategies[static_cast<std::size_t>(std::max(0, m_strategy->GetSelection()))];
    return {};
}

void AllocationView::run() {
    Workspace* ws = m_workbench.workspace();
    if (!ws)
        return;
    if (m_job.running())
        cancel();
    // The same problem `koppelkans-cli allocate --project` solves: core/allocate's mapping
    // (partners from the coalition, its stored cost-sharing key, territory shares), then the
    // plugins' hooks.
    auto mapped = plugin::projectAllocationProblem(m_workbench.plugins(), *ws, m_projectCode);
    if (!mapped) {
        showError(describe(mapped.error()));
        return;
    }
    m_inputs = mapped.value().notes;
    Result<alloc::Problem> problemA = mapped.value().problem;
    if (problemA.value().funds.empty()) {
        showError(m_workbench.tr("alloc.no_funds"));
        return;
    }
    const std::string nameA =
        m_strategies[static_cast<std::size_t>(std::max(0, m_strategy->GetSelection()))];
    const std::string nameB = comparisonName();
    // Strategies are made here, on the main thread: a Lua strategy reads its script (and, for a
    // workspace script, its trust) from the workspace. Only the computation moves.
    auto strategyA = alloc::makeAnyStrategy(nameA, m_library.get());
    if (!strategyA) {
        showError(describe(strategyA.error()));
        return;
    }
    std::shared_ptr<alloc::AllocationStrategy> sa = std::move(strategyA).value();
    std::shared_ptr<alloc::AllocationStrategy> sb;
    auto pa = std::make_shared<alloc::Problem>(std::move(problemA).value());
    std::shared_ptr<alloc::Problem> pb;
    if (!nameB.empty()) {
        auto strategyB = alloc::makeAnyStrategy(nameB, m_library.get());
        if (!strategyB) {
            showError(describe(strategyB.error()));
            return;
        }
        sb = std::move(strategyB).value();
        // A fund mix: the same problem with only the chosen funds.
        pb = std::make_shared<alloc::Problem>(*pa);
        if (!m_fundsB.empty())
            std::erase_if(pb->funds,
                          [&](const alloc::Fund& f) { return !m_fundsB.contains(f.id); });
    }
    const int number = ++m_runNumber;
    setRunning(true, m_workbench.tr("alloc.running", {wxString::FromUTF8(sa->name())}));
    m_job.start(
        [this, number, sa, sb, pa, pb](Progress& progress) -> std::function<void()> {
            const std::int64_t total = sb ? 2 : 1;
            progress.step(0, total, sa->name());
            auto ra = std::make_shared<Result<alloc::Allocation>>(runStrategy(*sa, *pa));
            std::shared_ptr<Result<alloc::Allocation>> rb;
            if (sb && !progress.cancelled()) {
                progress.step(1, total, sb->name());
                rb = std::make_shared<Result<alloc::Allocation>>(runStrategy(*sb, *pb));
            }
            progress.step(total, total, "");
            return [this, number, ra, rb] {
                if (number != m_runNumber)
                    return;  // cancelled or superseded: the user no longer waits for this
                if (!*ra) {
                    setRunning(false, "");
                    showError(describe(ra->error()));
                    return;
                }
                std::shared_ptr<alloc::Allocation> b;
                if (rb) {
                    if (!*rb) {
                        setRunning(false, "");
                        showError(describe(rb->error()));
                        return;
                    }
                    b = std::make_shared<alloc::Allocation>(std::move(*rb).value());
                }
                setRunning(false, m_workbench.tr("alloc.done"));
                showResults(std::make_shared<alloc::Allocation>(std::move(*ra).value()), b);
            };
        },
        [this](std::int64_t done, std::int64_t total, const std::string&) {
            if (total > 0)
                m_gauge->SetValue(static_cast<int>(done * 100 / total));
            else
                m_gauge->Pulse();
        });
}

void AllocationView::cancel() {
    if (!m_job.running())
        return;
    ++m_runNumber;
    m_job.cancel();
    setRunning(false, m_workbench.tr("alloc.cancelled"));
}

void AllocationView::setRunning(bool running, const wxString& status) {
    m_runButton->Enable(!running);
    m_cancelButton->Enable(running);
    if (running)
        m_gauge->Pulse();
    else
        m_gauge->SetValue(0);
    m_status->SetForegroundColour(GetForegroundColour());
    m_status->SetLabel(status);
}

void AllocationView::showError(const wxString& text) {
    m_status->SetForegroundColour(*wxRED);
    m_status->SetLabel(text);
    m_explanation->ChangeValue(text);
    m_workbench.report(Severity::Error, text);
}

void AllocationView::showResults(std::shared_ptr<alloc::Allocation> a,
                                 std::shared_ptr<alloc::Allocation> b) {
    m_resultA = std::move(a);
    m_resultB = std::move(b);
    m_hadResult = true;
    auto strategyTitle = [this](const alloc::Allocation& r) {
        const std::string& s = r.strategy;
        return s.starts_with("lua:") ? m_workbench.tr("strategy.lua", {wxString::FromUTF8(s)})
                                     : m_workbench.tr("strategy." + s);
    };
    m_titleA->SetLabel(m_workbench.tr("alloc.side_title",
                                      {strategyTitle(*m_resultA), money(m_resultA->externalTotal),
                                       money(m_resultA->ownContributionTotal)}));
    fillMatrix(*m_gridA, *m_resultA, m_resultB.get());
    fillPartners(*m_resultA);
    if (m_resultB) {
        wxString title = m_workbench.tr("alloc.side_title",
                                        {strategyTitle(*m_resultB), money(m_resultB->externalTotal),
                                         money(m_resultB->ownContributionTotal)});
        if (!m_fundsB.empty())
            title += " · " +
                     m_workbench.tr("alloc.fund_mix", {wxString::Format("%zu", m_fundsB.size())});
        m_titleB->SetLabel(title);
        fillMatrix(*m_gridB, *m_resultB, m_resultA.get());
        m_comparisonText->ChangeValue(wxString::FromUTF8(
            alloc::comparisonText(alloc::compareAllocations(*m_resultA, *m_resultB))));
        if (!m_split->IsSplit())
            m_split->SplitVertically(m_sideA, m_sideB, m_split->GetSize().GetWidth() / 2);
    } else if (m_split->IsSplit()) {
        m_split->Unsplit(m_sideB);
    }
    m_explanation->ChangeValue(m_workbench.tr("alloc.click_cell") + inputsText());
    m_sideA->Layout();
    m_sideB->Layout();
}

void AllocationView::fillMatrix(wxGrid& grid, const alloc::Allocation& a,
                                const alloc::Allocation* other) {
    const int funds = static_cast<int>(a.fundCount());
    const int rows = static_cast<int>(a.items.size()) + 1;  // + totals
    const int cols = kFirstFundColumn + funds + 1;          // + residual
    grid.BeginBatch();
    if (grid.GetNumberRows() > 0)
        grid.DeleteRows(0, grid.GetNumberRows());
    if (grid.GetNumberCols() > 0)
        grid.DeleteCols(0, grid.GetNumberCols());
    grid.AppendCols(cols);
    grid.AppendRows(rows);
    grid.SetColLabelValue(0, m_workbench.tr("alloc.col_item"));
    grid.SetColLabelValue(1, m_workbench.tr("alloc.col_partner"));
    grid.SetColLabelValue(2, m_workbench.tr("alloc.col_amount"));
    for (int f = 0; f < funds; ++f)
        grid.SetColLabelValue(kFirstFundColumn + f,
                              wxString::FromUTF8(a.fundIds[static_cast<std::size_t>(f)]));
    grid.SetColLabelValue(cols - 1, m_workbench.tr("alloc.col_rest"));
    const wxColour differs(255, 236, 179);
    for (std::size_t i = 0; i < a.items.size(); ++i) {
        const int r = static_cast<int>(i);
        const alloc::CostItem& item = a.items[i];
        grid.SetCellValue(r, 0, wxString::FromUTF8(item.id + " · " + item.category));
        grid.SetCellValue(r, 1, wxString::FromUTF8(item.partnerId));
        grid.SetCellValue(r, 2, money(item.amount));
        for (int f = 0; f < funds; ++f) {
            const Money m = a.cell(i, static_cast<std::size_t>(f));
            grid.SetCellValue(r, kFirstFundColumn + f,
                              m.cents() == 0 ? wxString::FromUTF8("—") : money(m));
            grid.SetCellAlignment(r, kFirstFundColumn + f, wxALIGN_RIGHT, wxALIGN_CENTER);
            // Cells that differ from the other side of a comparison are highlighted.
            if (other) {
                Money o;
                for (std::size_t oi = 0; oi < other->items.size(); ++oi)
                    if (other->items[oi].id == item.id)
                        for (std::size_t of = 0; of < other->fundCount(); ++of)
                            if (other->fundIds[of] == a.fundIds[static_cast<std::size_t>(f)])
                                o = other->cell(oi, of);
                if (o != m)
                    grid.SetCellBackgroundColour(r, kFirstFundColumn + f, differs);
            }
        }
        grid.SetCellValue(r, cols - 1, money(a.residual[i]));
        grid.SetCellAlignment(r, 2, wxALIGN_RIGHT, wxALIGN_CENTER);
        grid.SetCellAlignment(r, cols - 1, wxALIGN_RIGHT, wxALIGN_CENTER);
    }
    const int t = rows - 1;
    grid.SetCellValue(t, 0, m_workbench.tr("alloc.total"));
    grid.SetCellValue(t, 2, money(a.totalCost));
    for (int f = 0; f < funds; ++f)
        grid.SetCellValue(t, kFirstFundColumn + f,
                          money(a.fundTotals[static_cast<std::size_t>(f)]));
    grid.SetCellValue(t, cols - 1, money(a.residualTotal));
    for (int c = 0; c < cols; ++c) {
        grid.SetCellFont(t, c, grid.GetDefaultCellFont().Bold());
        if (c >= 2)
            grid.SetCellAlignment(t, c, wxALIGN_RIGHT, wxALIGN_CENTER);
    }
    grid.AutoSizeColumns(false);
    for (int c = 2; c < cols; ++c)
        grid.SetColSize(c, std::max(grid.GetColSize(c), 120));
    grid.EndBatch();
}

void AllocationView::fillPartners(const alloc::Allocation& a) {
    m_partners->DeleteAllItems();
    for (const alloc::PartnerResult& p : a.partners) {
        const long row = m_partners->InsertItem(m_partners->GetItemCount(),
                                                wxString::FromUTF8(p.partnerId + " " + p.name));
        m_partners->SetItem(row, 1, wxString::FromUTF8(p.share.formatPercent()));
        m_partners->SetItem(row, 2, money(p.cost));
        m_partners->SetItem(row, 3, money(p.externalReceived));
        m_partners->SetItem(row, 4, money(p.residualPart));
    }
}

wxString AllocationView::inputsText() const {
    // Where the problem's numbers came from (awards, key, territory shares), as `allocate
    // --explain` prints them.
    if (m_inputs.empty())
        return {};
    wxString text = "\n\n" + m_workbench.tr("alloc.inputs");
    for (const std::string& note : m_inputs)
        text += wxString::FromUTF8("\n• ") + wxString::FromUTF8(note);
    return text;
}

void AllocationView::explainCell(int row, int column) {
    if (!m_resultA || row < 0 || column < 0)
        return;
    const alloc::Allocation& a = *m_resultA;
    const auto items = static_cast<int>(a.items.size());
    const auto funds = static_cast<int>(a.fundCount());
    wxString text;
    if (row == items) {  // the totals row
        if (column >= kFirstFundColumn && column < kFirstFundColumn + funds) {
            const auto f = static_cast<std::size_t>(column - kFirstFundColumn);
            text = m_workbench.tr("alloc.explain_fund_total",
                                  {wxString::FromUTF8(a.fundNames[f]), money(a.fundTotals[f]),
                                   wxString::FromUTF8(a.fundRates[f].formatPercent())});
        } else {
            text = m_workbench.tr(
                "alloc.explain_totals",
                {money(a.totalCost), money(a.externalTotal), money(a.ownContributionTotal)});
        }
    } else if (row < items) {
        const auto i = static_cast<std::size_t>(row);
        if (column >= kFirstFundColumn && column < kFirstFundColumn + funds) {
            const auto f = static_cast<std::size_t>(column - kFirstFundColumn);
            text = wxString::FromUTF8(a.items[i].id + " × " + a.fundNames[f] + "\n" +
                                      alloc::cellText(a, i, f));
        } else if (column == kFirstFundColumn + funds) {
            text = m_workbench.tr("alloc.explain_rest",
                                  {wxString::FromUTF8(a.items[i].id), money(a.residual[i]),
                                   wxString::FromUTF8(a.items[i].partnerId)});
        } else {
            text = m_workbench.tr(
                "alloc.explain_item",
                {wxString::FromUTF8(a.items[i].id), wxString::FromUTF8(a.items[i].category),
                 wxString::FromUTF8(a.items[i].partnerId), money(a.items[i].amount),
                 m_workbench.tr(a.items[i].eligible ? "alloc.eligible" : "alloc.not_eligible")});
        }
    }
    m_explanation->ChangeValue(text);
}

void AllocationView::attachFunds() {
    Workspace* ws = m_workbench.workspace();
    if (!ws)
        return;
    std::vector<alloc::FundChoice> open;
    wxArrayString names;
    for (const alloc::FundChoice& f : alloc::fundChoices(*ws, m_project))
        if (!f.attached) {
            open.push_back(f);
            names.Add(wxString::FromUTF8(f.code + " — " + f.name));
        }
    if (open.empty()) {
        m_workbench.report(Severity::Info, m_workbench.tr("alloc.all_attached"));
        return;
    }
    const auto chosen =
        m_workbench.prompts().chooseMany(this, m_workbench.tr("alloc.attach_title"), names);
    if (chosen.empty())
        return;
    std::vector<FundId> ids;
    wxString codes;
    for (const int i : chosen) {
        ids.push_back(open[static_cast<std::size_t>(i)].id);
        codes += (codes.empty() ? "" : ", ") +
                 wxString::FromUTF8(open[static_cast<std::size_t>(i)].code);
    }
    const wxString label =
        m_workbench.tr("alloc.attach_step", {codes, wxString::FromUTF8(m_projectCode)});
    if (auto s = alloc::attachFunds(*ws, m_project, ids, label.ToStdString(wxConvUTF8)); !s)
        showError(describe(s.error()));
}

bool AllocationView::onWorkspaceChanged(const ChangeNotice& notice) {
    Workspace* ws = m_workbench.workspace();
    if (!ws || !Repository<Project>(*ws).get(m_project.value))
        return false;
    // Cost items or awards changed (an edit, undo or redo): the shown split is stale; a run
    // takes milliseconds for a project, so it is simply redone.
    if (m_hadResult && !m_job.running())
        run();
    return true;
}

bool AllocationView::canHandleCommand(std::string_view id) const {
    if (id == "document.run" || id == "allocation.attach_funds" || id == "allocation.explain" ||
        id == "allocation.compare")
        return !m_job.running();
    if (id == "document.cancel")
        return m_job.running();
    return false;
}

bool AllocationView::handleCommand(std::string_view id) {
    if (id == "document.run")
        run();
    else if (id == "document.cancel")
        cancel();
    else if (id == "allocation.attach_funds")
        attachFunds();
    else if (id == "allocation.explain") {
        // The keyboard route to an explanation: the grid cursor's cell, focus on the text.
        explainCell(m_gridA->GetGridCursorRow(), m_gridA->GetGridCursorCol());
        m_explanation->SetFocus();
    } else if (id == "allocation.compare") {
        m_compare->SetFocus();
    } else
        return false;
    return true;
}

}  // namespace kk::ui
