// The common frame of the record editors (fund, coalition, indicators): a heading, an error
// line, a form of fields and one or more record grids. It keeps the modified state, shows
// problems at the field or cell, and runs the row commands (rows.add, rows.delete, edit.paste)
// on the grid the user worked in last. The editors load and save; this class holds no model.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <wx/stattext.h>

#include "ui/views/document_area.h"
#include "ui/views/field_form.h"
#include "ui/views/record_grid.h"

namespace kk::ui {

class FormDocument : public DocumentView {
  public:
    FormDocument(wxWindow* parent, Workbench& workbench);

    bool isModified() const override { return m_modified; }
    bool canSave() const override { return true; }
    bool handleCommand(std::string_view commandId) override;
    bool canHandleCommand(std::string_view commandId) const override;
    void retranslate() override;

    FieldForm& form() { return *m_form; }
    /// The message shown under the heading (a refused save says why here).
    wxString errorText() const { return m_error->GetLabel(); }
    /// The grid that rows.add / rows.delete / edit.paste act on.
    RecordGrid* activeGrid() const { return m_active; }

  protected:
    /// "fund:12" for a stored object; "fund:new:3" for a document opened empty (id 0) whose
    /// object the first save creates, numbered so that two new ones stay apart.
    std::string objectKey(std::string_view type, std::int64_t id) const;
    /// Creates a grid child of this panel and tracks it for the row commands.
    RecordGrid* addGrid(std::vector<RecordColumn> columns);
    /// Cells a new row of `grid` starts with, and the column the cursor goes to.
    virtual std::vector<std::string> newRow(RecordGrid& grid, int& focusColumn) const;
    /// Retranslates what the subclass shows beyond form and grids (summaries, heading).
    virtual void retranslateExtra() {}

    void setModified(bool modified);
    void showError(const wxString& text);
    /// Empties the error line (after loading or a successful save).
    void clearError();
    /// Marks the fields with problems, shows the first one and returns it as an Error.
    Error fieldError(const std::vector<FieldProblem>& problems, const std::string& where);
    /// Validates the grids; on problems shows the first one and returns it as an Error.
    std::optional<Error> gridError(const std::string& where);
    /// Stops a cell edit in progress so its text counts.
    void commitCellEdits();
    wxStaticText* sectionLabel(const std::string& key);

    wxStaticText* m_heading = nullptr;  // children owned by this panel (wx parent ownership)
    wxStaticText* m_error = nullptr;
    std::unique_ptr<FieldForm> m_form;
    std::vector<RecordGrid*> m_grids;
    RecordGrid* m_active = nullptr;
    bool m_modified = false;
    bool m_loading = false;
    bool m_saving = false;

  private:
    /// Shows the message for a field problem (again, after a language switch).
    wxString describeField(const FieldProblem& problem) const;

    std::vector<std::pair<wxStaticText*, std::string>> m_sections;
    mutable int m_newNumber = 0;  ///< given by the first objectKey of an unsaved document
    std::optional<FieldProblem> m_fieldProblem;  ///< the refused save's field, if any
    bool m_gridProblem = false;                  ///< the refused save's reason is a grid cell
    std::vector<Signal<>::Connection> m_gridEdits;
};

}  // namespace kk::ui
