// Record editors' common frame: modified state, problems at fields and cells, row commands.
#include "ui/views/form_document.h"

#include <wx/clipbrd.h>
#include <wx/dataobj.h>

#include "ui/app/workbench.h"

namespace kk::ui {

FormDocument::FormDocument(wxWindow* parent, Workbench& workbench)
    : DocumentView(parent, workbench), m_form(std::make_unique<FieldForm>(this, workbench)) {
    m_heading = new wxStaticText(this, wxID_ANY, "");  // owned by this panel
    m_heading->SetFont(m_heading->GetFont().Bold().Scaled(1.3f));
    m_error = new wxStaticText(this, wxID_ANY, "");
    m_error->SetForegroundColour(wxColour(170, 0, 0));
    m_form->onChange = [this] {
        if (!m_loading)
            setModified(true);
    };
}

std::string FormDocument::objectKey(std::string_view type, std::int64_t id) const {
    if (id > 0)
        return std::string(type) + ":" + std::to_string(id);
    static int newDocuments = 0;
    if (m_newNumber == 0)
        m_newNumber = ++newDocuments;
    return std::string(type) + ":new:" + std::to_string(m_newNumber);
}

RecordGrid* FormDocument::addGrid(std::vector<RecordColumn> columns) {
    auto* grid = new RecordGrid(this, m_workbench, std::move(columns));  // owned by this panel
    m_grids.push_back(grid);
    if (!m_active)
        m_active = grid;
    m_gridEdits.push_back(grid->edited.connect([this] {
        if (!m_loading)
            setModified(true);
    }));
    grid->grid().GetGridWindow()->Bind(wxEVT_SET_FOCUS, [this, grid](wxFocusEvent& event) {
        m_active = grid;
        event.Skip();
    });
    return grid;
}

wxStaticText* FormDocument::sectionLabel(const std::string& key) {
    auto* label = new wxStaticText(this, wxID_ANY, m_workbench.tr(key));  // owned by this panel
    label->SetFont(label->GetFont().Bold());
    m_sections.emplace_back(label, key);
    return label;
}

std::vector<std::string> FormDocument::newRow(RecordGrid&, int& focusColumn) const {
    focusColumn = 0;
    return {};
}

void FormDocument::setModified(bool modified) {
    if (m_modified == modified)
        return;
    m_modified = modified;
    stateChanged.emit();
}

void FormDocument::showError(const wxString& text) {
    m_fieldProblem.reset();
    m_gridProblem = false;
    m_error->SetLabel(text);
    m_error->Wrap(std::max(200, GetClientSize().x - 16));
    Layout();
}

void FormDocument::clearError() {
    showError(wxString());
}

Error FormDocument::fieldError(const std::vector<FieldProblem>& problems,
                               const std::string& where) {
    m_form->clearErrors();
    for (auto it = problems.rbegin(); it != problems.rend(); ++it)
        m_form->markError(it->field);  // the first problem's field ends with the focus
    const FieldProblem& p = problems.front();
    const wxString message = describeField(p);
    showError(m_workbench.tr("project.fix_costs", {message}));
    m_fieldProblem = p;
    return makeError("ui.field_invalid", message.ToStdString(wxConvUTF8), where + ", " + p.field,
                     m_workbench.tr("form.hint_fix_fields").ToStdString(wxConvUTF8));
}

wxString FormDocument::describeField(const FieldProblem& p) const {
    const wxString what = p.labelKey.empty()
                              ? wxString::FromUTF8(p.text)
                              : m_workbench.tr(p.labelKey, {wxString::FromUTF8(p.value)});
    return m_workbench.tr("form.problem_at", {m_form->labelOf(p.field), what});
}

std::optional<Error> FormDocument::gridError(const std::string& where) {
    for (RecordGrid* grid : m_grids)
        if (grid->validateAll() > 0) {
            showError(m_workbench.tr("project.fix_costs", {grid->firstProblem()}));
            m_gridProblem = true;
            return makeError("ui.rows_invalid", grid->firstProblem().ToStdString(wxConvUTF8), where,
                             m_workbench.tr("project.hint_fix_cells").ToStdString(wxConvUTF8));
        }
    return std::nullopt;
}

void FormDocument::commitCellEdits() {
    for (RecordGrid* grid : m_grids)
        if (grid->grid().IsCellEditControlEnabled())
            grid->grid().SaveEditControlValue();
}

bool FormDocument::canHandleCommand(std::string_view commandId) const {
    return m_active &&
           (commandId == "rows.add" || commandId == "rows.delete" || commandId == "edit.paste");
}

bool FormDocument::handleCommand(std::string_view commandId) {
    if (!m_active)
        return false;
    if (commandId == "rows.add") {
        int focus = 0;
        const auto cells = newRow(*m_active, focus);
        m_active->addRow(cells, focus);
        return true;
    }
    if (commandId == "rows.delete") {
        m_active->deleteSelectedRows();
        return true;
    }
    if (commandId == "edit.paste") {
        std::string text;
        if (wxTheClipboard->Open()) {
            if (wxTheClipboard->IsSupported(wxDF_UNICODETEXT)) {
                wxTextDataObject data;
                wxTheClipboard->GetData(data);
                text = data.GetText().ToStdString(wxConvUTF8);
            }
            wxTheClipboard->Close();
        }
        if (text.empty()) {
            m_workbench.report(Severity::Warning, m_workbench.tr("cost.paste_empty"));
            return false;
        }
        return m_active->pasteText(text);
    }
    return false;
}

void FormDocument::retranslate() {
    const bool modified = m_modified;
    m_loading = true;
    m_form->retranslate();
    for (auto& [label, key] : m_sections)
        label->SetLabel(m_workbench.tr(key));
    for (RecordGrid* grid : m_grids)
        grid->retranslate();
    retranslateExtra();
    // A refused save's message in the new language (other messages are past events).
    if (m_fieldProblem) {
        const FieldProblem p = *m_fieldProblem;
        showError(m_workbench.tr("project.fix_costs", {describeField(p)}));
        m_fieldProblem = p;
    } else if (m_gridProblem) {
        for (RecordGrid* grid : m_grids)
            if (!grid->firstProblem().empty()) {
                showError(m_workbench.tr("project.fix_costs", {grid->firstProblem()}));
                m_gridProblem = true;
                break;
            }
    }
    m_loading = false;
    m_modified = modified;
    Layout();
}

}  // namespace kk::ui
