// The allocation document of one project: runs a strategy (built-in or Lua) on a background
// thread, shows the matrix cost item × fund with the partners' shares, explains the selected
// cell (CellTrace through cellText()), compares with a second strategy or fund mix side by side,
// and attaches funds to the project as candidate awards.
#pragma once

#include <memory>
#include <set>
#include <string>
#include <vector>

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/gauge.h>
#include <wx/grid.h>
#include <wx/listctrl.h>
#include <wx/splitter.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "core/allocate/allocation.h"
#include "core/model/entities.h"
#include "ui/app/background_job.h"
#include "ui/views/document_area.h"

namespace kk::rules {
class ScriptLibrary;
class TrustStore;
}  // namespace kk::rules

namespace kk::ui {

class AllocationView : public DocumentView {
  public:
    AllocationView(wxWindow* parent, Workbench& workbench, std::int64_t projectId);
    ~AllocationView() override;

    std::string key() const override;
    wxString title() const override;
    bool onWorkspaceChanged(const ChangeNotice& notice) override;
    void retranslate() override;
    bool handleCommand(std::string_view commandId) override;
    bool canHandleCommand(std::string_view commandId) const override;

    /// Starts a run of the chosen strategy (and of the comparison, when one is chosen).
    void run();
    void cancel();
    bool running() const { return m_job.running(); }
    /// Asks which funds to attach and creates candidate awards in one ChangeSet.
    void attachFunds();
    /// Shows the explanation of a matrix cell (row = cost item, column as in the grid).
    void explainCell(int row, int column);

    /// Strategy names offered: built-in ones, then "lua:<script>" for Lua strategies.
    const std::vector<std::string>& strategies() const { return m_strategies; }
    bool selectStrategy(const std::string& name);
    /// "" switches the comparison off.
    bool selectComparison(const std::string& name);
    /// The funds (codes) side B uses; empty: all of them.
    void setComparisonFunds(std::set<std::string> funds);

    const alloc::Allocation* result() const { return m_resultA.get(); }
    const alloc::Allocation* comparison() const { return m_resultB.get(); }
    wxGrid& matrix() { return *m_gridA; }
    wxGrid& comparisonMatrix() { return *m_gridB; }
    wxTextCtrl& explanation() { return *m_explanation; }
    wxListCtrl& partners() { return *m_partners; }
    /// First matrix column that holds a fund (before it: item, partner, amount).
    static constexpr int kFirstFundColumn = 3;

  private:
    /// The mapping's notes on the problem's inputs, for the explanation box.
    wxString inputsText() const;
    void buildLayout();
    void loadStrategies();
    void showResults(std::shared_ptr<alloc::Allocation> a, std::shared_ptr<alloc::Allocation> b);
    void fillMatrix(wxGrid& grid, const alloc::Allocation& a, const alloc::Allocation* other);
    void fillPartners(const alloc::Allocation& a);
    void setRunning(bool running, const wxString& status);
    void showError(const wxString& text);
    std::string comparisonName() const;

    ProjectId m_project;
    std::string m_projectCode;
    std::vector<std::string> m_strategies;
    std::set<std::string> m_fundsB;
    std::vector<std::string> m_inputs;  ///< notes of the last mapped problem
    std::shared_ptr<alloc::Allocation> m_resultA;
    std::shared_ptr<alloc::Allocation> m_resultB;
    std::unique_ptr<rules::TrustStore> m_trust;
    std::unique_ptr<rules::ScriptLibrary> m_library;  ///< outlives the Lua strategies it loads
    int m_runNumber = 0;  ///< a run's result is shown only when no later run or cancel came
    bool m_hadResult = false;
    BackgroundJob m_job;

    // Child windows, owned by this panel (wx parent ownership).
    wxStaticText* m_heading = nullptr;
    wxStaticText* m_strategyLabel = nullptr;
    wxChoice* m_strategy = nullptr;
    wxStaticText* m_compareLabel = nullptr;
    wxChoice* m_compare = nullptr;
    wxButton* m_fundsBButton = nullptr;
    wxButton* m_runButton = nullptr;
    wxButton* m_cancelButton = nullptr;
    wxButton* m_attachButton = nullptr;
    wxGauge* m_gauge = nullptr;
    wxStaticText* m_status = nullptr;
    wxSplitterWindow* m_split = nullptr;
    wxPanel* m_sideA = nullptr;
    wxPanel* m_sideB = nullptr;
    wxStaticText* m_titleA = nullptr;
    wxStaticText* m_titleB = nullptr;
    wxGrid* m_gridA = nullptr;
    wxGrid* m_gridB = nullptr;
    wxTextCtrl* m_comparisonText = nullptr;
    wxStaticText* m_explanationLabel = nullptr;
    wxTextCtrl* m_explanation = nullptr;
    wxStaticText* m_partnersLabel = nullptr;
    wxListCtrl* m_partners = nullptr;
};

}  // namespace kk::ui
