// The coalition document: the coalition's fields (purpose, governance, agreement period,
// continuity: who takes over after funding), its cost-sharing key (criteria and weights), its
// members with role, fixed share, key inputs (population, expected benefit, fiscal capacity),
// floor, cap and maximum contribution, mandate and membership dates, and the shares the key
// gives, applied by core/allocate so the user sees each member's resulting share. Save writes
// the coalition, its members and its key in one ChangeSet (one undo step).
#pragma once

#include "core/model/entities.h"
#include "ui/views/coalition_rows.h"
#include "ui/views/form_document.h"

namespace kk::ui {

class CoalitionEditor : public FormDocument {
  public:
    CoalitionEditor(wxWindow* parent, Workbench& workbench, std::int64_t id);

    std::string key() const override;
    wxString title() const override;
    Status save() override;
    bool onWorkspaceChanged(const ChangeNotice& notice) override;

    std::int64_t coalitionId() const { return m_coalition.id.value; }
    RecordGrid& members() { return *m_members; }
    RecordGrid& criteria() { return *m_criteria; }

  protected:
    std::vector<std::string> newRow(RecordGrid& grid, int& focusColumn) const override;
    void retranslateExtra() override;

  private:
    void buildLayout();
    void load(std::int64_t id);
    void updateKey();
    ActorNameLookup actorLookup() const;

    void updateCriteria();

    Coalition m_coalition;
    RecordGrid* m_criteria = nullptr;  // owned by this panel
    RecordGrid* m_members = nullptr;
    Signal<>::Connection m_membersEdited;
    Signal<>::Connection m_criteriaEdited;
};

}  // namespace kk::ui
