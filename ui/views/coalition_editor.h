// The coalition document: the coalition's fields (purpose, governance, agreement period,
// continuity: who takes over after funding), its members with role, fixed share, mandate and
// membership dates, and the cost-sharing key those shares make, applied by core/allocate so
// the user sees each member's resulting share. Save writes the coalition and its members in one
// ChangeSet (one undo step).
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

  protected:
    std::vector<std::string> newRow(RecordGrid& grid, int& focusColumn) const override;
    void retranslateExtra() override;

  private:
    void buildLayout();
    void load(std::int64_t id);
    void updateKey();
    ActorNameLookup actorLookup() const;

    Coalition m_coalition;
    RecordGrid* m_members = nullptr;  // owned by this panel
    Signal<>::Connection m_membersEdited;
};

}  // namespace kk::ui
