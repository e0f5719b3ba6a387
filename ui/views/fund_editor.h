// The fund document: the fund's rules (programme, grantor, type, maximum rate, caps, budget,
// cumulation group, priority, eligible categories, validity) and a grid of its awards with the
// granted total against the budget. Save writes the fund and its awards in one ChangeSet, so one
// undo step takes the whole edit back.
#pragma once

#include "core/model/entities.h"
#include "ui/views/form_document.h"
#include "ui/views/fund_rows.h"

namespace kk::ui {

class FundEditor : public FormDocument {
  public:
    FundEditor(wxWindow* parent, Workbench& workbench, std::int64_t id);

    std::string key() const override;
    wxString title() const override;
    Status save() override;
    bool onWorkspaceChanged(const ChangeNotice& notice) override;

    std::int64_t fundId() const { return m_fund.id.value; }
    RecordGrid& awards() { return *m_awards; }

  protected:
    std::vector<std::string> newRow(RecordGrid& grid, int& focusColumn) const override;
    void retranslateExtra() override;

  private:
    void buildLayout();
    void load(std::int64_t id);
    void updateSummary();
    ProjectLookup projectLookup() const;

    Fund m_fund;
    RecordGrid* m_awards = nullptr;  // owned by this panel
    Signal<>::Connection m_awardsEdited;
};

}  // namespace kk::ui
